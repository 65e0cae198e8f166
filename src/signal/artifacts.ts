/**
 * Artifact detection and correction for RR series, after Lipponen & Tarvainen (2019).
 *
 * Reference: Lipponen JA, Tarvainen MP. A robust algorithm for heart rate variability time series
 * artefact correction using novel beat classification. J Med Eng Technol 2019;43(3):173–181.
 * doi:10.1080/03091902.2019.1640306
 */
import { SortedWindow, median } from '../stats/descriptive';

/** Why a beat was flagged. `implausible` is an RR outside the physiological range. */
export type ArtifactKind = 'ectopic' | 'missed' | 'extra' | 'long' | 'short' | 'implausible';

/** Every artifact kind, in report order. */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['ectopic', 'missed', 'extra', 'long', 'short', 'implausible'];

/** Named parameters of the detector (defaults from Lipponen & Tarvainen 2019 unless noted). */
export const ARTIFACT_PARAMS = {
  /** Threshold multiplier on the quartile deviation (paper: 5.2). */
  alpha: 5.2,
  /** Beats in the window of the time-varying thresholds, centred (paper: 91). */
  thresholdBeats: 91,
  /** Beats in the running median of RR (paper: 11). */
  medianBeats: 11,
  /** Ectopic decision boundary slope and offset (paper: c1 = 0.13, c2 = 0.17). */
  c1: 0.13,
  c2: 0.17,
  /**
   * Floor of both thresholds, ms. Not in the paper: with very regular RR (or short fixtures) the
   * quartile deviation collapses towards 0 and every ripple would count as an artifact.
   */
  minThresholdMs: 20,
  /** Physiological range of one RR interval, ms; outside it a beat is `implausible`. */
  minRrMs: 250,
  maxRrMs: 2500,
  /**
   * Not in the paper: a flagged beat is set aside only when it also stands out from its own
   * neighbours by more than this share (a spike above or below both, a missed beat above both, the
   * halves of an extra beat below the beats around them). The Task Force definition of NN
   * intervals keeps the smooth swings of strong respiratory sinus arrhythmia, which the paper's
   * thresholds alone can flag when the rest of the series is steady; premature beats, their
   * compensatory pauses and detection errors are 20–100 % off their neighbours.
   */
  minSpikeShare: 0.15,
  /** An interval beyond these multiples of the running median is abnormal whatever its neighbours. */
  farBelowMedian: 0.6,
  farAboveMedian: 1.8,
} as const;

/** What the correction changed, by class. Indices refer to the input series. */
export interface ArtifactReport {
  readonly indices: Readonly<Record<ArtifactKind, readonly number[]>>;
  /** Input beats flagged (an extra beat merges two inputs and counts both). */
  readonly artifactCount: number;
  /** artifactCount / input beats, 0–1 (0 for an empty input). */
  readonly artifactRate: number;
}

/** A corrected NN series with provenance. */
export interface CorrectedRr {
  /** Corrected NN intervals, ms (a split missed beat adds entries, a merged extra beat removes one). */
  readonly nnMs: readonly number[];
  /** For each NN interval, the input index it came from. */
  readonly sourceIndex: readonly number[];
  /** For each NN interval, true when it is not a genuine measured interval (interpolated, split, merged). */
  readonly corrected: readonly boolean[];
  /**
   * pairValid[i] is true when nnMs[i] and nnMs[i + 1] are both genuine and truly consecutive (no
   * gap between them): only such pairs enter RMSSD.
   */
  readonly pairValid: readonly boolean[];
  readonly report: ArtifactReport;
}

export interface CorrectOptions {
  /**
   * breakBefore[i] true: beats are missing just before input beat i (a dropout), so intervals i−1
   * and i are not consecutive. Their difference is neither used as evidence nor paired.
   */
  readonly breakBefore?: readonly boolean[];
}

type Params = typeof ARTIFACT_PARAMS;

/**
 * A quantile-based statistic over a window centred on each index (truncated at the ends), from
 * one sliding sorted window: O(n × width) rather than a sort per index.
 */
function centred(values: readonly number[], width: number, stat: (w: SortedWindow) => number): number[] {
  const half = Math.floor(width / 2);
  const out = new Array<number>(values.length);
  const window = new SortedWindow();
  for (let k = 0; k < Math.min(values.length, half); k += 1) window.insert(values[k]);
  for (let i = 0; i < values.length; i += 1) {
    if (i + half < values.length) window.insert(values[i + half]);
    if (i - half - 1 >= 0) window.remove(values[i - half - 1]);
    out[i] = stat(window);
  }
  return out;
}

/**
 * Classifies each beat of an RR series; `undefined` for a normal beat.
 *
 * Follows Lipponen & Tarvainen (2019): the successive differences dRR and the deviation from an
 * 11-beat median (mRR, doubled when negative) are normalised by time-varying thresholds
 * (5.2 × quartile deviation over 91 beats); a beat whose dRR leaps one way and its neighbour the
 * other way is ectopic; a large deviation that the next beats do not undo is long or short, and
 * long beats that halve to the median are missed beats, short pairs that add up to it extra beats.
 * @param rrMs - RR intervals, ms
 * @returns one entry per input beat
 */
export function detectArtifacts(
  rrMs: readonly number[],
  options: CorrectOptions = {},
  params: Params = ARTIFACT_PARAMS,
): (ArtifactKind | undefined)[] {
  const n = rrMs.length;
  const kinds = new Array<ArtifactKind | undefined>(n).fill(undefined);
  if (n === 0) return kinds;
  const plausible = rrMs.filter((rr) => Number.isFinite(rr) && rr >= params.minRrMs && rr <= params.maxRrMs);
  const fallback = median(plausible) ?? 1000;
  // Implausible values are flagged up front and replaced by the median for the statistics, so
  // one absurd interval does not widen every threshold around it.
  const rr = rrMs.map((value, i) => {
    if (Number.isFinite(value) && value >= params.minRrMs && value <= params.maxRrMs) return value;
    kinds[i] = 'implausible';
    return fallback;
  });
  const gap = (i: number) => options.breakBefore?.[i] === true;
  const drr = rr.map((value, i) => (i === 0 || gap(i) ? 0 : value - rr[i - 1]));
  const qd = (w: SortedWindow) => w.quartileDeviation() ?? 0;
  const th1 = centred(drr.map(Math.abs), params.thresholdBeats, qd).map((q) => Math.max(params.alpha * q, params.minThresholdMs));
  const medRr = centred(rr, params.medianBeats, (w) => w.quantile(0.5) ?? fallback);
  const mrr = rr.map((value, i) => {
    const d = value - medRr[i];
    return d < 0 ? 2 * d : d;
  });
  const th2 = centred(mrr.map(Math.abs), params.thresholdBeats, qd).map((q) => Math.max(params.alpha * q, params.minThresholdMs));
  const dN = drr.map((d, i) => d / th1[i]);
  const mN = mrr.map((m, i) => m / th2[i]);
  for (let i = 0; i < n; i += 1) classifyBeat(i, { rr, dN, mN, medRr, th2 }, kinds, params);
  return kinds;
}

/** The normalised series the classification reads (index-aligned with the RR series). */
export interface ClassifierSeries {
  /** RR, ms (implausible values already replaced). */
  readonly rr: readonly number[];
  /** dRR / threshold 1. */
  readonly dN: readonly number[];
  /** mRR / threshold 2. */
  readonly mN: readonly number[];
  /** Running median of RR, ms. */
  readonly medRr: readonly number[];
  /** Threshold 2, ms. */
  readonly th2: readonly number[];
}

/** dN[k] inside the series' first n beats, 0 outside them. */
function dNAt(dN: readonly number[], k: number, n: number): number {
  return k >= 0 && k < n ? dN[k] : 0;
}

/**
 * Classifies beat i (and possibly i + 1) of normalised series into `kinds`, the decision rules of
 * Lipponen & Tarvainen (2019). Shared by the batch {@link detectArtifacts} and the streaming
 * detector, so both apply the same rules. Reads up to i + 3.
 */
export function classifyBeat(
  i: number,
  { rr, dN, mN, medRr, th2 }: ClassifierSeries,
  kinds: (ArtifactKind | undefined)[],
  params: Params = ARTIFACT_PARAMS,
): void {
  const n = rr.length;
  if (kinds[i] !== undefined) return;
  const d = dN[i];
  // S12: for a rise, the larger neighbour (an ectopic compensatory pause is flanked by falls on
  // both sides); for a fall, the smaller one. S22: the next two, checking the leap is not undone.
  const s = d > 0 ? Math.max(dNAt(dN, i - 1, n), dNAt(dN, i + 1, n)) : Math.min(dNAt(dN, i - 1, n), dNAt(dN, i + 1, n));
  if ((d > 1 && s < -params.c1 * d - params.c2) || (d < -1 && s > -params.c1 * d + params.c2)) {
    if (abnormal(i, { rr, dN, medRr }, params)) kinds[i] = 'ectopic';
    return;
  }
  if (!(Math.abs(d) > 1 || Math.abs(mN[i]) > 3)) return;
  // Only beats that leap or sit far from the median come this far (a few per hundred).
  const at = (k: number) => dNAt(dN, k, n);
  const s22 = (k: number) => (dN[k] >= 0 ? Math.min(at(k + 1), at(k + 2)) : Math.max(at(k + 1), at(k + 2)));
  const candidates = [i];
  if (i + 2 < n && Math.abs(at(i + 1)) < Math.abs(at(i + 2))) candidates.push(i + 1);
  for (const j of candidates) {
    if (kinds[j] !== undefined) continue;
    const isLong = dN[j] > 1 && s22(j) < -1;
    const isShort = dN[j] < -1 && s22(j) > 1;
    const farFromMedian = Math.abs(mN[j]) > 3;
    if (!isLong && !isShort && !farFromMedian) continue;
    const halves = Math.abs(rr[j] / 2 - medRr[j]) < th2[j];
    const sumsUp = j + 1 < n && Math.abs(rr[j] + rr[j + 1] - medRr[j]) < th2[j];
    if (isShort && sumsUp) {
      if (
        splitStandsOut(rr, j, params.minSpikeShare) ||
        (abnormal(j, { rr, dN, medRr }, params) && abnormal(j + 1, { rr, dN, medRr }, params))
      ) {
        kinds[j] = 'extra';
        kinds[j + 1] = 'extra';
      }
    } else if (!abnormal(j, { rr, dN, medRr }, params)) {
      continue;
    } else if (isLong && halves) {
      kinds[j] = 'missed';
    } else {
      kinds[j] = rr[j] > medRr[j] ? 'long' : 'short';
    }
  }
}

/**
 * The confirmation of a flagged beat, after the Task Force definition of NN intervals (premature
 * beats and their compensatory pauses are not normal; the smooth swings of sinus rhythm are):
 * - it stands out from its neighbours ({@link standsOut}) or is far from the running median;
 * - it is a premature beat: a drop beyond threshold 1 (dN < −1) followed within two intervals by a
 *   pause longer than the interval before the drop; or that beat's compensatory pause;
 * - it is half of a misplaced beat: a long and a short interval, either order, across a leap beyond
 *   three times threshold 1, that together last two running-median cycles (within a quarter of their difference);
 * - it is off the median by more than `minSpikeShare` within two beats of a beat that stands out
 *   (the transitional beats of a run of premature beats or detection errors).
 */
function abnormal(k: number, { rr, dN, medRr }: Pick<ClassifierSeries, 'rr' | 'dN' | 'medRr'>, params: Params): boolean {
  const n = rr.length;
  const clearly = (j: number): boolean =>
    j >= 0 &&
    j < n &&
    (standsOut(rr, j, params.minSpikeShare) || rr[j] < params.farBelowMedian * medRr[j] || rr[j] > params.farAboveMedian * medRr[j]);
  const premature = (j: number): boolean =>
    j >= 1 && j < n && dN[j] < -1 && ((j + 1 < n && rr[j + 1] > rr[j - 1]) || (j + 2 < n && rr[j + 2] > rr[j - 1]));
  const misplaced = (j: number): boolean =>
    j >= 0 &&
    j + 1 < n &&
    Math.abs(dN[j + 1]) > 3 &&
    (rr[j] - medRr[j]) * (rr[j + 1] - medRr[j + 1]) < 0 &&
    Math.abs(rr[j] + rr[j + 1] - medRr[j] - medRr[j + 1]) < 0.25 * Math.abs(rr[j] - rr[j + 1]);
  if (clearly(k) || premature(k) || misplaced(k - 1) || misplaced(k)) return true;
  if ((premature(k - 1) && rr[k] > rr[k - 2]) || (premature(k - 2) && rr[k] > rr[k - 3])) return true;
  if (!(Math.abs(rr[k] - medRr[k]) > params.minSpikeShare * medRr[k])) return false;
  return clearly(k - 2) || clearly(k - 1) || clearly(k + 1) || clearly(k + 2);
}

/**
 * True when rr[k] is above both of its neighbours, or below both, by more than `share` of each
 * (with one neighbour at the ends of the series, that one). A smooth swing — rising into a long
 * interval that the next beat keeps — does not stand out.
 */
export function standsOut(rr: readonly number[], k: number, share: number): boolean {
  const neighbours = [rr[k - 1], rr[k + 1]].filter((v): v is number => v !== undefined);
  if (neighbours.length === 0) return false;
  return neighbours.every((v) => rr[k] > v * (1 + share)) || neighbours.every((v) => rr[k] < v * (1 - share));
}

/** True when both halves of a suspected extra beat (k, k + 1) are shorter than the beats around the pair. */
function splitStandsOut(rr: readonly number[], k: number, share: number): boolean {
  const before = rr[k - 1];
  const after = rr[k + 2];
  const shortPart = Math.max(rr[k], rr[k + 1]);
  const around = [before, after].filter((v): v is number => v !== undefined);
  return around.length > 0 && around.every((v) => shortPart < v * (1 - share));
}

/**
 * Detects artifacts ({@link detectArtifacts}) and corrects them: missed beats are split into equal
 * parts, extra beats merged with their neighbour, ectopic, long, short and implausible beats
 * replaced by linear interpolation between the nearest genuine beats. Corrected intervals keep
 * the series usable for heart rate and breathing; they never form an RMSSD pair (`pairValid`).
 *
 * Edge cases: an empty input gives empty outputs and artifactRate 0. A series with no genuine beat
 * at all is replaced by nothing (nnMs empty) — there is nothing to interpolate from.
 * Limitations: the thresholds need a few dozen beats to be meaningful; on very short inputs the
 * 20 ms threshold floor dominates.
 * @param rrMs - RR intervals, ms
 */
export function correctArtifacts(rrMs: readonly number[], options: CorrectOptions = {}): CorrectedRr {
  const params = ARTIFACT_PARAMS;
  const n = rrMs.length;
  const kinds = detectArtifacts(rrMs, options);
  const genuine = kinds.map((k) => k === undefined);
  const genuineIdx = genuine.flatMap((g, i) => (g ? [i] : []));
  const nnMs: number[] = [];
  const sourceIndex: number[] = [];
  const corrected: boolean[] = [];
  const breakAfterOut: boolean[] = [];
  const push = (value: number, src: number, isCorrected: boolean) => {
    nnMs.push(value);
    sourceIndex.push(src);
    corrected.push(isCorrected);
    breakAfterOut.push(options.breakBefore?.[src] === true);
  };
  // Linear interpolation over the index between the nearest genuine beats on either side.
  let cursor = 0;
  const interpolate = (i: number): number | undefined => {
    while (cursor < genuineIdx.length && genuineIdx[cursor] < i) cursor += 1;
    const right = genuineIdx[cursor];
    const left = genuineIdx[cursor - 1];
    if (left === undefined && right === undefined) return undefined;
    if (left === undefined) return rrMs[right];
    if (right === undefined) return rrMs[left];
    return rrMs[left] + ((rrMs[right] - rrMs[left]) * (i - left)) / (right - left);
  };
  for (let i = 0; i < n; i += 1) {
    const kind = kinds[i];
    const value = rrMs[i];
    if (kind === undefined) {
      push(value, i, false);
      continue;
    }
    const local = interpolate(i);
    if (local === undefined) continue;
    if (kind === 'extra' && i + 1 < n && kinds[i + 1] === 'extra') {
      push(value + rrMs[i + 1], i, true);
      i += 1;
      continue;
    }
    const parts = Math.round(value / local);
    if (
      (kind === 'missed' || (kind === 'implausible' && value > params.maxRrMs)) &&
      parts >= 2 &&
      parts <= 4 &&
      Math.abs(value / parts - local) < 0.25 * local
    ) {
      for (let p = 0; p < parts; p += 1) push(value / parts, i, true);
      continue;
    }
    push(local, i, true);
  }
  const pairValid = nnMs
    .slice(0, -1)
    .map((_, i) => !corrected[i] && !corrected[i + 1] && !(breakAfterOut[i + 1] && sourceIndex[i + 1] !== sourceIndex[i]));
  const indices = Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, [] as number[]])) as Record<ArtifactKind, number[]>;
  kinds.forEach((k, i) => {
    if (k !== undefined) indices[k].push(i);
  });
  const artifactCount = n - genuineIdx.length;
  return {
    nnMs,
    sourceIndex,
    corrected,
    pairValid,
    report: { indices, artifactCount, artifactRate: n === 0 ? 0 : artifactCount / n },
  };
}

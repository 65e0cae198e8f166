/**
 * Accuracy evaluation shared by the accuracy benchmark and its tests: window metrics against
 * reference windows (recordings with measured breathing) and against the simulator's truth.
 */
import type { ArtifactRates, DropoutOptions, PhysiologyParams, RhythmDisturbance } from '../sim/simulator';
import { simulateRr } from '../sim/simulator';
import { correctArtifacts } from '../signal/artifacts';
import { breathingDetail } from '../signal/breathing';
import { welchBreathingRate } from '../signal/breathing-welch';
import { rmssdMs } from '../signal/rmssd';
import { quantile } from '../stats/descriptive';
import type { Beat } from '../signal/types';
import { computeWindowMetrics } from '../signal/window-metrics';

/** A recording with reference windows (shape of tests/recordings.ts). */
export interface ReferenceRecording {
  readonly name: string;
  /** Source group (`neurokit`, `physio`, `bidmc`, `cinc2015`); reports pool by it. */
  readonly group?: string;
  readonly tSec: readonly number[];
  readonly rrMs: readonly number[];
  readonly truth: readonly {
    startSec: number;
    endSec: number;
    breathsPerMin: number;
    rmssdMs?: number;
    /** Share of the window's intervals the RMSSD reference left out as not NN, 0–1. */
    notNnShare?: number;
  }[];
}

/** Breathing accuracy of one method over a set of windows. */
export interface BreathingScore {
  readonly windows: number;
  /** Windows with an estimate. */
  readonly estimated: number;
  /** Mean absolute error over estimated windows, breaths/min (null with none). */
  readonly maeBreathsPerMin: number | null;
  /** Share of ALL windows estimated within ±2 breaths/min. */
  readonly within2Share: number;
  readonly estimatedShare: number;
  /** Largest absolute error among estimated windows, breaths/min (null with none). */
  readonly worstErrorPerMin: number | null;
  /** Estimated windows off by more than 3 breaths/min. */
  readonly offBy3: number;
}

/** RMSSD against the reference over the clean windows (at most {@link CLEAN_NOT_NN} not NN). */
export interface RmssdScore {
  readonly windows: number;
  /** Clean windows where ours is null (irregular rhythm, too few pairs). */
  readonly missing: number;
  /** Median and 90th percentile of |ours / reference − 1| over clean windows with both, 0–1. */
  readonly medianRelError: number | null;
  readonly p90RelError: number | null;
}

/** Scores of one recording or of all together. */
export interface AccuracyReport {
  readonly name: string;
  /** The app's estimate: spectral peak and counting fused with an agreement check. */
  readonly ours: BreathingScore;
  /** The plain Welch-peak baseline (README of the recordings). */
  readonly welch: BreathingScore;
  /** Ours, counting only estimates with confidence ≥ {@link CONFIDENT} (what the readiness gate uses). */
  readonly confident: BreathingScore;
  /** Our spectral step alone (band-limited periodogram, highest peak). */
  readonly spectral: BreathingScore;
  /** Schäfer & Kratky advanced counting alone. */
  readonly counted: BreathingScore;
  /** Mean absolute relative RMSSD error vs the reference, 0–1 (null without reference RMSSD). */
  readonly rmssdRelError: number | null;
  readonly rmssdAbsErrorMs: number | null;
  /** RMSSD on the clean windows only (the reference's NN flags; absent without them). */
  readonly rmssdClean: RmssdScore;
  /** Windows whose rhythm was called irregular (HRV and breathing not given). */
  readonly irregular: number;
}

/** A window counts as clean for RMSSD when at most this share of its intervals is not NN. */
export const CLEAN_NOT_NN = 0.02;

/** Confidence from which the readiness gate uses a breathing estimate (READINESS_PARAMS). */
export const CONFIDENT = 0.5;

/** One evaluated window, kept for curves across confidence cut-offs. */
export interface WindowResult {
  truth: number;
  notNnShare: number | null;
  irregular: boolean;
  ours: number | null;
  oursConfidence: number;
  welch: number | null;
  spectral: number | null;
  counted: number | null;
  rmssdRef: number | null;
  rmssd: number | null;
}

function score(results: readonly WindowResult[], pick: (r: WindowResult) => number | null): BreathingScore {
  const estimated = results.filter((r) => pick(r) !== null);
  const errors = estimated.map((r) => Math.abs((pick(r) as number) - r.truth));
  return {
    windows: results.length,
    estimated: estimated.length,
    maeBreathsPerMin: errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : null,
    within2Share: results.length > 0 ? errors.filter((e) => e <= 2).length / results.length : 0,
    estimatedShare: results.length > 0 ? estimated.length / results.length : 0,
    worstErrorPerMin: errors.length > 0 ? Math.max(...errors) : null,
    offBy3: errors.filter((e) => e > 3).length,
  };
}

function rmssdClean(results: readonly WindowResult[]): RmssdScore {
  const clean = results.filter((r) => r.notNnShare !== null && r.notNnShare <= CLEAN_NOT_NN && r.rmssdRef !== null);
  const rel = clean.filter((r) => r.rmssd !== null).map((r) => Math.abs((r.rmssd as number) / (r.rmssdRef as number) - 1));
  return {
    windows: clean.length,
    missing: clean.length - rel.length,
    medianRelError: quantile(rel, 0.5) ?? null,
    p90RelError: quantile(rel, 0.9) ?? null,
  };
}

/** Scores a set of evaluated windows. */
export function report(name: string, results: readonly WindowResult[]): AccuracyReport {
  const withRef = results.filter((r) => r.rmssdRef !== null && r.rmssd !== null);
  const rel = withRef.map((r) => Math.abs((r.rmssd as number) - (r.rmssdRef as number)) / (r.rmssdRef as number));
  const abs = withRef.map((r) => Math.abs((r.rmssd as number) - (r.rmssdRef as number)));
  const avg = (v: number[]) => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null);
  return {
    name,
    ours: score(results, (r) => r.ours),
    welch: score(results, (r) => r.welch),
    confident: score(results, (r) => (r.oursConfidence >= CONFIDENT ? r.ours : null)),
    spectral: score(results, (r) => r.spectral),
    counted: score(results, (r) => r.counted),
    rmssdRelError: avg(rel),
    rmssdAbsErrorMs: avg(abs),
    rmssdClean: rmssdClean(results),
    irregular: results.filter((r) => r.irregular).length,
  };
}

/** One point of the confidence trade-off: what a cut-off at `minConfidence` keeps and how right it is. */
export interface ConfidencePoint {
  readonly minConfidence: number;
  /** Share of all windows with an estimate at or above the cut-off. */
  readonly share: number;
  readonly count: number;
  readonly maeBreathsPerMin: number | null;
  readonly worstErrorPerMin: number | null;
}

/** The confidence curve: for each cut-off, coverage against MAE and worst error above it. */
export function confidenceCurve(
  results: readonly WindowResult[],
  cutoffs: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
): ConfidencePoint[] {
  return cutoffs.map((c) => {
    const s = score(results, (r) => (r.ours !== null && r.oursConfidence >= c ? r.ours : null));
    return {
      minConfidence: c,
      share: s.estimatedShare,
      count: s.estimated,
      maeBreathsPerMin: s.maeBreathsPerMin,
      worstErrorPerMin: s.worstErrorPerMin,
    };
  });
}

function windowResults(beats: readonly Beat[], truth: ReferenceRecording['truth']): WindowResult[] {
  return truth.map((w) => {
    const inWindow = beats.filter((b) => b.tSec > w.startSec && b.tSec <= w.endSec);
    const m = computeWindowMetrics(beats, w.startSec, w.endSec);
    const corrected = correctArtifacts(inWindow.map((b) => b.rrMs as number));
    let t = inWindow[0]?.tSec ?? 0;
    const times = corrected.nnMs.map((nn, i) => (i === 0 ? t : (t += nn / 1000)));
    const detail = breathingDetail(times, corrected.nnMs);
    return {
      spectral: detail.spectralPerMin,
      counted: detail.countedPerMin,
      truth: w.breathsPerMin,
      notNnShare: w.notNnShare ?? null,
      irregular: (m.irregular ?? null) !== null,
      ours: m.breathsPerMin,
      oursConfidence: m.breathingConfidence,
      welch:
        welchBreathingRate(
          inWindow.map((b) => b.tSec),
          inWindow.map((b) => b.rrMs as number),
        ) ?? null,
      rmssdRef: w.rmssdMs ?? null,
      rmssd: m.rmssdMs,
    };
  });
}

const toBeats = (tSec: readonly number[], rrMs: readonly number[], afterGap?: readonly boolean[]): Beat[] =>
  tSec.map((t, i) => ({ tSec: t, rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: afterGap?.[i] ?? false }));

/** Evaluated windows of one recording. */
export interface RecordingWindows {
  readonly name: string;
  readonly group: string;
  readonly windows: readonly WindowResult[];
}

/** Evaluates every reference window of every recording. */
export function evaluateRecordingWindows(recordings: readonly ReferenceRecording[]): RecordingWindows[] {
  return recordings.map((r) => ({ name: r.name, group: r.group ?? r.name, windows: windowResults(toBeats(r.tSec, r.rrMs), r.truth) }));
}

/**
 * Scores each recording, each source group (`group:NAME`) and all of them pooled (the last
 * report, named "all").
 */
export function evaluateRecordings(recordings: readonly ReferenceRecording[]): AccuracyReport[] {
  return reportRecordings(evaluateRecordingWindows(recordings));
}

/** {@link evaluateRecordings} from windows already evaluated ({@link evaluateRecordingWindows}). */
export function reportRecordings(evaluated: readonly RecordingWindows[]): AccuracyReport[] {
  const groups = [...new Set(evaluated.map((r) => r.group))];
  return [
    ...evaluated.map((r) => report(r.name, r.windows)),
    ...groups.map((g) =>
      report(
        `group:${g}`,
        evaluated.filter((r) => r.group === g).flatMap((r) => r.windows),
      ),
    ),
    report(
      'all',
      evaluated.flatMap((r) => r.windows),
    ),
  ];
}

/** A simulated condition: constant physiology over several seeds. */
export interface SimulatedCondition {
  readonly name: string;
  readonly physiology: PhysiologyParams;
  readonly seeds?: readonly number[];
  readonly durationSec?: number;
  readonly artifacts?: ArtifactRates;
  readonly dropouts?: DropoutOptions;
  /** RR resolution of the simulated device, ms (default the strap's 1000/1024). */
  readonly resolutionMs?: number;
  /** Rhythm disturbances beyond single artifacts (runs of ectopy, AF-like irregularity). */
  readonly rhythm?: RhythmDisturbance;
}

/**
 * Evaluated windows of a simulated condition: 60 s windows stepped 30 s, truth = the simulator's
 * mean breathing rate over each window's beats.
 */
export function evaluateSimulatedWindows(condition: SimulatedCondition): WindowResult[] {
  const results: WindowResult[] = [];
  const durationSec = condition.durationSec ?? 600;
  for (const seed of condition.seeds ?? [1, 2, 3, 4, 5]) {
    const sim = simulateRr({
      durationSec,
      seed,
      physiology: condition.physiology,
      ...(condition.artifacts ? { artifacts: condition.artifacts } : {}),
      ...(condition.dropouts ? { dropouts: condition.dropouts } : {}),
      ...(condition.resolutionMs !== undefined ? { resolutionMs: condition.resolutionMs } : {}),
      ...(condition.rhythm ? { rhythm: condition.rhythm } : {}),
    });
    const truth = [];
    for (let start = 0; start + 60 <= durationSec; start += 30) {
      const idx = sim.tSec.flatMap((t, i) => (t > start && t <= start + 60 ? [i] : []));
      const rates = idx.map((i) => sim.breathsPerMin[i]);
      truth.push({ startSec: start, endSec: start + 60, breathsPerMin: rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length) });
    }
    results.push(...windowResults(toBeats(sim.tSec, sim.rrMs, sim.afterGap), truth));
  }
  return results;
}

/** Scores breathing on a simulated condition ({@link evaluateSimulatedWindows}). */
export function evaluateSimulated(condition: SimulatedCondition): AccuracyReport {
  return report(condition.name, evaluateSimulatedWindows(condition));
}

/**
 * A patient at 123 bpm whose RSA is barely above a strap's resolution: ±1.2 ms at 18/min, Mayer
 * waves ±0.5 ms, slow drift 2 ms; RMSSD ≈ 1.3 ms with the strap's rounding.
 */
export const TINY_RSA: PhysiologyParams = {
  hrBpm: 123,
  breathsPerMin: 18,
  rmssdMs: 1.3,
  rsaAmplitudeMs: 1.2,
  mayerAmplitudeMs: 0.5,
  driftSdMs: 2,
};

/**
 * The simulator's hard cases for breathing from RR (issue "signal trust"): each must give no
 * estimate at confidence ≥ {@link CONFIDENT} that is off by more than 3 breaths/min.
 */
export const HARD_CASES: readonly SimulatedCondition[] = [
  { name: 'tiny RSA at high HR: 123 bpm, RSA ±1.2 ms, RMSSD ≈ 1.3 ms, 18/min', physiology: TINY_RSA },
  { name: 'the same, RR quantised to 8 ms', physiology: TINY_RSA, resolutionMs: 8 },
  { name: 'the same, asymmetric RSA (2nd harmonic 0.8), 8 ms', physiology: { ...TINY_RSA, rsaHarmonic: 0.8 }, resolutionMs: 8 },
  {
    name: 'asymmetric RSA (2nd harmonic 0.8), 123 bpm, RSA ±2 ms, 18/min',
    physiology: { ...TINY_RSA, rsaAmplitudeMs: 2, rsaHarmonic: 0.8 },
  },
  {
    name: 'asymmetric RSA (2nd harmonic 0.8), 100 bpm, RMSSD 4 ms, 16/min',
    physiology: { hrBpm: 100, breathsPerMin: 16, rmssdMs: 4, rsaHarmonic: 0.8 },
  },
  { name: 'heart rate under 2.5× breathing: 60 bpm, 28/min', physiology: { hrBpm: 60, breathsPerMin: 28, rmssdMs: 30 } },
  { name: 'normal 15/min, RR quantised to 8 ms', physiology: { hrBpm: 72, breathsPerMin: 15 }, resolutionMs: 8 },
  {
    name: 'runs of ectopy (1/min, 6 beats), 72 bpm, 15/min',
    physiology: { hrBpm: 72, breathsPerMin: 15 },
    rhythm: { ectopicRunsPerMin: 1 },
  },
  { name: 'AF-like irregularity (CV 15 %), 90 bpm', physiology: { hrBpm: 90, breathsPerMin: 16 }, rhythm: { afCv: 0.15 } },
];

/** RMSSD with injected artifacts: clean, corrected and uncorrected, per seed. */
export interface ArtifactTrial {
  readonly seed: number;
  readonly artifactShare: number;
  readonly cleanMs: number;
  readonly correctedMs: number;
  readonly uncorrectedMs: number;
}

/**
 * Simulates 10 minutes twice with the same seed — clean, and with about `share` of beats made
 * artifacts (ectopic pairs, missed and extra beats at equal event rates; an ectopic pair and an
 * extra beat touch two delivered intervals, a missed beat one, so the per-kind rate is share / 5)
 * — and compares RMSSD.
 */
export function artifactTrials(share = 0.03, seeds: readonly number[] = [1, 2, 3, 4, 5], hrBpm = 68): ArtifactTrial[] {
  return seeds.map((seed) => {
    const physiology = { hrBpm, breathsPerMin: 12 };
    const clean = simulateRr({ durationSec: 600, seed, physiology });
    const each = share / 5;
    const dirty = simulateRr({ durationSec: 600, seed, physiology, artifacts: { ectopic: each, missed: each, extra: each } });
    const corrected = correctArtifacts(dirty.rrMs, { breakBefore: dirty.afterGap });
    return {
      seed,
      artifactShare: dirty.artifact.filter((a) => a !== null).length / dirty.rrMs.length,
      cleanMs: rmssdMs(clean.rrMs) as number,
      correctedMs: rmssdMs(corrected.nnMs, corrected.pairValid) as number,
      uncorrectedMs: rmssdMs(dirty.rrMs) as number,
    };
  });
}

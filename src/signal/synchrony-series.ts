/**
 * The series heart-rate synchrony correlates: each partner's heart rate evenly resampled from
 * beats or heart-rate-only samples, prewhitened and band-passed to the slow fluctuations of
 * autonomic arousal (docs/together.md, Co-regulation, steps 1–3). Pure; no clock.
 */

import type { Beat } from './types';

/** Named parameters of the series (see {@link SYNC_PARAMS} in synchrony.ts, which includes them). */
export const SERIES_PARAMS = {
  /** Resampling rate of the heart-rate series, Hz. */
  fsHz: 1,
  /** Band of the slow heart-rate fluctuations correlated, Hz. */
  lowHz: 0.03,
  highHz: 0.15,
  /**
   * Half-width of the notch at a running pacer's rate, Hz: two people breathing with one pacer
   * share that rhythm by construction, which says nothing about each other, so it is taken out
   * and the remaining slow fluctuations are compared.
   */
  notchHalfWidthHz: 0.015,
  /**
   * Order of the autoregressive prewhitening model (10 s at 1 Hz, long enough to model a 0.1 Hz
   * Mayer wave). Without it each partner's own Mayer wave matched the other's at some lag in
   * nearly every window, and independent simulated partners were claimed linked far too often
   * (docs/together.md).
   */
  prewhitenOrder: 10,
  /** RR intervals outside this range are not heartbeats, ms. */
  minRrMs: 300,
  maxRrMs: 2000,
  /** An RR interval further than this share from its neighbours' median is left out (artifact). */
  maxDeviationShare: 0.25,
  /** Longest stretch without a beat that is bridged by interpolation, seconds. */
  maxGapSec: 5,
  /** Beats must cover at least this share of the span. */
  minCoverage: 0.9,
} as const;

/** Inserts v into the first `count` values of `sorted` (ascending) and returns the new count. */
function insertSorted(sorted: Float64Array, count: number, v: number): number {
  let at = count;
  while (at > 0 && sorted[at - 1] > v) {
    sorted[at] = sorted[at - 1];
    at -= 1;
  }
  sorted[at] = v;
  return count + 1;
}

/**
 * One partner's heart rate, evenly resampled at fsHz over [t0Sec, t0Sec + (count − 1) / fsHz],
 * or undefined when the beats do not cover it (gap longer than maxGapSec, too little coverage).
 * Exported for the benchmark's simulated series.
 */
export function evenHeartRate(beats: readonly Beat[], t0Sec: number, count: number, fsHz: number): Float64Array | undefined {
  const p = SERIES_PARAMS;
  const endSec = t0Sec + (count - 1) / fsHz;
  // Beats from just before t0 to just after the end (one on each side for interpolation).
  let from = beats.length;
  while (from > 0 && beats[from - 1].tSec > t0Sec - p.maxGapSec) from -= 1;
  const times: number[] = [];
  const rates: number[] = [];
  // RR runs are artifact-corrected in one pass; heart-rate-only samples are taken as sent.
  const rrIndex: number[] = [];
  const rr: number[] = [];
  const breakBefore: boolean[] = [];
  for (let i = from; i < beats.length && beats[i].tSec <= endSec + p.maxGapSec; i += 1) {
    const beat = beats[i];
    if (!Number.isFinite(beat.tSec)) continue;
    if (beat.rrMs !== null && Number.isFinite(beat.rrMs) && beat.rrMs > 0) {
      breakBefore.push(rr.length > 0 && (beat.afterGap || rrIndex[rrIndex.length - 1] !== i - 1));
      rrIndex.push(i);
      rr.push(beat.rrMs);
    } else if (Number.isFinite(beat.hrBpm) && beat.hrBpm > 0) {
      times.push(beat.tSec);
      rates.push(beat.hrBpm);
    }
  }
  // Artifacts (missed, extra, ectopic beats) are left out rather than corrected: an interval more
  // than 25 % from the median of its neighbours (±4 beats, within an unbroken run) is skipped and
  // the interpolation bridges it. Far cheaper than full correction on 512 s every 5 s, and a heart
  // rate needs no more. The neighbours are kept sorted by insertion (at most 8 values).
  const neighbours = new Float64Array(8);
  for (let k = 0; k < rr.length; k += 1) {
    const value = rr[k];
    if (value < p.minRrMs || value > p.maxRrMs) continue;
    let count = 0;
    for (let j = k - 1; j >= Math.max(0, k - 4) && !breakBefore[j + 1]; j -= 1) count = insertSorted(neighbours, count, rr[j]);
    for (let j = k + 1; j <= Math.min(rr.length - 1, k + 4) && !breakBefore[j]; j += 1) count = insertSorted(neighbours, count, rr[j]);
    if (count >= 2) {
      const middle = count >> 1;
      const median = count % 2 === 1 ? neighbours[middle] : (neighbours[middle - 1] + neighbours[middle]) / 2;
      if (Math.abs(value - median) > p.maxDeviationShare * median) continue;
    }
    times.push(beats[rrIndex[k]].tSec);
    rates.push(60_000 / value);
  }
  if (times.length < 2) return undefined;
  if (rrIndex.length > 0 && times.length > rrIndex.length) {
    // Mixed sources in one span: put the points in time order.
    const order = times.map((_, i) => i).sort((x, y) => times[x] - times[y]);
    const t = order.map((i) => times[i]);
    const r = order.map((i) => rates[i]);
    times.splice(0, times.length, ...t);
    rates.splice(0, rates.length, ...r);
  }
  if (times[0] > t0Sec + p.maxGapSec || times[times.length - 1] < endSec - p.maxGapSec) return undefined;
  let covered = 0;
  for (let i = 1; i < times.length; i += 1) {
    const gap = times[i] - times[i - 1];
    if (gap > p.maxGapSec && times[i] > t0Sec && times[i - 1] < endSec) return undefined;
    covered += Math.max(0, Math.min(times[i], endSec) - Math.max(times[i - 1], t0Sec));
  }
  if (covered < p.minCoverage * (endSec - t0Sec)) return undefined;
  const out = new Float64Array(count);
  let k = 0;
  for (let s = 0; s < count; s += 1) {
    const t = t0Sec + s / fsHz;
    while (k < times.length - 2 && times[k + 1] < t) k += 1;
    if (t <= times[0]) out[s] = rates[0];
    else if (t >= times[times.length - 1]) out[s] = rates[rates.length - 1];
    else {
      const span = times[k + 1] - times[k];
      out[s] = span > 0 ? rates[k] + ((rates[k + 1] - rates[k]) * (t - times[k])) / span : rates[k];
    }
  }
  return out;
}

/** One second-order section (biquad), coefficients normalised by a0. */
interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/**
 * Biquad coefficients by the bilinear transform (the "Audio EQ Cookbook" forms, R. Bristow-Johnson):
 * low-pass, high-pass or notch at f0Hz with quality q.
 */
function biquad(kind: 'low' | 'high' | 'notch', f0Hz: number, q: number, fsHz: number): Biquad {
  const w0 = (2 * Math.PI * f0Hz) / fsHz;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const [b0, b1, b2] =
    kind === 'low'
      ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2]
      : kind === 'high'
        ? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        : [1, -2 * cos, 1];
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Runs a biquad forwards over a series in place (direct form I, zero initial state). */
function runBiquad(values: Float64Array, f: Biquad): void {
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < values.length; i += 1) {
    const x = values[i];
    const y = f.b0 * x + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    values[i] = y;
  }
}

/**
 * Prewhitening (Box & Jenkins 1970; Dean & Dunsmuir 2016, Behav Res Methods 48:783–802): the
 * residuals of an autoregressive model of the series (order `order`, Yule–Walker equations solved
 * by Levinson–Durbin recursion). A rhythm that dominates one partner's series alone, such as a
 * Mayer wave near 0.1 Hz, no longer makes every shift of the other partner look alike; what two
 * series share beyond their own rhythms survives.
 */
function prewhiten(values: Float64Array, order: number): Float64Array {
  const n = values.length;
  if (n <= 2 * order) return values;
  let m = 0;
  for (const v of values) m += v;
  m /= n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i += 1) x[i] = values[i] - m;
  const r = new Float64Array(order + 1);
  for (let k = 0; k <= order; k += 1) {
    let sum = 0;
    for (let i = k; i < n; i += 1) sum += x[i] * x[i - k];
    r[k] = sum / n;
  }
  if (!(r[0] > 0)) return x;
  // Levinson–Durbin.
  let phi = new Float64Array(order + 1);
  let error = r[0];
  for (let k = 1; k <= order; k += 1) {
    let acc = r[k];
    for (let j = 1; j < k; j += 1) acc -= phi[j] * r[k - j];
    const reflection = acc / error;
    const next = phi.slice();
    next[k] = reflection;
    for (let j = 1; j < k; j += 1) next[j] = phi[j] - reflection * phi[k - j];
    phi = next;
    error *= 1 - reflection * reflection;
    if (!(error > 0)) break;
  }
  // Residuals only where the model has its whole history: the first `order` samples stay 0 rather
  // than passing a partly predicted (large) value into the filters, whose ringing would then fill
  // the short span's first minute.
  const out = new Float64Array(n);
  for (let i = order; i < n; i += 1) {
    let prediction = 0;
    for (let j = 1; j <= order; j += 1) prediction += phi[j] * x[i - j];
    out[i] = x[i] - prediction;
  }
  return out;
}

/** Quality factors of the two sections of a 4th-order Butterworth filter. */
const BUTTERWORTH_4 = [0.5412, 1.3066] as const;

/**
 * Slow heart-rate fluctuations of an even series (the correlated signal): the series minus its
 * first value, prewhitened, through a causal 4th-order Butterworth high-pass at 0.03 Hz and
 * low-pass at 0.15 Hz (and a notch at a running pacer's rate), run forwards over the span. Causal
 * on purpose: the latest samples, where the window is, depend only on the past, so they carry no
 * edge effect that both partners' series would share; the start-up lies in the span's first
 * seconds, before the samples the correlation reads. Both partners pass the same filter, so its
 * phase delay cancels in their cross-correlation and lags are kept.
 * @param values - heart rate evenly sampled at {@link SERIES_PARAMS.fsHz}
 * @param notchHz - a running pacer's rate, Hz, or null
 * @param prewhitenOrder - order of the prewhitening model; 0 leaves it out
 */
export function slowFluctuations(
  values: ArrayLike<number>,
  notchHz: number | null = null,
  prewhitenOrder: number = SERIES_PARAMS.prewhitenOrder,
): Float64Array {
  const p = SERIES_PARAMS;
  const first = values.length > 0 ? values[0] : 0;
  let out: Float64Array = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = values[i] - first;
  if (prewhitenOrder > 0) out = prewhiten(out, prewhitenOrder);
  for (const q of BUTTERWORTH_4) runBiquad(out, biquad('high', p.lowHz, q, p.fsHz));
  for (const q of BUTTERWORTH_4) runBiquad(out, biquad('low', p.highHz, q, p.fsHz));
  if (notchHz !== null && notchHz > 0 && notchHz < p.fsHz / 2)
    runBiquad(out, biquad('notch', notchHz, notchHz / (2 * p.notchHalfWidthHz), p.fsHz));
  return out;
}

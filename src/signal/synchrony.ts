/**
 * Heart-rate synchrony between two partners: windowed lagged cross-correlation of their slow
 * heart-rate fluctuations, judged against circular-shift surrogates.
 *
 * Method:
 * 1. Each partner's heart rate over the last 512 s of event time: 60 000 / RR for beats with RR
 *    (intervals more than 25 % from their neighbours' median left out), the reported heart rate for heart-rate-only samples; resampled
 *    evenly at 1 Hz by linear interpolation (a heart-rate-only device sends about one sample a
 *    second, and the band correlated ends at 0.15 Hz).
 * 2. Prewhitening: each series is replaced by the residuals of its own autoregressive model
 *    (order 10, i.e. 10 s; Box & Jenkins; Dean & Dunsmuir 2016, Behav Res Methods 48:783–802, on
 *    why cross-correlating autocorrelated series without it finds spurious links). A partner's own
 *    strong rhythm (the Mayer wave near 0.1 Hz) otherwise matches the other partner's at some lag
 *    in nearly every window, real or surrogate.
 * 3. A causal 4th-order Butterworth band-pass 0.03–0.15 Hz, run forwards over the span: the slow
 *    fluctuations of autonomic arousal that physiological linkage studies look at (Levenson &
 *    Gottman 1983), without each partner's own respiratory sinus arrhythmia at 9/min and faster.
 *    While a shared pacer runs, its rate is notched out (±0.015 Hz): two people breathing with one
 *    pacer share that rhythm by construction, which says nothing about each other.
 * 4. Pearson correlation between partner A's and partner B's filtered series over the last
 *    `windowSec` (120 s by default), for lags of −5…+5 s in 1 s steps; the reading is the lag with
 *    the largest |r|. A positive lag means partner A leads: B's heart rate follows A's `lagSec`
 *    seconds later (b(t) ≈ a(t − lagSec)); negative, B leads.
 * 5. Significance: the same peak |r| over lags with one partner's series shifted back in time
 *    within the span, by 60 s or more: 50 shifts of B against A's window and 50 of A against B's,
 *    spread evenly over the span (circular shifts that never wrap around, so no seam enters a
 *    surrogate; deterministic, no random numbers). Picking the best of 21 lags inflates r; the
 *    surrogates pick the same way. The threshold is the 97.5th percentile of those 100 peak |r|
 *    (the second-highest of the 100); `significant` when the real |r| exceeds it. Why not the 95th:
 *    100 overlapping shifts of one 512 s span are far from 100 independent samples of chance, and
 *    their 95th percentile let independent simulated partners pass in 6.5–7.6 % of windows
 *    instead of 5 %; the 97.5th gives 3.2–4.2 % (`npm run bench -- together`).
 *
 * References: Levenson & Gottman 1983 (J Pers Soc Psychol 45(3):587–597, physiological linkage
 * in marital interaction); Helm, Sbarra & Ferrer 2012 (Emotion 12(4):748–762) and 2014 (Pers
 * Relatsh 21(2):264–285) on couples' cardiac and respiratory synchrony; Timmons, Margolin & Saxbe
 * 2015 (J Fam Psychol 29(5):720–731), a review of physiological linkage in couples, on windowed
 * cross-correlation and surrogates; Mayo et al. 2021 (meta-analysis of physiological synchrony)
 * on why linkage is not always good.
 *
 * Limits: the correlation of two band-limited series over 30–120 s has few independent samples
 * (about 2 × band width × window), so weak coupling in short windows is hard to tell from chance
 * (the bench's detection curve); the surrogates say "beyond chance", not "strongly linked".
 * Shared outside influences (the same room, the same spoken count, the same pacer at a rate the
 * notch misses) link two hearts without one affecting the other. The first reading needs 512 s
 * of both partners' heart rate; a gap over 5 s in either holds readings back until 512 s have
 * passed again. The two partners' beats must be on one timeline (see docs/together.md, One clock).
 */

import type { Beat } from './types';

/** Named parameters of the synchrony reading. */
export const SYNC_PARAMS = {
  /** Resampling rate of the heart-rate series, Hz. */
  fsHz: 1,
  /** Band of the slow heart-rate fluctuations correlated, Hz. */
  lowHz: 0.03,
  highHz: 0.15,
  /**
   * Half-width of the notch at a running pacer's rate, Hz: two people breathing with one pacer
   * share that rhythm by construction, and a periodic rhythm matches itself at some lag in every
   * surrogate too, so it is taken out and the remaining slow fluctuations are compared.
   */
  notchHalfWidthHz: 0.015,
  /** Largest lag searched, seconds, each way. */
  maxLagSec: 5,
  /**
   * Default window, seconds: the shortest of 30/60/120 s that met both targets on the simulator
   * (≤ 7 % false claims, ≥ 80 % detection of coupling carrying ≥ 70 % of the band); 60 s found
   * about 78 % and 30 s about 38 % (`npm run bench -- together`, docs/together.md).
   */
  windowSec: 120,
  /** Shortest and longest window allowed, seconds. */
  minWindowSec: 30,
  maxWindowSec: 120,
  /**
   * Span ending at the window's end that is filtered and shifted for the surrogates, seconds
   * (512 samples at 1 Hz). Shorter spans give fewer
   * independent surrogates and a noisier threshold: with 256 s, independent partners were
   * flagged in 7–8 % of windows instead of 5–6 % (bench `together`).
   */
  spanSec: 512,
  /**
   * Order of the autoregressive prewhitening model (10 s at 1 Hz, long enough to model a 0.1 Hz
   * Mayer wave). Without it, independent simulated partners were claimed linked in 9–11 % of
   * windows instead of the promised 5 %; with it 5–8 % (bench `together`).
   */
  prewhitenOrder: 10,
  /** Start-up of the causal filter at the span's start, left out of every surrogate, seconds. */
  settleSec: 60,
  /** Smallest shift of a surrogate, seconds. */
  minShiftSec: 60,
  /** Number of surrogates. */
  surrogates: 100,
  /** Percentile of the surrogates' peak |r| that the real one must exceed (module doc, step 5: why not 0.95). */
  percentile: 0.975,
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

/** A synchrony reading over one window. */
export interface SyncReading {
  /** Peak lagged Pearson correlation, −1…1 (largest |r| over lags ±5 s). */
  readonly r: number;
  /**
   * Lag of that peak, seconds: positive when partner A leads (B's heart rate follows A's lagSec
   * later), negative when B leads.
   */
  readonly lagSec: number;
  /**
   * 97.5th percentile of |peak r| over 100 shifted surrogates (shifts ≥ 60 s), deterministic
   * ({@link SYNC_PARAMS.percentile}: the plain 95th understated chance on dependent surrogates).
   */
  readonly threshold: number;
  /** |r| above the threshold: linked beyond chance. */
  readonly significant: boolean;
  /** Sign of r: rising together, or one rising as the other falls. */
  readonly phase: 'in-phase' | 'anti-phase';
}

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
  const p = SYNC_PARAMS;
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
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let prediction = 0;
    for (let j = 1; j <= order && j <= i; j += 1) prediction += phi[j] * x[i - j];
    out[i] = x[i] - prediction;
  }
  return out;
}

/** Quality factors of the two sections of a 4th-order Butterworth filter. */
const BUTTERWORTH_4 = [0.5412, 1.3066] as const;

/**
 * Slow heart-rate fluctuations of an even series (the correlated signal): the series minus its
 * first value, through a causal 4th-order Butterworth high-pass at 0.03 Hz and low-pass at 0.15 Hz
 * (and a notch at a running pacer's rate), run forwards over the span. Causal on purpose: the
 * latest samples, where the window is, depend only on the past, so they carry no edge effect that
 * both partners' series would share; the start-up transient lies in the span's first minutes,
 * which no window or surrogate uses ({@link SYNC_PARAMS.settleSec}). Both partners pass the same
 * filter, so its phase delay cancels in their cross-correlation and lags are kept.
 */
export function slowFluctuations(
  values: ArrayLike<number>,
  notchHz: number | null = null,
  prewhitenOrder: number = SYNC_PARAMS.prewhitenOrder,
): Float64Array {
  const p = SYNC_PARAMS;
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

/** Running sums of a series and of its squares: `sum[k]` is the sum of the first k values. */
interface RunningSums {
  readonly sum: Float64Array;
  readonly squares: Float64Array;
}

function runningSums(values: Float64Array): RunningSums {
  const sum = new Float64Array(values.length + 1);
  const squares = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i += 1) {
    sum[i + 1] = sum[i] + values[i];
    squares[i + 1] = squares[i] + values[i] * values[i];
  }
  return { sum, squares };
}

/**
 * Peak lagged Pearson correlation between a and b over the last `window` samples, lags
 * −maxLag…+maxLag samples; b is read `shift` samples earlier (b[i − shift]). Positive lag: a
 * leads (a[i − lag] with b[i]). The sums of each side come from running sums, so only the
 * cross products are summed per lag. Returns [r, lag in samples].
 * @throws RangeError when a lag and shift would read outside the series (a caller's error)
 */
function peakCorrelation(
  a: Float64Array,
  b: Float64Array,
  sumsA: RunningSums,
  sumsB: RunningSums,
  window: number,
  maxLag: number,
  shift: number,
): [number, number] {
  const n = a.length;
  const start = n - window;
  if (start - maxLag - shift < 0 || shift < 0) throw new RangeError(`peakCorrelation: shift ${shift} reads outside the series`);
  let bestR = 0;
  let bestLag = 0;
  for (let lag = -maxLag; lag <= maxLag; lag += 1) {
    const aFrom = lag > 0 ? start - lag : start;
    const bFrom = (lag < 0 ? start + lag : start) - shift;
    // Four running products, so the additions do not wait on one another.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < window; i += 4) {
      s0 += a[aFrom + i] * b[bFrom + i];
      s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
      s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
      s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
    }
    for (; i < window; i += 1) s0 += a[aFrom + i] * b[bFrom + i];
    const sab = s0 + s1 + (s2 + s3);
    const sa = sumsA.sum[aFrom + window] - sumsA.sum[aFrom];
    const sb = sumsB.sum[bFrom + window] - sumsB.sum[bFrom];
    const saa = sumsA.squares[aFrom + window] - sumsA.squares[aFrom];
    const sbb = sumsB.squares[bFrom + window] - sumsB.squares[bFrom];
    const cov = sab - (sa * sb) / window;
    const va = saa - (sa * sa) / window;
    const vb = sbb - (sb * sb) / window;
    const r = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
    if (Math.abs(r) > Math.abs(bestR) + 1e-12) {
      bestR = r;
      bestLag = lag;
    }
  }
  return [Math.max(-1, Math.min(1, bestR)), bestLag];
}

/**
 * Synchrony of two already filtered, evenly sampled series of equal length (the last
 * `windowSamples` are the window, the rest is history for lags and surrogates). Exported for the
 * tests and the benchmark.
 * @returns null when the series are too short for the lags and surrogates
 */
export function synchronyOfSeries(
  a: Float64Array,
  b: Float64Array,
  windowSamples: number,
  percentile: number = SYNC_PARAMS.percentile,
): SyncReading | null {
  const p = SYNC_PARAMS;
  const n = Math.min(a.length, b.length);
  const maxLag = Math.round(p.maxLagSec * p.fsHz);
  const minShift = Math.round(p.minShiftSec * p.fsHz);
  const settle = Math.round(p.settleSec * p.fsHz);
  // Shifts that keep the surrogate's samples inside the span and clear of the filter's start-up.
  const maxShift = n - windowSamples - maxLag - settle;
  if (a.length !== b.length || windowSamples < 3 || maxShift - minShift < p.surrogates) return null;
  const sumsA = runningSums(a);
  const sumsB = runningSums(b);
  const [r, lag] = peakCorrelation(a, b, sumsA, sumsB, windowSamples, maxLag, 0);
  const peaks = new Float64Array(p.surrogates);
  const range = maxShift - minShift;
  // Half the surrogates pair A's window with B's earlier heart rate, half B's window with A's.
  const perSide = Math.ceil(p.surrogates / 2);
  for (let s = 0; s < p.surrogates; s += 1) {
    const k = s % perSide;
    const shift = minShift + Math.round((k * range) / Math.max(1, perSide - 1));
    peaks[s] = Math.abs(
      (s < perSide
        ? peakCorrelation(a, b, sumsA, sumsB, windowSamples, maxLag, shift)
        : peakCorrelation(b, a, sumsB, sumsA, windowSamples, maxLag, shift))[0],
    );
  }
  peaks.sort();
  // The Monte Carlo test's order statistic: a real |r| above it ranks in the top (1 − percentile)
  // of the real value and the surrogates together (Davison & Hinkley 1997, ch. 4), i.e.
  // p ≤ 1 − percentile (0.025 with the 97.5th in use).
  const threshold = peaks[Math.min(p.surrogates - 1, Math.ceil(percentile * (p.surrogates + 1)) - 1)];
  return {
    r,
    lagSec: lag / p.fsHz,
    threshold,
    significant: Math.abs(r) > threshold,
    phase: r < 0 ? 'anti-phase' : 'in-phase',
  };
}

/** Options of {@link heartRateSynchrony}. */
export interface SyncOptions {
  /**
   * The shared pacer's rate while it runs, breaths/min: its rhythm is notched out (±0.015 Hz)
   * before correlating (see {@link SYNC_PARAMS.notchHalfWidthHz}). Null or absent: no notch.
   */
  readonly pacerPerMin?: number | null;
}

/**
 * Heart-rate synchrony over the `windowSec` before `endSec` (see the module documentation).
 * Works from heart rate alone, so heart-rate-only devices take part.
 * @param a - partner A's beats in event time (increasing tSec; the same session timeline as b)
 * @param b - partner B's beats
 * @param endSec - window end, event-time seconds
 * @param windowSec - window length, 30–120 s (default 120 s); out of range throws
 * @param options - the pacer's rate while it runs ({@link SyncOptions})
 * @returns null with too little data: both partners' beats must cover the 512 s up to endSec
 *   (the window and the span its surrogates come from) with no gap over 5 s
 */
export function heartRateSynchrony(
  a: readonly Beat[],
  b: readonly Beat[],
  endSec: number,
  windowSec: number = SYNC_PARAMS.windowSec,
  options: SyncOptions = {},
): SyncReading | null {
  const p = SYNC_PARAMS;
  if (!(windowSec >= p.minWindowSec && windowSec <= p.maxWindowSec)) {
    throw new RangeError(`heartRateSynchrony: windowSec must be between ${p.minWindowSec} and ${p.maxWindowSec} seconds, got ${windowSec}`);
  }
  if (!Number.isFinite(endSec)) return null;
  const count = Math.round(p.spanSec * p.fsHz);
  const t0Sec = endSec - (count - 1) / p.fsHz;
  const hrA = evenHeartRate(a, t0Sec, count, p.fsHz);
  const hrB = hrA === undefined ? undefined : evenHeartRate(b, t0Sec, count, p.fsHz);
  if (hrA === undefined || hrB === undefined) return null;
  const pacer = options.pacerPerMin;
  const notchHz = pacer !== null && pacer !== undefined && Number.isFinite(pacer) && pacer > 0 ? pacer / 60 : null;
  return synchronyOfSeries(slowFluctuations(hrA, notchHz), slowFluctuations(hrB, notchHz), Math.round(windowSec * p.fsHz));
}

/** What the screen says about the two partners together. */
export type CoregulationState = 'together' | 'linked-aroused' | 'apart' | 'unknown';

/**
 * Frames a synchrony reading by the partners' state, because linkage is not always good
 * (Levenson & Gottman 1983: linkage during conflict predicted a decline in satisfaction; Mayo et
 * al. 2021).
 *
 * - `unknown`: no reading (too little data) or either partner's calm is unknown.
 * - `apart`: no linkage beyond chance.
 * - `together` ("calming together"): linked in phase beyond chance while both partners are calm.
 * - `linked-aroused`: linked beyond chance while either partner is not calm — shown neutrally,
 *   never as success.
 * - Anti-phase linkage (one heart rate rising as the other falls) is never `together`: while
 *   either is aroused it is `linked-aroused`; while both are calm it is `apart`, because the
 *   hearts are not settling in step and no shared calming is claimed.
 * @param sync - a {@link heartRateSynchrony} reading, or null
 * @param calm - whether each partner is calm (their own readiness), or null when not known
 */
export function coregulationState(sync: SyncReading | null, calm: { a: boolean; b: boolean } | null): CoregulationState {
  if (sync === null || calm === null) return 'unknown';
  if (!sync.significant) return 'apart';
  const bothCalm = calm.a && calm.b;
  if (!bothCalm) return 'linked-aroused';
  return sync.phase === 'in-phase' ? 'together' : 'apart';
}

/**
 * Heart-rate synchrony between two partners: windowed lagged cross-correlation of their slow
 * heart-rate fluctuations, judged against a parametric null from the series' own autocorrelation.
 *
 * Method (docs/together.md, Co-regulation):
 * 1. Each partner's heart rate over the last {@link SYNC_PARAMS.spanSec} of event time, evenly
 *    resampled at 1 Hz; prewhitened by its own autoregressive model (Box & Jenkins; Dean &
 *    Dunsmuir 2016, Behav Res Methods 48:783–802); a causal 4th-order Butterworth band-pass
 *    0.03–0.15 Hz (Levenson & Gottman 1983's slow fluctuations of arousal), and a notch at a
 *    running pacer's rate (synchrony-series.ts).
 * 2. Pearson correlation between partner A's and partner B's filtered series over the last
 *    `windowSec` (120 s by default), for lags of −5…+5 s in 1 s steps; the reading is the lag with
 *    the largest |r|. A positive lag means partner A leads: B's heart rate follows A's `lagSec`
 *    seconds later (b(t) ≈ a(t − lagSec)); negative, B leads.
 * 3. Significance: |r| beyond what chance alone reaches for the peak over those lags, from the
 *    effective degrees of freedom of the two filtered series (Bartlett; Bayley & Hammersley) and
 *    the effective number of lags searched (synchrony-null.ts). It needs no history beyond the
 *    window, so the first reading comes about 145 s after both partners have heart rate (the
 *    shifted surrogates it replaces needed 512 s of both).
 *
 * References: Levenson & Gottman 1983 (J Pers Soc Psychol 45(3):587–597, physiological linkage
 * in marital interaction); Helm, Sbarra & Ferrer 2012 (Emotion 12(4):748–762) and 2014 (Pers
 * Relatsh 21(2):264–285) on couples' cardiac and respiratory synchrony; Timmons, Margolin & Saxbe
 * 2015 (J Fam Psychol 29(5):720–731), a review of physiological linkage in couples; Mayo et al.
 * 2021 (meta-analysis of physiological synchrony) on why linkage is not always good.
 *
 * Limits: the correlation of two band-limited series over 30–120 s has few independent samples
 * (about 2 × band width × window), so weak coupling in short windows is hard to tell from chance
 * (the bench's detection curve); "beyond chance" is not "strongly linked". Shared outside
 * influences (the same room, the same spoken count, the same pacer at a rate the notch misses)
 * link two hearts without one affecting the other. A gap over 5 s in either partner holds readings
 * back until the span has passed again. The two partners' beats must be on one timeline (see
 * docs/together.md, One clock).
 */

import { NULL_PARAMS, autocorrelation, peakCorrelationNull } from './synchrony-null';
import { SERIES_PARAMS, evenHeartRate, slowFluctuations } from './synchrony-series';
import type { Beat } from './types';

export { evenHeartRate, slowFluctuations } from './synchrony-series';

/** Named parameters of the synchrony reading, with those of its series and its null. */
export const SYNC_PARAMS = {
  ...SERIES_PARAMS,
  ...NULL_PARAMS,
  /** Largest lag searched, seconds, each way. */
  maxLagSec: 5,
  /**
   * Default window, seconds: the shortest of 30/60/120 s that met both targets on the simulator
   * (≤ 5 % false claims, ≥ 80 % detection of coupling carrying ≥ 70 % of the band;
   * `npm run bench -- together`, docs/together.md).
   */
  windowSec: 120,
  /** Shortest and longest window allowed, seconds. */
  minWindowSec: 30,
  maxWindowSec: 120,
  /**
   * Start-up of the filters at the span's start (the prewhitening model's 10 s and the causal
   * band-pass settling), not read by the correlation or the null, seconds.
   */
  settleSec: 20,
  /**
   * Span of heart rate ending at the window's end that is filtered, seconds: the start-up, the
   * lags' 5 s and the longest window. It sets when the first reading comes: at most this long
   * after both partners have heart rate (plus the 5 s grid).
   */
  spanSec: 145,
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
   * |r| that chance alone exceeds in {@link SYNC_PARAMS.alpha} of windows for independent
   * partners, from the parametric null (synchrony-null.ts).
   */
  readonly threshold: number;
  /** |r| above the threshold: linked beyond chance. */
  readonly significant: boolean;
  /** Sign of r: rising together, or one rising as the other falls. */
  readonly phase: 'in-phase' | 'anti-phase';
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
 * −maxLag…+maxLag samples. Positive lag: a leads (a[i − lag] with b[i]). The sums of each side
 * come from running sums, so only the cross products are summed per lag. Returns [r, lag in
 * samples].
 * @throws RangeError when a lag would read outside the series (a caller's error)
 */
function peakCorrelation(
  a: Float64Array,
  b: Float64Array,
  sumsA: RunningSums,
  sumsB: RunningSums,
  window: number,
  maxLag: number,
): [number, number] {
  const n = a.length;
  const start = n - window;
  if (start - maxLag < 0) throw new RangeError(`peakCorrelation: lag ${maxLag} reads outside the series`);
  let bestR = 0;
  let bestLag = 0;
  for (let lag = -maxLag; lag <= maxLag; lag += 1) {
    const aFrom = lag > 0 ? start - lag : start;
    const bFrom = lag < 0 ? start + lag : start;
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
 * Synchrony of two already filtered, evenly sampled series of equal length: the last
 * `windowSamples` are the window, the samples before it the lags' history; the first
 * {@link SYNC_PARAMS.settleSec} are the filters' start-up and are not read. The threshold is the
 * parametric null of the peak over lags ({@link peakCorrelationNull}), from both series'
 * autocorrelations after the start-up. Exported for the tests and the benchmark.
 * @param alpha - level of the test (default {@link NULL_PARAMS.alpha})
 * @returns null when the series are too short for the window, its lags and the start-up, or a
 *   series is constant, or the window has too few effective samples for a threshold
 */
export function synchronyOfSeries(
  a: Float64Array,
  b: Float64Array,
  windowSamples: number,
  alpha: number = NULL_PARAMS.alpha,
): SyncReading | null {
  const p = SYNC_PARAMS;
  const n = a.length;
  const maxLag = Math.round(p.maxLagSec * p.fsHz);
  const settle = Math.round(p.settleSec * p.fsHz);
  if (a.length !== b.length || windowSamples < 3 || n - settle < windowSamples + maxLag) return null;
  const acfLag = Math.round(p.maxAcfLagSec * p.fsHz);
  const acfA = autocorrelation(a, settle, n, acfLag);
  const acfB = acfA === null ? null : autocorrelation(b, settle, n, acfLag);
  if (acfA === null || acfB === null) return null;
  const chance = peakCorrelationNull(acfA, acfB, windowSamples, maxLag, alpha);
  if (chance === null) return null;
  const [r, lag] = peakCorrelation(a, b, runningSums(a), runningSums(b), windowSamples, maxLag);
  return {
    r,
    lagSec: lag / p.fsHz,
    threshold: chance.threshold,
    significant: Math.abs(r) > chance.threshold,
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
 * @returns null with too little data: both partners' beats must cover the span up to endSec
 *   ({@link SYNC_PARAMS.spanSec}: the window, its lags and the filters' start-up) with no gap
 *   over 5 s
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

/**
 * Breathing rate from the RR series alone, through respiratory sinus arrhythmia (RSA).
 *
 * Method (fusion with an agreement check, after Charlton et al. 2016, Physiol Meas 37(4):610,
 * doi:10.1088/0967-3334/37/4/610, and Charlton et al. 2018, IEEE Rev Biomed Eng 11:2–20,
 * doi:10.1109/RBME.2017.2763681, whose best algorithms fuse estimates and stay silent when they
 * disagree):
 * 1. Tachogram: NN interval at each beat time, resampled evenly at 4 Hz by cubic spline.
 * 2. Band limiting: linear detrend, zero-phase band-pass 0.08–0.6 Hz with 0.02 Hz raised-cosine
 *    edges (passes from 0.06 Hz). The band deliberately starts below 0.1 Hz: slow paced breathing at
 *    5.5–6/min (0.09–0.1 Hz) sits there, on top of the Mayer wave, and a band from 0.1 Hz would
 *    silently lose it.
 * 3. Two estimates from published approaches:
 *    - frequency domain: Hann periodogram of the band-passed window zero-padded to 1024 points;
 *   the candidates are its local peaks in 4.5–36/min with at least 10 % of the largest peak's power;
 *    - time domain: "advanced counting" of Schäfer & Kratky (2008),
 *      doi:10.1007/s10439-007-9428-1 ({@link countBreathsAdvanced}), which counts each breath
 *      cycle and so follows the breathing even when a Mayer wave holds the largest spectral peak
 *      (weak RSA at high heart rate).
 * 4. Fusion: of the spectral candidates within {@link BREATHING_PARAMS.agreementPerMin} of the
 *    counted rate, the strongest is taken (normally the top peak; the breathing peak when a Mayer
 *    wave holds the top) and the estimate is the mean of it and the counted rate. When no
 *    candidate agrees with the count the result is `null`: the two readings of the signal
 *    contradict each other.
 *
 * Evidence for the choice, per method, is in docs/signal.md and `npm run bench -- accuracy`: on
 * the public recordings the plain Welch peak is off by 3.5 breaths/min on average and the
 * spectral peak alone is misled by Mayer waves when RSA is weak; counting alone and the fusion
 * stay near 1.2–1.4, and the fusion adds the agreement check and a confidence.
 *
 * 5. Confidence: what RR can carry (see {@link BreathingEstimate.confidence}). No estimate at all
 *    when the heart beats fewer than 2.5 times per breath (the heart samples the breathing; below
 *    that it aliases).
 *
 * Limitations: needs ≥ 30 s of beats (4–5 breaths at 6/min fill a 60 s window well, fewer
 * do not); RSA follows breathing only while the heart rate is well above twice the breathing rate;
 * talking, sighs and movement change the pattern; irregular breathing gives a mean rate.
 */
import { countBreathsAdvanced } from './breath-count';
import { heartRate } from './heart-rate';
import { detrendLinear, resampleCubic } from './resample';
import { bandPass, welchPsd } from './spectrum';

/** Named parameters of the breathing estimate. */
export const BREATHING_PARAMS = {
  /** Resampling rate of the tachogram, Hz. */
  fsHz: 4,
  /** Pass band, Hz (see module doc for why it starts below 0.1 Hz). */
  lowHz: 0.08,
  highHz: 0.6,
  edgeHz: 0.02,
  /** Slowest and fastest rate reported, breaths/min. */
  minPerMin: 4.5,
  maxPerMin: 36,
  /** A spectral peak counts as a candidate from this share of the largest peak's power. */
  minPeakShare: 0.1,
  /** Largest difference between the counted and spectral rate that still counts as agreement, breaths/min. */
  agreementPerMin: 3,
  /** Half-width of the spectral main lobe of a 60 s Hann window (2/60 Hz), Hz. */
  lobeHz: 0.034,
  /** Shortest span of beats estimated from, seconds. */
  minSpanSec: 30,
  /** Band-passed RSA below this RMS (ms) is within the strap's resolution: no estimate. */
  minRsaRmsMs: 0.3,
  /**
   * RSA against the RR resolution: the signal-to-noise ratio (band RMS of RSA over the band RMS of
   * the rounding noise) from which confidence is full, and below which it is 0.
   */
  fullSnr: 8,
  zeroSnr: 3,
  /** Heart beats per breath below which RSA cannot carry the breathing rate (it aliases). */
  minBeatsPerBreath: 2.5,
  /**
   * A spectral peak at half the estimate with at least this share of the estimate's power makes
   * the estimate ambiguous: it may be the second harmonic of a slower, asymmetric breath.
   */
  subharmonicShare: 0.5,
  /**
   * Estimates from this rate up (the HF band plus one main lobe) judge the peak's salience within
   * the HF band only, breaths/min: power of the LF band (Mayer waves, baroreflex) is not evidence
   * against a breathing peak above it.
   */
  mayerAbovePerMin: 11,
  /** Start of the HF band, Hz (Task Force 1996: HF 0.15–0.4 Hz, LF 0.04–0.15 Hz). */
  mayerEdgeHz: 0.15,
} as const;

/** RR resolutions a file or device may have, ms, coarsest first (8 ms and 1/128 s from some loggers). */
const RESOLUTIONS_MS = [10, 8, 1000 / 128, 4, 1000 / 256, 2, 1, 1000 / 1024, 0.5, 0.1, 0.01] as const;

/**
 * The RR resolution of a series: the coarsest step that every value is a whole multiple of
 * (within 2 % of the step), from {@link RESOLUTIONS_MS}; 0 when none fits (continuous values).
 * A Bluetooth strap sends 1/1024 s (0.977 ms); files are often rounded to 1 ms or coarser.
 */
export function rrResolutionMs(rrMs: readonly number[]): number {
  const values = rrMs.filter((v) => Number.isFinite(v) && v > 0);
  if (values.length < 10) return 0;
  for (const step of RESOLUTIONS_MS) {
    if (values.every((v) => Math.abs(v / step - Math.round(v / step)) <= 0.02)) return step;
  }
  return 0;
}

/** A breathing-rate estimate. */
export interface BreathingEstimate {
  /** Breaths per minute, or `null` when the signal does not support an estimate. */
  readonly breathsPerMin: number | null;
  /**
   * Confidence 0–1, 0 when null: (½ + ½ × agreement of the two methods) × √(salience: share of
   * band power within one main lobe of the peak — of the HF band's power, from 0.15 Hz, for a rate
   * above the LF band) × regularity of the counted cycles (1 − their coefficient of variation) ×
   * resolution (RSA against the rounding noise of the RR values: 0 below a signal-to-noise ratio
   * of 3, 1 from 8) × harmonic (0 when a peak at half the rate, above the LF band, holds half the
   * estimate's power or more: the estimate may be the second harmonic of a slower, asymmetric
   * breath). White noise stays below about 0.45; a steady RSA rhythm scores above 0.6.
   */
  readonly confidence: number;
}

/** Options of the estimate. */
export interface BreathingOptions {
  /**
   * RR resolution, ms ({@link rrResolutionMs}); rounding noise of this size limits how small an
   * RSA can be trusted. Default: detected from the intervals.
   */
  readonly resolutionMs?: number;
}

const NONE: BreathingEstimate = { breathsPerMin: null, confidence: 0 };

/** The intermediate results, for the benchmark's method comparison. */
export interface BreathingDetail extends BreathingEstimate {
  /** Highest spectral peak in the band, breaths/min (the spectral method alone). */
  readonly spectralPerMin: number | null;
  /** Schäfer & Kratky advanced counting alone, breaths/min. */
  readonly countedPerMin: number | null;
  /** The RR resolution the confidence assumed, ms (0: continuous values). */
  readonly resolutionMs?: number;
  /** The confidence's parts (absent without an estimate), each 0–1 but rsaRmsMs and snr. */
  readonly parts?: {
    readonly agreement: number;
    readonly salience: number;
    readonly regularity: number;
    readonly resolution: number;
    readonly harmonic: number;
    readonly rsaRmsMs: number;
    readonly snr: number;
  };
}

/**
 * Estimates the breathing rate from NN intervals and their beat times.
 * @param tSec - time of each beat, seconds, increasing (gaps are bridged by the spline; callers
 *   should pass one gap-free stretch)
 * @param nnMs - artifact-corrected NN interval ending at each beat, ms ({@link correctArtifacts})
 * @returns `{ breathsPerMin: null, confidence: 0 }` with too little data, too little RSA, or when
 *   the two methods disagree
 */
export function estimateBreathingRate(tSec: readonly number[], nnMs: readonly number[], options: BreathingOptions = {}): BreathingEstimate {
  const { breathsPerMin, confidence } = breathingDetail(tSec, nnMs, options);
  return { breathsPerMin, confidence };
}

/** {@link estimateBreathingRate} with the per-method results. */
export function breathingDetail(tSec: readonly number[], nnMs: readonly number[], options: BreathingOptions = {}): BreathingDetail {
  const p = BREATHING_PARAMS;
  const none = { ...NONE, spectralPerMin: null, countedPerMin: null };
  const n = Math.min(tSec.length, nnMs.length);
  if (n < 10 || !(tSec[n - 1] - tSec[0] >= p.minSpanSec)) return none;
  for (let i = 0; i < n; i += 1) {
    if (!Number.isFinite(tSec[i]) || !Number.isFinite(nnMs[i]) || (i > 0 && !(tSec[i] > tSec[i - 1]))) return none;
  }
  const even = resampleCubic(tSec.slice(0, n), nnMs.slice(0, n), p.fsHz);
  if (even === undefined) return none;
  const rsa = bandPass(detrendLinear(even.values), p.fsHz, p.lowHz, p.highHz, p.edgeHz);
  let energy = 0;
  for (const v of rsa) energy += v * v;
  if (!(Math.sqrt(energy / rsa.length) >= p.minRsaRmsMs)) return none;

  const { dfHz, power } = welchPsd(rsa, p.fsHz, rsa.length, 1024);
  const lo = Math.ceil(p.minPerMin / 60 / dfHz);
  const hi = Math.min(power.length - 2, Math.floor(p.maxPerMin / 60 / dfHz));
  let top = -1;
  for (let k = lo; k <= hi; k += 1) if (top < 0 || power[k] > power[top]) top = k;
  if (top < 0 || !(power[top] > 0)) return none;
  // Peak frequency refined by a parabola through the bin and its neighbours.
  const refine = (k: number) => {
    const a = power[k - 1];
    const b = power[k];
    const c = power[k + 1];
    const den = a - 2 * b + c;
    const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
    return (k + shift) * dfHz * 60;
  };
  // Share of the power from bin `from` up (the whole band by default) that lies within one
  // main-lobe width of a frequency: near 1 for a steady rhythm, about the lobe's share of that
  // power for white noise.
  const lobe = Math.round(p.lobeHz / dfHz);
  const concentration = (perMin: number, from = lo) => {
    let total = 0;
    for (let k = from; k <= hi; k += 1) total += power[k];
    const centre = Math.round(perMin / 60 / dfHz);
    let sum = 0;
    for (let k = Math.max(from, centre - lobe); k <= Math.min(hi, centre + lobe); k += 1) sum += power[k];
    return total > 0 ? sum / total : 0;
  };
  const peaks: { perMin: number; share: number }[] = [];
  for (let k = Math.max(1, lo); k <= hi; k += 1) {
    if (power[k] > power[k - 1] && power[k] >= power[k + 1] && power[k] >= p.minPeakShare * power[top]) {
      peaks.push({ perMin: refine(k), share: power[k] / power[top] });
    }
  }
  const spectralPerMin = refine(top);
  const counted = countBreathsAdvanced(rsa, p.fsHz);
  const countedPerMin = counted?.breathsPerMin ?? null;
  if (counted === undefined || peaks.length === 0) return { ...NONE, spectralPerMin, countedPerMin };
  // The strongest spectral peak the count agrees with: normally the top peak; when a Mayer wave
  // holds the top, the breathing peak the count points at.
  let nearest: { perMin: number; share: number } | undefined;
  for (const peak of peaks) {
    if (Math.abs(peak.perMin - counted.breathsPerMin) <= p.agreementPerMin && (nearest === undefined || peak.share > nearest.share))
      nearest = peak;
  }
  if (nearest === undefined) return { ...NONE, spectralPerMin, countedPerMin };
  const disagreement = Math.abs(nearest.perMin - counted.breathsPerMin);
  const estimate = (nearest.perMin + counted.breathsPerMin) / 2;
  if (estimate < p.minPerMin || estimate > p.maxPerMin) return { ...NONE, spectralPerMin, countedPerMin };
  // RSA can carry a breathing rate only with enough beats per breath (sampling by the heart).
  const hrBpm = heartRate(nnMs.slice(0, n)) ?? 0;
  if (hrBpm < p.minBeatsPerBreath * estimate) return { ...NONE, spectralPerMin, countedPerMin };
  const cycles = counted.cyclesSec;
  const meanCycle = cycles.reduce((a, b) => a + b, 0) / cycles.length;
  const sd = Math.sqrt(cycles.reduce((a, b) => a + (b - meanCycle) ** 2, 0) / cycles.length);
  const agreement = 1 - disagreement / p.agreementPerMin;
  const regularity = Math.max(0, 1 - sd / meanCycle);
  // Salience: the peak's share of the band's power; for a breathing rate well above the Mayer
  // wave, of the band above it, so a strong ~0.1 Hz baroreflex rhythm is not held against it.
  const salience = concentration(nearest.perMin, nearest.perMin >= p.mayerAbovePerMin ? Math.max(lo, Math.ceil(p.mayerEdgeHz / dfHz)) : lo);
  // Rounding noise of the RR values, uniform within one step: variance q²/12 per beat, spread
  // over 0…HR/120 Hz, of which the band keeps its width's share.
  const resolutionMs = options.resolutionMs ?? rrResolutionMs(nnMs.slice(0, n));
  const rsaRmsMs = Math.sqrt(energy / rsa.length);
  const noiseRmsMs = (resolutionMs / Math.sqrt(12)) * Math.sqrt(Math.min(1, (p.highHz - p.lowHz + 2 * p.edgeHz) / (hrBpm / 120)));
  const snr = noiseRmsMs > 0 ? rsaRmsMs / noiseRmsMs : Number.POSITIVE_INFINITY;
  const resolution = Math.max(0, Math.min(1, (snr - p.zeroSnr) / (p.fullSnr - p.zeroSnr)));
  // A peak at half the estimate makes it ambiguous (second harmonic of an asymmetric breath).
  // A half-rate peak within the Mayer-wave range is the baroreflex rhythm, not a slower breath.
  const half = peaks.find((peak) => Math.abs(peak.perMin - nearest.perMin / 2) <= p.lobeHz * 60 && peak.perMin >= p.mayerAbovePerMin);
  const harmonic = half !== undefined && half.share >= p.subharmonicShare * nearest.share ? 0 : 1;
  const confidence = Math.max(0, Math.min(1, (0.5 + 0.5 * agreement) * Math.sqrt(salience) * regularity * resolution * harmonic));
  return {
    breathsPerMin: estimate,
    confidence,
    spectralPerMin,
    countedPerMin,
    resolutionMs,
    parts: { agreement, salience, regularity, resolution, harmonic, rsaRmsMs, snr },
  };
}

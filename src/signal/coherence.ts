/**
 * Resonance coherence: how much of a partner's heart-rate variability sits in one slow rhythm, and
 * whether that rhythm is the shared breathing pacer's.
 *
 * Definition: over the 64 s of beats before `endSec`, the artifact-corrected NN tachogram is
 * resampled evenly at 2 Hz (cubic spline), linearly detrended, Hann-windowed and zero-padded to
 * 512 points (0.0039 Hz grid). In its periodogram, the highest bin in 0.04–0.26 Hz (2.4–15.6
 * cycles/min) is the peak; coherence is the power within ±0.015 Hz of the peak divided by the
 * power in the whole 0.04–0.26 Hz band, 0–1.
 *
 * References: after the "coherence ratio" of McCraty et al. (HeartMath; McCraty, Atkinson,
 * Tomasino & Bradley 2009, "The coherent heart", Integral Review 5(2):10–115), which takes the
 * peak in 0.04–0.26 Hz and a 0.030 Hz window around it but divides by the power outside that
 * window (0–∞); here the share of the band is reported instead, so the number is bounded and
 * reads as a share. Breathing slowly at about 6/min (0.1 Hz) draws the heart's rhythm into one
 * large oscillation, the resonance of the baroreflex (Lehrer, Vaschillo & Vaschillo 2000, Appl
 * Psychophysiol Biofeedback 25(3):177–191, doi:10.1023/A:1009554825745; Lehrer & Gevirtz 2014,
 * Front Psychol 5:756, doi:10.3389/fpsyg.2014.00756), which is what a high coherence shows.
 *
 * Limits:
 * - A 64 s window resolves about 1/64 Hz (0.94/min). The Hann window's main lobe (±0.031 Hz) is
 *   wider than the ±0.015 Hz peak window, so even a pure sinusoid reads about 0.86 mid-band
 *   ({@link COHERENCE_PARAMS.pureToneShare}; up to 0.94 near the band's edges, where part of its
 *   lobe falls outside the band), not 1; white noise reads about 0.28. Numbers compare within
 *   this definition only, not with HeartMath's ratio.
 * - Spontaneous Mayer waves (about 0.1 Hz) can give a peak near 6/min without paced breathing;
 *   see {@link pacerRhythmState} for how following is judged.
 * - Needs RR intervals: heart-rate-only devices, windows with a gap (reconnect, dropout), too
 *   few beats, more than 10 % artifacts or an irregular rhythm ({@link assessRhythm}) give null.
 */
import { correctArtifacts } from './artifacts';
import { fft } from './fft';
import { detrendLinear, resampleCubic } from './resample';
import { RHYTHM_KINDS, assessRhythm } from './rhythm';
import { rmssdMs } from './rmssd';
import type { Beat } from './types';

/** Named parameters of the coherence reading and the pacer check. */
export const COHERENCE_PARAMS = {
  /** Window before endSec, seconds. */
  windowSec: 64,
  /** Resampling rate of the tachogram, Hz. */
  fsHz: 2,
  /** FFT length (zero padding refines the grid to fsHz / nfft). */
  nfft: 512,
  /** Band the peak is looked for in and whose power is the denominator, Hz (McCraty). */
  lowHz: 0.04,
  highHz: 0.26,
  /** Half-width of the peak window, Hz (McCraty's 0.030 Hz window). */
  peakHalfWidthHz: 0.015,
  /** Band of fast RSA (breathing faster than 9/min), Hz: its share of 0.04–0.4 Hz is `fastShare`. */
  fastFromHz: 0.15,
  fastToHz: 0.4,
  /** Beats must cover at least this share of the window. */
  minCoverage: 0.9,
  /** Fewest beats in the window (64 s at 40 bpm). */
  minBeats: 40,
  /** Above this share of artifacts the window is not read. */
  maxArtifactRate: 0.1,
  /** What a pure sinusoid mid-band reads with this window (Hann, 64 s, ±0.015 Hz). */
  pureToneShare: 0.86,
  /**
   * Following the pacer: the peak within this distance of the pacer's rate, cycles/min (a little
   * over one frequency resolution of the 64 s window, 0.94/min)…
   */
  followTolerancePerMin: 1,
  /** …and a coherence of at least this (chosen on the simulator, `npm run bench -- together`). */
  followMinCoherence: 0.5,
  /**
   * Not following: the peak farther than this from the pacer's rate, cycles/min, or a coherence
   * below {@link COHERENCE_PARAMS.notFollowMaxCoherence}; in between: can't tell.
   */
  notFollowDistancePerMin: 1.5,
  notFollowMaxCoherence: 0.2,
  /**
   * Following needs `fastShare` at most this; from {@link COHERENCE_PARAMS.notFollowMinFastShare}
   * the partner is breathing faster than the pacer (chosen on the simulator: followers 0.00–0.03,
   * partners breathing 12–18/min 0.4–0.76, 5th–95th percentile).
   */
  followMaxFastShare: 0.25,
  notFollowMinFastShare: 0.4,
} as const;

/** A partner's resonance coherence over one window. */
export interface CoherenceReading {
  /** Share (0–1) of the 0.04–0.26 Hz power of the evenly resampled tachogram within ±0.015 Hz of its peak; null when not computable (heart-rate-only, too few beats, gaps, irregular rhythm). */
  readonly coherence: number | null;
  /** Frequency of that peak in cycles per minute (comparable to breaths/min); null with coherence. */
  readonly peakPerMin: number | null;
  /**
   * Share (0–1) of the 0.04–0.4 Hz power above 0.15 Hz: respiratory sinus arrhythmia of breathing
   * faster than 9/min, i.e. not with a 4–7/min pacer. Null with coherence; absent in readings
   * built by hand (then not used).
   */
  readonly fastShare?: number | null;
}

const NONE: CoherenceReading = { coherence: null, peakPerMin: null, fastShare: null };

/** Hann window of length n (cached by length). */
const hannCache = new Map<number, Float64Array>();
function hann(n: number): Float64Array {
  let w = hannCache.get(n);
  if (w === undefined) {
    w = new Float64Array(n);
    for (let i = 0; i < n; i += 1) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, n - 1));
    hannCache.set(n, w);
  }
  return w;
}

/**
 * Coherence of an evenly sampled series (already detrended): share of the band's periodogram
 * power within the peak window, and the peak's frequency. Exported for the tests and the bench.
 * @param values - evenly sampled series
 * @param fsHz - its rate, Hz
 */
export function coherenceOfSeries(values: ArrayLike<number>, fsHz: number): CoherenceReading {
  const p = COHERENCE_PARAMS;
  const n = values.length;
  const size = Math.max(p.nfft, 1 << Math.ceil(Math.log2(Math.max(2, n))));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const w = hann(n);
  let meanValue = 0;
  for (let i = 0; i < n; i += 1) meanValue += values[i];
  meanValue /= Math.max(1, n);
  for (let i = 0; i < n; i += 1) re[i] = (values[i] - meanValue) * w[i];
  fft(re, im);
  const dfHz = fsHz / size;
  const lo = Math.ceil(p.lowHz / dfHz);
  const hi = Math.floor(p.highHz / dfHz);
  const fastFrom = Math.ceil(p.fastFromHz / dfHz);
  const fastTo = Math.floor(p.fastToHz / dfHz);
  let total = 0;
  let top = lo;
  let slow = 0;
  let fast = 0;
  for (let k = lo; k <= Math.max(hi, fastTo); k += 1) {
    const power = re[k] ** 2 + im[k] ** 2;
    re[k] = power;
    if (k < fastFrom) slow += power;
    else if (k <= fastTo) fast += power;
    if (k > hi) continue;
    total += power;
    if (power > re[top]) top = k;
  }
  if (!(total > 0)) return NONE;
  const half = Math.floor(p.peakHalfWidthHz / dfHz);
  let peak = 0;
  for (let k = Math.max(lo, top - half); k <= Math.min(hi, top + half); k += 1) peak += re[k];
  return { coherence: Math.min(1, peak / total), peakPerMin: top * dfHz * 60, fastShare: fast / (slow + fast) };
}

/**
 * Resonance coherence over the 64 s before `endSec` (beats with endSec − 64 < tSec ≤ endSec).
 * See the module documentation for the definition, references and limits.
 * @param beats - one partner's beats in event time, increasing tSec (others outside the window are ignored)
 * @param endSec - window end, event-time seconds
 * @returns nulls when not computable: a heart-rate-only sample or a gap in the window, beats
 *   covering less than 90 % of it, fewer than 40 beats, more than 10 % artifacts, or an irregular rhythm
 */
export function resonanceCoherence(beats: readonly Beat[], endSec: number): CoherenceReading {
  const p = COHERENCE_PARAMS;
  const startSec = endSec - p.windowSec;
  // Beats are in time order: find the window by scanning back from the end.
  let last = beats.length - 1;
  while (last >= 0 && beats[last].tSec > endSec) last -= 1;
  let first = last;
  while (first >= 0 && beats[first].tSec > startSec) first -= 1;
  first += 1;
  const count = last - first + 1;
  if (count < p.minBeats) return NONE;
  const rr: number[] = [];
  for (let i = first; i <= last; i += 1) {
    const beat = beats[i];
    if (beat.rrMs === null || !Number.isFinite(beat.rrMs) || !Number.isFinite(beat.tSec)) return NONE;
    if (i > first && (beat.afterGap || !(beat.tSec > beats[i - 1].tSec))) return NONE;
    rr.push(beat.rrMs);
  }
  if (beats[last].tSec - beats[first].tSec < p.minCoverage * p.windowSec) return NONE;
  const corrected = correctArtifacts(rr);
  if (corrected.report.artifactRate > p.maxArtifactRate || corrected.nnMs.length < p.minBeats) return NONE;
  const rhythmEvents = RHYTHM_KINDS.reduce((sum, kind) => sum + corrected.report.indices[kind].length, 0);
  const irregular = assessRhythm(
    corrected.nnMs.filter((_, i) => !corrected.corrected[i]),
    rhythmEvents / rr.length,
    rmssdMs(corrected.nnMs, corrected.pairValid) ?? null,
  );
  if (irregular !== null) return NONE;
  // Beat times from the first beat by cumulative NN, so split and merged beats stay consistent.
  const times: number[] = [];
  let t = beats[first].tSec;
  corrected.nnMs.forEach((nn, i) => {
    if (i > 0) t += nn / 1000;
    times.push(t);
  });
  const even = resampleCubic(times, corrected.nnMs, p.fsHz);
  if (even === undefined) return NONE;
  return coherenceOfSeries(detrendLinear(even.values), p.fsHz);
}

/** Whether a partner's heart rhythm follows the shared breathing pacer. */
export type RhythmState = 'following' | 'not-following' | 'unknown';

/**
 * Judges one coherence reading against the pacer's rate.
 *
 * - `following`: the coherence peak lies within 1/min of the pacer's rate, holds at least 0.5 of
 *   the band's power (one clear rhythm at the pacer's rate), and at most a quarter of the
 *   0.04–0.4 Hz power lies above 0.15 Hz (`fastShare`): no sign of breathing faster on the side.
 *   The last condition matters: spontaneous Mayer waves sit near 0.1 Hz, i.e. 6/min, so a peak
 *   at a 5.5–6/min pacer alone is no evidence of following; a partner breathing 12–18/min shows
 *   it in their fast RSA (in the bench about 0.6 of the power, against 0.01–0.03 for followers).
 * - `not-following`: the peak lies more than 1.5/min from the pacer's rate, or the coherence is
 *   below 0.2 (no rhythm stands out, so none at the pacer's rate either), or at least 0.4 of the
 *   power lies above 0.15 Hz.
 * - `unknown` (the screen says "can't tell"): the reading is null (heart-rate-only device, gap,
 *   irregular rhythm, too little data), or it is in between. Also whenever the pacer is off
 *   (`pacerPerMin` null): there is nothing to follow, so nothing is claimed either way.
 * @param reading - a {@link resonanceCoherence} reading
 * @param pacerPerMin - the pacer's rate, breaths/min, or null while it is off
 */
export function pacerRhythmState(reading: CoherenceReading, pacerPerMin: number | null): RhythmState {
  const p = COHERENCE_PARAMS;
  if (pacerPerMin === null || !Number.isFinite(pacerPerMin) || reading.coherence === null || reading.peakPerMin === null) return 'unknown';
  const distance = Math.abs(reading.peakPerMin - pacerPerMin);
  const fast = reading.fastShare ?? 0;
  if (distance <= p.followTolerancePerMin && reading.coherence >= p.followMinCoherence && fast <= p.followMaxFastShare) return 'following';
  if (distance > p.notFollowDistancePerMin || reading.coherence < p.notFollowMaxCoherence || fast >= p.notFollowMinFastShare) {
    return 'not-following';
  }
  return 'unknown';
}

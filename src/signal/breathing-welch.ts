/**
 * The plain Welch-peak breathing estimate used as the baseline to beat (the recordings' README):
 * 4 Hz cubic resample of the RR series, linear detrend, Welch PSD (Hann, segments of 256 samples
 * or the whole series when shorter, half overlap, no zero padding), highest peak in 0.07–0.5 Hz.
 * Kept for comparison in the accuracy benchmark; the app uses {@link estimateBreathingRate}.
 */
import { detrendLinear, resampleCubic } from './resample';
import { welchPsd } from './spectrum';

/**
 * @param tSec - beat times, seconds, increasing
 * @param rrMs - RR interval ending at each beat, ms (used as given: no artifact correction)
 * @returns breaths per minute, or `undefined` with fewer than 20 s of beats
 */
export function welchBreathingRate(tSec: readonly number[], rrMs: readonly number[]): number | undefined {
  const even = resampleCubic(tSec, rrMs, 4);
  if (even === undefined || even.values.length < 80) return undefined;
  const { dfHz, power } = welchPsd(detrendLinear(even.values), 4, 256);
  let best = -1;
  for (let k = Math.ceil(0.07 / dfHz); k * dfHz <= 0.5 && k < power.length; k += 1) {
    if (best < 0 || power[k] > power[best]) best = k;
  }
  return best < 0 ? undefined : best * dfHz * 60;
}

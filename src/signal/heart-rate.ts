/**
 * Mean heart rate over a run of RR intervals, beats per minute: 60 000 × beats / Σ RR (ms), i.e.
 * beats per elapsed time, not the mean of instantaneous rates (which is biased upwards by short
 * intervals).
 * @param rrMs - RR or NN intervals, ms (non-finite or non-positive values are ignored)
 * @returns bpm, or `undefined` without a usable interval
 */
export function heartRate(rrMs: readonly number[]): number | undefined {
  let sum = 0;
  let count = 0;
  for (const rr of rrMs) {
    if (!Number.isFinite(rr) || rr <= 0) continue;
    sum += rr;
    count += 1;
  }
  return count === 0 ? undefined : (60_000 * count) / sum;
}

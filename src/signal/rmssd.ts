/**
 * RMSSD: root mean square of successive differences of NN intervals, ms.
 *
 * Definition (Task Force of the ESC and NASPE 1996, doi:10.1161/01.CIR.93.5.1043):
 * RMSSD = sqrt( Σ (NN[i+1] − NN[i])² / m ) over the m valid successive pairs. The mean is over
 * pairs (m), not m − 1: a population root mean square, as in Kubios and NeuroKit2 `hrv_time`.
 */

/**
 * RMSSD of an NN series in ms, using only the pairs marked valid.
 * @param nnMs - NN intervals, ms
 * @param pairValid - pairValid[i] says whether (nnMs[i], nnMs[i+1]) are truly consecutive genuine
 *   beats; omitted means every pair is valid
 * @returns RMSSD in ms, or `undefined` with no valid pair (never NaN)
 */
export function rmssdMs(nnMs: readonly number[], pairValid?: readonly boolean[]): number | undefined {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i + 1 < nnMs.length; i += 1) {
    if (pairValid !== undefined && pairValid[i] !== true) continue;
    const d = nnMs[i + 1] - nnMs[i];
    if (!Number.isFinite(d)) continue;
    sum += d * d;
    pairs += 1;
  }
  return pairs === 0 ? undefined : Math.sqrt(sum / pairs);
}

/**
 * Natural log of RMSSD in ms (ln RMSSD), the usual scale for comparing HRV against a baseline
 * (Plews et al. 2013, doi:10.1007/s40279-013-0071-8). `undefined` when RMSSD is undefined or 0
 * (the log of 0 is not a number a user can act on).
 */
export function lnRmssd(rmssd: number | undefined): number | undefined {
  return rmssd === undefined || !(rmssd > 0) ? undefined : Math.log(rmssd);
}

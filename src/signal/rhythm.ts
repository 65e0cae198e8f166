/**
 * Is the rhythm regular enough for HRV and breathing from RSA to mean anything?
 *
 * RMSSD and respiratory sinus arrhythmia describe the vagal modulation of a sinus rhythm. When
 * the rhythm is not a sinus rhythm with the odd artifact, a number can still be computed, but it
 * describes the arrhythmia or what artifact correction made of it, not the body's calm. Three
 * patterns are recognised from RR alone, per window:
 *
 * - `ectopy`: more than {@link RHYTHM_PARAMS.maxSetAsideShare} of the intervals were set aside by
 *   artifact correction as rhythm events — ectopic, long or short intervals. Missed and extra
 *   beats are detection errors that correction repairs exactly; they do not count here (a noisy
 *   strap is the artifact rule's business: the gate keeps it out above 10 %).
 *   Excluding segments with more than 5 % edited beats is a common rule in HRV research (Peltola
 *   2012, Front Physiol 3:148, doi:10.3389/fphys.2012.00148, reviews how editing biases RMSSD).
 * - `af-like`: large beat-to-beat changes without structure, the irregularity of atrial
 *   fibrillation. Two of the three statistics of Dash et al. 2009 (Ann Biomed Eng 37:1701–1709,
 *   doi:10.1007/s10439-009-9740-z): RMSSD normalised by the mean NN above 0.1, and a turning
 *   point ratio no lower than a random series would give (z ≥ −1.96). A strong sinus arrhythmia
 *   (slow deep breathing, normalised RMSSD up to 0.15) has few turning points and stays regular.
 * - `flat`: almost no variation at all (SD and RMSSD both below {@link RHYTHM_PARAMS.flatMaxCv} of
 *   the mean), as a fixed-rate pacemaker gives, or a variation below what RR can resolve; a sinus
 *   rhythm over a minute varies by several percent.
 *
 * Limitations: a screening of the signal's usefulness, not a diagnosis; a pacemaker that tracks
 * activity, or AF with few beats, can pass as regular; the thresholds were checked against the
 * shared recordings (which hold ectopy and a paced-like rhythm) and the simulator, not a clinical
 * arrhythmia database.
 */
import type { ArtifactKind } from './artifacts';
import { mean as meanOf } from '../stats/descriptive';

/** Artifact kinds that are rhythm events rather than detection errors. */
export const RHYTHM_KINDS: readonly ArtifactKind[] = ['ectopic', 'long', 'short'];

/** Why HRV is not meaningful in a window. */
export type IrregularRhythm = 'ectopy' | 'af-like' | 'flat';

/** Named thresholds of the rhythm check. */
export const RHYTHM_PARAMS = {
  /** Share of intervals set aside above which the window is `ectopy`. */
  maxSetAsideShare: 0.05,
  /** Fewest genuine intervals for the statistics; fewer says nothing (regular assumed). */
  minBeats: 20,
  /** RMSSD / mean NN above which irregularity may be AF-like (Dash et al. 2009). */
  afMinNormalisedRmssd: 0.1,
  /** z-score of the turning point count from which it is as random as noise (−1.96: 95 %). */
  afMinTurningPointZ: -1.96,
  /** SD and RMSSD of NN, as shares of the mean, below which the rhythm is `flat`. */
  flatMaxCv: 0.003,
} as const;

/**
 * Classifies a window's rhythm.
 * @param genuineNnMs - the window's genuine (not set aside) NN intervals in order, ms
 * @param setAsideShare - share of the window's intervals set aside as rhythm events (ectopic, long,
 *   short; see {@link RHYTHM_KINDS}), 0–1
 * @param rmssdMs - RMSSD over the window's valid pairs, ms, or null
 * @returns the irregular pattern, or null when the rhythm is regular or there is too little data
 */
export function assessRhythm(genuineNnMs: readonly number[], setAsideShare: number, rmssdMs: number | null): IrregularRhythm | null {
  const p = RHYTHM_PARAMS;
  const n = genuineNnMs.length;
  if (n < p.minBeats) return null;
  if (setAsideShare > p.maxSetAsideShare) return 'ectopy';
  const mean = meanOf(genuineNnMs) as number;
  let sq = 0;
  for (const v of genuineNnMs) sq += (v - mean) ** 2;
  if (Math.sqrt(sq / n) < p.flatMaxCv * mean && (rmssdMs ?? 0) < p.flatMaxCv * mean) return 'flat';
  if (rmssdMs !== null && rmssdMs / mean > p.afMinNormalisedRmssd && turningPointZ(genuineNnMs) >= p.afMinTurningPointZ) {
    return 'af-like';
  }
  return null;
}

/**
 * z-score of the number of turning points (local maxima and minima) against an independent
 * series of the same length: expected 2(n − 2)/3, variance (16n − 29)/90 (Kendall's turning
 * point test). Strongly negative for smooth, oscillating series.
 */
export function turningPointZ(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  let turns = 0;
  for (let i = 1; i + 1 < n; i += 1) {
    if ((values[i] - values[i - 1]) * (values[i + 1] - values[i]) < 0) turns += 1;
  }
  return (turns - (2 * (n - 2)) / 3) / Math.sqrt((16 * n - 29) / 90);
}

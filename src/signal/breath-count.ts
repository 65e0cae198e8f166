/**
 * Time-domain breath counting on a band-passed RSA signal: the "original counting" method of
 * Schäfer & Kratky (2008), "Estimation of breathing rate from respiratory sinus arrhythmia:
 * comparison of various methods", Ann Biomed Eng 36(3):476–485, doi:10.1007/s10439-007-9428-1.
 */
import { quantile } from '../stats/descriptive';

/** Result of counting: mean cycle length as a rate, and the cycles it rests on. */
export interface BreathCount {
  readonly breathsPerMin: number;
  /** Cycle durations, seconds. */
  readonly cyclesSec: readonly number[];
}

/**
 * Counts breaths in a zero-mean, band-passed signal: local maxima above 0.2 × the third quartile
 * of all local maxima are candidate inspirations; a cycle is the span between two consecutive
 * candidates with exactly one local minimum below zero between them. The rate is 60 / mean cycle.
 * @param values - band-passed RSA signal, evenly sampled
 * @param fsHz - its sampling rate
 * @returns `undefined` with fewer than two valid cycles
 */
export function countBreaths(values: ArrayLike<number>, fsHz: number, thresholdShare = 0.2): BreathCount | undefined {
  const maxima: number[] = [];
  const minima: number[] = [];
  for (let i = 1; i + 1 < values.length; i += 1) {
    if (values[i] > values[i - 1] && values[i] >= values[i + 1]) maxima.push(i);
    if (values[i] < values[i - 1] && values[i] <= values[i + 1]) minima.push(i);
  }
  const q3 = quantile(
    maxima.map((i) => values[i]),
    0.75,
  );
  if (q3 === undefined || !(q3 > 0)) return undefined;
  const peaks = maxima.filter((i) => values[i] > thresholdShare * q3);
  const cyclesSec: number[] = [];
  let m = 0;
  for (let p = 0; p + 1 < peaks.length; p += 1) {
    while (m < minima.length && minima[m] < peaks[p]) m += 1;
    let below = 0;
    let k = m;
    while (k < minima.length && minima[k] < peaks[p + 1]) {
      if (values[minima[k]] < 0) below += 1;
      k += 1;
    }
    if (below === 1) cyclesSec.push((peaks[p + 1] - peaks[p]) / fsHz);
  }
  if (cyclesSec.length < 2) return undefined;
  const meanCycle = cyclesSec.reduce((a, b) => a + b, 0) / cyclesSec.length;
  return { breathsPerMin: 60 / meanCycle, cyclesSec };
}

/**
 * "Advanced counting" of Schäfer & Kratky (2008): alternate local maxima and minima, then
 * repeatedly remove the adjacent extremum pair with the smallest vertical distance while it is
 * below `distanceShare` × the third quartile of all such distances (ripples, not breaths). Each
 * remaining maximum-to-maximum span is one breath cycle. More robust than the original counting
 * against small ripples from noise when RSA is weak.
 * @returns `undefined` with fewer than two cycles
 */
export function countBreathsAdvanced(values: ArrayLike<number>, fsHz: number, distanceShare = 0.1): BreathCount | undefined {
  // Extrema in order, alternating by construction (a plateau or repeated kind keeps the larger).
  const ext: { i: number; v: number; max: boolean }[] = [];
  for (let i = 1; i + 1 < values.length; i += 1) {
    const isMax = values[i] > values[i - 1] && values[i] >= values[i + 1];
    const isMin = values[i] < values[i - 1] && values[i] <= values[i + 1];
    if (!isMax && !isMin) continue;
    const last = ext[ext.length - 1];
    if (last !== undefined && last.max === isMax) {
      if ((isMax && values[i] > last.v) || (!isMax && values[i] < last.v)) ext[ext.length - 1] = { i, v: values[i], max: isMax };
      continue;
    }
    ext.push({ i, v: values[i], max: isMax });
  }
  if (ext.length < 4) return undefined;
  const distances = () => ext.slice(1).map((e, k) => Math.abs(e.v - ext[k].v));
  const q3 = quantile(distances(), 0.75) ?? 0;
  const threshold = distanceShare * q3;
  for (;;) {
    const d = distances();
    let smallest = -1;
    for (let k = 0; k < d.length; k += 1) if (smallest < 0 || d[k] < d[smallest]) smallest = k;
    if (smallest < 0 || d[smallest] >= threshold || ext.length < 4) break;
    // Removing the pair (smallest, smallest + 1) keeps the max/min alternation.
    ext.splice(smallest, 2);
  }
  const peaks = ext.filter((e) => e.max).map((e) => e.i);
  if (peaks.length < 3) return undefined;
  const cyclesSec = peaks.slice(1).map((p, k) => (p - peaks[k]) / fsHz);
  const meanCycle = cyclesSec.reduce((a, b) => a + b, 0) / cyclesSec.length;
  return { breathsPerMin: 60 / meanCycle, cyclesSec };
}

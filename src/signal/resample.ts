/**
 * Even resampling of an unevenly sampled series (the RR tachogram) with a natural cubic spline,
 * the usual preparation for spectral HRV analysis (Task Force 1996; Kubios uses 4 Hz).
 */

/** A series sampled every 1/fsHz seconds from t0Sec. */
export interface EvenSeries {
  readonly t0Sec: number;
  readonly fsHz: number;
  readonly values: Float64Array;
}

/**
 * Resamples (tSec[i], values[i]) onto an even grid from tSec[0] to the last time, with a natural
 * cubic spline through the points.
 * @param tSec - strictly increasing times, seconds
 * @param values - one value per time
 * @param fsHz - output rate, Hz
 * @returns `undefined` with fewer than 3 points or a time span shorter than one sample
 */
export function resampleCubic(tSec: readonly number[], values: readonly number[], fsHz: number): EvenSeries | undefined {
  const n = Math.min(tSec.length, values.length);
  if (n < 3 || !(fsHz > 0)) return undefined;
  const span = tSec[n - 1] - tSec[0];
  const count = Math.floor(span * fsHz) + 1;
  if (count < 2) return undefined;
  // Second derivatives of the natural spline (tridiagonal system, Thomas algorithm).
  const m = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 1; i < n - 1; i += 1) {
    const h0 = tSec[i] - tSec[i - 1];
    const h1 = tSec[i + 1] - tSec[i];
    const rhs = 6 * ((values[i + 1] - values[i]) / h1 - (values[i] - values[i - 1]) / h0);
    const diag = 2 * (h0 + h1) - h0 * c[i - 1];
    c[i] = h1 / diag;
    d[i] = (rhs - h0 * d[i - 1]) / diag;
  }
  for (let i = n - 2; i >= 1; i -= 1) m[i] = d[i] - c[i] * m[i + 1];
  const out = new Float64Array(count);
  let k = 0;
  for (let s = 0; s < count; s += 1) {
    const t = tSec[0] + s / fsHz;
    while (k < n - 2 && tSec[k + 1] < t) k += 1;
    const h = tSec[k + 1] - tSec[k];
    const a = (tSec[k + 1] - t) / h;
    const b = (t - tSec[k]) / h;
    out[s] = a * values[k] + b * values[k + 1] + (((a ** 3 - a) * m[k] + (b ** 3 - b) * m[k + 1]) * (h * h)) / 6;
  }
  return { t0Sec: tSec[0], fsHz, values: out };
}

/** Removes the least-squares line from a series (a new array). */
export function detrendLinear(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values);
  if (n < 2) return out.fill(0);
  const mx = (n - 1) / 2;
  let my = 0;
  for (let i = 0; i < n; i += 1) my += values[i];
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (i - mx) * (values[i] - my);
    sxx += (i - mx) ** 2;
  }
  const b = sxy / sxx;
  for (let i = 0; i < n; i += 1) out[i] = values[i] - my - b * (i - mx);
  return out;
}

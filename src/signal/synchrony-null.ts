/**
 * What chance alone gives the peak lagged correlation of two independent, autocorrelated series:
 * a parametric null from the series' own autocorrelation, instead of shifted surrogates, so a
 * reading needs only the window and a few seconds before it (docs/together.md, Co-regulation).
 *
 * 1. **Effective samples** (Bartlett 1935; Bayley & Hammersley 1946, J R Stat Soc Suppl 8:184–197;
 *    in the form of Pyper & Peterman 1998, Can J Fish Aquat Sci 55:2127–2140): for independent
 *    series a and b with autocorrelations ρa, ρb, the cross-correlation over N samples has
 *    variance about 1/N* with 1/N* = 1/N + (2/N) Σ_{j=1..M} ((N − j)/N) ρa(j) ρb(j). Band-passed
 *    series share their autocorrelation's slow oscillation, so N* is far below N (about a quarter of
 *    it for 0.03–0.15 Hz at 1 Hz).
 * 2. **The lag search.** The reading takes the largest |r| over 2L + 1 lags, which chance alone
 *    passes more often than one lag. Under independence the correlation between the lag-k and lag-l
 *    statistics is about Σ_j ρa(j) ρb(j + k − l) / Σ_j ρa(j) ρb(j) (Bartlett's covariance); the
 *    number of independent lags is Nyholt's M_eff = 1 + (m − 1)(1 − Var(λ)/m) from the eigenvalues λ
 *    of that m × m correlation matrix (Nyholt 2004, Am J Hum Genet 74:765–769), where Var(λ) needs
 *    no eigenvalues: Σ(λ − 1)² is the matrix's squared Frobenius norm minus m.
 * 3. **Threshold.** Šidák's per-lag level 1 − (1 − α)^(1/M_eff); two-sided, through Fisher's z with
 *    N* − 3 degrees of freedom: threshold |r| = tanh(z / √(N* − 3)).
 *
 * Cost: two autocorrelations of M lags over the analysed samples and an O(m²) sum, a few thousand
 * multiplications, against the 100 surrogates' 100 × (2L + 1) × N it replaces.
 *
 * Limits: asymptotic formulas; the autocorrelations are estimated from the same short span (their
 * error goes into N*), and the series are assumed stationary over it. The level actually reached
 * was measured on simulated independent partners, not derived (`npm run bench -- together`).
 */

/** Named parameters of the null. */
export const NULL_PARAMS = {
  /**
   * Level of the whole test (the peak over lags): the share of windows chance alone may call
   * linked. 0.025 with the approximations' error in mind, as the surrogates' 97.5th percentile was
   * before; measured on simulated independent partners (docs/together.md).
   */
  alpha: 0.025,
  /** Longest autocorrelation lag summed, seconds (Pyper & Peterman's N/5 for a 120 s window). */
  maxAcfLagSec: 24,
  /** Fewer effective samples than this: no threshold (the Fisher z is meaningless near 3). */
  minEffectiveSamples: 6,
} as const;

/** The null of one reading. */
export interface PeakNull {
  /** Effective number of independent samples of the window's correlation (N*). */
  readonly effectiveSamples: number;
  /** Effective number of independent lags in the lag search (M_eff, 1…2L + 1). */
  readonly effectiveLags: number;
  /** |r| that chance alone exceeds with probability alpha. */
  readonly threshold: number;
}

/**
 * Autocorrelation of values[from…to) at lags 0…maxLag (biased estimator: divided by the count, so
 * the sequence stays positive definite), normalised by lag 0. Null for a constant stretch.
 */
export function autocorrelation(values: ArrayLike<number>, from: number, to: number, maxLag: number): Float64Array | null {
  const n = to - from;
  if (n < 2) return null;
  let m = 0;
  for (let i = from; i < to; i += 1) m += values[i];
  m /= n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i += 1) x[i] = values[from + i] - m;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag && k < n; k += 1) {
    let s = 0;
    for (let i = k; i < n; i += 1) s += x[i] * x[i - k];
    out[k] = s;
  }
  if (!(out[0] > 0)) return null;
  const c0 = out[0];
  for (let k = 0; k <= maxLag; k += 1) out[k] /= c0;
  return out;
}

/**
 * The standard normal quantile Φ⁻¹(p), 0 < p < 1, by P. J. Acklam's rational approximation
 * (relative error below 1.2e-9, far below what a threshold needs).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be between 0 and 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => {
    const t = Math.sqrt(-2 * Math.log(q));
    return (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
  };
  if (p < 0.02425) return tail(p);
  if (p > 1 - 0.02425) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The null of the peak |r| over lags −maxLag…+maxLag of a window of `windowSamples`, from the
 * autocorrelations of the two series over `from…to` (the samples the correlation reads; see the
 * module documentation).
 * @param acfA - autocorrelation of partner A's series, lags 0…M ({@link autocorrelation})
 * @param acfB - the same for partner B, the same M
 * @param windowSamples - N, the correlation's samples
 * @param maxLag - L, lags searched each way, samples
 * @param alpha - level of the whole test
 * @returns null when the window has too few effective samples for a threshold
 */
export function peakCorrelationNull(
  acfA: Float64Array,
  acfB: Float64Array,
  windowSamples: number,
  maxLag: number,
  alpha: number = NULL_PARAMS.alpha,
): PeakNull | null {
  const n = windowSamples;
  const lags = Math.min(acfA.length, acfB.length) - 1;
  // Σ_j ρa(j) ρb(j + d) over all j (ρ even, zero beyond M), d = 0…2L: Bartlett's covariance of
  // the lag statistics d samples apart, in units of 1/N.
  const at = (acf: Float64Array, j: number) => (Math.abs(j) <= lags ? acf[Math.abs(j)] : 0);
  const span = 2 * maxLag;
  const cross = new Float64Array(span + 1);
  for (let dd = 0; dd <= span; dd += 1) {
    let s = 0;
    for (let j = -lags; j <= lags; j += 1) s += at(acfA, j) * at(acfB, j + dd);
    cross[dd] = s;
  }
  // Effective samples, with Pyper & Peterman's (N − j)/N weights.
  let sum = 0;
  for (let j = 1; j <= lags && j < n; j += 1) sum += ((n - j) / n) * acfA[j] * acfB[j];
  const inverse = 1 / n + (2 / n) * sum;
  const effectiveSamples = inverse > 0 ? Math.min(n, 1 / inverse) : n;
  if (!(effectiveSamples >= NULL_PARAMS.minEffectiveSamples)) return null;
  // Nyholt's effective number of lags from the Toeplitz correlation matrix of the m lag statistics.
  const m = span + 1;
  let frobenius = m;
  if (cross[0] > 0) {
    for (let dd = 1; dd < m; dd += 1) {
      const c = Math.max(-1, Math.min(1, cross[dd] / cross[0]));
      frobenius += 2 * (m - dd) * c * c;
    }
  }
  const eigenVariance = m > 1 ? (frobenius - m) / (m - 1) : 0;
  const effectiveLags = Math.max(1, Math.min(m, 1 + (m - 1) * (1 - eigenVariance / m)));
  const perLag = 1 - Math.pow(1 - alpha, 1 / effectiveLags);
  const z = normalQuantile(1 - perLag / 2);
  return { effectiveSamples, effectiveLags, threshold: Math.tanh(z / Math.sqrt(effectiveSamples - 3)) };
}

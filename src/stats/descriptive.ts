/**
 * The small pure statistics every layer may use (DESIGN.md, Folders): mean, sample SD, quantiles,
 * median, quartile deviation, slope, and a sorted sliding window. Pure, no allocation beyond one
 * sorted copy; too little data gives `undefined`, never NaN.
 */

/**
 * Quantile of `values` by linear interpolation between order statistics (Hyndman & Fan 1996,
 * definition 7, the default of R and NumPy). Returns `undefined` for an empty input.
 * @param values - any numbers (not modified)
 * @param p - probability in [0, 1]
 */
export function quantile(values: ArrayLike<number>, p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return quantileSorted(sorted, p);
}

/** {@link quantile} on values already sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Median (R-7 quantile at 0.5); `undefined` for an empty input. */
export function median(values: ArrayLike<number>): number | undefined {
  return quantile(values, 0.5);
}

/** Arithmetic mean; `undefined` for an empty input. */
export function mean(values: ArrayLike<number>): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i];
  return sum / values.length;
}

/**
 * Sample standard deviation (n − 1 in the denominator, Bessel's correction); `undefined` for fewer
 * than two values.
 */
export function sampleSd(values: ArrayLike<number>): number | undefined {
  const m = mean(values);
  if (m === undefined || values.length < 2) return undefined;
  let ss = 0;
  for (let i = 0; i < values.length; i += 1) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * Quartile deviation (semi-interquartile range), (Q3 − Q1) / 2 with R-7 quartiles; the robust
 * spread used by Lipponen & Tarvainen (2019) for their time-varying thresholds.
 */
export function quartileDeviation(values: ArrayLike<number>): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return ((quantileSorted(sorted, 0.75) as number) - (quantileSorted(sorted, 0.25) as number)) / 2;
}

/**
 * Least-squares slope of y against x (units of y per unit of x); `undefined` with fewer than two
 * points or when every x is equal.
 */
export function slope(x: ArrayLike<number>, y: ArrayLike<number>): number | undefined {
  const n = Math.min(x.length, y.length);
  if (n < 2) return undefined;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : undefined;
}

/**
 * A multiset of numbers kept sorted, for quantiles over a sliding window: insert and remove cost
 * O(log n) to find plus O(n) to shift, far cheaper than sorting each window afresh.
 */
export class SortedWindow {
  private readonly values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  /** Index of the first element ≥ value. */
  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(value: number): void {
    this.values.splice(this.lowerBound(value), 0, value);
  }

  /** Removes one occurrence of value (no-op when absent). */
  remove(value: number): void {
    const i = this.lowerBound(value);
    if (i < this.values.length && this.values[i] === value) this.values.splice(i, 1);
  }

  /** R-7 quantile of the current contents; undefined when empty. */
  quantile(p: number): number | undefined {
    return quantileSorted(this.values, p);
  }

  /** (Q3 − Q1) / 2 of the current contents; undefined when empty. */
  quartileDeviation(): number | undefined {
    if (this.values.length === 0) return undefined;
    return ((this.quantile(0.75) as number) - (this.quantile(0.25) as number)) / 2;
  }
}

import { describe, expect, it } from 'vitest';
import { mean, median, quantile, quartileDeviation, slope } from './stats';

describe('stats', () => {
  it('quantile(values, p) uses the R-7 method (linear between order statistics)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });
  it('quantile(values, p) returns undefined for an empty input', () => {
    expect(quantile([], 0.5)).toBeUndefined();
    expect(median([])).toBeUndefined();
    expect(mean([])).toBeUndefined();
    expect(quartileDeviation([])).toBeUndefined();
  });
  it('median(values) of an even count averages the middle pair', () => {
    expect(median([5, 1, 3, 7])).toBe(4);
  });
  it('quartileDeviation(values) is half the interquartile range', () => {
    expect(quartileDeviation([1, 2, 3, 4])).toBe((3.25 - 1.75) / 2);
  });
  it('slope(x, y) is the least-squares slope, undefined without spread in x', () => {
    expect(slope([0, 1, 2], [1, 3, 5])).toBe(2);
    expect(slope([1, 1], [1, 2])).toBeUndefined();
    expect(slope([1], [1])).toBeUndefined();
  });
});

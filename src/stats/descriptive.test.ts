import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedWindow, mean, median, quantile, quartileDeviation, sampleSd, slope } from './descriptive';

describe('descriptive statistics', () => {
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
  it('sampleSd(values) divides by n − 1 and is undefined for fewer than two values', () => {
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([3])).toBeUndefined();
    expect(sampleSd([])).toBeUndefined();
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

describe('SortedWindow', () => {
  it('SortedWindow gives the same quantiles as sorting the current window afresh', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 30 }),
        (values, width) => {
          const window = new SortedWindow();
          values.forEach((v, i) => {
            window.insert(v);
            if (i >= width) window.remove(values[i - width]);
            const current = values.slice(Math.max(0, i - width + 1), i + 1);
            expect(window.size).toBe(current.length);
            expect(window.quantile(0.5)).toBe(median(current));
            expect(window.quartileDeviation()).toBe(quartileDeviation(current));
          });
        },
      ),
    );
  });
  it('SortedWindow of nothing has undefined quantiles, and removing an absent value does nothing', () => {
    const window = new SortedWindow();
    window.remove(3);
    expect(window.quantile(0.5)).toBeUndefined();
    expect(window.quartileDeviation()).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lnRmssd, rmssdMs } from './rmssd';

const rrArray = fc.array(fc.double({ min: 300, max: 2000, noNaN: true }), { minLength: 2, maxLength: 200 });

describe('rmssdMs', () => {
  it('rmssdMs(nnMs) equals a hand computation on clean RR', () => {
    // Differences 10, −20, 10, 30: squares 100 + 400 + 100 + 900 = 1500 over 4 pairs.
    expect(rmssdMs([1000, 1010, 990, 1000, 1030])).toBe(Math.sqrt(1500 / 4));
  });
  it('rmssdMs(nnMs) divides by the number of pairs, not pairs − 1 (Task Force 1996)', () => {
    expect(rmssdMs([1000, 1010, 1000])).toBe(10);
  });
  it('rmssdMs(nnMs, pairValid) uses only the pairs marked valid', () => {
    // The 1500 is an artifact: both pairs touching it are invalid; left 10 and 20.
    expect(rmssdMs([1000, 1010, 1500, 1000, 1020], [true, false, false, true])).toBe(Math.sqrt((100 + 400) / 2));
  });
  it('rmssdMs(nnMs) returns undefined with no pair, never NaN', () => {
    expect(rmssdMs([])).toBeUndefined();
    expect(rmssdMs([800])).toBeUndefined();
    expect(rmssdMs([800, 900], [false])).toBeUndefined();
  });
  it('rmssdMs(nnMs) skips non-finite differences', () => {
    expect(rmssdMs([1000, Number.NaN, 1000, 1010])).toBe(10);
  });
  it('rmssdMs(nnMs) is 0 for a constant series', () => {
    expect(rmssdMs([900, 900, 900])).toBe(0);
  });
  it('adding a constant to every RR leaves RMSSD unchanged', () => {
    fc.assert(
      fc.property(rrArray, fc.double({ min: -200, max: 200, noNaN: true }), (rr, c) => {
        const a = rmssdMs(rr) as number;
        const b = rmssdMs(rr.map((x) => x + c)) as number;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, a));
      }),
    );
  });
  it('reversing the series leaves RMSSD unchanged and scaling RR scales it', () => {
    fc.assert(
      fc.property(rrArray, fc.double({ min: 0.5, max: 2, noNaN: true }), (rr, k) => {
        const a = rmssdMs(rr) as number;
        expect(rmssdMs([...rr].reverse())).toBeCloseTo(a, 6);
        expect(rmssdMs(rr.map((x) => x * k))).toBeCloseTo(a * k, 6);
      }),
    );
  });
  it('RMSSD is never negative and never NaN for finite input', () => {
    fc.assert(
      fc.property(rrArray, (rr) => {
        const a = rmssdMs(rr);
        expect(a).toBeDefined();
        expect(a as number).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('lnRmssd', () => {
  it('lnRmssd(rmssd) is the natural log of RMSSD in ms', () => {
    expect(lnRmssd(Math.E ** 3)).toBeCloseTo(3, 12);
  });
  it('lnRmssd(rmssd) returns undefined for undefined or 0', () => {
    expect(lnRmssd(undefined)).toBeUndefined();
    expect(lnRmssd(0)).toBeUndefined();
  });
});

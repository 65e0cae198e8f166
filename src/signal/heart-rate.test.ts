import { describe, expect, it } from 'vitest';
import { heartRate } from './heart-rate';

describe('heartRate', () => {
  it('heartRate(rrMs) is beats per elapsed minute', () => {
    expect(heartRate([1000, 1000, 1000])).toBe(60);
    // 2 beats in 1.5 s: 80 bpm (the mean of instantaneous rates would say 90).
    expect(heartRate([500, 1000])).toBe(80);
  });
  it('heartRate(rrMs) returns undefined without usable intervals', () => {
    expect(heartRate([])).toBeUndefined();
    expect(heartRate([0, -5, Number.NaN])).toBeUndefined();
  });
});

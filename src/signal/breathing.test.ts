import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBreaths, countBreathsAdvanced } from './breath-count';
import { BREATHING_PARAMS, breathingDetail, estimateBreathingRate, rrResolutionMs } from './breathing';
import { welchBreathingRate } from './breathing-welch';
import { tachogramFixture } from './tachogram-fixture';

const window60 = (o: Partial<Parameters<typeof tachogramFixture>[0]> & { breathsPerMin: number }) =>
  tachogramFixture({ durationSec: 60, hrBpm: 70, rsaMs: 30, noiseMs: 3, seed: 7, ...o });

describe('rrResolutionMs', () => {
  it("finds the step the intervals were rounded to: a strap's 1/1024 s, whole ms, 8 ms, or none", () => {
    const raw = [812.3, 790.1, 845.7, 830.2, 801.9, 799.4, 822.6, 818.8, 809.5, 826.3, 815.1, 804.4];
    expect(rrResolutionMs(raw.map((v) => Math.round((v * 1024) / 1000) * (1000 / 1024)))).toBe(1000 / 1024);
    expect(rrResolutionMs(raw.map(Math.round))).toBe(1);
    expect(rrResolutionMs(raw.map((v) => Math.round(v / 8) * 8))).toBe(8);
    expect(rrResolutionMs(raw.map((v) => v + Math.PI / 1000))).toBe(0);
    expect(rrResolutionMs([1000, 1000])).toBe(0);
  });
});

describe('estimateBreathingRate', () => {
  it.each([5.5, 6, 9, 12, 15, 18, 24, 30])('estimateBreathingRate(tSec, nnMs) finds %s breaths/min within 0.5', (rate) => {
    const { tSec, rrMs } = window60({ breathsPerMin: rate, hrBpm: rate > 20 ? 85 : 65, mayerMs: 10 });
    const estimate = estimateBreathingRate(tSec, rrMs);
    expect(estimate.breathsPerMin).not.toBeNull();
    expect(Math.abs((estimate.breathsPerMin as number) - rate)).toBeLessThan(0.5);
    expect(estimate.confidence).toBeGreaterThan(0.3);
  });

  it('estimateBreathingRate keeps paced breathing at 5.5/min on top of a 0.1 Hz Mayer wave', () => {
    const { tSec, rrMs } = window60({ breathsPerMin: 5.5, hrBpm: 62, rsaMs: 60, mayerMs: 25 });
    expect(Math.abs((estimateBreathingRate(tSec, rrMs).breathsPerMin as number) - 5.5)).toBeLessThan(0.5);
  });

  it('estimateBreathingRate follows weak RSA at high heart rate when a Mayer wave holds the largest spectral peak', () => {
    const { tSec, rrMs } = window60({ breathsPerMin: 18, hrBpm: 105, rsaMs: 4, mayerMs: 6, noiseMs: 0.8, seed: 12 });
    const detail = breathingDetail(tSec, rrMs);
    expect(detail.spectralPerMin).toBeCloseTo(6, 0);
    expect(Math.abs((detail.breathsPerMin as number) - 18)).toBeLessThan(1);
  });

  it('estimateBreathingRate gives no rate when the heart beats fewer than 2.5 times per breath (RSA aliases)', () => {
    const { tSec, rrMs } = window60({ breathsPerMin: 28, hrBpm: 60, rsaMs: 30, noiseMs: 2 });
    expect(estimateBreathingRate(tSec, rrMs)).toEqual({ breathsPerMin: null, confidence: 0 });
  });

  it('estimateBreathingRate does not trust an RSA the size of the RR rounding: 3 ms is clear at 1/1024 s, not at 8 ms', () => {
    const { tSec, rrMs } = window60({ breathsPerMin: 15, hrBpm: 72, rsaMs: 3, noiseMs: 0.2, mayerMs: 0 });
    const strap = rrMs.map((v) => Math.round((v * 1024) / 1000) * (1000 / 1024));
    const coarse = rrMs.map((v) => Math.round(v / 8) * 8);
    expect(breathingDetail(tSec, strap).resolutionMs).toBe(1000 / 1024);
    expect(estimateBreathingRate(tSec, strap).confidence).toBeGreaterThan(0.5);
    expect(rrResolutionMs(coarse)).toBe(8);
    expect(estimateBreathingRate(tSec, coarse).confidence).toBeLessThan(0.5);
    // The resolution can also be given, e.g. a device's known step.
    expect(estimateBreathingRate(tSec, rrMs, { resolutionMs: 8 }).confidence).toBeLessThan(0.5);
  });

  it('estimateBreathingRate returns null with confidence 0 when there is too little data', () => {
    const { tSec, rrMs } = tachogramFixture({ durationSec: 20, hrBpm: 70, breathsPerMin: 12, rsaMs: 30 });
    expect(estimateBreathingRate(tSec, rrMs)).toEqual({ breathsPerMin: null, confidence: 0 });
    expect(estimateBreathingRate([], [])).toEqual({ breathsPerMin: null, confidence: 0 });
  });

  it('estimateBreathingRate returns null for a series without RSA (constant RR)', () => {
    const tSec = Array.from({ length: 70 }, (_, i) => i);
    expect(
      estimateBreathingRate(
        tSec,
        tSec.map(() => 1000),
      ),
    ).toEqual({ breathsPerMin: null, confidence: 0 });
  });

  it('estimateBreathingRate returns null for non-increasing times or non-finite values', () => {
    const { tSec, rrMs } = window60({ breathsPerMin: 12 });
    const shuffled = [...tSec];
    shuffled[10] = shuffled[9];
    expect(estimateBreathingRate(shuffled, rrMs).breathsPerMin).toBeNull();
    const broken = [...rrMs];
    broken[5] = Number.NaN;
    expect(estimateBreathingRate(tSec, broken).breathsPerMin).toBeNull();
  });

  it('estimateBreathingRate gives white noise a low confidence (< 0.4) where a clear rhythm gets more', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const { tSec, rrMs } = tachogramFixture({ durationSec: 60, hrBpm: 70, breathsPerMin: 12, rsaMs: 0, noiseMs: 20, seed });
      expect(estimateBreathingRate(tSec, rrMs).confidence).toBeLessThan(0.4);
    }
    const { tSec, rrMs } = window60({ breathsPerMin: 12 });
    expect(estimateBreathingRate(tSec, rrMs).confidence).toBeGreaterThan(0.6);
  });

  it('estimateBreathingRate always returns a rate in range or null, and confidence in 0–1, never NaN', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 4, max: 40, noNaN: true }),
        fc.double({ min: 45, max: 130, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (rate, hr, rsa, seed) => {
          const { tSec, rrMs } = tachogramFixture({ durationSec: 60, hrBpm: hr, breathsPerMin: rate, rsaMs: rsa, noiseMs: 5, seed });
          const e = estimateBreathingRate(tSec, rrMs);
          expect(e.confidence).toBeGreaterThanOrEqual(0);
          expect(e.confidence).toBeLessThanOrEqual(1);
          if (e.breathsPerMin === null) expect(e.confidence).toBe(0);
          else {
            expect(e.breathsPerMin).toBeGreaterThanOrEqual(BREATHING_PARAMS.minPerMin);
            expect(e.breathsPerMin).toBeLessThanOrEqual(BREATHING_PARAMS.maxPerMin);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('breath counting (Schäfer & Kratky 2008)', () => {
  const sine = (perMin: number, seconds: number, fsHz = 4) =>
    Float64Array.from({ length: seconds * fsHz }, (_, i) => Math.sin((2 * Math.PI * perMin * i) / fsHz / 60));
  it('countBreaths(values, fsHz) counts a clean sine exactly', () => {
    expect(countBreaths(sine(12, 60), 4)?.breathsPerMin).toBeCloseTo(12, 6);
  });
  it('countBreathsAdvanced(values, fsHz) ignores small ripples that countBreaths counts', () => {
    const fsHz = 4;
    const values = sine(10, 60).map((v, i) => v + 0.08 * Math.sin((2 * Math.PI * 45 * i) / fsHz / 60));
    expect(countBreathsAdvanced(values, fsHz)?.breathsPerMin).toBeCloseTo(10, 0);
  });
  it('countBreaths returns undefined without two cycles', () => {
    expect(countBreaths(new Float64Array(10), 4)).toBeUndefined();
    expect(countBreathsAdvanced(sine(2, 20), 4)).toBeUndefined();
  });
});

describe('welchBreathingRate (baseline)', () => {
  it('welchBreathingRate(tSec, rrMs) finds a strong clean RSA on its 1/min grid', () => {
    const { tSec, rrMs } = window60({ breathsPerMin: 12, noiseMs: 0 });
    expect(Math.abs((welchBreathingRate(tSec, rrMs) as number) - 12)).toBeLessThanOrEqual(1);
  });
  it('welchBreathingRate returns undefined with under 20 s of beats', () => {
    const { tSec, rrMs } = tachogramFixture({ durationSec: 15, hrBpm: 70, breathsPerMin: 12, rsaMs: 30 });
    expect(welchBreathingRate(tSec, rrMs)).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselineFromCalibration, rollBaseline } from './baseline';
import { CALM_BASELINE, calmWindow } from './readiness-fixtures';
import type { Baseline } from './types';

const meta = { recordedAt: '2026-11-25T08:00:00.000Z', device: 'Polar H10 1A2B3C' };

describe('baselineFromCalibration', () => {
  it('baselineFromCalibration(windows, meta) is the mean and sample SD of lnRMSSD, mean HR and mean breathing', () => {
    const windows = [
      calmWindow(60, { lnRmssd: 3.6, hrBpm: 66, breathsPerMin: 11 }),
      calmWindow(90, { lnRmssd: 3.8, hrBpm: 68, breathsPerMin: 12 }),
      calmWindow(120, { lnRmssd: 4.0, hrBpm: 70, breathsPerMin: 13 }),
    ];
    const b = baselineFromCalibration(windows, meta);
    // mean 3.8; deviations −0.2, 0, 0.2 → SS 0.08 / (3 − 1) = 0.04 → SD 0.2
    expect(b.lnRmssdMean).toBeCloseTo(3.8, 12);
    expect(b.lnRmssdSd).toBeCloseTo(0.2, 12);
    expect(b.hrBpm).toBe(68);
    expect(b.breathsPerMin).toBe(12);
    expect(b).toMatchObject({ recordedAt: meta.recordedAt, device: meta.device, calibrations: 1, demo: false });
  });

  it('baselineFromCalibration(...) leaves out breathing estimates below the confidence threshold', () => {
    const windows = [
      calmWindow(60, { breathsPerMin: 11, breathingConfidence: 0.8 }),
      calmWindow(90, { breathsPerMin: 25, breathingConfidence: 0.2 }),
    ];
    expect(baselineFromCalibration(windows, meta).breathsPerMin).toBe(11);
    const unsure = windows.map((w) => ({ ...w, breathingConfidence: 0.1 }));
    expect(baselineFromCalibration(unsure, meta).breathsPerMin).toBeNull();
  });

  it('baselineFromCalibration(...) has a null SD from a single window with an lnRMSSD', () => {
    const b = baselineFromCalibration([calmWindow(60), calmWindow(90, { lnRmssd: null, rmssdMs: null })], meta);
    expect(b.lnRmssdMean).toBe(3.75);
    expect(b.lnRmssdSd).toBeNull();
  });

  it('baselineFromCalibration(...) of a heart-rate-only device stores no lnRMSSD or breathing', () => {
    const windows = [60, 90].map((t) =>
      calmWindow(t, { hrOnly: true, lnRmssd: null, rmssdMs: null, breathsPerMin: null, breathingConfidence: 0 }),
    );
    expect(baselineFromCalibration(windows, { ...meta, hrOnly: true })).toMatchObject({
      lnRmssdMean: null,
      lnRmssdSd: null,
      breathsPerMin: null,
      hrBpm: 70,
    });
    // Even if the windows carried numbers, a heart-rate-only calibration never uses them.
    expect(baselineFromCalibration([calmWindow(60), calmWindow(90)], { ...meta, hrOnly: true }).lnRmssdMean).toBeNull();
  });

  it('baselineFromCalibration(...) marks demo baselines', () => {
    expect(baselineFromCalibration([calmWindow(60)], { ...meta, demo: true }).demo).toBe(true);
  });

  it('baselineFromCalibration([], meta) throws a clear error', () => {
    expect(() => baselineFromCalibration([], meta)).toThrow('baselineFromCalibration: no window with a heart rate (0 windows given)');
    expect(() => baselineFromCalibration([calmWindow(60, { hrBpm: null })], meta)).toThrow(/no window with a heart rate/);
  });
});

describe('rollBaseline', () => {
  const older: Baseline = { ...CALM_BASELINE, lnRmssdMean: 3.5, lnRmssdSd: 0.1, hrBpm: 70, breathsPerMin: 14, calibrations: 2 };
  const newer: Baseline = {
    ...CALM_BASELINE,
    lnRmssdMean: 4.0,
    lnRmssdSd: 0.2,
    hrBpm: 60,
    breathsPerMin: 10,
    recordedAt: '2026-11-25T08:00:00.000Z',
    device: 'Garmin HRM-Pro',
    calibrations: 1,
  };

  it('rollBaseline(previous, next) weighs the newest calibration 0.6', () => {
    const r = rollBaseline(older, newer);
    expect(r.lnRmssdMean).toBeCloseTo(0.4 * 3.5 + 0.6 * 4.0, 12); // 3.8
    expect(r.hrBpm).toBeCloseTo(64, 12); // 0.4 × 70 + 0.6 × 60
    expect(r.breathsPerMin).toBeCloseTo(11.6, 12); // 0.4 × 14 + 0.6 × 10
    expect(r).toMatchObject({ recordedAt: newer.recordedAt, device: 'Garmin HRM-Pro', calibrations: 3, demo: false });
  });

  it('rollBaseline(...) rolls the SD as the SD of the weighted mixture, so day-to-day change widens it', () => {
    // 0.4 × 0.01 + 0.6 × 0.04 + 0.4 × 0.6 × 0.5² = 0.004 + 0.024 + 0.06 = 0.088
    expect(rollBaseline(older, newer).lnRmssdSd).toBeCloseTo(Math.sqrt(0.088), 12);
  });

  it('rollBaseline(...) keeps known values when one calibration lacks them (heart-rate-only)', () => {
    const hrOnly: Baseline = { ...newer, lnRmssdMean: null, lnRmssdSd: null, breathsPerMin: null };
    const r = rollBaseline(older, hrOnly);
    expect(r).toMatchObject({ lnRmssdMean: 3.5, lnRmssdSd: 0.1, breathsPerMin: 14 });
    expect(r.hrBpm).toBeCloseTo(64, 12);
    expect(rollBaseline(hrOnly, older)).toMatchObject({ lnRmssdMean: 3.5, lnRmssdSd: 0.1, breathsPerMin: 14 });
  });

  it('rollBaseline(...) never mixes demo and real baselines', () => {
    expect(() => rollBaseline(older, { ...newer, demo: true })).toThrow(/^rollBaseline: demo and real baselines are never mixed/);
    expect(() => rollBaseline({ ...older, demo: true }, newer)).toThrow(/^rollBaseline:/);
  });

  it('rollBaseline(...) gives calibration k the weight 0.6 × 0.4^age, the first one the remainder', () => {
    const one = (hrBpm: number): Baseline => ({ ...newer, hrBpm });
    let rolled = one(100);
    for (const hr of [0, 0, 0]) rolled = rollBaseline(rolled, one(hr));
    expect(rolled.hrBpm).toBeCloseTo(100 * 0.4 ** 3, 12);
  });

  it('rollBaseline(...) stays between the two inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 40, max: 120, noNaN: true }),
        fc.double({ min: 40, max: 120, noNaN: true }),
        fc.double({ min: 2, max: 5, noNaN: true }),
        fc.double({ min: 2, max: 5, noNaN: true }),
        (hr0, hr1, ln0, ln1) => {
          const r = rollBaseline({ ...older, hrBpm: hr0, lnRmssdMean: ln0 }, { ...newer, hrBpm: hr1, lnRmssdMean: ln1 });
          expect(r.hrBpm).toBeGreaterThanOrEqual(Math.min(hr0, hr1) - 1e-9);
          expect(r.hrBpm).toBeLessThanOrEqual(Math.max(hr0, hr1) + 1e-9);
          expect(Math.abs(r.hrBpm - hr1)).toBeLessThanOrEqual(Math.abs(r.hrBpm - hr0) + 1e-9);
          expect(r.lnRmssdSd!).toBeGreaterThanOrEqual(Math.min(older.lnRmssdSd!, newer.lnRmssdSd!) - 1e-12);
        },
      ),
    );
  });
});

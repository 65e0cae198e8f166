import { describe, expect, it } from 'vitest';
import type { Baseline } from '../signal/types';
import { plainCalibrationMessage, rollInto } from './calibrate-beats';

const real: Baseline = {
  lnRmssdMean: 3.5,
  lnRmssdSd: 0.2,
  hrBpm: 70,
  breathsPerMin: 13,
  recordedAt: '2026-11-01T08:00:00.000Z',
  device: 'Polar H10',
  calibrations: 2,
  demo: false,
};
const next: Baseline = { ...real, hrBpm: 60, recordedAt: '2026-11-25T08:00:00.000Z', calibrations: 1 };

describe('rollInto', () => {
  it('rollInto(previous, next) weighs the newest calibration 0.6 and counts both', () => {
    const rolled = rollInto(real, next);
    expect(rolled.hrBpm).toBeCloseTo(0.4 * 70 + 0.6 * 60, 10);
    expect(rolled.calibrations).toBe(3);
    expect(rolled.recordedAt).toBe(next.recordedAt);
  });

  it('rollInto(null, next) is the new calibration itself', () => {
    expect(rollInto(null, next)).toBe(next);
  });

  it('rollInto never mixes a demo baseline with a real one', () => {
    const demo = { ...real, demo: true, device: 'simulator' };
    expect(rollInto(demo, next)).toBe(next);
    expect(rollInto(real, { ...next, demo: true })).toEqual({ ...next, demo: true });
  });
});

describe('plainCalibrationMessage', () => {
  it('plainCalibrationMessage drops the operation prefix and keeps the advice', () => {
    expect(plainCalibrationMessage(new Error('calibrate: no heartbeat for 12 s — check that the strap is on'))).toBe(
      'no heartbeat for 12 s — check that the strap is on',
    );
    expect(plainCalibrationMessage('something else')).toBe('something else');
  });
});

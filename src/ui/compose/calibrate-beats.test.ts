import { describe, expect, it } from 'vitest';
import { simulateRr, CALM_PHYSIOLOGY } from '../../ble/simulator';
import type { Baseline, Beat } from '../../signal/types';
import { calibrateFromBeats } from './calibrate-beats';

function restBeats(durationSec = 185): Beat[] {
  const rest = simulateRr({ durationSec, physiology: CALM_PHYSIOLOGY.a, seed: 7 });
  return rest.tSec.map((tSec, i) => ({ tSec, rrMs: rest.rrMs[i]!, hrBpm: 60_000 / rest.rrMs[i]!, afterGap: false }));
}

const options = { device: 'Polar H10', previous: null, demo: false, recordedAt: '2026-11-25T08:00:00.000Z' };

describe('calibrateFromBeats', () => {
  it('calibrateFromBeats(3 minutes of calm rest) gives a baseline near the simulated physiology', () => {
    const outcome = calibrateFromBeats(restBeats(), options);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.baseline.hrBpm).toBeGreaterThan(CALM_PHYSIOLOGY.a.hrBpm - 5);
    expect(outcome.baseline.hrBpm).toBeLessThan(CALM_PHYSIOLOGY.a.hrBpm + 5);
    expect(outcome.baseline.lnRmssdMean).not.toBeNull();
    expect(outcome.baseline).toMatchObject({ device: 'Polar H10', demo: false, calibrations: 1, recordedAt: options.recordedAt });
  });

  it('calibrateFromBeats rolls the new calibration into the previous real baseline', () => {
    const previous: Baseline = {
      lnRmssdMean: 3,
      lnRmssdSd: 0.1,
      hrBpm: 80,
      breathsPerMin: 14,
      recordedAt: '2026-11-01T08:00:00.000Z',
      device: 'Polar H10',
      calibrations: 2,
      demo: false,
    };
    const outcome = calibrateFromBeats(restBeats(), { ...options, previous });
    expect(outcome.ok && outcome.baseline.calibrations).toBe(3);
  });

  it('calibrateFromBeats never rolls a demo baseline into a real one', () => {
    const previous: Baseline = { lnRmssdMean: 3, lnRmssdSd: 0.1, hrBpm: 80, breathsPerMin: 14, recordedAt: 'x', device: 'simulator', calibrations: 1, demo: true };
    const outcome = calibrateFromBeats(restBeats(), { ...options, previous });
    expect(outcome.ok && outcome.baseline.calibrations).toBe(1);
  });

  it('calibrateFromBeats refuses a rest that is too short, names what is missing', () => {
    expect(calibrateFromBeats(restBeats(60), options)).toEqual({ ok: false, message: expect.stringMatching(/^only \d+ s of rest were recorded; 180 s are needed\.$/) });
    expect(calibrateFromBeats([], options)).toEqual({ ok: false, message: 'no heartbeat was recorded — check the strap and try again.' });
  });

  it('calibrateFromBeats refuses a rest with a long dropout', () => {
    const beats = restBeats().filter((b) => b.tSec < 60 || b.tSec > 75);
    const outcome = calibrateFromBeats(beats, options);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/^the heartbeat dropped out for \d+ s/);
  });
});

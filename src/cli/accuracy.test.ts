/**
 * The accuracy must-show items of the signal core as behaviour tests (figures in
 * bench/accuracy.bench.ts): breathing on the public recordings and the simulator, and RMSSD
 * with injected artifacts.
 */
import { describe, expect, it } from 'vitest';
import { loadRecordings } from '../../tests/recordings';
import { artifactTrials, evaluateRecordings, evaluateSimulated } from './accuracy';

describe('breathing rate accuracy on the public recordings', () => {
  const reports = evaluateRecordings(loadRecordings());
  const all = reports.find((r) => r.name === 'all');

  it('has MAE ≤ 1.5 breaths/min on windows with an estimate, over ≥ 85 % of all windows', () => {
    expect(all?.ours.windows).toBe(41);
    expect(all?.ours.maeBreathsPerMin).toBeLessThanOrEqual(1.5);
    expect(all?.ours.estimatedShare).toBeGreaterThanOrEqual(0.85);
  });

  it('is clearly better than the plain Welch-peak baseline', () => {
    const ours = all?.ours;
    const welch = all?.welch;
    expect(welch?.maeBreathsPerMin).toBeGreaterThan(3);
    expect((ours?.maeBreathsPerMin as number) * 2).toBeLessThan(welch?.maeBreathsPerMin as number);
    expect(ours?.within2Share).toBeGreaterThan((welch?.within2Share as number) + 0.1);
  });

  it('keeps RMSSD within 5 % of the reference on the recordings without ectopic beats', () => {
    for (const name of ['neurokit-bio_eventrelated', 'neurokit-bio_resting_5min', 'neurokit-bio_resting_8min']) {
      expect(reports.find((r) => r.name === name)?.rmssdRelError).toBeLessThan(0.05);
    }
  });
});

describe('breathing rate accuracy on the simulator', () => {
  it.each([
    ['paced 5.5/min', { hrBpm: 64, breathsPerMin: 5.5 }],
    ['paced 6/min at rest', { hrBpm: 58, breathsPerMin: 6 }],
    ['normal 12/min', { hrBpm: 66, breathsPerMin: 12 }],
    ['normal 15/min', { hrBpm: 72, breathsPerMin: 15 }],
    ['normal 18/min', { hrBpm: 75, breathsPerMin: 18 }],
  ])('%s: MAE ≤ 1.0 breaths/min', (name, physiology) => {
    const report = evaluateSimulated({ name, physiology, seeds: [1, 2, 3] });
    expect(report.ours.maeBreathsPerMin).toBeLessThanOrEqual(1);
    expect(report.ours.estimatedShare).toBeGreaterThanOrEqual(0.85);
  });

  it('weak RSA at high heart rate (105 bpm, 20/min): MAE ≤ 1.5 breaths/min', () => {
    const report = evaluateSimulated({ name: 'aroused', physiology: { hrBpm: 105, breathsPerMin: 20 }, seeds: [1, 2, 3] });
    expect(report.ours.maeBreathsPerMin).toBeLessThanOrEqual(1.5);
  });
});

describe('RMSSD with 3 % injected artifacts', () => {
  it('stays within 5 % of the clean value when corrected; uncorrected it is far off', () => {
    const trials = artifactTrials(0.03);
    const share = trials.reduce((a, t) => a + t.artifactShare, 0) / trials.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.045);
    for (const t of trials) {
      expect(Math.abs(t.correctedMs / t.cleanMs - 1)).toBeLessThan(0.05);
      expect(t.uncorrectedMs / t.cleanMs).toBeGreaterThan(1.5);
    }
  });
});

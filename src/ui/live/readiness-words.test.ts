import { describe, expect, it } from 'vitest';
import type { Baseline, WindowMetrics } from '../../signal/types';
import { closenessToBaseline, describeQuality } from './readiness-words';

const baseline: Baseline = {
  lnRmssdMean: Math.log(40),
  lnRmssdSd: 0.2,
  hrBpm: 60,
  breathsPerMin: 12,
  recordedAt: '2026-01-01T00:00:00.000Z',
  device: 'simulator',
  calibrations: 1,
  demo: true,
};

function metrics(patch: Partial<WindowMetrics>): WindowMetrics {
  return {
    startSec: 0,
    endSec: 60,
    beats: 60,
    hrBpm: 60,
    rmssdMs: 40,
    lnRmssd: Math.log(40),
    breathsPerMin: 12,
    breathingConfidence: 0.9,
    artifactRate: 0,
    hrOnly: false,
    ...patch,
  };
}

describe('closenessToBaseline', () => {
  it('closenessToBaseline(metrics at baseline) is 1', () => {
    expect(closenessToBaseline(metrics({}), baseline)).toBeCloseTo(1, 10);
  });

  it('closenessToBaseline is 0.5 exactly at each readiness limit', () => {
    expect(closenessToBaseline(metrics({ hrBpm: 66 }), baseline)).toBeCloseTo(0.5, 10);
    expect(closenessToBaseline(metrics({ lnRmssd: Math.log(40) - 0.2 }), baseline)).toBeCloseTo(0.5, 10);
    expect(closenessToBaseline(metrics({ breathsPerMin: 15 }), baseline)).toBeCloseTo(0.5, 10);
  });

  it('closenessToBaseline shows the worst measure and stays within 0–1', () => {
    expect(closenessToBaseline(metrics({ hrBpm: 66, breathsPerMin: 30 }), baseline)).toBe(0);
    expect(closenessToBaseline(metrics({ hrBpm: 40, lnRmssd: 6 }), baseline)).toBe(1);
  });

  it('closenessToBaseline ignores HRV and breathing for a heart-rate-only window', () => {
    expect(closenessToBaseline(metrics({ hrOnly: true, lnRmssd: 0, breathsPerMin: 40, hrBpm: 60 }), baseline)).toBe(1);
  });

  it('closenessToBaseline ignores a breathing estimate of low confidence', () => {
    expect(closenessToBaseline(metrics({ breathsPerMin: 30, breathingConfidence: 0.1 }), baseline)).toBeCloseTo(1, 10);
  });

  it('closenessToBaseline is null without metrics, heart rate or baseline', () => {
    expect(closenessToBaseline(null, baseline)).toBeNull();
    expect(closenessToBaseline(metrics({}), null)).toBeNull();
    expect(closenessToBaseline(metrics({ hrBpm: null }), baseline)).toBeNull();
  });
});

describe('describeQuality', () => {
  it('describeQuality grades the share of unclear beats', () => {
    expect(describeQuality(metrics({ artifactRate: 0.02 }))).toEqual({ label: 'Good (2 % of beats unclear)', level: 'good' });
    expect(describeQuality(metrics({ artifactRate: 0.08 }))).toEqual({ label: 'Fair (8 % of beats unclear)', level: 'fair' });
    expect(describeQuality(metrics({ artifactRate: 0.3 })).level).toBe('poor');
    expect(describeQuality(null)).toEqual({ label: '—', level: 'none' });
  });
});

import { describe, expect, it } from 'vitest';
import { measureTimelineDrift } from '../../../tests/clock-drift';

const twoHours = {
  durationSec: 7200,
  maxLatencyMs: 300,
  skewPpm: { a: 50, b: -50 },
  attachBSec: 40,
  awayB: { atSec: 1800, forSec: 30 },
};

describe('one session timeline for two straps', () => {
  it('without lost notifications the partners stay within 1.5 s of each other for two hours, across a reconnect', () => {
    const drift = measureTimelineDrift({ ...twoHours, lossShare: 0 });
    expect(drift.bins).toBeGreaterThan(700);
    expect(drift.maxSec).toBeLessThanOrEqual(1.5);
  });

  it('with 1 % of notifications lost the drift stays bounded (the 2 s gap tolerance per strap re-anchors it)', () => {
    const drift = measureTimelineDrift({ ...twoHours, lossShare: 0.01 });
    expect(drift.maxSec).toBeLessThanOrEqual(4);
  });
});

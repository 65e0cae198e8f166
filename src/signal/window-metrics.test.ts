import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tachogramFixture } from './tachogram-fixture';
import type { Beat } from './types';
import { computeWindowMetrics } from './window-metrics';

/** Beats from RR intervals, times by cumulative sum (DESIGN.md, `analyze`). */
function beatsFrom(rrMs: readonly (number | null)[], hrBpm = 60): Beat[] {
  let t = 0;
  return rrMs.map((rr) => {
    t += (rr ?? 60_000 / hrBpm) / 1000;
    return { tSec: t, rrMs: rr, hrBpm: rr === null ? hrBpm : 60_000 / rr, afterGap: false };
  });
}

describe('computeWindowMetrics', () => {
  it('computeWindowMetrics(beats, start, end) matches a hand computation on clean RR', () => {
    // 30 beats alternating 1000 / 1010 ms: every successive difference is ±10 ms, RMSSD exactly 10.
    const rr = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1000 : 1010));
    const m = computeWindowMetrics(beatsFrom(rr), 0, 100);
    expect(m.beats).toBe(30);
    expect(m.rmssdMs).toBe(10);
    expect(m.lnRmssd).toBe(Math.log(10));
    expect(m.hrBpm).toBe((60_000 * 30) / (15 * 1000 + 15 * 1010));
    expect(m.artifactRate).toBe(0);
    expect(m.hrOnly).toBe(false);
  });

  it('computeWindowMetrics counts beats with startSec < tSec ≤ endSec', () => {
    const beats = beatsFrom(Array(10).fill(1000)); // at 1, 2, …, 10 s
    expect(computeWindowMetrics(beats, 2, 5).beats).toBe(3);
  });

  it('computeWindowMetrics of an empty window gives nulls, never NaN', () => {
    expect(computeWindowMetrics([], 0, 60)).toEqual({
      startSec: 0,
      endSec: 60,
      beats: 0,
      hrBpm: null,
      rmssdMs: null,
      lnRmssd: null,
      breathsPerMin: null,
      breathingConfidence: 0,
      artifactRate: 0,
      hrOnly: false,
    });
  });

  it('computeWindowMetrics of heart-rate-only samples gives hrOnly metrics with null HRV and breathing', () => {
    const m = computeWindowMetrics(beatsFrom(Array(50).fill(null), 75), 0, 60);
    expect(m.hrOnly).toBe(true);
    expect(m.hrBpm).toBe(75);
    expect(m.rmssdMs).toBeNull();
    expect(m.breathsPerMin).toBeNull();
  });

  it('computeWindowMetrics needs 10 valid pairs for RMSSD', () => {
    expect(computeWindowMetrics(beatsFrom(Array(10).fill(1000)), 0, 60).rmssdMs).toBeNull();
    expect(computeWindowMetrics(beatsFrom(Array(11).fill(1000)), 0, 60).rmssdMs).toBe(0);
  });

  it('a beat after a gap does not pair with the beat before it', () => {
    // After a 30 s dropout the heart settled 150 ms slower; only the jump across the gap differs.
    const rr = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1000 : 1010) + (i >= 20 ? 150 : 0));
    const beats = beatsFrom(rr).map((b, i) => (i >= 20 ? { ...b, tSec: b.tSec + 30, afterGap: i === 20 } : b));
    const m = computeWindowMetrics(beats, 0, 200);
    expect(m.rmssdMs).toBe(10);
    expect(m.artifactRate).toBe(0);
  });

  it('computeWindowMetrics estimates breathing over the window', () => {
    const { tSec, rrMs } = tachogramFixture({ durationSec: 70, hrBpm: 66, breathsPerMin: 10, rsaMs: 35, noiseMs: 3, seed: 5 });
    const beats = tSec.map((t, i) => ({ tSec: t, rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: false }));
    const m = computeWindowMetrics(beats, 5, 65);
    expect(Math.abs((m.breathsPerMin as number) - 10)).toBeLessThan(0.5);
    expect(m.breathingConfidence).toBeGreaterThan(0.5);
  });

  it('computeWindowMetrics reports the artifact rate of the window', () => {
    const rr = Array.from({ length: 60 }, (_, i) => 900 + (i % 3) * 8);
    rr[30] = 1800; // one missed beat
    expect(computeWindowMetrics(beatsFrom(rr), 0, 100).artifactRate).toBeCloseTo(1 / 60, 12);
  });

  it('computeWindowMetrics never returns NaN, whatever the beats', () => {
    const beat = fc.record({
      rrMs: fc.oneof(fc.constant(null), fc.double({ min: -100, max: 5000, noNaN: true })),
      hrBpm: fc.double({ min: 0, max: 250, noNaN: true }),
      afterGap: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(beat, { maxLength: 120 }), (raw) => {
        let t = 0;
        const beats = raw.map((b) => ({ ...b, tSec: (t += 0.8) }));
        const m = computeWindowMetrics(beats, 0, 200);
        for (const value of Object.values(m)) if (typeof value === 'number') expect(Number.isNaN(value)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

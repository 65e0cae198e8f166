import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYNC_PARAMS, coregulationState, heartRateSynchrony, slowFluctuations, synchronyOfSeries } from './synchrony';
import type { SyncReading } from './synchrony';
import { seededUniform } from './tachogram-fixture';
import type { Beat } from './types';

const FS = SYNC_PARAMS.fsHz;
const N = SYNC_PARAMS.spanSec * FS;

/** Smooth random heart-rate fluctuation at the synchrony's sampling rate (AR(1)), seeded. */
function fluctuation(seed: number, n = 600): Float64Array {
  const uniform = seededUniform(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const out = new Float64Array(n);
  let x = 0;
  for (let i = 0; i < n; i += 1) {
    x = 0.9 * x + gauss();
    out[i] = x;
  }
  return out;
}

/** Heart-rate-only samples, one per sample of the series (bpm around 70). */
function samplesOf(series: Float64Array): Beat[] {
  return Array.from(series, (value, i) => ({ tSec: i / FS, rrMs: null, hrBpm: 70 + 3 * value, afterGap: false }));
}

describe('synchronyOfSeries', () => {
  it('two identical series give r = 1 at lag 0, significant and in phase', () => {
    const a = slowFluctuations(fluctuation(1));
    const reading = synchronyOfSeries(a, a, 120 * FS) as SyncReading;
    expect(reading.r).toBeCloseTo(1, 9);
    expect(reading.lagSec).toBe(0);
    expect(reading.significant).toBe(true);
    expect(reading.phase).toBe('in-phase');
  });

  it('a series and itself 3 s later peak at a lag of 3 s (partner A leads)', () => {
    const raw = fluctuation(2);
    const later = raw.map((_, i) => raw[Math.max(0, i - 3 * FS)]);
    const reading = synchronyOfSeries(slowFluctuations(raw), slowFluctuations(later), 120 * FS) as SyncReading;
    expect(reading.lagSec).toBe(3);
    expect(reading.r).toBeGreaterThan(0.99);
    const reverse = synchronyOfSeries(slowFluctuations(later), slowFluctuations(raw), 120 * FS) as SyncReading;
    expect(reverse.lagSec).toBe(-3);
  });

  it('a series and its mirror image are anti-phase', () => {
    const a = slowFluctuations(fluctuation(3));
    const reading = synchronyOfSeries(
      a,
      a.map((v) => -v),
      120,
    ) as SyncReading;
    expect(reading.r).toBeCloseTo(-1, 9);
    expect(reading.phase).toBe('anti-phase');
    expect(reading.significant).toBe(true);
  });

  it('readings are deterministic and bounded, and significant exactly when |r| passes the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 30, max: 120 }),
        (sa, sb, w) => {
          const a = slowFluctuations(fluctuation(sa));
          const b = slowFluctuations(fluctuation(sb));
          const one = synchronyOfSeries(a, b, w * FS) as SyncReading;
          expect(synchronyOfSeries(a, b, w * FS)).toEqual(one);
          expect(Math.abs(one.r)).toBeLessThanOrEqual(1);
          expect(Math.abs(one.lagSec)).toBeLessThanOrEqual(SYNC_PARAMS.maxLagSec);
          expect(one.significant).toBe(Math.abs(one.r) > one.threshold);
          expect(one.phase).toBe(one.r < 0 ? 'anti-phase' : 'in-phase');
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('heartRateSynchrony', () => {
  it('heartRateSynchrony() works from heart-rate-only samples on one timeline', () => {
    const raw = fluctuation(4);
    const reading = heartRateSynchrony(samplesOf(raw), samplesOf(raw), (N - 1) / FS) as SyncReading;
    expect(reading.r).toBeGreaterThan(0.99);
    expect(reading.lagSec).toBe(0);
    expect(reading.significant).toBe(true);
  });

  it('heartRateSynchrony() is null until both partners cover the span, and with a long gap', () => {
    const a = samplesOf(fluctuation(5));
    const b = samplesOf(fluctuation(6));
    expect(heartRateSynchrony(a, b, 120)).toBeNull();
    expect(heartRateSynchrony(a, b.slice(0, 400), 511)).toBeNull();
    const gapped = b.filter((beat) => beat.tSec < 400 || beat.tSec > 410);
    expect(heartRateSynchrony(a, gapped, 511)).toBeNull();
    expect(heartRateSynchrony(a, b, 511)).not.toBeNull();
    // Once the gap has left the span, readings come back.
    expect(heartRateSynchrony(a, gapped, 400 + SYNC_PARAMS.spanSec)).toBeNull();
    expect(heartRateSynchrony(a, gapped, 411 + SYNC_PARAMS.spanSec + SYNC_PARAMS.maxGapSec)).not.toBeNull();
  });

  it('heartRateSynchrony() gives its first reading within 150 s of both partners having heart rate', () => {
    const a = samplesOf(fluctuation(7));
    const b = samplesOf(fluctuation(8));
    const first = Array.from({ length: 60 }, (_, k) => 5 * k).find((t) => heartRateSynchrony(a, b, t) !== null);
    expect(first).toBeDefined();
    expect(first).toBeLessThanOrEqual(150);
  });

  it('heartRateSynchrony() rejects a window outside 30–120 s with a specific error', () => {
    expect(() => heartRateSynchrony([], [], 600, 10)).toThrow('heartRateSynchrony: windowSec must be between 30 and 120 seconds, got 10');
  });
});

describe('coregulationState', () => {
  const linked = (r: number, significant = true): SyncReading => ({
    r,
    lagSec: 0,
    threshold: 0.5,
    significant,
    phase: r < 0 ? 'anti-phase' : 'in-phase',
  });

  it('coregulationState() says together only for in-phase linkage while both are calm', () => {
    expect(coregulationState(linked(0.8), { a: true, b: true })).toBe('together');
    expect(coregulationState(linked(0.8), { a: true, b: false })).toBe('linked-aroused');
    expect(coregulationState(linked(0.8), { a: false, b: false })).toBe('linked-aroused');
    expect(coregulationState(linked(0.3, false), { a: true, b: true })).toBe('apart');
  });

  it('anti-phase linkage is never together: neutral while aroused, apart while both are calm', () => {
    expect(coregulationState(linked(-0.8), { a: false, b: true })).toBe('linked-aroused');
    expect(coregulationState(linked(-0.8), { a: true, b: true })).toBe('apart');
  });

  it('coregulationState() is unknown without a reading or without the partners’ calm', () => {
    expect(coregulationState(null, { a: true, b: true })).toBe('unknown');
    expect(coregulationState(linked(0.8), null)).toBe('unknown');
  });
});

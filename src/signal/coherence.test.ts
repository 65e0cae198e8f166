import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COHERENCE_PARAMS, coherenceOfSeries, pacerRhythmState, resonanceCoherence } from './coherence';
import { tachogramFixture } from './tachogram-fixture';
import type { Beat } from './types';

function beatsOf(o: Parameters<typeof tachogramFixture>[0]): Beat[] {
  const { tSec, rrMs } = tachogramFixture(o);
  return tSec.map((t, i) => ({ tSec: t, rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: false }));
}

describe('resonanceCoherence', () => {
  it('resonanceCoherence() reads high, with its peak at the breathing rate, for slow paced breathing', () => {
    const beats = beatsOf({ durationSec: 120, hrBpm: 65, breathsPerMin: 5.45, rsaMs: 60, noiseMs: 5 });
    const reading = resonanceCoherence(beats, 100);
    expect(reading.coherence).toBeGreaterThan(0.75);
    expect(reading.peakPerMin).toBeCloseTo(5.45, 0);
  });

  it('resonanceCoherence() reads low for beat-to-beat noise without a rhythm', () => {
    const beats = beatsOf({ durationSec: 120, hrBpm: 70, breathsPerMin: 15, rsaMs: 0, noiseMs: 20, seed: 3 });
    expect(resonanceCoherence(beats, 100).coherence).toBeLessThan(0.45);
  });

  it('a pure tone reads the window’s ceiling, 0.86–0.94, wherever it sits in the band', () => {
    for (const hz of [0.05, 0.0909, 0.1, 0.2]) {
      const values = Float64Array.from({ length: 128 }, (_, i) => Math.sin((2 * Math.PI * hz * i) / 2));
      const { coherence } = coherenceOfSeries(values, 2);
      expect(coherence).toBeGreaterThanOrEqual(COHERENCE_PARAMS.pureToneShare - 0.01);
      expect(coherence).toBeLessThan(0.95);
    }
  });

  it('resonanceCoherence() is null for heart-rate-only samples, a gap, or too few beats', () => {
    const beats = beatsOf({ durationSec: 120, hrBpm: 65, breathsPerMin: 6, rsaMs: 60 });
    const hrOnly = beats.map((b) => ({ ...b, rrMs: null }));
    expect(resonanceCoherence(hrOnly, 100)).toEqual({ coherence: null, peakPerMin: null, fastShare: null });
    const gapped = beats.map((b, i) => (i === 80 ? { ...b, afterGap: true } : b));
    expect(resonanceCoherence(gapped, 100)).toEqual({ coherence: null, peakPerMin: null, fastShare: null });
    expect(resonanceCoherence(beats, 30)).toEqual({ coherence: null, peakPerMin: null, fastShare: null });
    expect(resonanceCoherence([], 100)).toEqual({ coherence: null, peakPerMin: null, fastShare: null });
  });

  it('coherence stays within 0–1 with its peak inside 0.04–0.26 Hz for any tachogram', () => {
    fc.assert(
      fc.property(
        fc.record({
          hrBpm: fc.integer({ min: 45, max: 120 }),
          breathsPerMin: fc.double({ min: 3, max: 20, noNaN: true }),
          rsaMs: fc.double({ min: 0, max: 80, noNaN: true }),
          noiseMs: fc.double({ min: 0, max: 30, noNaN: true }),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        (o) => {
          const reading = resonanceCoherence(beatsOf({ ...o, durationSec: 80 }), 75);
          if (reading.coherence === null) return reading.peakPerMin === null;
          return reading.coherence >= 0 && reading.coherence <= 1 && reading.peakPerMin! >= 2.4 && reading.peakPerMin! <= 15.6;
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('pacerRhythmState', () => {
  it('pacerRhythmState() says following only for a clear peak at the pacer’s rate', () => {
    expect(pacerRhythmState({ coherence: 0.8, peakPerMin: 5.6 }, 5.45)).toBe('following');
    expect(pacerRhythmState({ coherence: 0.3, peakPerMin: 5.6 }, 5.45)).toBe('unknown');
    expect(pacerRhythmState({ coherence: 0.8, peakPerMin: 12 }, 5.45)).toBe('not-following');
    expect(pacerRhythmState({ coherence: 0.1, peakPerMin: 5.45 }, 5.45)).toBe('not-following');
    expect(pacerRhythmState({ coherence: 0.8, peakPerMin: 6.7 }, 5.45)).toBe('unknown');
  });

  it('pacerRhythmState() is unknown without a reading or while the pacer is off', () => {
    expect(pacerRhythmState({ coherence: null, peakPerMin: null, fastShare: null }, 6)).toBe('unknown');
    expect(pacerRhythmState({ coherence: 0.9, peakPerMin: 6 }, null)).toBe('unknown');
  });
});

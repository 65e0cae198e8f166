import { describe, expect, it } from 'vitest';
import { RHYTHM_PARAMS, assessRhythm, turningPointZ } from './rhythm';
import { rmssdMs } from './rmssd';
import { seededUniform, tachogramFixture } from './tachogram-fixture';

const rhythmOf = (nn: readonly number[], setAside = 0) => assessRhythm(nn, setAside, rmssdMs(nn) ?? null);

describe('turningPointZ', () => {
  it('counts local extrema against 2(n − 2)/3 with variance (16n − 29)/90', () => {
    // 1 3 2 4 3: three turning points of n = 5; expected 2, variance 51/90.
    expect(turningPointZ([1, 3, 2, 4, 3])).toBeCloseTo((3 - 2) / Math.sqrt(51 / 90), 12);
    // A monotone series has none.
    expect(turningPointZ([1, 2, 3, 4, 5, 6])).toBeCloseTo(-(8 / 3) / Math.sqrt(67 / 90), 12);
  });
});

describe('assessRhythm', () => {
  it('calls a sinus rhythm with breathing, drift and noise regular', () => {
    const { rrMs } = tachogramFixture({ durationSec: 60, hrBpm: 70, breathsPerMin: 12, rsaMs: 40, mayerMs: 15, noiseMs: 8, seed: 3 });
    expect(rhythmOf(rrMs)).toBeNull();
  });

  it('keeps slow deep breathing regular: normalised RMSSD 0.15 with smooth swings', () => {
    const { rrMs } = tachogramFixture({ durationSec: 60, hrBpm: 80, breathsPerMin: 6, rsaMs: 250, mayerMs: 0, noiseMs: 4, seed: 5 });
    expect((rmssdMs(rrMs) as number) / (rrMs.reduce((a, b) => a + b, 0) / rrMs.length)).toBeGreaterThan(0.1);
    expect(rhythmOf(rrMs)).toBeNull();
  });

  it('calls large beat-to-beat changes without structure af-like', () => {
    const uniform = seededUniform(7);
    const rr = Array.from({ length: 80 }, () => 700 * (0.7 + 0.6 * uniform()));
    expect(rhythmOf(rr)).toBe('af-like');
  });

  it('calls more than 5 % of intervals set aside ectopy', () => {
    const { rrMs } = tachogramFixture({ durationSec: 60, hrBpm: 70, breathsPerMin: 12, rsaMs: 40, mayerMs: 15, noiseMs: 8, seed: 3 });
    expect(rhythmOf(rrMs, RHYTHM_PARAMS.maxSetAsideShare)).toBeNull();
    expect(rhythmOf(rrMs, 0.06)).toBe('ectopy');
  });

  it('calls an almost constant rhythm flat (paced-like), but not a small steady alternation', () => {
    expect(rhythmOf(Array.from({ length: 60 }, (_, i) => 857 + (i % 3) - 1))).toBe('flat');
    expect(rhythmOf(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 1000 : 1010)))).toBeNull();
  });

  it('says nothing with fewer than minBeats intervals', () => {
    expect(rhythmOf(Array(RHYTHM_PARAMS.minBeats - 1).fill(1000), 0.5)).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floodingLimitBpm, NO_FLOODING, recentMedianHr, stepFlooding, type FloodingTrack } from './readiness-flooding';
import type { Beat } from './types';

const beat = (tSec: number, hrBpm: number): Beat => ({ tSec, rrMs: 60_000 / hrBpm, hrBpm, afterGap: false });

/** Steps the tracker once per second from `fromSec` through `toSec` at a constant heart rate. */
function run(track: FloodingTrack, fromSec: number, toSec: number, hrBpm: number, baseline: number | null): FloodingTrack {
  let t = track;
  for (let s = fromSec; s <= toSec; s += 1) t = stepFlooding(t, s, hrBpm, baseline);
  return t;
}

describe('floodingLimitBpm', () => {
  it('floodingLimitBpm(baseline) is the lower of 100 and baseline + 20', () => {
    expect(floodingLimitBpm(68)).toBe(88);
    expect(floodingLimitBpm(80)).toBe(100);
    expect(floodingLimitBpm(95)).toBe(100);
  });

  it('floodingLimitBpm(null) is 100 bpm without a baseline', () => {
    expect(floodingLimitBpm(null)).toBe(100);
  });
});

describe('recentMedianHr', () => {
  it('recentMedianHr(beats, t, span) is the median over (t − span, t]', () => {
    const beats = [beat(1, 200), beat(2, 90), beat(3, 100), beat(4, 95), beat(5, 300)];
    expect(recentMedianHr(beats, 5, 4)).toBe(97.5); // beats at 2..5: 90, 95, 100, 300
    expect(recentMedianHr(beats, 4, 3)).toBe(95); // beats at 2..4
  });

  it('recentMedianHr(...) is undefined without beats in the span', () => {
    expect(recentMedianHr([], 10, 5)).toBeUndefined();
    expect(recentMedianHr([beat(1, 80)], 10, 5)).toBeUndefined();
  });

  it('recentMedianHr(...) ignores one ectopic beat among five', () => {
    const beats = [beat(1, 70), beat(2, 71), beat(3, 140), beat(4, 72), beat(5, 70)];
    expect(recentMedianHr(beats, 5, 5)).toBe(71);
  });
});

describe('stepFlooding', () => {
  it('stepFlooding(...) floods exactly when the condition has held 20 s', () => {
    const at19 = run(NO_FLOODING, 100, 119, 101, null);
    expect(at19).toMatchObject({ flooded: false, heldSec: 19, sinceSec: 100 });
    const at20 = stepFlooding(at19, 120, 101, null);
    expect(at20).toMatchObject({ flooded: true, heldSec: 20, hrBpm: 101, limitBpm: 100 });
  });

  it('stepFlooding(...) uses baseline + 20 when that is lower than 100', () => {
    expect(run(NO_FLOODING, 0, 20, 90, 68).flooded).toBe(true);
    expect(run(NO_FLOODING, 0, 20, 87, 68).flooded).toBe(false);
  });

  it('stepFlooding(...) restarts the count when the rate dips below the limit', () => {
    let t = run(NO_FLOODING, 0, 15, 105, null);
    t = stepFlooding(t, 16, 95, null);
    t = run(t, 17, 36, 105, null);
    expect(t).toMatchObject({ flooded: false, sinceSec: 17, heldSec: 19 });
  });

  it('stepFlooding(...) stays flooded until the condition has been clear for 20 s', () => {
    let t = run(NO_FLOODING, 0, 30, 110, null);
    expect(t.flooded).toBe(true);
    t = run(t, 31, 50, 90, null);
    expect(t).toMatchObject({ flooded: true, clearSinceSec: 31 });
    t = stepFlooding(t, 51, 90, null);
    expect(t.flooded).toBe(false);
  });

  it('stepFlooding(...) is never flooded below the limit, from a fresh start (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 40, max: 99.9, noNaN: true }), { maxLength: 200 }), (hrs) => {
        let t = NO_FLOODING;
        hrs.forEach((hr, i) => (t = stepFlooding(t, i, hr, null)));
        expect(t.flooded).toBe(false);
      }),
    );
  });
});

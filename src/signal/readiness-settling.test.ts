import { describe, expect, it } from 'vitest';
import { NO_SETTLING, createSettlingTracker, minBeatsPerHalf } from './readiness-settling';
import type { Beat } from './types';

/** One heart-rate sample per second at `hrAt(t)`, t = `fromSec` … `untilSec`, into `tracker`. */
function feed(hrAt: (tSec: number) => number, untilSec: number, fromSec = 1, tracker = createSettlingTracker()) {
  for (let t = fromSec; t <= untilSec; t += 1) {
    const beat: Beat = { tSec: t, rrMs: null, hrBpm: hrAt(t), afterGap: false };
    tracker.add(beat);
  }
  return tracker;
}

// Defaults: a 120 s span in two halves of 60 s; at read time t the earlier half is (t − 120, t − 60]
// and the later half (t − 60, t].
describe('createSettlingTracker', () => {
  it('read(...) before any beat is NO_SETTLING; a half needs 20 beats (40 bpm for a quarter of its minute)', () => {
    expect(createSettlingTracker().read(0)).toEqual(NO_SETTLING);
    expect(minBeatsPerHalf()).toBe(20);
  });

  it('before a whole span of beats (less than 118 s since the first) only the later half has a mean', () => {
    expect(feed(() => 70, 100).read(100)).toEqual({ earlierHrBpm: null, laterHrBpm: 70 });
    expect(feed(() => 70, 118).read(118)).toEqual({ earlierHrBpm: null, laterHrBpm: 70 });
    expect(feed(() => 70, 119).read(119)).toEqual({ earlierHrBpm: 70, laterHrBpm: 70 });
  });

  it('after a silence longer than the span the span must fill again; a shorter dropout keeps it', () => {
    const tracker = feed(() => 70, 200);
    feed(() => 70, 380, 330, tracker); // 130 s without beats
    expect(tracker.read(380).earlierHrBpm).toBeNull();
    const kept = feed(() => 70, 200);
    feed(() => 70, 300, 240, kept); // 40 s without beats
    expect(kept.read(300)).toEqual({ earlierHrBpm: 70, laterHrBpm: 70 });
  });

  it('a heart rate falling 0.1 bpm/s: the later minute averages 6 bpm below the one before', () => {
    // Samples at t = 81 … 140 average 100 − 0.1 × 110.5 = 88.95; t = 141 … 200 average 82.95.
    const r = feed((t) => 100 - 0.1 * t, 200).read(200);
    expect(r.earlierHrBpm).toBeCloseTo(88.95, 9);
    expect(r.laterHrBpm).toBeCloseTo(82.95, 9);
  });

  it('a step from 90 to 70 bpm at t = 100 s: the halves are 90 and 76.7 at t = 160 s, both 70 from t = 220 s', () => {
    const tracker = feed((t) => (t < 100 ? 90 : 70), 160);
    // Earlier half t = 41 … 100: 59 × 90 + 70 → 89.67; later half t = 101 … 160: 70.
    expect(tracker.read(160).earlierHrBpm).toBeCloseTo((59 * 90 + 70) / 60, 9);
    expect(tracker.read(160).laterHrBpm).toBe(70);
    feed((t) => (t < 100 ? 90 : 70), 220, 161, tracker);
    expect(tracker.read(220)).toEqual({ earlierHrBpm: 70, laterHrBpm: 70 });
  });

  it('a wrist device that lets one beat in three through still gives both means; a half with 19 beats does not', () => {
    const sparse = createSettlingTracker();
    // Beats at 3, 6, … 123: the halves (3, 63] and (63, 123] hold 20 each.
    for (let t = 3; t <= 123; t += 3) sparse.add({ tSec: t, rrMs: 800, hrBpm: 75, afterGap: true });
    expect(sparse.read(123)).toEqual({ earlierHrBpm: 75, laterHrBpm: 75 });
    // Beats every 3.1 s: the earlier half (4, 64] holds 19 (6.2 … 62).
    const thin = createSettlingTracker();
    for (let k = 1; k * 3.1 <= 124; k += 1) thin.add({ tSec: k * 3.1, rrMs: 800, hrBpm: 75, afterGap: true });
    expect(thin.read(124).earlierHrBpm).toBeNull();
  });

  it('read(t) later than the last beat moves the halves without changing the tracker', () => {
    const tracker = feed(() => 70, 120);
    // At 185 s the earlier half (65, 125] holds the samples 66 … 120, the later half none.
    expect(tracker.read(185)).toEqual({ earlierHrBpm: 70, laterHrBpm: null });
    expect(tracker.read(120)).toEqual({ earlierHrBpm: 70, laterHrBpm: 70 });
  });
});

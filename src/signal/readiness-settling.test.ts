import { describe, expect, it } from 'vitest';
import { NO_SETTLING, createSettlingTracker } from './readiness-settling';
import type { Beat } from './types';

/** One heart-rate sample per second at `hrAt(t)`, t = `fromSec` … `untilSec`, into `tracker`. */
function feed(hrAt: (tSec: number) => number, untilSec: number, fromSec = 1, tracker = createSettlingTracker()) {
  for (let t = fromSec; t <= untilSec; t += 1) {
    const beat: Beat = { tSec: t, rrMs: null, hrBpm: hrAt(t), afterGap: false };
    tracker.add(beat);
  }
  return tracker;
}

// Defaults: median over 30 s, band 6 bpm. Beats at t = 1, 2, …: the first smoothed sample is at
// t = 31 (a full 30 s after the first beat), then one per second.
describe('createSettlingTracker', () => {
  it('read(...) before a full 30 s of beats is NO_SETTLING', () => {
    expect(feed(() => 70, 30).read(30)).toBe(NO_SETTLING);
  });

  it('a steady 70 bpm: the plateau starts with the first smoothed sample (t = 31 s), floor 70, and holds on', () => {
    expect(feed(() => 70, 200).read(200)).toEqual({ hrBpm: 70, plateauSinceSec: 31, heldSec: 169, floorBpm: 70 });
  });

  it('a step down from 90 to 70 bpm at t = 100 s: a new plateau starts where the median has fallen more than 6 bpm (t = 115 s)', () => {
    // The median of the 30 samples t − 29 … t is 90 while 90s are the majority; at t = 114 it is
    // 80 (15 of each; 80 < 90 − 6 starts a plateau at 80), at t = 115 it is 70 (70 < 80 − 6 starts
    // another), and it holds there.
    const r = feed((t) => (t < 100 ? 90 : 70), 400).read(400);
    expect(r).toEqual({ hrBpm: 70, plateauSinceSec: 115, heldSec: 285, floorBpm: 70 });
  });

  it('a heart rate still falling steadily at 0.1 bpm/s starts a new plateau every 6 bpm: never held longer than 61 s', () => {
    const tracker = createSettlingTracker();
    let longest = 0;
    feed((t) => 100 - 0.1 * t, 400, 1, {
      add: (b) => {
        tracker.add(b);
        longest = Math.max(longest, tracker.read(b.tSec).heldSec);
      },
      reset: () => tracker.reset(),
      read: (t) => tracker.read(t),
    });
    expect(longest).toBeGreaterThan(59);
    expect(longest).toBeLessThanOrEqual(61);
  });

  it('a wander up by 5 bpm and back at rest keeps the plateau; a single ectopic beat at 140 bpm does too', () => {
    const wander = (t: number) => 70 + (t > 100 && t < 200 ? 5 : 0) + (t === 250 ? 70 : 0);
    expect(feed(wander, 300).read(300)).toMatchObject({ plateauSinceSec: 31, heldSec: 269 });
  });

  it('a rise by 20 bpm (re-arousal) lifts the floor, so the fall back starts a new plateau', () => {
    // 70 until 100 s, 90 until 200 s, 70 again: the floor follows up to 90 − 6 = 84; the median's
    // fall to 80 then 70 (t ≈ 214–215) is more than 6 below it.
    const r = feed((t) => (t > 100 && t < 200 ? 90 : 70), 400).read(400);
    expect(r.floorBpm).toBe(70);
    expect(r.plateauSinceSec).toBeGreaterThanOrEqual(214);
    expect(r.plateauSinceSec).toBeLessThanOrEqual(216);
  });

  it('reset() forgets the plateau: settling starts again with the next beats', () => {
    const tracker = feed(() => 70, 200);
    tracker.reset();
    expect(tracker.read(200)).toBe(NO_SETTLING);
    feed(() => 70, 280, 230, tracker);
    expect(tracker.read(280)).toMatchObject({ plateauSinceSec: 260, heldSec: 20 });
  });
});

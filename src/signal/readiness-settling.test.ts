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

  it('a heart rate held steady above 90 bpm is no plateau: it starts only once the median is at or below 90', () => {
    // 96 until 100 s, then 88: the median is 96 until t = 113, (96 + 88) / 2 = 92 at t = 114, and
    // 88 from t = 115 — no plateau above 90; it starts with the first sample at or below.
    const tracker = feed((t) => (t < 100 ? 96 : 88), 99);
    expect(tracker.read(99)).toEqual({ hrBpm: 96, plateauSinceSec: null, heldSec: 0, floorBpm: null });
    feed((t) => (t < 100 ? 96 : 88), 300, 100, tracker);
    expect(tracker.read(300)).toEqual({ hrBpm: 88, plateauSinceSec: 115, heldSec: 185, floorBpm: 88 });
  });

  it('once held, the floor follows the heart rate down by one band at most: 70 → 66 keeps the plateau, → 57 starts a new one', () => {
    // 70 from the start (plateau at 31 s, held from 151 s); 66 from 200 s: the floor follows to 66.
    const gentle = feed((t) => (t < 200 ? 70 : 66), 400).read(400);
    expect(gentle).toMatchObject({ plateauSinceSec: 31, floorBpm: 66 });
    // 57 from 200 s: the floor may go no lower than 70 − 6 = 64, and 57 < 64 − 6 starts a new plateau.
    const further = feed((t) => (t < 200 ? 70 : 57), 400).read(400);
    expect(further).toMatchObject({ plateauSinceSec: 215, floorBpm: 57 });
  });

  it('a rise at rest (70 → 80 bpm) never starts a new plateau: rises are for the absolute limits and the HRV trend', () => {
    expect(feed((t) => (t > 100 && t < 200 ? 80 : 70), 400).read(400)).toMatchObject({ plateauSinceSec: 31 });
  });

  it('reset() forgets the plateau: settling starts again with the next beats', () => {
    const tracker = feed(() => 70, 200);
    tracker.reset();
    expect(tracker.read(200)).toBe(NO_SETTLING);
    feed(() => 70, 280, 230, tracker);
    expect(tracker.read(280)).toMatchObject({ plateauSinceSec: 260, heldSec: 20 });
  });
});

import { describe, expect, it } from 'vitest';
import type { Beat } from '../../signal/types';
import type { BeatClock, BeatClockOptions, PacketOutcome, TimedPacket } from './beat-clock';
import { createBeatClock } from './beat-clock';
import type { SensorContact } from './heart-rate-measurement';
import { encodeHeartRateMeasurement } from './heart-rate-measurement';

// RR intervals here are multiples of 125 ms (128 ticks of 1/1024 s), so they survive encoding exactly.

/** A packet arriving at `atMs` with these RR intervals (ms), heart rate and skin contact. */
const at = (atMs: number, rrIntervalsMs: number[], bpm = 60, sensorContact: SensorContact = 'detected'): TimedPacket => ({
  atMs,
  bytes: encodeHeartRateMeasurement({ bpm, rrIntervalsMs, sensorContact }),
});

/** Feeds packets in order; collects every beat and every outcome. */
function feed(clock: BeatClock, packets: readonly TimedPacket[]): { beats: Beat[]; outcomes: PacketOutcome[] } {
  const beats: Beat[] = [];
  const outcomes = packets.map((packet) =>
    clock.receive(packet, (beat) => {
      beats.push(beat);
      return true;
    }),
  );
  return { beats, outcomes };
}

const run = (packets: readonly TimedPacket[], options?: BeatClockOptions) => feed(createBeatClock(options), packets);

const beat = (tSec: number, rrMs: number | null, hrBpm: number, afterGap = false): Beat => ({ tSec, rrMs, hrBpm, afterGap });

describe('createBeatClock', () => {
  describe('event time', () => {
    it('receive(packet) turns each RR interval into a beat at the running sum of RR, starting at 0 with the first packet', () => {
      // The first packet defines wall time 0, whenever it arrives: 1, 1.5, 2.25 s; then 2.25 + 1.
      const { beats } = run([at(5000, [1000, 500, 750], 72), at(6000, [1000], 72)]);
      expect(beats).toEqual([beat(1, 1000, 72), beat(1.5, 500, 72), beat(2.25, 750, 72), beat(3.25, 1000, 72)]);
    });

    it('receive(packet) gives a beat the heart rate 60 000 / rrMs when the packet reports none', () => {
      const { beats } = run([at(0, [750, 1000], 0)]);
      expect(beats).toEqual([beat(0.75, 750, 80), beat(1.75, 1000, 60)]);
    });

    it('receive(packet) re-anchors to the wall clock when more wall time passed than the RR intervals account for, and marks the gap', () => {
      // Wall 0 s → beat 1; wall 1 s → beat 2; wall 10 s: 10 − 1 − 2 = 7 s unaccounted (> 2), so the
      // packet's RR ends at the wall clock: base max(2, 10 − 1) = 9, beat 10; then 11 as usual.
      const { beats } = run([at(0, [1000]), at(1000, [1000]), at(10_000, [1000]), at(11_000, [1000])]);
      expect(beats).toEqual([beat(1, 1000, 60), beat(2, 1000, 60), beat(10, 1000, 60, true), beat(11, 1000, 60)]);
    });

    it('receive(packet) keeps counting RR when the unaccounted wall time is exactly gapToleranceSec (the gap must exceed it)', () => {
      // Wall 4 s: 4 − 1 − 1 = 2 s, not more than 2: beat at 1 + 1 = 2, no gap.
      expect(run([at(0, [1000]), at(4000, [1000])]).beats).toEqual([beat(1, 1000, 60), beat(2, 1000, 60)]);
      // With a tolerance of 1 s the same 2 s are a gap: base max(1, 4 − 1) = 3, beat 4.
      expect(run([at(0, [1000]), at(4000, [1000])], { gapToleranceSec: 1 }).beats).toEqual([beat(1, 1000, 60), beat(4, 1000, 60, true)]);
    });

    it('receive(packet) keeps event time increasing when packets arrive bunched, in the same instant', () => {
      const { beats } = run([at(0, [1000]), at(3000, [875, 1000]), at(3000, [1125]), at(3000, [750])]);
      expect(beats.map((b) => b.tSec)).toEqual([1, 1.875, 2.875, 4, 4.75]);
      expect(beats.some((b) => b.afterGap)).toBe(false);
    });

    it('markGap() re-anchors the next packet to the wall clock and marks its first beat', () => {
      const clock = createBeatClock();
      feed(clock, [at(0, [1000])]);
      clock.markGap();
      // Wall 5 s, RR 2 s: base max(1, 5 − 2) = 3, beats 4 (after a gap) and 5.
      expect(feed(clock, [at(5000, [1000, 1000])]).beats).toEqual([beat(4, 1000, 60, true), beat(5, 1000, 60)]);
    });

    it('markGap() never moves event time backwards, even when the RR intervals reach before the last beat', () => {
      const clock = createBeatClock();
      feed(clock, [at(0, [1000, 1000, 1000])]);
      clock.markGap();
      // Wall 1 s − RR 1 s = 0, behind the last beat at 3: base stays 3.
      expect(feed(clock, [at(1000, [1000])]).beats).toEqual([beat(4, 1000, 60, true)]);
    });

    it('lastBeatSec is null before the first beat, then the time of the last one', () => {
      const clock = createBeatClock();
      expect(clock.lastBeatSec).toBeNull();
      feed(clock, [at(0, [500, 625])]);
      expect(clock.lastBeatSec).toBe(1.125);
    });
  });

  describe('duplicates', () => {
    it('receive(packet) drops identical bytes arriving sooner than half their RR sum', () => {
      // RR sum 1.625 s: identical bytes within 812.5 ms are a duplicate.
      const { beats, outcomes } = run([at(1000, [750, 875]), at(1000, [750, 875]), at(1812, [750, 875])]);
      expect(beats.map((b) => b.rrMs)).toEqual([750, 875]);
      expect(outcomes.map((o) => o.kind)).toEqual(['accepted', 'duplicate', 'duplicate']);
    });

    it('receive(packet) takes identical bytes as a new packet once half their RR sum has passed (a steady heart repeats itself)', () => {
      // 1 s after the first: 1000 ≥ 812.5 ms. Wall 1 s: 1 − 1.625 − 1.625 < 2, so base 1.625.
      const { beats } = run([at(1000, [750, 875]), at(2000, [750, 875])]);
      expect(beats.map((b) => b.tSec)).toEqual([0.75, 1.625, 2.375, 3.25]);
    });

    it('receive(packet) judges a repeat against the packet just before it, a dropped duplicate included', () => {
      // 1812 is a duplicate of 1000; 2625 is 813 ms after 1812, no longer within 812.5 ms.
      const { outcomes } = run([at(1000, [750, 875]), at(1812, [750, 875]), at(2625, [750, 875])]);
      expect(outcomes.map((o) => o.kind)).toEqual(['accepted', 'duplicate', 'accepted']);
    });

    it('receive(packet) drops identical packets without RR closer than 250 ms', () => {
      const packets = [at(0, [], 70), at(249, [], 70), at(499, [], 70)];
      expect(run(packets).outcomes.map((o) => o.kind)).toEqual(['accepted', 'duplicate', 'accepted']);
    });

    it('newConnection() forgets the last packet: the same bytes on a new connection are not a duplicate', () => {
      const clock = createBeatClock();
      feed(clock, [at(0, [1000])]);
      clock.newConnection();
      expect(feed(clock, [at(100, [1000])]).outcomes).toEqual([{ kind: 'accepted', alive: true, statusChanged: false }]);
    });
  });

  describe('heart-rate-only devices', () => {
    // Watches often send no contact bits: a packet without RR at wall second `sec`.
    const hrAt = (sec: number, bpm: number) => at(sec * 1000, [], bpm, 'unsupported');

    it('receive(packet) counts a device as heart-rate only after 5 packets without RR, then gives a beat per packet at the wall clock', () => {
      const packets = [0, 1, 2, 3, 4, 5, 9].map((sec, i) => hrAt(sec, 70 + i));
      const clock = createBeatClock();
      const { beats, outcomes } = feed(clock, packets);
      expect(outcomes.slice(0, 4)).toEqual(Array(4).fill({ kind: 'accepted', alive: true, statusChanged: false }));
      expect(outcomes[4]).toEqual({ kind: 'accepted', alive: true, statusChanged: true });
      // Fifth packet at wall 4 s; sixth at 5 s; the seventh, 4 s later, comes after a gap (> 2 s).
      expect(beats).toEqual([beat(4, null, 74), beat(5, null, 75), beat(9, null, 76, true)]);
      expect(clock.hrOnly).toBe(true);
    });

    it('receive(packet) keeps heart-rate-only samples increasing when they arrive in the same instant', () => {
      const packets = [0, 1, 2, 3, 4].map((sec) => hrAt(sec, 70 + sec));
      const { beats } = run([...packets, hrAt(4, 80)]);
      expect(beats.map((b) => b.tSec)).toEqual([4, 4.001]);
    });

    it('receive(packet) ends heart-rate only at the first RR, re-anchoring after a gap', () => {
      const packets = [0, 1, 2, 3, 4].map((sec) => hrAt(sec, 70 + sec));
      const clock = createBeatClock();
      const { beats, outcomes } = feed(clock, [...packets, at(5000, [1000], 60, 'unsupported')]);
      // Last sample at 4; wall 5 s − RR 1 s = 4: base max(4, 4) = 4, beat 5 after a gap.
      expect(beats).toEqual([beat(4, null, 74), beat(5, 1000, 60, true)]);
      expect(outcomes[5]).toEqual({ kind: 'accepted', alive: true, statusChanged: true });
      expect(clock.hrOnly).toBe(false);
    });

    it('receive(packet) never counts a strap that has sent RR as heart-rate only; its packets without RR still show it alive', () => {
      const packets = [at(0, [1000], 60, 'unsupported'), ...[1, 2, 3, 4, 5, 6].map((sec) => hrAt(sec, 58 + sec))];
      const clock = createBeatClock();
      const { beats, outcomes } = feed(clock, packets);
      expect(beats).toEqual([beat(1, 1000, 60)]);
      expect(outcomes.slice(1).every((o) => o.kind === 'accepted' && o.alive && !o.statusChanged)).toBe(true);
      expect(clock.hrOnly).toBe(false);
    });

    it('receive(packet) takes a packet with neither RR nor heart rate as not alive', () => {
      expect(run([hrAt(0, 0)]).outcomes).toEqual([{ kind: 'accepted', alive: false, statusChanged: false }]);
    });
  });

  describe('skin contact', () => {
    it('receive(packet) drops what a strap sends without skin contact, and re-anchors the first beat after it', () => {
      const clock = createBeatClock();
      const { beats, outcomes } = feed(clock, [
        at(0, [1000], 60),
        at(1000, [], 0, 'not-detected'),
        at(1500, [250, 250], 200, 'not-detected'),
        at(3000, [1000], 60),
      ]);
      // Wall 3 s − RR 1 s = 2: base max(1, 2) = 2, beat 3 after a gap.
      expect(beats).toEqual([beat(1, 1000, 60), beat(3, 1000, 60, true)]);
      expect(outcomes).toEqual([
        { kind: 'accepted', alive: true, statusChanged: true },
        { kind: 'off-skin', statusChanged: true },
        { kind: 'off-skin', statusChanged: false },
        { kind: 'accepted', alive: true, statusChanged: true },
      ]);
      expect(clock.sensorContact).toBe('detected');
    });

    it('receive(packet) keeps the RR of a strap that has never reported contact (its contact bits are unreliable)', () => {
      const packets = [0, 1, 2].map((sec) => at(sec * 1000, [1000], 60, 'not-detected'));
      const clock = createBeatClock();
      expect(feed(clock, packets).beats).toEqual([beat(1, 1000, 60), beat(2, 1000, 60), beat(3, 1000, 60)]);
      expect(clock.sensorContact).toBe('not-detected');
    });

    it('receive(packet) drops a packet without RR and without contact, even from a strap that never reported contact', () => {
      expect(run([at(0, [], 70, 'not-detected')]).outcomes).toEqual([{ kind: 'off-skin', statusChanged: true }]);
    });

    it('newConnection() forgets that contact was seen: until the strap reports contact again, its RR is kept', () => {
      const clock = createBeatClock();
      feed(clock, [at(0, [1000])]);
      clock.newConnection();
      expect(feed(clock, [at(1000, [1000], 60, 'not-detected')]).beats).toEqual([beat(2, 1000, 60)]);
    });

    it('sensorContact is undefined while the device does not support it', () => {
      const clock = createBeatClock();
      feed(clock, [at(0, [1000], 60, 'unsupported')]);
      expect(clock.sensorContact).toBeUndefined();
    });
  });

  describe('faults', () => {
    it('receive(packet) reports a malformed packet and leaves the clock as it was', () => {
      const clock = createBeatClock();
      const { beats, outcomes } = feed(clock, [
        at(0, [1000]),
        { atMs: 500, bytes: new Uint8Array([0x10, 0x48, 0x00]) },
        { atMs: 600, bytes: new Uint8Array([]) },
        at(1000, [1000]),
      ]);
      expect(outcomes.map((o) => o.kind)).toEqual(['accepted', 'malformed', 'malformed', 'accepted']);
      expect(beats.map((b) => b.tSec)).toEqual([1, 2]);
    });

    it('receive(packet) reads bytes that are a view into a larger buffer', () => {
      const inner = encodeHeartRateMeasurement({ bpm: 61, rrIntervalsMs: [1000], sensorContact: 'detected' });
      const buffer = new Uint8Array(inner.length + 3);
      buffer.set([0xff, 0xff]);
      buffer.set(inner, 2);
      expect(run([{ atMs: 0, bytes: buffer.subarray(2, 2 + inner.length) }]).beats).toEqual([beat(1, 1000, 61)]);
    });

    it('receive(packet, deliver) stops when deliver returns false, and event time stays where it was', () => {
      const clock = createBeatClock();
      const taken: Beat[] = [];
      const outcome = clock.receive(at(0, [1000, 1000, 1000]), (b) => {
        taken.push(b);
        return false;
      });
      expect(outcome).toEqual({ kind: 'interrupted' });
      expect(taken).toEqual([beat(1, 1000, 60)]);
      expect(clock.lastBeatSec).toBeNull();
      // Wall 3 s − RR 1 s = 2: still the first beat of the clock, so no gap is marked.
      expect(feed(clock, [at(3000, [1000])]).beats).toEqual([beat(3, 1000, 60)]);
    });
  });
});

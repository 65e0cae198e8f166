/**
 * Event time for one strap, from its Heart Rate Measurement notifications (DESIGN.md, Event time).
 * Pure: packets with the monotonic time they arrived in, beats out; no GATT, no timers, no streams.
 *
 * - `tSec` is the running sum of RR intervals since the first packet, re-anchored to the wall clock
 *   only after a gap: one the source marks (a reconnect, a stale spell, a strap taken off the skin),
 *   or notifications that went missing, seen as more wall time passing than the RR intervals
 *   account for. Packets arriving bunched or late never move event time backwards.
 * - Duplicates (identical bytes arriving far sooner than their RR intervals allow) are dropped.
 * - A device that sends heart rate but never RR becomes "heart-rate only" after a few packets; it then
 *   gives one beat without RR per packet, at the wall clock.
 * - While the strap reports no skin contact, whatever it sends is not a heartbeat, once it has
 *   reported contact on this connection (or the packet has no RR anyway).
 */
import type { Beat } from '../../signal/types';
import type { SensorContact } from './heart-rate-measurement';
import { HeartRateParseError, parseHeartRateMeasurement } from './heart-rate-measurement';

/**
 * Consecutive packets without RR (and never any RR) after which a device counts as heart-rate only:
 * about 5 s, since some straps send a few packets without RR while they lock on after connecting.
 */
const HR_ONLY_AFTER_PACKETS = 5;
/** Identical packets closer than this share of their RR sum are duplicates. */
const DUPLICATE_SHARE = 0.5;
/** Identical heart-rate-only packets closer than this are duplicates, ms. */
const DUPLICATE_HR_ONLY_MS = 250;

/** One notification as it arrived. */
export interface TimedPacket {
  /** When it arrived, ms on a monotonic clock (any origin: event time starts at the first packet). */
  readonly atMs: number;
  /** The characteristic value, copied (the browser may reuse its buffer). */
  readonly bytes: Uint8Array;
}

/**
 * What became of a packet.
 * - `malformed`: it does not follow the 0x2A37 layout (see `parseHeartRateMeasurement`);
 * - `duplicate`: a repeat of the previous packet, dropped;
 * - `off-skin`: the strap says it is not worn; no beats;
 * - `interrupted`: the listener stopped taking beats part-way (see `receive`);
 * - `accepted`: its beats, if any, were delivered. `alive` when it carried beats or a live heart
 *   rate (an RR-capable strap sends a packet without RR when no beat fell in its interval, which
 *   still shows it is alive).
 * `statusChanged`: the skin contact or the heart-rate-only verdict changed, so the status needs publishing.
 */
export type PacketOutcome =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'off-skin'; readonly statusChanged: boolean }
  | { readonly kind: 'accepted'; readonly alive: boolean; readonly statusChanged: boolean };

export interface BeatClockOptions {
  /** Wall time beyond the RR intervals that counts as missing notifications, s. Default 2. */
  readonly gapToleranceSec?: number;
}

export interface BeatClock {
  /**
   * Takes one packet and hands its beats, in order, to `deliver`. When `deliver` returns false (its
   * listener has gone, e.g. the source was disconnected meanwhile) the rest of the packet's beats
   * are dropped and event time stays where it was before the packet.
   */
  receive(packet: TimedPacket, deliver: (beat: Beat) => boolean): PacketOutcome;
  /** The next beat follows a gap: it is marked `afterGap` and re-anchored to the wall clock. */
  markGap(): void;
  /** A new connection: the duplicate check, the heart-rate-only count and the skin contact start over. */
  newConnection(): void;
  /** Time of the last beat, s; null before the first. */
  readonly lastBeatSec: number | null;
  /** Whether the device sends heart rate without RR intervals. */
  readonly hrOnly: boolean;
  /** The skin contact last reported; undefined when the device never reported it. */
  readonly sensorContact: SensorContact | undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array | null): boolean {
  if (b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Creates the event-time clock of one source; it lives as long as the source (across reconnections). */
export function createBeatClock(options: BeatClockOptions = {}): BeatClock {
  const gapToleranceSec = options.gapToleranceSec ?? 2;
  let originMs: number | null = null;
  let lastTSec: number | null = null;
  let gapPending = false;
  let lastPacket: Uint8Array | null = null;
  let lastPacketMs = 0;
  let lastPacketRrSec = 0;
  let packetsWithoutRr = 0;
  let rrSeen = false;
  let hrOnly = false;
  let sensorContact: SensorContact | undefined;
  /** Whether the strap has reported skin contact on this connection (then "no contact" is believed). */
  let contactSeen = false;

  const wallSec = (nowMs: number): number => {
    originMs ??= nowMs;
    return (nowMs - originMs) / 1000;
  };

  const receive = ({ atMs: nowMs, bytes }: TimedPacket, deliver: (beat: Beat) => boolean): PacketOutcome => {
    let measurement;
    try {
      measurement = parseHeartRateMeasurement(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      if (!(error instanceof HeartRateParseError)) throw error;
      return { kind: 'malformed' };
    }
    const rrSumSec = measurement.rrIntervalsMs.reduce((a, b) => a + b, 0) / 1000;
    const sinceLastMs = nowMs - lastPacketMs;
    const duplicate =
      sameBytes(bytes, lastPacket) &&
      (lastPacketRrSec > 0 ? sinceLastMs < DUPLICATE_SHARE * rrSumSec * 1000 : sinceLastMs < DUPLICATE_HR_ONLY_MS);
    lastPacket = bytes;
    lastPacketMs = nowMs;
    lastPacketRrSec = rrSumSec;
    if (duplicate) return { kind: 'duplicate' };

    const contactChanged = measurement.sensorContact !== 'unsupported' && measurement.sensorContact !== sensorContact;
    if (measurement.sensorContact !== 'unsupported') sensorContact = measurement.sensorContact;
    if (measurement.sensorContact === 'detected') contactSeen = true;
    if (measurement.sensorContact === 'not-detected' && (contactSeen || measurement.rrIntervalsMs.length === 0)) {
      // Off the skin: whatever it sends is not a heartbeat. (A strap that has never once reported
      // contact but sends RR has unreliable contact bits; its beats are kept and left to artifact
      // correction.)
      gapPending = true;
      return { kind: 'off-skin', statusChanged: contactChanged };
    }

    const now = wallSec(nowMs);
    let statusChanged = contactChanged;
    let alive = false;
    if (measurement.rrIntervalsMs.length > 0) {
      packetsWithoutRr = 0;
      rrSeen = true;
      if (hrOnly) {
        hrOnly = false;
        gapPending = true;
        statusChanged = true;
      }
      let base: number;
      let gap = gapPending;
      if (lastTSec === null) {
        base = Math.max(0, now - rrSumSec);
      } else if (gapPending || now - rrSumSec - lastTSec > gapToleranceSec) {
        gap = true;
        base = Math.max(lastTSec, now - rrSumSec);
      } else {
        base = lastTSec;
      }
      let t = base;
      for (const rrMs of measurement.rrIntervalsMs) {
        t += rrMs / 1000;
        const taken = deliver({ tSec: t, rrMs, hrBpm: measurement.bpm > 0 ? measurement.bpm : 60_000 / rrMs, afterGap: gap });
        gap = false;
        if (!taken) return { kind: 'interrupted' };
      }
      lastTSec = t;
      gapPending = false;
      alive = true;
    } else if (measurement.bpm > 0) {
      packetsWithoutRr += 1;
      if (!hrOnly && !rrSeen && packetsWithoutRr >= HR_ONLY_AFTER_PACKETS) {
        hrOnly = true;
        statusChanged = true;
      }
      if (hrOnly) {
        const tSec = lastTSec === null ? now : Math.max(now, lastTSec + 0.001);
        const afterGap = gapPending || (lastTSec !== null && tSec - lastTSec > gapToleranceSec);
        // One sample per packet: a listener that has gone misses nothing more.
        deliver({ tSec, rrMs: null, hrBpm: measurement.bpm, afterGap });
        lastTSec = tSec;
        gapPending = false;
      }
      alive = true;
    }
    return { kind: 'accepted', alive, statusChanged };
  };

  return {
    receive,
    markGap() {
      gapPending = true;
    },
    newConnection() {
      packetsWithoutRr = 0;
      contactSeen = false;
      lastPacket = null;
    },
    get lastBeatSec() {
      return lastTSec;
    },
    get hrOnly() {
      return hrOnly;
    },
    get sensorContact() {
      return sensorContact;
    },
  };
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeHeartRateMeasurement } from './heart-rate-measurement';
import { expectIncreasing, packet, rig } from './testing/web-bluetooth-rig';

// The notification handling (web-bluetooth-notifications.ts) is tested through the source it serves,
// on a fake strap: what the strap sends, and what the source makes of it.
describe('Web Bluetooth notifications', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('beats and event time', () => {
    it('turns each RR interval of a packet into a beat, tSec the running sum of RR', async () => {
      const r = rig();
      await r.source.connect();
      r.strap.notifyBytes(packet([1000, 500, 750], 72));
      expect(r.beats).toEqual([
        { tSec: 1, rrMs: 1000, hrBpm: 72, afterGap: false },
        { tSec: 1.5, rrMs: 500, hrBpm: 72, afterGap: false },
        { tSec: 2.25, rrMs: 750, hrBpm: 72, afterGap: false },
      ]);
      await r.advance(1000, false);
      r.strap.notifyBytes(packet([1000], 72));
      expect(r.beats[3]).toEqual({ tSec: 3.25, rrMs: 1000, hrBpm: 72, afterGap: false });
      await r.source.disconnect();
    });

    it('re-anchors to the wall clock after notifications went missing, and marks the gap', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(10_000);
      const before = r.beats.length;
      await r.advance(12_000, false);
      await r.advance(3000);
      const resumed = r.beats[before];
      expect(resumed.afterGap).toBe(true);
      expect(resumed.tSec - r.beats[before - 1].tSec).toBeGreaterThan(10);
      expect(r.beats.slice(before + 1).every((b) => !b.afterGap)).toBe(true);
      // Event time stays near the wall clock (the first packet came at about 1 s).
      expect(Math.abs(r.beats[r.beats.length - 1].tSec - 24)).toBeLessThan(2);
      expectIncreasing(r.beats);
      await r.source.disconnect();
    });

    it('reports a heart-rate-only device as such and sends a beat without RR per notification', async () => {
      const r = rig();
      await r.source.connect();
      for (let i = 0; i < 8; i += 1) {
        r.strap.sendHeartRate(70 + i);
        await r.advance(1000, false);
      }
      expect(r.status()).toMatchObject({ kind: 'connected', hrOnly: true });
      expect(r.beats.map((b) => b.hrBpm)).toEqual([74, 75, 76, 77]);
      expect(r.beats.every((b) => b.rrMs === null)).toBe(true);
      expectIncreasing(r.beats);
      await r.source.disconnect();
    });

    it('ignores the occasional packet without RR from a strap that sends RR', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(5000);
      const count = r.beats.length;
      for (let i = 0; i < 5; i += 1) r.strap.sendHeartRate(58);
      expect(r.beats).toHaveLength(count);
      expect(r.status()).toMatchObject({ hrOnly: false });
      await r.source.disconnect();
    });

    it('drops beats while the strap reports no skin contact, and reports the contact', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(3000);
      const count = r.beats.length;
      r.strap.notifyBytes(encodeHeartRateMeasurement({ bpm: 0, rrIntervalsMs: [], sensorContact: 'not-detected' }));
      r.strap.notifyBytes(encodeHeartRateMeasurement({ bpm: 200, rrIntervalsMs: [300, 300], sensorContact: 'not-detected' }));
      expect(r.beats).toHaveLength(count);
      expect(r.status()).toMatchObject({ kind: 'connected', sensorContact: 'not-detected' });
      await r.advance(3000);
      expect(r.status()).toMatchObject({ sensorContact: 'detected' });
      expect(r.beats[count].afterGap).toBe(true);
      await r.source.disconnect();
    });

    it('keeps the beats of a strap whose contact bits never report contact', async () => {
      const r = rig();
      await r.source.connect();
      for (let i = 0; i < 3; i += 1) {
        r.strap.notifyBytes(encodeHeartRateMeasurement({ bpm: 60, rrIntervalsMs: [1000], sensorContact: 'not-detected' }));
        await r.advance(1000, false);
      }
      expect(r.beats.map((b) => b.rrMs)).toEqual([1000, 1000, 1000]);
      await r.source.disconnect();
    });

    it('names a device without a name plainly', async () => {
      const r = rig({}, { name: '' });
      await r.source.connect();
      expect(r.status()).toMatchObject({ kind: 'connected', deviceName: 'Heart-rate strap' });
      await r.source.disconnect();
    });
  });

  describe('faults in what the strap sends', () => {
    it('counts malformed packets, skips them and keeps running', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(3000);
      const count = r.beats.length;
      r.strap.notifyBytes(new Uint8Array([0x10, 0x48, 0x00]));
      r.strap.notifyBytes(new Uint8Array([]));
      r.strap.notifyBytes(new Uint8Array([0x01]));
      expect(r.beats).toHaveLength(count);
      expect(r.status()).toMatchObject({ kind: 'connected', malformedPackets: 3 });
      await r.advance(3000);
      expect(r.beats.length).toBeGreaterThan(count + 2);
      expect(r.beats.slice(count).every((b) => Number.isFinite(b.tSec) && (b.rrMs ?? 1) > 0)).toBe(true);
      await r.source.disconnect();
    });

    it('drops a duplicated notification instead of doubling its beats', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(1000, false);
      r.strap.notifyBytes(packet([750, 875]));
      r.strap.notifyBytes(packet([750, 875]));
      expect(r.beats.map((b) => b.rrMs)).toEqual([750, 875]);
      // The same bytes a second later are a new packet (a steady heart can repeat itself).
      await r.advance(1600, false);
      r.strap.notifyBytes(packet([750, 875]));
      expect(r.beats).toHaveLength(4);
      await r.source.disconnect();
    });

    it('keeps event time increasing when notifications arrive bunched or late', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(5000);
      const before = r.beats.length;
      // Three seconds of packets held back by the radio, then delivered in the same instant.
      await r.advance(2500, false);
      r.strap.notifyBytes(packet([875, 1000]));
      r.strap.notifyBytes(packet([1125]));
      r.strap.notifyBytes(packet([750]));
      expectIncreasing(r.beats);
      expect(r.beats.slice(before).map((b) => b.rrMs)).toEqual([875, 1000, 1125, 750]);
      expect(r.beats.slice(before).some((b) => b.afterGap)).toBe(false);
      await r.source.disconnect();
    });

    it('reports a strap that stays connected but goes silent as stale, then recovers', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(5000);
      await r.advance(7000, false);
      expect(r.status()).toMatchObject({ kind: 'connected', stale: true });
      const before = r.beats.length;
      await r.advance(3000);
      expect(r.status()).toMatchObject({ kind: 'connected', stale: false });
      expect(r.beats[before].afterGap).toBe(true);
      await r.source.disconnect();
    });
  });
});

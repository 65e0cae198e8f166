import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Beat } from '../../signal/types';
import { encodeHeartRateMeasurement } from './heart-rate-measurement';
import type { SourceStatus } from '../heart-rate-source';
import { describeHeartRateSourceContract } from '../heart-rate-source.contract';
import { FakeBluetooth } from './testing/fake-bluetooth';
import { createStrapFeeder } from './testing/strap-feeder';
import { calm, expectIncreasing, packet, rig } from './testing/web-bluetooth-rig';
import { HEART_RATE_REQUEST, createWebBluetoothSource } from './web-bluetooth-source';
import type { BluetoothLike } from './web-bluetooth-types';

describeHeartRateSourceContract('createWebBluetoothSource (fake navigator.bluetooth)', () => {
  const bluetooth = new FakeBluetooth();
  const strap = bluetooth.addStrap({ name: 'Polar H10 A1B2C3D4' });
  const feeder = createStrapFeeder(strap, calm);
  let fedMs = 0;
  return {
    source: createWebBluetoothSource({ bluetooth }),
    async advance(ms) {
      const end = fedMs + ms;
      while (fedMs < end) {
        const step = Math.min(250, end - fedMs);
        fedMs += step;
        feeder.feedUntil(fedMs / 1000);
        await vi.advanceTimersByTimeAsync(step);
      }
    },
    liveListeners: () => bluetooth.totalListeners(),
  };
});

describe('createWebBluetoothSource', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('connecting', () => {
    /** A strap chosen once before (the browser remembers it), now out of range. */
    async function rememberedOutOfRange() {
      const bluetooth = new FakeBluetooth();
      const strap = bluetooth.addStrap({ name: 'Polar H10 A1B2C3D4' });
      const first = createWebBluetoothSource({ bluetooth });
      await first.connect();
      await first.disconnect();
      strap.inRange = false;
      return { bluetooth, strap };
    }

    it('connect() asks for heart-rate straps with battery and device information allowed', async () => {
      const r = rig();
      const spy = vi.spyOn(r.bluetooth, 'requestDevice');
      await r.source.connect();
      expect(spy).toHaveBeenCalledWith(HEART_RATE_REQUEST);
      expect(HEART_RATE_REQUEST).toEqual({
        filters: [{ services: ['heart_rate'] }],
        optionalServices: ['battery_service', 'device_information'],
      });
      expect(r.status()).toEqual({
        kind: 'connected',
        deviceName: 'Polar H10 A1B2C3D4',
        deviceId: 'strap-1',
        batteryPercent: 80,
        hrOnly: false,
        malformedPackets: 0,
        stale: false,
      });
      expect(r.strap.notifying).toBe(true);
      await r.source.disconnect();
    });

    it('connect() reports the battery level and follows its notifications', async () => {
      const r = rig();
      await r.source.connect();
      r.strap.setBattery(55);
      expect(r.status()).toMatchObject({ kind: 'connected', batteryPercent: 55 });
      await r.source.disconnect();
    });

    it('connect() works with a strap that has no battery service (battery unknown)', async () => {
      const r = rig({}, { batteryPercent: null });
      await r.source.connect();
      expect(r.status()).toMatchObject({ kind: 'connected', batteryPercent: null });
      await r.advance(5000);
      expect(r.beats.length).toBeGreaterThan(3);
      await r.source.disconnect();
    });

    it('delivers beats while the battery level is still being read, and gives up on a read that never answers', async () => {
      const r = rig({ gattTimeoutMs: 10_000 });
      r.strap.batteryReadHangs = true;
      const pending = r.source.connect();
      await r.advance(3000);
      expect(r.status()).toMatchObject({ kind: 'connected', batteryPercent: null });
      expect(r.beats.length).toBeGreaterThan(1);
      await r.advance(8000);
      await pending;
      expect(r.status()).toMatchObject({ kind: 'connected', batteryPercent: null });
      await r.source.disconnect();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('connect() with a remembered device connects without the chooser', async () => {
      const bluetooth = new FakeBluetooth();
      const strap = bluetooth.addStrap();
      const first = createWebBluetoothSource({ bluetooth });
      await first.connect();
      await first.disconnect();
      const devices = (await bluetooth.getDevices?.()) ?? [];
      expect(devices).toHaveLength(1);
      expect(devices[0]).toBe(strap.device);
      const again = createWebBluetoothSource({ bluetooth, device: devices[0] });
      await again.connect();
      expect(bluetooth.requestDeviceCalls).toBe(1);
      expect(strap.notifying).toBe(true);
      await again.disconnect();
    });

    it('connect() with a name narrows the chooser to the strap of that name', async () => {
      const r = rig({ onlyName: 'Polar H10 A1B2C3D4' });
      const spy = vi.spyOn(r.bluetooth, 'requestDevice');
      await r.source.connect();
      expect(spy).toHaveBeenCalledWith({
        filters: [{ name: 'Polar H10 A1B2C3D4' }],
        optionalServices: ['heart_rate', 'battery_service', 'device_information'],
      });
      expect(r.status()).toMatchObject({ kind: 'connected', deviceId: 'strap-1' });
      await r.source.disconnect();
    });

    it('a remembered strap out of range is looked for, said to be not reached yet, and connects when it advertises', async () => {
      const { bluetooth, strap } = await rememberedOutOfRange();
      const source = createWebBluetoothSource({ bluetooth, device: strap.device, reconnect: { initialDelayMs: 60_000 } });
      const statuses: SourceStatus[] = [];
      source.status$.subscribe((s) => statuses.push(s));
      await source.connect();
      expect(statuses.at(-1)).toEqual({ kind: 'reconnecting', deviceName: 'Polar H10 A1B2C3D4', attempt: 1, searching: true });
      expect(strap.device.watchingAdvertisements).toBe(true);
      expect(bluetooth.requestDeviceCalls).toBe(1);
      // It wakes up long before the next attempt is due: its advertisement starts one at once.
      strap.inRange = true;
      strap.advertise();
      await vi.advanceTimersByTimeAsync(10);
      expect(statuses.at(-1)).toMatchObject({ kind: 'connected', deviceName: 'Polar H10 A1B2C3D4' });
      expect(strap.device.watchingAdvertisements).toBe(false);
      await source.disconnect();
      expect(vi.getTimerCount()).toBe(0);
      expect(bluetooth.totalListeners()).toBe(0);
    });

    it('a strap never reached is given up on in words that do not speak of losing it', async () => {
      const { bluetooth, strap } = await rememberedOutOfRange();
      const source = createWebBluetoothSource({ bluetooth, device: strap.device, reconnect: { initialDelayMs: 100, maxAttempts: 2 } });
      const statuses: SourceStatus[] = [];
      source.status$.subscribe((s) => statuses.push(s));
      await source.connect();
      await vi.advanceTimersByTimeAsync(1000);
      expect(statuses.at(-1)).toMatchObject({ kind: 'disconnected', code: 'unreachable' });
      expect((statuses.at(-1) as { reason: string }).reason).toMatch(/^Could not find the strap “Polar H10 A1B2C3D4”/);
      expect(strap.device.watchingAdvertisements).toBe(false);
    });

    it('connect() twice while the chooser is open opens one chooser and both calls resolve', async () => {
      const r = rig();
      r.bluetooth.autoChoose = false;
      const first = r.source.connect();
      const second = r.source.connect();
      await vi.advanceTimersByTimeAsync(10);
      expect(r.bluetooth.openChooserCount).toBe(1);
      r.bluetooth.answerOpenChooser(r.strap);
      await Promise.all([first, second]);
      expect(r.bluetooth.requestDeviceCalls).toBe(1);
      expect(r.bluetooth.maxOpenChoosers).toBe(1);
      expect(r.status().kind).toBe('connected');
      await r.source.disconnect();
    });

    it('connect() ends calmly when the user cancels the chooser, and can be tried again', async () => {
      const r = rig();
      r.bluetooth.chooseNext('cancel');
      await expect(r.source.connect()).resolves.toBeUndefined();
      expect(r.status()).toEqual({
        kind: 'disconnected',
        code: 'cancelled',
        reason: 'No strap was chosen. Press “Connect a strap” to try again.',
      });
      expect(r.bluetooth.totalListeners()).toBe(0);
      await r.source.connect();
      expect(r.bluetooth.requestDeviceCalls).toBe(2);
      expect(r.status().kind).toBe('connected');
      await r.source.disconnect();
    });

    it('connect() reports Bluetooth turned off instead of a cancelled chooser', async () => {
      const r = rig();
      r.bluetooth.setPowered(false);
      await r.source.connect();
      expect(r.status()).toMatchObject({ kind: 'disconnected', code: 'adapter-off' });
      expect((r.status() as { reason: string }).reason).toMatch(/Bluetooth is off/);
    });

    it('connect() reports a refused request (no user gesture) as not allowed', async () => {
      const fake = new FakeBluetooth();
      const refusing: BluetoothLike = {
        requestDevice: () =>
          Promise.reject(new DOMException('Must be handling a user gesture to show a permission request.', 'SecurityError')),
        addEventListener: (type, listener) => fake.addEventListener(type, listener),
        removeEventListener: (type, listener) => fake.removeEventListener(type, listener),
      };
      const source = createWebBluetoothSource({ bluetooth: refusing });
      const statuses: SourceStatus[] = [];
      source.status$.subscribe((s) => statuses.push(s));
      await source.connect();
      expect(statuses[statuses.length - 1]).toMatchObject({ kind: 'disconnected', code: 'not-allowed' });
    });

    it('connect() without Web Bluetooth reports it unsupported', async () => {
      const source = createWebBluetoothSource({ bluetooth: undefined });
      const statuses: SourceStatus[] = [];
      source.status$.subscribe((s) => statuses.push(s));
      await source.connect();
      expect(statuses[statuses.length - 1]).toMatchObject({ kind: 'disconnected', code: 'unsupported' });
    });

    it('connect() to a device without the heart-rate service says so and lets go of it', async () => {
      const bluetooth = new FakeBluetooth();
      const watch = bluetooth.addStrap({ name: 'Step counter', noHeartRateService: true });
      bluetooth.chooseNext(watch);
      const source = createWebBluetoothSource({ bluetooth });
      const statuses: SourceStatus[] = [];
      source.status$.subscribe((s) => statuses.push(s));
      await source.connect();
      expect(statuses[statuses.length - 1]).toMatchObject({ kind: 'disconnected', code: 'not-heart-rate' });
      expect(watch.connected).toBe(false);
      expect(bluetooth.totalListeners()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
      // Trying again opens the chooser, so another device can be picked.
      const strap = bluetooth.addStrap({ name: 'Chest strap' });
      bluetooth.chooseNext(strap);
      await source.connect();
      expect(bluetooth.requestDeviceCalls).toBe(2);
      expect(statuses[statuses.length - 1]).toMatchObject({ kind: 'connected', deviceName: 'Chest strap' });
      await source.disconnect();
    });

    it('disconnect() while the chooser is open ends the attempt; a late choice connects nothing', async () => {
      const r = rig();
      r.bluetooth.autoChoose = false;
      const pending = r.source.connect();
      await vi.advanceTimersByTimeAsync(10);
      await r.source.disconnect();
      expect(r.status()).toMatchObject({ kind: 'disconnected', code: 'user' });
      r.bluetooth.answerOpenChooser(r.strap);
      await pending;
      await vi.advanceTimersByTimeAsync(100);
      expect(r.strap.connectCalls).toBe(0);
      expect(r.status()).toMatchObject({ kind: 'disconnected', code: 'user' });
    });

    it('a GATT call that never answers times out and is retried', async () => {
      const r = rig({ gattTimeoutMs: 10_000 });
      r.strap.connectBehaviour = 'hang';
      const pending = r.source.connect();
      await vi.advanceTimersByTimeAsync(9_000);
      expect(r.status().kind).toBe('connecting');
      await vi.advanceTimersByTimeAsync(1_000);
      await pending;
      expect(r.status()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
      r.strap.connectBehaviour = 'ok';
      await r.advance(1000);
      expect(r.status().kind).toBe('connected');
      await r.source.disconnect();
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('faults', () => {
    it('reconnects a strap that stays silent for 30 s', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(3000);
      await r.advance(31_000, false);
      expect(r.statuses.some((s) => s.kind === 'reconnecting')).toBe(true);
      expect(r.strap.connectCalls).toBeGreaterThanOrEqual(2);
      expect(r.status().kind).toBe('connected');
      const before = r.beats.length;
      await r.advance(5000);
      expect(r.beats.length).toBeGreaterThan(before + 2);
      expect(r.beats[before].afterGap).toBe(true);
      await r.source.disconnect();
    });

    it('does not reconnect a strap that keeps reporting no skin contact (the link is alive)', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(2000);
      for (let i = 0; i < 40; i += 1) {
        r.strap.notifyBytes(encodeHeartRateMeasurement({ bpm: 0, rrIntervalsMs: [], sensorContact: 'not-detected' }));
        await r.advance(1000, false);
      }
      expect(r.status()).toMatchObject({ kind: 'connected', stale: true, sensorContact: 'not-detected' });
      expect(r.strap.connectCalls).toBe(1);
      await r.source.disconnect();
    });

    it('survives a dropped link: reconnects with backoff, beats resume, the gap is marked, nothing leaks', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(10_000);
      const listeners = r.bluetooth.totalListeners();
      const before = r.beats.length;
      r.strap.inRange = false;
      r.strap.drop();
      expect(r.status()).toEqual({ kind: 'reconnecting', deviceName: 'Polar H10 A1B2C3D4', attempt: 1 });
      await r.advance(1000 + 2000 + 4000, false);
      expect(r.status()).toMatchObject({ kind: 'reconnecting', attempt: 4 });
      r.strap.inRange = true;
      await r.advance(8000, false);
      expect(r.status().kind).toBe('connected');
      await r.advance(5000);
      const resumed = r.beats.slice(before);
      expect(resumed.length).toBeGreaterThan(3);
      expect(resumed[0].afterGap).toBe(true);
      expect(resumed[0].tSec - r.beats[before - 1].tSec).toBeGreaterThan(10);
      expect(resumed.slice(1).every((b) => !b.afterGap)).toBe(true);
      expectIncreasing(r.beats);
      expect(r.bluetooth.totalListeners()).toBe(listeners);
      await r.source.disconnect();
      expect(r.bluetooth.totalListeners()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('connect() while reconnecting tries at once instead of waiting out the backoff', async () => {
      const r = rig({ reconnect: { initialDelayMs: 20_000 } });
      await r.source.connect();
      await r.advance(3000);
      r.strap.drop();
      expect(r.status()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
      await r.advance(1000, false);
      expect(r.status().kind).toBe('reconnecting');
      await r.source.connect();
      expect(r.status().kind).toBe('connected');
      expect(r.strap.connectCalls).toBe(2);
      await r.advance(25_000);
      expect(r.strap.connectCalls).toBe(2);
      await r.source.disconnect();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('gives up after the last reconnect attempt with a clear reason', async () => {
      const r = rig({ reconnect: { initialDelayMs: 100, maxDelayMs: 400, maxAttempts: 3 } });
      await r.source.connect();
      r.strap.inRange = false;
      r.strap.drop();
      await r.advance(5000, false);
      expect(r.status()).toMatchObject({ kind: 'disconnected', code: 'unreachable' });
      expect(r.statuses.filter((s) => s.kind === 'reconnecting').map((s) => (s as { attempt: number }).attempt)).toEqual([1, 2, 3]);
      expect(vi.getTimerCount()).toBe(0);
      expect(r.bluetooth.totalListeners()).toBe(0);
      // Connecting again starts over with the same strap, no chooser.
      r.strap.inRange = true;
      await r.source.connect();
      expect(r.status().kind).toBe('connected');
      expect(r.bluetooth.requestDeviceCalls).toBe(1);
      await r.source.disconnect();
    });

    it('survives connect/disconnect and drop storms without leaking listeners, timers or duplicate beats', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(2000);
      const listeners = r.bluetooth.totalListeners();
      for (let i = 0; i < 25; i += 1) {
        r.strap.drop();
        await r.advance(i % 3 === 0 ? 300 : 1200);
        if (i % 4 === 0) {
          await r.source.disconnect();
          void r.source.connect();
          void r.source.connect();
          await r.source.disconnect();
          await r.source.connect();
        }
      }
      await r.advance(4000);
      expect(r.status().kind).toBe('connected');
      expect(r.bluetooth.totalListeners()).toBe(listeners);
      expect(r.bluetooth.requestDeviceCalls).toBe(1);
      expectIncreasing(r.beats);
      const count = r.beats.length;
      r.strap.notifyBytes(packet([812]));
      expect(r.beats).toHaveLength(count + 1);
      await r.source.disconnect();
      expect(r.bluetooth.totalListeners()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('reports Bluetooth turned off while connected, and reconnects as soon as it is back on', async () => {
      const r = rig();
      await r.source.connect();
      await r.advance(5000);
      const before = r.beats.length;
      r.bluetooth.setPowered(false);
      expect(r.status()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
      expect((r.status() as { reason?: string }).reason).toMatch(/Bluetooth is off/);
      await r.advance(120_000, false);
      expect(r.status().kind).toBe('reconnecting');
      expect((r.status() as { reason?: string }).reason).toMatch(/Bluetooth is off/);
      r.bluetooth.setPowered(true);
      await r.advance(100, false);
      expect(r.status().kind).toBe('connected');
      await r.advance(3000);
      expect(r.beats[before].afterGap).toBe(true);
      await r.source.disconnect();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('keeps waiting (not giving up) while Bluetooth stays off', async () => {
      const r = rig({ reconnect: { initialDelayMs: 100, maxDelayMs: 200, maxAttempts: 2 } });
      await r.source.connect();
      r.bluetooth.setPowered(false);
      await r.advance(10_000, false);
      expect(r.status().kind).toBe('reconnecting');
      await r.source.disconnect();
    });

    it('runs two straps at once as two independent sources; dropping one leaves the other flowing', async () => {
      const bluetooth = new FakeBluetooth();
      const strapA = bluetooth.addStrap({ name: 'Strap A' });
      const strapB = bluetooth.addStrap({ name: 'Strap B' });
      bluetooth.chooseNext(strapA);
      bluetooth.chooseNext(strapB);
      const a = createWebBluetoothSource({ bluetooth });
      const b = createWebBluetoothSource({ bluetooth });
      const beatsA: Beat[] = [];
      const beatsB: Beat[] = [];
      a.beats$.subscribe((x) => beatsA.push(x));
      b.beats$.subscribe((x) => beatsB.push(x));
      await a.connect();
      await b.connect();
      strapA.sendRr([1000]);
      strapB.sendRr([625, 625]);
      expect(beatsA.map((x) => x.rrMs)).toEqual([1000]);
      expect(beatsB.map((x) => x.rrMs)).toEqual([625, 625]);
      strapA.inRange = false;
      strapA.drop();
      await vi.advanceTimersByTimeAsync(1000);
      strapB.sendRr([625]);
      expect(beatsB).toHaveLength(3);
      expect(beatsA).toHaveLength(1);
      await Promise.all([a.disconnect(), b.disconnect()]);
      expect(bluetooth.totalListeners()).toBe(0);
    });
  });
});

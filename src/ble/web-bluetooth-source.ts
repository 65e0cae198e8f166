/**
 * The Web Bluetooth heart-rate strap as a `HeartRateSource` (DESIGN.md, Sources).
 *
 * Promise-based GATT code, turned into Observables at the edge:
 * - `requestDevice` only from `connect()` (which the UI calls in a click); one chooser at a time;
 * - every GATT call goes through one queue with a timeout;
 * - listeners are removed before they are added again, and from the old characteristic objects
 *   after a disconnection (the browser hands out new ones for the new connection);
 * - after `gattserverdisconnected` it reconnects with exponential backoff, and the first beat after
 *   the gap carries `afterGap: true`;
 * - event time: `tSec` is the running sum of RR intervals since the source started, re-anchored to
 *   the wall clock only after a gap (a reconnect, a stale spell, or notifications that went missing,
 *   seen as more wall time passing than the RR intervals account for).
 *
 * Fault tolerance: malformed packets are counted and skipped; duplicate notifications
 * (identical bytes arriving far sooner than their RR intervals allow) are dropped; notifications
 * arriving bunched or late never move event time backwards; a strap that stays connected but goes
 * silent is reported `stale` and, after a longer silence, reconnected; disconnect storms leave
 * exactly one listener of each kind and no timers; a second `connect()` joins the pending one;
 * a cancelled chooser ends calmly (`cancelled`); Bluetooth turned off is reported, and reconnecting
 * resumes as soon as it is back on.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import { Subject, asyncScheduler } from 'rxjs';
import type { Beat } from '../signal/types';
import type { GattQueue } from './gatt-queue';
import { createGattQueue } from './gatt-queue';
import type { SensorContact } from './heart-rate-measurement';
import { HeartRateParseError, parseHeartRateMeasurement } from './heart-rate-measurement';
import type { DisconnectCode, HeartRateSource, SourceStatus } from './heart-rate-source';
import { createStatusStore } from './source-status';
import type {
  AvailabilityEventLike,
  BluetoothDeviceLike,
  BluetoothLike,
  GattCharacteristicLike,
  GattServerLike,
  RequestDeviceOptionsLike,
} from './web-bluetooth-types';

/** The request DESIGN.md prescribes: heart-rate straps, with battery and device information allowed. */
export const HEART_RATE_REQUEST: RequestDeviceOptionsLike = {
  filters: [{ services: ['heart_rate'] }],
  optionalServices: ['battery_service', 'device_information'],
};

export interface ReconnectOptions {
  /** Wait before the first attempt, ms. Default 1000. */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts, ms. Default 30 000. */
  readonly maxDelayMs?: number;
  /** Attempts before giving up (status `disconnected`, code `unreachable`). Default 20 (about 8 minutes). */
  readonly maxAttempts?: number;
}

export interface WebBluetoothSourceOptions {
  /** `navigator.bluetooth` (see `navigatorBluetooth`); undefined where the browser has none. */
  readonly bluetooth: BluetoothLike | undefined;
  /** A remembered device (from `rememberedDevices`): connect to it without the chooser. */
  readonly device?: BluetoothDeviceLike;
  /** Clock and timers. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Timeout of each GATT operation, ms. Default 10 000. */
  readonly gattTimeoutMs?: number;
  readonly reconnect?: ReconnectOptions;
  /** Silence after which a connected strap is reported `stale`, ms. Default 5000 (DESIGN.md, no-signal). */
  readonly staleAfterMs?: number;
  /** Silence after which a stale strap is disconnected and reconnected, ms. Default 30 000. */
  readonly staleReconnectAfterMs?: number;
  /** Wall time beyond the RR intervals that counts as missing notifications, s. Default 2. */
  readonly gapToleranceSec?: number;
}

/**
 * Consecutive packets without RR (and never any RR) after which a device counts as heart-rate only:
 * about 5 s, since some straps send a few packets without RR while they lock on after connecting.
 */
const HR_ONLY_AFTER_PACKETS = 5;
/** Identical packets closer than this share of their RR sum are duplicates. */
const DUPLICATE_SHARE = 0.5;
/** Identical heart-rate-only packets closer than this are duplicates, ms. */
const DUPLICATE_HR_ONLY_MS = 250;
const STALE_CHECK_MS = 1000;

const CHOOSER_ADVICE = 'No strap was chosen. Press “Connect a strap” to try again.';
const ADAPTER_OFF = 'Bluetooth is off on this device. Turn it on, then connect again.';
const ADAPTER_OFF_RECONNECTING = 'Bluetooth is off on this device. Turn it on and the strap will reconnect.';

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameBytes(a: Uint8Array, b: Uint8Array | null): boolean {
  if (b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

type Phase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * Creates a source for one strap; two straps are two sources.
 * `connect()` must be called from a user gesture the first time (it opens the browser's chooser,
 * unless a remembered `device` was given); see `HeartRateSource.connect` for what it resolves.
 */
export function createWebBluetoothSource(options: WebBluetoothSourceOptions): HeartRateSource {
  const { bluetooth } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  // Event time and silences are measured on a monotonic clock, so a wall-clock change (a time
  // zone or NTP correction) is never mistaken for a gap; an injected scheduler brings its own.
  const injected = options.scheduler;
  const clockMs: () => number =
    injected !== undefined ? () => injected.now() : typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();
  const staleAfterMs = options.staleAfterMs ?? 5000;
  const staleReconnectAfterMs = options.staleReconnectAfterMs ?? 30_000;
  const gapToleranceSec = options.gapToleranceSec ?? 2;
  const initialDelayMs = options.reconnect?.initialDelayMs ?? 1000;
  const maxDelayMs = options.reconnect?.maxDelayMs ?? 30_000;
  const maxAttempts = options.reconnect?.maxAttempts ?? 20;
  const queue: GattQueue = createGattQueue(scheduler, options.gattTimeoutMs ?? 10_000);

  const beats = new Subject<Beat>();
  const status = createStatusStore();

  let phase: Phase = 'idle';
  /** Bumped by every `disconnect()`: async work from an older session stops where it notices. */
  let session = 0;
  let pending: Promise<void> | null = null;
  let device: BluetoothDeviceLike | null = options.device ?? null;
  let hrCharacteristic: GattCharacteristicLike | null = null;
  let batteryCharacteristic: GattCharacteristicLike | null = null;
  let deviceListening: BluetoothDeviceLike | null = null;
  let availabilityListening = false;
  let reconnectTimer: Subscription | null = null;
  let staleTimer: Subscription | null = null;
  let attempt = 0;
  let adapterOff = false;
  /** Session whose connection attempt is under way, if any. */
  let establishing: number | null = null;

  // Connection state shown in the status.
  let batteryPercent: number | null = null;
  let hrOnly = false;
  let malformedPackets = 0;
  let stale = false;
  let sensorContact: SensorContact | undefined;

  // Event time.
  let originMs: number | null = null;
  let lastTSec: number | null = null;
  let gapPending = false;
  /** Last notification that carried beats or a live heart rate, and last notification of any kind. */
  let lastUsefulMs = 0;
  let lastHeardMs = 0;
  let lastPacket: Uint8Array | null = null;
  let lastPacketMs = 0;
  let lastPacketRrSec = 0;
  let packetsWithoutRr = 0;
  let rrSeen = false;
  /** Whether the strap has reported skin contact on this connection (then "no contact" is believed). */
  let contactSeen = false;

  const deviceName = (): string => (device?.name === undefined || device.name === null || device.name.trim() === '' ? 'Heart-rate strap' : device.name);

  const publishConnected = (): void => {
    const next: SourceStatus = {
      kind: 'connected',
      deviceName: deviceName(),
      batteryPercent,
      hrOnly,
      malformedPackets,
      stale,
      ...(sensorContact === undefined ? {} : { sensorContact }),
    };
    status.set(next);
  };

  const end = (code: DisconnectCode, reason: string): void => {
    phase = 'disconnected';
    status.set({ kind: 'disconnected', reason, code });
  };

  // ── Notifications ────────────────────────────────────────────────────────────────────────────

  const wallSec = (nowMs: number): number => {
    originMs ??= nowMs;
    return (nowMs - originMs) / 1000;
  };

  const onMeasurement = (event: Event): void => {
    if (phase !== 'connected') return;
    lastHeardMs = clockMs();
    const target = event.target as GattCharacteristicLike | null;
    const value = target?.value ?? hrCharacteristic?.value ?? null;
    if (value === null || value === undefined) {
      malformedPackets += 1;
      publishConnected();
      return;
    }
    // Copy at once: the browser may reuse the value's buffer for the next notification.
    const bytes = new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    const nowMs = clockMs();
    let measurement;
    try {
      measurement = parseHeartRateMeasurement(new DataView(bytes.buffer));
    } catch (error) {
      if (!(error instanceof HeartRateParseError)) throw error;
      malformedPackets += 1;
      publishConnected();
      return;
    }
    const rrSumSec = measurement.rrIntervalsMs.reduce((a, b) => a + b, 0) / 1000;
    const sinceLastMs = nowMs - lastPacketMs;
    const duplicate =
      sameBytes(bytes, lastPacket) &&
      (lastPacketRrSec > 0 ? sinceLastMs < DUPLICATE_SHARE * rrSumSec * 1000 : sinceLastMs < DUPLICATE_HR_ONLY_MS);
    lastPacket = bytes;
    lastPacketMs = nowMs;
    lastPacketRrSec = rrSumSec;
    if (duplicate) return;

    const contactChanged = measurement.sensorContact !== 'unsupported' && measurement.sensorContact !== sensorContact;
    if (measurement.sensorContact !== 'unsupported') sensorContact = measurement.sensorContact;
    if (measurement.sensorContact === 'detected') contactSeen = true;
    if (measurement.sensorContact === 'not-detected' && (contactSeen || measurement.rrIntervalsMs.length === 0)) {
      // Off the skin: whatever it sends is not a heartbeat. The silence turns stale in time.
      // (A strap that has never once reported contact but sends RR has unreliable contact bits;
      // its beats are kept and left to artifact correction.)
      gapPending = true;
      if (contactChanged) publishConnected();
      return;
    }

    const now = wallSec(nowMs);
    let changed = contactChanged;
    if (measurement.rrIntervalsMs.length > 0) {
      packetsWithoutRr = 0;
      rrSeen = true;
      if (hrOnly) {
        hrOnly = false;
        gapPending = true;
        changed = true;
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
        beats.next({ tSec: t, rrMs, hrBpm: measurement.bpm > 0 ? measurement.bpm : 60_000 / rrMs, afterGap: gap });
        gap = false;
        if (phase !== 'connected') return;
      }
      lastTSec = t;
      gapPending = false;
      lastUsefulMs = nowMs;
    } else if (measurement.bpm > 0) {
      packetsWithoutRr += 1;
      if (!hrOnly && !rrSeen && packetsWithoutRr >= HR_ONLY_AFTER_PACKETS) {
        hrOnly = true;
        changed = true;
      }
      if (hrOnly) {
        const tSec = lastTSec === null ? now : Math.max(now, lastTSec + 0.001);
        const afterGap = gapPending || (lastTSec !== null && tSec - lastTSec > gapToleranceSec);
        beats.next({ tSec, rrMs: null, hrBpm: measurement.bpm, afterGap });
        lastTSec = tSec;
        gapPending = false;
      }
      // An RR-capable strap sends a packet without RR when no beat fell in its interval; it still
      // shows the strap is alive.
      lastUsefulMs = nowMs;
    }
    if (stale) {
      stale = false;
      changed = true;
    }
    if (changed && phase === 'connected') publishConnected();
  };

  const onBattery = (event: Event): void => {
    const value = (event.target as GattCharacteristicLike | null)?.value;
    if (value === null || value === undefined || value.byteLength < 1) return;
    const percent = value.getUint8(0);
    if (percent > 100) return;
    batteryPercent = percent;
    if (phase === 'connected') publishConnected();
  };

  // ── Listeners ────────────────────────────────────────────────────────────────────────────────

  const detachCharacteristics = (): void => {
    hrCharacteristic?.removeEventListener('characteristicvaluechanged', onMeasurement);
    batteryCharacteristic?.removeEventListener('characteristicvaluechanged', onBattery);
    hrCharacteristic = null;
    batteryCharacteristic = null;
  };

  const onAvailability = (event: Event): void => {
    const available = (event as AvailabilityEventLike).value;
    if (available === false) {
      adapterOff = true;
      if (phase === 'reconnecting') status.set({ kind: 'reconnecting', deviceName: deviceName(), attempt, reason: ADAPTER_OFF_RECONNECTING });
    } else if (available === true) {
      adapterOff = false;
      if (phase === 'reconnecting') {
        // Back on: try now rather than at the end of a long backoff.
        reconnectTimer?.unsubscribe();
        reconnectTimer = null;
        void establish(session);
      }
    }
  };

  const onGattDisconnected = (): void => {
    // Only a drop of a working connection starts reconnecting; failures while establishing are
    // handled by the attempt that saw them, and our own disconnect() has already moved on.
    if (phase !== 'connected') return;
    lostConnection();
  };

  const attachDevice = (target: BluetoothDeviceLike): void => {
    deviceListening?.removeEventListener('gattserverdisconnected', onGattDisconnected);
    target.addEventListener('gattserverdisconnected', onGattDisconnected);
    deviceListening = target;
    if (bluetooth !== undefined && !availabilityListening) {
      bluetooth.addEventListener('availabilitychanged', onAvailability);
      availabilityListening = true;
    }
  };

  const detachAll = (): void => {
    detachCharacteristics();
    deviceListening?.removeEventListener('gattserverdisconnected', onGattDisconnected);
    deviceListening = null;
    if (bluetooth !== undefined && availabilityListening) bluetooth.removeEventListener('availabilitychanged', onAvailability);
    availabilityListening = false;
  };

  const stopTimers = (): void => {
    reconnectTimer?.unsubscribe();
    reconnectTimer = null;
    staleTimer?.unsubscribe();
    staleTimer = null;
  };

  // ── Connection ───────────────────────────────────────────────────────────────────────────────

  const checkStale = (): void => {
    staleTimer = null;
    if (phase !== 'connected') return;
    const now = clockMs();
    const silentMs = now - lastUsefulMs;
    // Reconnect only when the link itself is silent: a strap reporting "no skin contact" is alive.
    if (now - lastHeardMs >= staleReconnectAfterMs) {
      lostConnection();
      // Make the browser let go of the silent link; our listener ignores the event it fires.
      try {
        device?.gatt?.disconnect();
      } catch {
        // Already gone.
      }
      return;
    }
    if (silentMs >= staleAfterMs && !stale) {
      stale = true;
      gapPending = true;
      publishConnected();
    }
    staleTimer = scheduler.schedule(checkStale, STALE_CHECK_MS);
  };

  const lostConnection = (): void => {
    phase = 'reconnecting';
    detachCharacteristics();
    staleTimer?.unsubscribe();
    staleTimer = null;
    gapPending = true;
    attempt = 0;
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    attempt += 1;
    // While Bluetooth is off, waiting is not failing: keep trying at the longest interval.
    if (attempt > maxAttempts && !adapterOff) {
      stopTimers();
      queue.cancelPending();
      detachAll();
      releaseGatt();
      end('unreachable', `Lost the strap “${deviceName()}”. Check that it is worn and nearby, then connect again.`);
      return;
    }
    status.set({
      kind: 'reconnecting',
      deviceName: deviceName(),
      attempt,
      ...(adapterOff ? { reason: ADAPTER_OFF_RECONNECTING } : {}),
    });
    const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
    const mine = session;
    reconnectTimer = scheduler.schedule(() => {
      reconnectTimer = null;
      void establish(mine);
    }, delayMs);
  };

  const readBattery = async (server: GattServerLike, mine: number): Promise<void> => {
    try {
      const service = await queue.run('getPrimaryService(battery_service)', () => server.getPrimaryService('battery_service'));
      const characteristic = await queue.run('getCharacteristic(battery_level)', () => service.getCharacteristic('battery_level'));
      if (mine !== session || phase !== 'connected') return;
      batteryCharacteristic?.removeEventListener('characteristicvaluechanged', onBattery);
      characteristic.addEventListener('characteristicvaluechanged', onBattery);
      batteryCharacteristic = characteristic;
      const value = await queue.run('readValue(battery_level)', () => characteristic.readValue());
      if (value.byteLength >= 1 && value.getUint8(0) <= 100) batteryPercent = value.getUint8(0);
      if (characteristic.properties.notify) {
        await queue.run('startNotifications(battery_level)', () => characteristic.startNotifications());
      }
    } catch {
      // No battery service, or it failed: the strap works without it; the level stays unknown.
    }
  };

  /** One attempt to bring the connection up; on failure it schedules the next attempt. */
  /** Brings the connection up once, unless an attempt of this session is already under way. */
  const establish = async (mine: number): Promise<void> => {
    if (establishing === mine) return;
    establishing = mine;
    try {
      await establishOnce(mine);
    } finally {
      if (establishing === mine) establishing = null;
    }
  };

  const establishOnce = async (mine: number): Promise<void> => {
    const target = device;
    if (mine !== session || target === null) return;
    const gatt = target.gatt;
    if (gatt === null || gatt === undefined) {
      end('error', 'This device cannot be connected to from the browser.');
      return;
    }
    try {
      const server = await queue.run('gatt.connect()', () => gatt.connect());
      if (mine !== session) {
        abandon();
        return;
      }
      const service = await queue.run('getPrimaryService(heart_rate)', () => server.getPrimaryService('heart_rate'));
      const characteristic = await queue.run('getCharacteristic(heart_rate_measurement)', () =>
        service.getCharacteristic('heart_rate_measurement'),
      );
      if (mine !== session) {
        abandon();
        return;
      }
      detachCharacteristics();
      characteristic.addEventListener('characteristicvaluechanged', onMeasurement);
      hrCharacteristic = characteristic;
      await queue.run('startNotifications(heart_rate_measurement)', () => characteristic.startNotifications());
      if (mine !== session) {
        abandon();
        return;
      }
      if (!gatt.connected) throw new Error('connect: the strap disconnected while setting up');
      // Beats flow from here on; the battery level follows when it has been read.
      phase = 'connected';
      attempt = 0;
      stale = false;
      packetsWithoutRr = 0;
      contactSeen = false;
      lastUsefulMs = clockMs();
      lastHeardMs = lastUsefulMs;
      lastPacket = null;
      publishConnected();
      staleTimer?.unsubscribe();
      staleTimer = scheduler.schedule(checkStale, STALE_CHECK_MS);
      await readBattery(server, mine);
      if (mine === session && phase === 'connected') publishConnected();
    } catch (error) {
      if (mine !== session) return;
      detachCharacteristics();
      const name = errorName(error);
      if (name === 'NotFoundError' && /service/i.test(errorMessage(error))) {
        releaseGatt();
        stopTimers();
        detachAll();
        end('not-heart-rate', `“${deviceName()}” does not offer heart rate. Choose a chest strap or a watch that broadcasts heart rate.`);
        // The next connect() opens the chooser again, to pick another device.
        device = null;
        return;
      }
      if (name === 'SecurityError') {
        releaseGatt();
        stopTimers();
        detachAll();
        end('not-allowed', 'The browser did not allow access to this strap’s heart-rate data. Connect it again.');
        device = null;
        return;
      }
      // Out of range, timed out, dropped mid-setup: try again later.
      phase = 'reconnecting';
      releaseGatt();
      scheduleReconnect();
    }
  };

  /** A superseded attempt got further than it should: let go of the link unless a newer session uses it. */
  const abandon = (): void => {
    if (phase === 'disconnected' || phase === 'idle') releaseGatt();
  };

  const releaseGatt = (): void => {
    try {
      if (device?.gatt?.connected === true) device.gatt.disconnect();
    } catch {
      // Nothing to release.
    }
  };

  const chooseDevice = async (mine: number): Promise<BluetoothDeviceLike | null> => {
    if (bluetooth === undefined) {
      end('unsupported', 'This browser cannot connect to Bluetooth straps.');
      return null;
    }
    try {
      const chosen = await bluetooth.requestDevice(HEART_RATE_REQUEST);
      return mine === session ? chosen : null;
    } catch (error) {
      if (mine !== session) return null;
      const name = errorName(error);
      if (name === 'NotFoundError') {
        let available = !/adapter/i.test(errorMessage(error));
        if (available && bluetooth.getAvailability !== undefined) {
          available = await bluetooth.getAvailability().catch(() => true);
        }
        if (mine !== session) return null;
        if (available) end('cancelled', CHOOSER_ADVICE);
        else end('adapter-off', ADAPTER_OFF);
      } else if (name === 'SecurityError' || name === 'NotAllowedError') {
        end('not-allowed', 'The browser did not allow Bluetooth here. Press “Connect a strap” again; browsers allow it only straight from a click, and it may be blocked in the site settings.');
      } else if (name === 'NotSupportedError') {
        end('unsupported', 'This browser cannot connect to Bluetooth straps.');
      } else {
        end('error', `Could not open the strap chooser: ${errorMessage(error)}`);
      }
      return null;
    }
  };

  const run = async (mine: number): Promise<void> => {
    phase = 'connecting';
    status.set({ kind: 'connecting' });
    if (device === null) {
      device = await chooseDevice(mine);
      if (device === null) return;
    }
    if (mine !== session) return;
    attachDevice(device);
    attempt = 0;
    if (lastTSec !== null) gapPending = true;
    await establish(mine);
  };

  const connect = (): Promise<void> => {
    if (pending !== null) return pending;
    if (phase === 'connected') return Promise.resolve();
    if (phase === 'reconnecting') {
      // The user asks again: try now instead of waiting out the backoff.
      reconnectTimer?.unsubscribe();
      reconnectTimer = null;
      return establish(session);
    }
    const mine = session;
    malformedPackets = 0;
    const promise: Promise<void> = run(mine)
      .catch((error: unknown) => {
        // Defensive: nothing above should throw, but a connect() must never reject.
        if (mine === session) end('error', `Could not connect: ${errorMessage(error)}`);
      })
      .finally(() => {
        if (pending === promise) pending = null;
      });
    pending = promise;
    return promise;
  };

  const disconnect = async (): Promise<void> => {
    if (phase === 'idle' || phase === 'disconnected') {
      return;
    }
    session += 1;
    pending = null;
    stopTimers();
    queue.cancelPending();
    detachAll();
    stale = false;
    end('user', 'Disconnected.');
    // Our listener is gone, so the event this fires is not mistaken for a drop.
    releaseGatt();
  };

  return { kind: 'bluetooth', beats$: beats.asObservable(), status$: status.status$, connect, disconnect };
}

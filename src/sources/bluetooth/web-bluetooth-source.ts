/**
 * The Web Bluetooth heart-rate strap as a `HeartRateSource` (DESIGN.md, Sources).
 *
 * Promise-based GATT code, turned into Observables at the edge:
 * - `requestDevice` only from `connect()` (which the UI calls in a click); one chooser at a time;
 * - every GATT call goes through one queue with a timeout;
 * - listeners are kept one of each kind (`gatt-listeners.ts`);
 * - after `gattserverdisconnected` it reconnects with exponential backoff, and the first beat after
 *   the gap carries `afterGap: true`;
 * - what the strap reports once connected (measurements, battery, the connected status) is the
 *   notification handling's (`web-bluetooth-notifications.ts`); event time, duplicates,
 *   heart-rate-only devices and skin contact the beat clock's (`beat-clock.ts`); this file marks
 *   the gaps it knows of (a reconnect, a stale spell);
 * - when to retry is the reconnect policy's (`reconnect-policy.ts`), when a quiet strap is stale or
 *   dead the stale watchdog's (`stale-watchdog.ts`), listening for an absent strap's advertisements
 *   `web-bluetooth-advertisements.ts`'s; this file owns their timers.
 *
 * Fault tolerance: malformed packets are counted and skipped; a strap that stays connected but goes
 * silent is reported `stale` and, after a longer silence, reconnected; disconnect storms leave
 * exactly one listener of each kind and no timers; a second `connect()` joins the pending one;
 * a cancelled chooser ends calmly (`cancelled`); Bluetooth turned off is reported, and reconnecting
 * resumes as soon as it is back on. A strap that cannot be reached is looked for with the same
 * backoff (status `reconnecting`, `searching` until it was reached once), and where the browser has
 * `watchAdvertisements()` its first advertisement starts an attempt at once.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import { Subject, asyncScheduler } from 'rxjs';
import type { Beat } from '../../signal/types';
import type { GattQueue } from './gatt-queue';
import { createGattQueue } from './gatt-queue';
import type { BeatClockOptions } from './beat-clock';
import { createBeatClock } from './beat-clock';
import { createGattListeners } from './gatt-listeners';
import { followBattery, heartRateMeasurement } from './gatt-services';
import type { DisconnectCode, HeartRateSource } from '../heart-rate-source';
import type { ReconnectOptions } from './reconnect-policy';
import { createReconnectPolicy } from './reconnect-policy';
import { createStatusStore } from '../source-status';
import type { StaleWatchdogOptions } from './stale-watchdog';
import { createStaleWatchdog } from './stale-watchdog';
import { createAdvertisementWatch } from './web-bluetooth-advertisements';
import { chooseStrap } from './web-bluetooth-chooser';
import { createStrapNotifications } from './web-bluetooth-notifications';
import { ADAPTER_OFF_RECONNECTING, errorMessage, setupEnding } from './web-bluetooth-errors';
import type { AvailabilityEventLike, BluetoothDeviceLike, BluetoothLike, GattServerLike } from './web-bluetooth-types';

export { HEART_RATE_REQUEST } from './web-bluetooth-chooser';
export type { ReconnectOptions } from './reconnect-policy';

/** `staleAfterMs` and `staleReconnectAfterMs` as in `stale-watchdog.ts`, `gapToleranceSec` as in `beat-clock.ts`. */
export interface WebBluetoothSourceOptions extends StaleWatchdogOptions, BeatClockOptions {
  /** `navigator.bluetooth` (see `navigatorBluetooth`); undefined where the browser has none. */
  readonly bluetooth: BluetoothLike | undefined;
  /** A remembered device (from `rememberedDevices`): connect to it without the chooser. */
  readonly device?: BluetoothDeviceLike;
  /**
   * With no `device`: the chooser lists only straps advertising this name (the strap a partner used
   * last time, when the browser no longer lists it as permitted).
   */
  readonly onlyName?: string;
  /** The strap's name as remembered, shown while the browser lists the device without one (after a reload). */
  readonly knownName?: string;
  /** Clock and timers. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Timeout of each GATT operation, ms. Default 10 000. */
  readonly gattTimeoutMs?: number;
  readonly reconnect?: ReconnectOptions;
}

const STALE_CHECK_MS = 1000;

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
  const watchdog = createStaleWatchdog(options);
  const reconnectPolicy = createReconnectPolicy(options.reconnect);
  const beatClock = createBeatClock(options);
  const queue: GattQueue = createGattQueue(scheduler, options.gattTimeoutMs ?? 10_000);

  const beats = new Subject<Beat>();
  const status = createStatusStore();

  let phase: Phase = 'idle';
  /** Bumped by every `disconnect()`: async work from an older session stops where it notices. */
  let session = 0;
  let pending: Promise<void> | null = null;
  let device: BluetoothDeviceLike | null = options.device ?? null;
  let reconnectTimer: Subscription | null = null;
  let staleTimer: Subscription | null = null;
  let attempt = 0;
  let adapterOff = false;
  /** Session whose connection attempt is under way, if any. */
  let establishing: number | null = null;
  /** False until the strap was reached once since `connect()`: until then it is being looked for. */
  let reached = false;

  const deviceName = (): string =>
    device?.name === undefined || device.name === null || device.name.trim() === ''
      ? options.knownName?.trim() || 'Heart-rate strap'
      : device.name;

  // What the strap reports while connected, and the connected status it adds up to.
  const notifications = createStrapNotifications({
    beatClock,
    watchdog,
    status,
    clockMs,
    connected: () => phase === 'connected',
    measurementValue: () => listeners.measurementCharacteristic?.value,
    emit: (beat) => beats.next(beat),
    deviceName,
    deviceId: () => device?.id,
  });
  const { publishConnected } = notifications;

  const end = (code: DisconnectCode, reason: string): void => {
    phase = 'disconnected';
    status.set({ kind: 'disconnected', reason, code });
  };

  // ── Listeners ────────────────────────────────────────────────────────────────────────────────

  const onAvailability = (event: Event): void => {
    const available = (event as AvailabilityEventLike).value;
    if (available === false) {
      adapterOff = true;
      if (phase === 'reconnecting')
        status.set({
          kind: 'reconnecting',
          deviceName: deviceName(),
          attempt,
          ...(reached ? {} : { searching: true }),
          reason: ADAPTER_OFF_RECONNECTING,
        });
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

  const listeners = createGattListeners(bluetooth, {
    measurement: notifications.onMeasurement,
    battery: notifications.onBattery,
    disconnected: onGattDisconnected,
    availability: onAvailability,
  });

  const stopTimers = (): void => {
    reconnectTimer?.unsubscribe();
    reconnectTimer = null;
    staleTimer?.unsubscribe();
    staleTimer = null;
    stopWatching();
  };

  // ── Advertisements ───────────────────────────────────────────────────────────────────────────

  /** The strap advertised: it is in range and awake, so try now rather than at the end of the backoff. */
  const onAdvertisement = (): void => {
    if (phase !== 'reconnecting' || establishing !== null) return;
    reconnectTimer?.unsubscribe();
    reconnectTimer = null;
    void establish(session);
  };

  const advertisements = createAdvertisementWatch(onAdvertisement);
  const stopWatching = advertisements.stop;

  // ── Connection ───────────────────────────────────────────────────────────────────────────────

  const checkStale = (): void => {
    staleTimer = null;
    if (phase !== 'connected') return;
    const verdict = watchdog.check(clockMs());
    // Reconnect only when the link itself is silent: a strap reporting "no skin contact" is alive.
    if (verdict === 'reconnect') {
      lostConnection();
      // Make the browser let go of the silent link; our listener ignores the event it fires.
      try {
        device?.gatt?.disconnect();
      } catch {
        // Already gone.
      }
      return;
    }
    if (verdict === 'stale') notifications.goStale();
    staleTimer = scheduler.schedule(checkStale, STALE_CHECK_MS);
  };

  const lostConnection = (): void => {
    phase = 'reconnecting';
    listeners.releaseCharacteristics();
    staleTimer?.unsubscribe();
    staleTimer = null;
    beatClock.markGap();
    attempt = 0;
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    attempt += 1;
    const delayMs = reconnectPolicy.delayBefore(attempt, adapterOff);
    if (delayMs === undefined) {
      stopTimers();
      queue.cancelPending();
      listeners.releaseAll();
      releaseGatt();
      end(
        'unreachable',
        reached
          ? `Lost the strap “${deviceName()}”. Check that it is worn and nearby, then connect again.`
          : `Could not find the strap “${deviceName()}”. Check that it is worn, awake and nearby, then connect again.`,
      );
      return;
    }
    status.set({
      kind: 'reconnecting',
      deviceName: deviceName(),
      attempt,
      ...(reached ? {} : { searching: true }),
      ...(adapterOff ? { reason: ADAPTER_OFF_RECONNECTING } : {}),
    });
    advertisements.watch(device);
    const mine = session;
    reconnectTimer = scheduler.schedule(() => {
      reconnectTimer = null;
      void establish(mine);
    }, delayMs);
  };

  const readBattery = (server: GattServerLike, mine: number): Promise<void> =>
    followBattery(
      queue,
      server,
      (characteristic) => {
        if (mine !== session || phase !== 'connected') return false;
        listeners.listenToBattery(characteristic);
        return true;
      },
      notifications.setBattery,
    );

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
      const characteristic = await heartRateMeasurement(queue, server);
      if (mine !== session) {
        abandon();
        return;
      }
      listeners.listenToMeasurements(characteristic);
      await queue.run('startNotifications(heart_rate_measurement)', () => characteristic.startNotifications());
      if (mine !== session) {
        abandon();
        return;
      }
      if (!gatt.connected) throw new Error('connect: the strap disconnected while setting up');
      // Beats flow from here on; the battery level follows when it has been read.
      phase = 'connected';
      reached = true;
      stopWatching();
      attempt = 0;
      notifications.clearStale();
      beatClock.newConnection();
      watchdog.reset(clockMs());
      publishConnected();
      staleTimer?.unsubscribe();
      staleTimer = scheduler.schedule(checkStale, STALE_CHECK_MS);
      await readBattery(server, mine);
      if (mine === session && phase === 'connected') publishConnected();
    } catch (error) {
      if (mine !== session) return;
      listeners.releaseCharacteristics();
      const ending = setupEnding(error, deviceName());
      if (ending !== undefined) {
        releaseGatt();
        stopTimers();
        listeners.releaseAll();
        end(ending.code, ending.reason);
        // The next connect() opens the chooser again, to pick another device.
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

  const chooseDevice = async (mine: number, onlyName: string | undefined): Promise<BluetoothDeviceLike | null> => {
    const chosen = await chooseStrap(bluetooth, () => mine === session, onlyName);
    if (chosen === null || !('code' in chosen)) return chosen;
    end(chosen.code, chosen.reason);
    return null;
  };

  const run = async (mine: number): Promise<void> => {
    phase = 'connecting';
    status.set({ kind: 'connecting' });
    if (device === null) {
      device = await chooseDevice(mine, options.onlyName);
      if (device === null) return;
    }
    if (mine !== session) return;
    listeners.listenToDevice(device);
    attempt = 0;
    reached = false;
    if (beatClock.lastBeatSec !== null) beatClock.markGap();
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
    notifications.resetMalformed();
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
    listeners.releaseAll();
    notifications.clearStale();
    end('user', 'Disconnected.');
    // Our listener is gone, so the event this fires is not mistaken for a drop.
    releaseGatt();
  };

  return { kind: 'bluetooth', beats$: beats.asObservable(), status$: status.status$, connect, disconnect };
}

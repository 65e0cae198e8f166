/**
 * What a connected strap tells the Web Bluetooth source, apart from the GATT link that carries it
 * (`web-bluetooth-source.ts`): heart-rate measurement and battery notifications, and the connected
 * status they add up to (battery, heart rate only, skin contact, malformed packets, stale).
 *
 * A measurement is copied at once (the browser may reuse its buffer), timed and split into beats by
 * the beat clock (`beat-clock.ts`), and tells the stale watchdog (`stale-watchdog.ts`) the strap is
 * alive; malformed packets are counted and skipped. The link decides when a notification counts
 * (`connected()`), when the strap is stale (`goStale`) and when a new connection starts.
 */
import type { Beat } from '../../signal/types';
import type { BeatClock } from './beat-clock';
import { batteryPercentOf } from './gatt-services';
import type { StatusStore } from '../source-status';
import type { StaleWatchdog } from './stale-watchdog';
import type { GattCharacteristicLike } from './web-bluetooth-types';

/** What the notification handling needs from the link. */
export interface StrapNotificationDeps {
  readonly beatClock: BeatClock;
  readonly watchdog: StaleWatchdog;
  readonly status: StatusStore;
  /** Monotonic clock, ms. */
  readonly clockMs: () => number;
  /** True while the link is up: notifications arriving at any other time are ignored. */
  readonly connected: () => boolean;
  /** The measurement characteristic listened to, whose value stands in when an event carries none. */
  readonly measurementValue: () => DataView | null | undefined;
  /** Hands a beat on (the source's `beats$`). */
  readonly emit: (beat: Beat) => void;
  /** The strap's name as shown, and its id while a device is known. */
  readonly deviceName: () => string;
  readonly deviceId: () => string | undefined;
}

export interface StrapNotifications {
  /** Listener for `characteristicvaluechanged` of the heart-rate measurement (0x2A37). */
  readonly onMeasurement: (event: Event) => void;
  /** Listener for `characteristicvaluechanged` of the battery level. */
  readonly onBattery: (event: Event) => void;
  /** Publishes the connected status with what the strap has reported so far. */
  publishConnected(): void;
  /** The battery level read once when the link came up. */
  setBattery(percent: number): void;
  /** A new `connect()`: its malformed packets are counted afresh. */
  resetMalformed(): void;
  /** The strap went quiet: the status says so once and the next beat follows a gap. */
  goStale(): void;
  /** A fresh link or a disconnect: not stale any more (published with the next status). */
  clearStale(): void;
}

/** Creates the notification handling of one Web Bluetooth source; it lives as long as the source. */
export function createStrapNotifications(deps: StrapNotificationDeps): StrapNotifications {
  const { beatClock, watchdog, status, clockMs, connected } = deps;
  let batteryPercent: number | null = null;
  let malformedPackets = 0;
  let stale = false;

  const publishConnected = (): void => {
    const { hrOnly, sensorContact } = beatClock;
    const deviceId = deps.deviceId();
    status.set({
      kind: 'connected',
      deviceName: deps.deviceName(),
      ...(deviceId === undefined ? {} : { deviceId }),
      batteryPercent,
      hrOnly,
      malformedPackets,
      stale,
      ...(sensorContact === undefined ? {} : { sensorContact }),
    });
  };

  const onMeasurement = (event: Event): void => {
    if (!connected()) return;
    watchdog.heard(clockMs());
    const target = event.target as GattCharacteristicLike | null;
    const value = target?.value ?? deps.measurementValue() ?? null;
    if (value === null || value === undefined) {
      malformedPackets += 1;
      publishConnected();
      return;
    }
    // Copy at once: the browser may reuse the value's buffer for the next notification.
    const bytes = new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    const nowMs = clockMs();
    const outcome = beatClock.receive({ atMs: nowMs, bytes }, (beat) => {
      deps.emit(beat);
      return connected();
    });
    switch (outcome.kind) {
      case 'malformed':
        malformedPackets += 1;
        publishConnected();
        return;
      case 'duplicate':
      case 'interrupted':
        return;
      case 'off-skin':
        // The silence turns stale in time.
        if (outcome.statusChanged) publishConnected();
        return;
      case 'accepted':
        break;
    }
    if (outcome.alive) watchdog.useful(nowMs);
    let changed = outcome.statusChanged;
    if (stale) {
      stale = false;
      changed = true;
    }
    if (changed && connected()) publishConnected();
  };

  const onBattery = (event: Event): void => {
    const percent = batteryPercentOf((event.target as GattCharacteristicLike | null)?.value);
    if (percent === null) return;
    batteryPercent = percent;
    if (connected()) publishConnected();
  };

  return {
    onMeasurement,
    onBattery,
    publishConnected,
    setBattery: (percent) => {
      batteryPercent = percent;
    },
    resetMalformed: () => {
      malformedPackets = 0;
    },
    goStale: () => {
      if (stale) return;
      stale = true;
      beatClock.markGap();
      publishConnected();
    },
    clearStale: () => {
      stale = false;
    },
  };
}

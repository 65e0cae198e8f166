import type { Observable } from 'rxjs';
import type { Beat } from '../signal/types';

/** Whether the strap can tell if it touches the skin, and whether it does (0x2A37 flags bits 1–2). */
export type SensorContact = 'unsupported' | 'not-detected' | 'detected';

/**
 * Why a source is disconnected, so the UI can choose its words and its advice; `reason` carries
 * the plain-language sentence.
 * - `user`: `disconnect()` was called.
 * - `cancelled`: the user closed the device chooser without choosing a strap (a calm outcome).
 * - `unsupported`: this browser or page cannot use Web Bluetooth.
 * - `adapter-off`: Bluetooth is off or there is no adapter.
 * - `not-allowed`: the browser refused (not from a click, blocked by policy or settings).
 * - `not-heart-rate`: the chosen device has no heart-rate service.
 * - `unreachable`: reconnecting gave up after the last attempt.
 * - `ended`: a simulation or recording reached its end.
 * - `error`: anything else.
 */
export type DisconnectCode =
  'user' | 'cancelled' | 'unsupported' | 'adapter-off' | 'not-allowed' | 'not-heart-rate' | 'unreachable' | 'ended' | 'error';

/** What a source is doing now (DESIGN.md, Sources). */
export type SourceStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting' }
  | {
      readonly kind: 'connected';
      readonly deviceName: string;
      /**
       * The browser's id for this device (Web Bluetooth `BluetoothDevice.id`, random per site), to
       * find the same strap again next time; absent for simulated and replayed sources.
       */
      readonly deviceId?: string;
      /** Battery level 0–100, null when the device has no battery service. */
      readonly batteryPercent: number | null;
      /**
       * True while the device sends heart rate without RR intervals (decided after a few such
       * packets from a device that has sent no RR; cleared if RR intervals start arriving).
       */
      readonly hrOnly: boolean;
      /** Notifications that failed to parse since connecting; they are skipped, never guessed. */
      readonly malformedPackets: number;
      /**
       * True while the device stays connected but has sent nothing usable for a while (5 s by
       * default): a loose or dry strap, or a stalled link. Absent means false.
       */
      readonly stale?: boolean;
      /** The strap's own skin-contact report, when it makes one. */
      readonly sensorContact?: SensorContact;
    }
  | {
      readonly kind: 'reconnecting';
      readonly deviceName: string;
      /** 1 for the first attempt after the drop. */
      readonly attempt: number;
      /**
       * True while the strap has not been reached at all since `connect()` (a remembered strap out of
       * range, asleep, or held by another phone), as opposed to a connection that dropped.
       */
      readonly searching?: boolean;
      /** Plain-language note on why reconnecting is slow, e.g. Bluetooth turned off. */
      readonly reason?: string;
    }
  | { readonly kind: 'disconnected'; readonly reason: string; readonly code?: DisconnectCode };

/**
 * A heart-rate source behind one interface: the Web Bluetooth strap, the simulator and file replay
 * all implement it and pass the same contract tests.
 */
export interface HeartRateSource {
  readonly kind: 'bluetooth' | 'simulator' | 'replay';
  /** Beats in event time. Hot: beats before subscription are not replayed. Never completes or errors. */
  readonly beats$: Observable<Beat>;
  /** Current status; replays the latest status to a new subscriber. Never completes or errors. */
  readonly status$: Observable<SourceStatus>;
  /**
   * Starts delivering beats. For Web Bluetooth, must be called from a user gesture.
   * Resolves once connected or once the attempt has ended; failures (a cancelled chooser, Bluetooth
   * off, an unreachable strap) are reported through `status$`, never as a rejection. A call while
   * one is pending joins it; a call while connected does nothing. After `disconnect()`, `connect()`
   * starts again and the first beat is marked `afterGap`.
   */
  connect(): Promise<void>;
  /** Stops delivering beats and releases the device; idempotent. */
  disconnect(): Promise<void>;
}

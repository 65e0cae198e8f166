import type { Observable } from 'rxjs';
import type { Beat } from '../signal/types';

/** What a source is doing now (DESIGN.md, Sources). */
export type SourceStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting' }
  | {
      readonly kind: 'connected';
      readonly deviceName: string;
      /** Battery level 0–100, null when the device has no battery service. */
      readonly batteryPercent: number | null;
      /** True once the device has been seen sending heart rate without RR intervals. */
      readonly hrOnly: boolean;
      /** Notifications that failed to parse since connecting; they are skipped, never guessed. */
      readonly malformedPackets: number;
    }
  | { readonly kind: 'reconnecting'; readonly deviceName: string; readonly attempt: number }
  | { readonly kind: 'disconnected'; readonly reason: string };

/**
 * A heart-rate source behind one interface: the Web Bluetooth strap, the simulator and file replay
 * all implement it and pass the same contract tests (STYLE.md habit 8).
 */
export interface HeartRateSource {
  readonly kind: 'bluetooth' | 'simulator' | 'replay';
  /** Beats in event time. Hot: beats before subscription are not replayed. */
  readonly beats$: Observable<Beat>;
  /** Current status; replays the latest status to a new subscriber. */
  readonly status$: Observable<SourceStatus>;
  /** Starts delivering beats. For Web Bluetooth, must be called from a user gesture. */
  connect(): Promise<void>;
  /** Stops delivering beats and releases the device; idempotent. */
  disconnect(): Promise<void>;
}

/**
 * Tells a strap that stays connected but has gone quiet from one that is fine. Two silences count:
 * since the last useful notification (beats or a live heart rate), after which the strap is reported
 * `stale`; and since the last notification of any kind, after which the link itself is taken for dead
 * and reconnected. A strap reporting "no skin contact" is silent in the first sense only: it is alive.
 * Pure: times are passed in; the source owns the timer that asks.
 */

export interface StaleWatchdogOptions {
  /** Silence after which a connected strap is reported `stale`, ms. Default 5000 (DESIGN.md, no-signal). */
  readonly staleAfterMs?: number;
  /** Silence after which a stale strap is disconnected and reconnected, ms. Default 30 000. */
  readonly staleReconnectAfterMs?: number;
}

/** `reconnect`: the link is silent; `stale`: no useful notification for a while; `fine` otherwise. */
export type SilenceVerdict = 'reconnect' | 'stale' | 'fine';

export interface StaleWatchdog {
  /** A connection starts: both silences start now. */
  reset(nowMs: number): void;
  /** Any notification arrived. */
  heard(nowMs: number): void;
  /** A notification with beats or a live heart rate arrived. */
  useful(nowMs: number): void;
  check(nowMs: number): SilenceVerdict;
}

export function createStaleWatchdog(options: StaleWatchdogOptions = {}): StaleWatchdog {
  const staleAfterMs = options.staleAfterMs ?? 5000;
  const staleReconnectAfterMs = options.staleReconnectAfterMs ?? 30_000;
  let lastUsefulMs = 0;
  let lastHeardMs = 0;
  return {
    reset(nowMs) {
      lastUsefulMs = nowMs;
      lastHeardMs = nowMs;
    },
    heard(nowMs) {
      lastHeardMs = nowMs;
    },
    useful(nowMs) {
      lastUsefulMs = nowMs;
    },
    check(nowMs) {
      if (nowMs - lastHeardMs >= staleReconnectAfterMs) return 'reconnect';
      if (nowMs - lastUsefulMs >= staleAfterMs) return 'stale';
      return 'fine';
    },
  };
}

/**
 * When to try a dropped strap again, and when to give up: exponential backoff from `initialDelayMs`,
 * doubling up to `maxDelayMs`, for at most `maxAttempts` attempts. Pure: the source owns the timers.
 */

export interface ReconnectOptions {
  /** Wait before the first attempt, ms. Default 1000. */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts, ms. Default 30 000. */
  readonly maxDelayMs?: number;
  /** Attempts before giving up (status `disconnected`, code `unreachable`). Default 20 (about 8 minutes). */
  readonly maxAttempts?: number;
}

export interface ReconnectPolicy {
  /**
   * Wait before attempt number `attempt` (1 for the first), ms; undefined when the attempts are used
   * up. While Bluetooth is off (`adapterOff`), waiting is not failing: attempts never run out.
   */
  delayBefore(attempt: number, adapterOff: boolean): number | undefined;
}

export function createReconnectPolicy(options: ReconnectOptions = {}): ReconnectPolicy {
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 20;
  return {
    delayBefore(attempt, adapterOff) {
      if (attempt > maxAttempts && !adapterOff) return undefined;
      return Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
    },
  };
}

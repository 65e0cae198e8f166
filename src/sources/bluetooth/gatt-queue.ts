import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * Runs GATT operations one at a time, each with a timeout. Browsers and straps handle one GATT
 * request at a time; overlapping requests fail with "GATT operation already in progress" on
 * several platforms, and a request to a strap that went out of range may never settle.
 */
export interface GattQueue {
  /**
   * Runs `operation` after every earlier one has settled.
   * @param label Names the operation in errors: "LABEL: timed out after N ms".
   * @throws Error when it times out, or when the queue was cancelled before it ran.
   */
  run<T>(label: string, operation: () => Promise<T>): Promise<T>;
  /** Rejects operations not yet started; the one running settles on its own (or times out). */
  cancelPending(): void;
}

export function createGattQueue(scheduler: SchedulerLike, timeoutMs: number): GattQueue {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`createGattQueue: timeoutMs must be > 0, got ${timeoutMs}`);
  let tail: Promise<unknown> = Promise.resolve();
  let generation = 0;

  const withTimeout = <T>(label: string, operation: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let timer: Subscription | null = scheduler.schedule(() => {
        timer = null;
        reject(new Error(`${label}: timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (): void => {
        timer?.unsubscribe();
        timer = null;
      };
      let started: Promise<T>;
      try {
        started = operation();
      } catch (error) {
        started = Promise.reject(error);
      }
      started.then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error instanceof Error ? error : new Error(`${label}: ${String(error)}`));
        },
      );
    });

  return {
    run<T>(label: string, operation: () => Promise<T>): Promise<T> {
      const mine = generation;
      const result = tail.then(() => {
        if (mine !== generation) throw new Error(`${label}: cancelled`);
        return withTimeout(label, operation);
      });
      // The next operation waits for this one however it ends.
      tail = result.catch(() => undefined);
      return result;
    },
    cancelPending() {
      generation += 1;
    },
  };
}

import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Counts live subscriptions to the streams it is attached to, so a long session can prove that it
 * does not leak them: a count that keeps growing means some subscriber is never torn down.
 *
 * The app shell creates one counter, pipes every long-lived stream it subscribes through
 * `track(label)`, and shows `live()` in its diagnostics. The counter holds no streams itself.
 */
export interface SubscriptionCounter {
  /**
   * An operator that counts each subscription to its source while it lasts. Subscribing adds one
   * to `live()` (and to `label`'s count); completion, error or unsubscription removes it, once.
   */
  track<T>(label: string): MonoTypeOperatorFunction<T>;
  /** Subscriptions live now, over every label. */
  live(): number;
  /** Subscriptions live now, per label (labels whose count fell to zero are left out). */
  liveByLabel(): Readonly<Record<string, number>>;
  /** Subscriptions made since the counter was created, live or not. */
  total(): number;
  /**
   * Calls `listener` after every change of `live()`; returns the function that stops it.
   * Shaped for React's `useSyncExternalStore(counter.onChange, counter.live)`.
   */
  onChange(listener: () => void): () => void;
}

/** Creates an independent counter; nothing is shared between counters. */
export function createSubscriptionCounter(): SubscriptionCounter {
  const byLabel = new Map<string, number>();
  const listeners = new Set<() => void>();
  let live = 0;
  let total = 0;

  const changed = (label: string, delta: 1 | -1): void => {
    live += delta;
    const next = (byLabel.get(label) ?? 0) + delta;
    if (next === 0) byLabel.delete(label);
    else byLabel.set(label, next);
    // Copy first: a listener may unsubscribe itself (or others) while being called.
    for (const listener of [...listeners]) listener();
  };

  return {
    track<T>(label: string): MonoTypeOperatorFunction<T> {
      return (source) =>
        new Observable<T>((subscriber) => {
          total += 1;
          changed(label, 1);
          const inner = source.subscribe(subscriber);
          // RxJS runs a teardown once, whether the end came from complete, error or unsubscribe.
          return () => {
            inner.unsubscribe();
            changed(label, -1);
          };
        });
    },
    live: () => live,
    liveByLabel: () => Object.fromEntries(byLabel),
    total: () => total,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

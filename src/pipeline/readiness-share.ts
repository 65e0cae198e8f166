/**
 * `shareLatest`: the sharing used by every readiness stream, stated once.
 */
import { ReplaySubject, share, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Multicasts the source while at least one subscriber listens, and replays the latest value to a
 * late subscriber (a gauge mounted after the gate opened sees `ready` at once).
 *
 * Reset behaviour: when the last subscriber unsubscribes, or the source errors or completes, the
 * shared subscription and its replayed value are dropped; the next subscriber starts the source
 * afresh and sees nothing stale.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return share<T>({
    connector: () => new ReplaySubject<T>(1),
    resetOnError: true,
    resetOnComplete: true,
    resetOnRefCountZero: true,
  });
}

import { useMemo, useSyncExternalStore } from 'react';
import type { Observable, Subscribable } from 'rxjs';

/**
 * A tiny external store over one Observable: React subscribes through `useSyncExternalStore`,
 * so the subscription lives exactly as long as a mounted component reads it (no leaks), and the
 * latest value survives re-subscription (StrictMode mounts twice).
 */
interface ObservableStore<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

/**
 * The store: `pick` takes what is shown from each value, and a value the same as the shown one
 * (`same`) changes nothing. Plain code over the `Subscribable` contract, so the welcome screen needs
 * none of RxJS.
 */
function storeOf<S, T>(
  source$: Subscribable<S> | undefined,
  initial: T,
  pick: (value: S) => T,
  same: (a: T, b: T) => boolean,
): ObservableStore<T> {
  let value = initial;
  return {
    subscribe(onChange) {
      if (!source$) return () => undefined;
      const subscription = source$.subscribe({
        next(next) {
          const picked = pick(next);
          if (same(picked, value)) return;
          value = picked;
          onChange();
        },
        // A failing stream keeps showing its last value; the region's error boundary is for renders.
        error(error: unknown) {
          console.error('live view: a stream failed', error);
        },
      });
      return () => subscription.unsubscribe();
    },
    getSnapshot: () => value,
  };
}

const identity = <T>(value: T): T => value;

/**
 * The latest value of `source$`, or `initial` until it emits. Re-renders only the calling
 * component, once per emission: throttle fast streams (e.g. `auditTime(250)`) before passing them.
 * Pass a stable Observable (memoised or from the session object); a new one resubscribes.
 */
export function useObservable<T>(source$: Observable<T> | undefined, initial: NoInfer<T>): T;
export function useObservable<T>(source$: Subscribable<T> | undefined, initial: NoInfer<T>): T;
export function useObservable<T>(source$: Subscribable<T> | undefined, initial: T): T {
  // `initial` is read only when the Observable changes, on purpose: it is a placeholder.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => storeOf(source$, initial, identity<T>, Object.is), [source$]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * True when two plain objects hold the same values key by key (`Object.is` per key), or when two
 * values are the same. What a small view shows is such an object of strings and numbers.
 */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a) as (keyof T)[];
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && Object.is(a[key], b[key]));
}

/**
 * What a small view shows of a fast stream: `select` picks it from every value (unthrottled), and
 * the component re-renders only when the picked value changes (`shallowEqual`), so a beat that
 * leaves the shown figures as they were costs no render at all. `select` must be stable (defined at
 * module level or memoised): a new one resubscribes.
 */
export function useSelected<S, T>(source$: Observable<S>, current: S, select: (value: S) => T): T {
  // The placeholder is computed once per stream; the stream replays the latest value anyway.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => storeOf(source$, select(current), select, shallowEqual<T>), [source$, select]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

import { useMemo, useSyncExternalStore } from 'react';
import type { Observable } from 'rxjs';

/**
 * A tiny external store over one Observable: React subscribes through `useSyncExternalStore`,
 * so the subscription lives exactly as long as a mounted component reads it (no leaks), and the
 * latest value survives re-subscription (StrictMode mounts twice).
 */
interface ObservableStore<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

function storeOf<T>(source$: Observable<T> | undefined, initial: T): ObservableStore<T> {
  let value = initial;
  return {
    subscribe(onChange) {
      if (!source$) return () => undefined;
      const subscription = source$.subscribe({
        next(next) {
          if (Object.is(next, value)) return;
          value = next;
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

/**
 * The latest value of `source$`, or `initial` until it emits. Re-renders only the calling
 * component, once per emission: throttle fast streams (e.g. `auditTime(250)`) before passing them.
 * Pass a stable Observable (memoised or from the session object); a new one resubscribes.
 */
export function useObservable<T>(source$: Observable<T> | undefined, initial: T): T {
  // `initial` is read only when the Observable changes, on purpose: it is a placeholder.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => storeOf(source$, initial), [source$]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

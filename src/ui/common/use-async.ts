import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  readonly data: T | undefined;
  /** Plain message of the last failure, if the last load failed. */
  readonly error: string | null;
  /** True while a load (the first or a reload) is under way. */
  readonly loading: boolean;
  /** True once the first load has answered (with data or an error); stays true through reloads. */
  readonly loaded: boolean;
  /** Loads again (after a change elsewhere). */
  readonly reload: () => void;
}

/** Loads data from the store; reloads when `key` changes or `reload()` is called. Late results are dropped. */
export function useAsync<T>(load: () => Promise<T>, key: unknown): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean; loaded: boolean }>({
    data: undefined,
    error: null,
    loading: true,
    loaded: false,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false, loaded: true }),
      (error: unknown) =>
        live &&
        setState((s) => ({ data: s.data, error: error instanceof Error ? error.message : String(error), loading: false, loaded: true })),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return { ...state, reload };
}

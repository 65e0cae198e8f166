import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | null;
  /** True once the first load has answered (with data or an error). */
  readonly loaded: boolean;
  readonly reload: () => void;
}

/** Loads from the store; again when `key` changes or on `reload()`. A late answer is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: unknown): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loaded: boolean }>({
    data: undefined,
    error: null,
    loaded: false,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, loaded: true }),
      (error: unknown) =>
        live && setState((s) => ({ data: s.data, error: error instanceof Error ? error.message : String(error), loaded: true })),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return { ...state, reload };
}

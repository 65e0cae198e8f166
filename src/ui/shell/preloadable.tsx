import { lazy, useState, type ComponentType } from 'react';

/** A component whose code loads on demand, and the way to fetch that code ahead of need. */
export interface Preloadable<P extends object> {
  /** Renders the component; suspends (for the nearest Suspense boundary) only while its code is not here yet. */
  readonly Component: ComponentType<P>;
  /** Starts fetching the code (once; a failed fetch may be tried again). */
  readonly preload: () => Promise<ComponentType<P>>;
}

/**
 * Like React's `lazy`, but a component whose code was already fetched (`preload`) renders at once.
 * `lazy` always suspends on its first render, even for a module already here, and React then holds
 * the boundary's fallback for its reveal delay (about 300 ms): the Connect step after Begin would wait
 * for that on every visit, though its code was fetched while the welcome was read.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function PreloadableComponent(props: P) {
    // Decided once per mount: changing from the lazy wrapper to the component itself would remount it.
    const [ready] = useState(() => loaded);
    if (ready !== null) {
      const Ready = ready;
      return <Ready {...props} />;
    }
    return <Lazy {...props} />;
  }
  return { Component: PreloadableComponent, preload };
}

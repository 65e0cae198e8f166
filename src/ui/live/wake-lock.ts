import { useEffect } from 'react';

/** The parts of the Screen Wake Lock API used here (https://w3c.github.io/screen-wake-lock/). */
interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
}
interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

function wakeLockOf(nav: Navigator | undefined): WakeLockLike | undefined {
  const candidate = (nav as { wakeLock?: WakeLockLike } | undefined)?.wakeLock;
  return typeof candidate?.request === 'function' ? candidate : undefined;
}

/**
 * Keeps the screen awake while `active` (the pacer runs: people breathe by it, often without
 * touching the phone for minutes). The browser releases a screen wake lock whenever the page is
 * hidden, so it is asked for again each time the page becomes visible; it is released when
 * `active` turns false or the component goes. Where the API is missing, or the browser refuses
 * (battery saver, no user activation), nothing happens: the pacer works without it.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const wakeLock = wakeLockOf(globalThis.navigator);
    if (wakeLock === undefined) return undefined;
    let sentinel: WakeLockSentinelLike | null = null;
    let pending = false;
    let done = false;
    const acquire = () => {
      if (done || pending || document.visibilityState !== 'visible' || (sentinel !== null && !sentinel.released)) return;
      pending = true;
      wakeLock
        .request('screen')
        .then((lock) => {
          pending = false;
          if (done) void lock.release().catch(() => undefined);
          else sentinel = lock;
        })
        .catch(() => {
          pending = false;
        });
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      done = true;
      document.removeEventListener('visibilitychange', acquire);
      if (sentinel !== null && !sentinel.released) void sentinel.release().catch(() => undefined);
    };
  }, [active]);
}

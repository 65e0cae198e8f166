import { useEffect, useState } from 'react';
import type { PlayerStore } from '../../routines';

/** How often the screen refreshes the time left. The timing itself comes from timestamps. */
const REFRESH_MS = 250;

/** Re-renders every REFRESH_MS and ticks the store, also the moment the tab becomes visible again. */
export function useClockTicks(store: PlayerStore, active: boolean): number {
  const [now, setNow] = useState(() => store.clock.nowMs());
  useEffect(() => {
    if (!active) return undefined;
    const refresh = () => {
      store.tick();
      setNow(store.clock.nowMs());
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [store, active]);
  return now;
}

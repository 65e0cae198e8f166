/**
 * The one place the shell reaches into the other areas' components (live view, routines, history).
 * Everything heavy is loaded on demand so the first screen stays small; preloading starts while the
 * welcome screen is read. Every part takes the store promise the composition root opened once.
 */
import { lazy } from 'react';
import type { AttuneStore, SessionRecord } from '../../store';
import type { EndedSession } from '../../session/session-host';
import type { LivePartProps } from './live-part';
import type { RoutinePartProps } from './routine-part';

const loadLive = () => import('./live-part');
const loadRoutines = () => import('./routine-part');
const loadHistory = () => import('./history-parts');

const LazyLive = lazy(loadLive);
const LazyRoutines = lazy(loadRoutines);
const LazyReflect = lazy(() => loadHistory().then((m) => ({ default: m.ReflectParts })));
const LazyHistory = lazy(() => loadHistory().then((m) => ({ default: m.HistoryParts })));
// The welcome screen's small parts come without the history's charts (chart.js loads later).
const loadNotices = () => import('./notice-parts');
const LazyResume = lazy(() => loadNotices().then((m) => ({ default: m.ResumeParts })));
const LazyStorage = lazy(() => loadNotices().then((m) => ({ default: m.StorageParts })));
const LazyCheckIn = lazy(() => loadNotices().then((m) => ({ default: m.CheckInParts })));

/** Performance mark left when the shell starts fetching the next screens' code ahead of need. */
export const PRELOAD_MARK = 'attune:preload';

/** Starts fetching the live view's code (charts included), and the routines', before they are needed. */
export function preloadLive(): void {
  // Marked so the UI bench can tell the welcome screen's own code from what is fetched ahead.
  performance.mark(PRELOAD_MARK);
  loadLive()
    .then(loadRoutines)
    .catch(() => undefined);
}

export function LivePart(props: LivePartProps) {
  return <LazyLive {...props} />;
}

export function RoutinesPart(props: RoutinePartProps) {
  return <LazyRoutines {...props} />;
}

export function ReflectPart({ store, ended }: { readonly store: Promise<AttuneStore>; readonly ended?: EndedSession | null }) {
  return <LazyReflect store={store} ended={ended ?? null} />;
}

export function HistoryPart({ store }: { readonly store: Promise<AttuneStore> }) {
  return <LazyHistory store={store} />;
}

export function ResumePart(props: { readonly store: Promise<AttuneStore>; readonly onResume: (session: SessionRecord) => void }) {
  return <LazyResume {...props} />;
}

export function StoragePart({ store }: { readonly store: Promise<AttuneStore> }) {
  return <LazyStorage store={store} />;
}

export function CheckInPart({ store }: { readonly store: Promise<AttuneStore> }) {
  return <LazyCheckIn store={store} />;
}

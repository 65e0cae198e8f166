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
import type { BeforeCheckInPartsProps } from './practice-parts';

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

// The practice area (plan, progress, report) loads with its screens; the welcome's card comes alone.
const loadPractice = () => import('./practice-parts');
const LazyPlan = lazy(() => loadPractice().then((m) => ({ default: m.PlanParts })));
const LazyProgress = lazy(() => loadPractice().then((m) => ({ default: m.ProgressParts })));
const LazyReport = lazy(() => loadPractice().then((m) => ({ default: m.ReportParts })));
const LazyBeforeCheckIn = lazy(() => loadPractice().then((m) => ({ default: m.BeforeCheckInParts })));
const LazyNextRitual = lazy(() => import('./practice-welcome-part').then((m) => ({ default: m.NextRitualParts })));

/** Performance mark left when the shell starts fetching the next screens' code ahead of need. */
export const PRELOAD_MARK = 'attune:preload';

/** Starts fetching the live view's code, then its charts and the routines', before they are needed. */
export function preloadLive(): void {
  // Marked so the UI bench can tell the welcome screen's own code from what is fetched ahead.
  performance.mark(PRELOAD_MARK);
  loadLive()
    // The live view's charts load apart from it (the Connect step never waits for them), soon after.
    .then(() => Promise.all([import('../live/tachogram'), import('../live/trend-chart')]))
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

export function PlanPart({ store }: { readonly store: Promise<AttuneStore> }) {
  return <LazyPlan store={store} />;
}

export function ProgressPart({ store }: { readonly store: Promise<AttuneStore> }) {
  return <LazyProgress store={store} />;
}

export function ReportPart({ store }: { readonly store: Promise<AttuneStore> }) {
  return <LazyReport store={store} />;
}

export function BeforeCheckInPart(props: BeforeCheckInPartsProps) {
  return <LazyBeforeCheckIn {...props} />;
}

export function NextRitualPart(props: { readonly store: Promise<AttuneStore>; readonly onPlan: () => void }) {
  return <LazyNextRitual {...props} />;
}

/**
 * The one place the shell reaches into the other areas' components (live view, routines, history).
 * Everything heavy is loaded on demand so the first screen stays small; preloading starts while the
 * welcome screen is read. Every part takes the store promise the composition root opened once.
 */
import { lazy } from 'react';
import { preloadable } from './preloadable';
import type { AttuneStore, SessionRecord } from '../../store';
import type { EndedSession } from '../../session/session-host';
import type { LivePartProps } from './live-part';
import type { RoutinePartProps } from './routine-part';
import type { BeforeCheckInPartsProps } from './before-check-in-part';

const loadLive = () => import('./live-part');
const loadRoutines = () => import('./routine-part');
const loadHistory = () => import('./history-parts');

// The Connect step's parts render at once when preloaded (see preloadable.tsx).
const live = preloadable(() => loadLive().then((m) => m.default));
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
const beforeCheckIn = preloadable(() => import('./before-check-in-part').then((m) => m.BeforeCheckInParts));
const LazyNextRitual = lazy(() => import('./practice-welcome-part').then((m) => ({ default: m.NextRitualParts })));

/** Performance mark left when the shell starts fetching the next screens' code ahead of need. */
export const PRELOAD_MARK = 'attune:preload';

/**
 * Starts fetching the Connect step's parts (the live view and the check-in above it); resolves once
 * they are here (never rejects). Marked so the UI bench can tell the welcome screen's own code from
 * what is fetched ahead.
 */
export function preloadConnectParts(): Promise<unknown> {
  performance.mark(PRELOAD_MARK);
  return Promise.all([live.preload(), beforeCheckIn.preload()]).catch(() => undefined);
}

/** Starts fetching what the live view shows later (its charts) and the routines' part (never rejects). */
export function preloadLaterParts(): Promise<unknown> {
  return Promise.all([import('../live/tachogram'), import('../live/trend-chart'), loadRoutines()]).catch(() => undefined);
}

export function LivePart(props: LivePartProps) {
  return <live.Component {...props} />;
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
  return <beforeCheckIn.Component {...props} />;
}

export function NextRitualPart(props: { readonly store: Promise<AttuneStore>; readonly onPlan: () => void }) {
  return <LazyNextRitual {...props} />;
}

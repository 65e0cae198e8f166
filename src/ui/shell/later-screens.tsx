/**
 * The screens after Begin (live view, routine, reflection, history, the practice's plan, progress
 * and report), loaded on demand so the welcome screen's own code stays
 * small. The welcome starts fetching them (`preloadLiveScreen`, then `preloadLaterScreens`) while it
 * is read, so Begin usually finds them here and they show at once; when not, a calm line holds their
 * place.
 */
import { Suspense, type ComponentProps, type ComponentType } from 'react';
import type * as LaterScreenSet from './later-screen-set';
import type { LiveScreen as LiveScreenComponent } from './screens/live-screen';
import type { RoutineScreen as RoutineScreenComponent } from './screens/routine-screen';
import { preloadable, type Preloadable } from './preloadable';

const loadLiveScreen = () => import('./screens/live-screen');
const loadRoutineScreen = () => import('./screens/routine-screen');
const loadLaterScreens = () => import('./later-screen-set');

/** A lazily loaded screen, with the calm line it shows while its code arrives (never once preloaded). */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, waiting: string): Preloadable<P> {
  const screen = preloadable(load);
  const Screen = screen.Component;
  function OnDemand(props: P) {
    return (
      <Suspense
        fallback={
          <p className="loading" role="status">
            {waiting}
          </p>
        }
      >
        <Screen {...props} />
      </Suspense>
    );
  }
  return { Component: OnDemand, preload: screen.preload };
}

type Screens = typeof LaterScreenSet;

const live = onDemand<ComponentProps<typeof LiveScreenComponent>>(
  () => loadLiveScreen().then((m) => m.LiveScreen),
  'Opening the live view…',
);
const routine = onDemand<ComponentProps<typeof RoutineScreenComponent>>(
  () => loadRoutineScreen().then((m) => m.RoutineScreen),
  'Opening the routines…',
);
export const LiveScreen = live.Component;
export const RoutineScreen = routine.Component;
const reflect = onDemand<ComponentProps<Screens['ReflectScreen']>>(
  () => loadLaterScreens().then((m) => m.ReflectScreen),
  'Opening the reflection…',
);
export const ReflectScreen = reflect.Component;
const history = onDemand<ComponentProps<Screens['HistoryScreen']>>(
  () => loadLaterScreens().then((m) => m.HistoryScreen),
  'Opening your history…',
);
export const HistoryScreen = history.Component;
const plan = onDemand<ComponentProps<Screens['PlanScreen']>>(() => loadLaterScreens().then((m) => m.PlanScreen), 'Opening the plan…');
export const PlanScreen = plan.Component;
const progress = onDemand<ComponentProps<Screens['ProgressScreen']>>(
  () => loadLaterScreens().then((m) => m.ProgressScreen),
  'Opening your progress…',
);
export const ProgressScreen = progress.Component;
const report = onDemand<ComponentProps<Screens['ReportScreen']>>(
  () => loadLaterScreens().then((m) => m.ReportScreen),
  'Opening the report…',
);
export const ReportScreen = report.Component;

/** Starts fetching the live view's screen ahead of need; resolves once it is here (never rejects). */
export function preloadLiveScreen(): Promise<unknown> {
  return live.preload().catch(() => undefined);
}

/** Starts fetching the screens after the live view ahead of need (never rejects). */
export function preloadLaterScreens(): Promise<unknown> {
  return Promise.all([routine, reflect, history, plan, progress, report].map((screen) => screen.preload())).catch(() => undefined);
}

/**
 * The screens after Begin (live view, routine, reflection, history, the practice's plan, progress
 * and report), loaded on demand so the welcome screen's own code stays
 * small. The welcome starts fetching them (`preloadScreens`) while it is read, so Begin usually
 * finds them loaded; when it does not, a calm line holds their place.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';
import type * as LaterScreenSet from './later-screen-set';
import type { LiveScreen as LiveScreenComponent } from './screens/live-screen';
import type { RoutineScreen as RoutineScreenComponent } from './screens/routine-screen';

const loadLiveScreen = () => import('./screens/live-screen');
const loadRoutineScreen = () => import('./screens/routine-screen');
const loadLaterScreens = () => import('./later-screen-set');

/** Starts fetching the screens' code ahead of need (the live view's first). */
export function preloadScreens(): Promise<unknown> {
  return Promise.all([loadLiveScreen(), loadRoutineScreen(), loadLaterScreens()]).catch(() => undefined);
}

/** A lazily loaded screen, with the calm line it shows while its code arrives. */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, waiting: string): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function OnDemand(props: P) {
    return (
      <Suspense
        fallback={
          <p className="loading" role="status">
            {waiting}
          </p>
        }
      >
        <Lazy {...props} />
      </Suspense>
    );
  }
  return OnDemand;
}

type Screens = typeof LaterScreenSet;

export const LiveScreen = onDemand<ComponentProps<typeof LiveScreenComponent>>(
  () => loadLiveScreen().then((m) => m.LiveScreen),
  'Opening the live view…',
);
export const RoutineScreen = onDemand<ComponentProps<typeof RoutineScreenComponent>>(
  () => loadRoutineScreen().then((m) => m.RoutineScreen),
  'Opening the routines…',
);
export const ReflectScreen = onDemand<ComponentProps<Screens['ReflectScreen']>>(
  () => loadLaterScreens().then((m) => m.ReflectScreen),
  'Opening the reflection…',
);
export const HistoryScreen = onDemand<ComponentProps<Screens['HistoryScreen']>>(
  () => loadLaterScreens().then((m) => m.HistoryScreen),
  'Opening your history…',
);
export const PlanScreen = onDemand<ComponentProps<Screens['PlanScreen']>>(
  () => loadLaterScreens().then((m) => m.PlanScreen),
  'Opening the plan…',
);
export const ProgressScreen = onDemand<ComponentProps<Screens['ProgressScreen']>>(
  () => loadLaterScreens().then((m) => m.ProgressScreen),
  'Opening your progress…',
);
export const ReportScreen = onDemand<ComponentProps<Screens['ReportScreen']>>(
  () => loadLaterScreens().then((m) => m.ReportScreen),
  'Opening the report…',
);

import { Suspense, useEffect, useState } from 'react';
import { currentStep, journeyPlace, nextScreen, type Screen } from './shell/journey';
import { useJourney } from './shell/use-journey';
import { JourneyProgress } from './shell/journey-progress';
import { UpdateBanner } from './shell/update-banner';
import { RegionBoundary } from './common/region-boundary';
import { useThemeChoice } from './shell/theme-preference';
import { WelcomeScreen } from './shell/screens/welcome-screen';
import { GateChip } from './shell/gate-chip';
import {
  BeforeCheckInPart,
  CheckInPart,
  NextRitualPart,
  preloadConnectParts,
  preloadLaterParts,
  ResumePart,
  StoragePart,
} from './shell/parts';
// Everything after Begin loads on demand, so the welcome screen's own code stays small.
import {
  HistoryScreen,
  LiveScreen,
  PlanScreen,
  preloadLaterScreens,
  preloadLiveScreen,
  ProgressScreen,
  ReflectScreen,
  ReportScreen,
  RoutineScreen,
} from './shell/later-screens';
import { preloadSessionCode, type AppParts } from './shell/composition-root';
import { useObservable } from './live/use-observable';
import { CLOSED, CLOSED_SUMMARY, type EndedSession } from '../session/session-host';

/** What a promise resolved to, undefined until then (and after a rejection). */
function usePromised<T>(promise: Promise<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let current = true;
    promise.then(
      (resolved) => {
        if (current) setValue(() => resolved);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [promise]);
  return value;
}

export interface AppProps {
  /** The assembled app (main.tsx composes it once): store, live session host, demo request. */
  readonly app: AppParts;
}

/**
 * The app shell: one guided journey (welcome → live view for pairing, calibration and readiness →
 * routine → reflection → history), the header with the gate at a glance and the lighting toggle,
 * and the polite update banner. The live session (kept by the session host, outside React) runs
 * from the live view through the routine, so the straps keep streaming and the gate keeps watching
 * while the couple follows it; the shell only subscribes to it.
 */
export function App({ app }: AppProps) {
  const { store, sessions, start } = app;
  // Every move of the journey tells the session host, which opens or ends the live session.
  const { screen, moved: focusOnShow, go, back } = useJourney(start.screen, (moved) => sessions.follow(journeyPlace(moved)));
  const live = useObservable(sessions.live$, CLOSED);
  const summary = useObservable(sessions.summary$, CLOSED_SUMMARY);
  const access = useObservable(sessions.access$, 'locked');
  // The session that just ended, for the reflection's names and the session it belongs to.
  const [ended, setEnded] = useState<EndedSession | null>(null);
  // The couple came for a calm check at a quiet moment, not for a session after a fight.
  const [calmCheck, setCalmCheck] = useState(false);
  const { dim, toggle } = useThemeChoice();
  const liveOn = live.open;
  // The store's parts show once the store opens: at once when the welcome has something of the
  // store's to show, else with the next screens (the welcome then needs none of their code).
  const storeOpen = usePromised(app.storeStarted) === true;

  // Fetch the next screens' code while the welcome screen is read, so "Begin" answers at once: from
  // right after the welcome is painted, what the Connect step needs first, then the rest (the charts'
  // library is the largest, and the Connect step never shows a chart).
  useEffect(() => {
    if (liveOn) return undefined;
    let timer: number | undefined;
    const frame = window.requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        app.openStore();
        // The store too: Begin builds the session at once when its code and the store are here.
        const storeHere = app.store.catch(() => undefined);
        void Promise.all([preloadConnectParts(), preloadLiveScreen(), preloadSessionCode(), storeHere]).then(() =>
          Promise.all([preloadLaterParts(), preloadLaterScreens()]),
        );
      }, 0);
    });
    return () => {
      window.cancelAnimationFrame(frame);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [liveOn, app]);

  // The normal end of the journey: the couple moves on to the reflection. The recording closes as
  // finished before the session goes (which would otherwise close it as stopped early).
  const toReflection = () => {
    const done = sessions.end('finished');
    if (done) setEnded(done);
    go('reflect');
  };
  const goTo = (next: Screen) => () => go(next);
  const step = currentStep(screen, summary.gate);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        {/* On the welcome screen the heading already says "Attune". */}
        <p className="brand">{screen === 'welcome' ? '' : 'Attune'}</p>
        {liveOn && screen !== 'live' && <GateChip gate={summary.gate} selfReport={access === 'self-report'} />}
        <button type="button" onClick={toggle} aria-pressed={dim} title="Dim the colours for a dark room">
          Dim lights
        </button>
      </header>
      <JourneyProgress step={step} />
      <UpdateBanner hold={screen === 'routine'} />
      {storeOpen && (
        <RegionBoundary region="The storage notice">
          <Suspense fallback={null}>
            <StoragePart store={store} />
          </Suspense>
        </RegionBoundary>
      )}
      <main id="main" className="shell-main" tabIndex={-1}>
        {screen === 'welcome' && (
          <WelcomeScreen
            focusOnShow={focusOnShow}
            onBegin={() => {
              setCalmCheck(false);
              go(nextScreen('welcome'));
            }}
            onCalmCheck={() => {
              setCalmCheck(true);
              go('live');
            }}
            resume={
              storeOpen ? (
                <RegionBoundary region="The resume prompt">
                  <Suspense fallback={null}>
                    <ResumePart
                      store={store}
                      onResume={(interrupted) => {
                        // The one way to resume: the next live session records into that session, by id.
                        sessions.open({ resumeSessionId: interrupted.id });
                        go('live');
                      }}
                    />
                  </Suspense>
                </RegionBoundary>
              ) : null
            }
            checkIn={
              storeOpen ? (
                <RegionBoundary region="The check-in reminder">
                  <Suspense fallback={null}>
                    <CheckInPart store={store} />
                  </Suspense>
                </RegionBoundary>
              ) : null
            }
            practice={
              storeOpen ? (
                <RegionBoundary region="The weekly plan">
                  <Suspense fallback={null}>
                    <NextRitualPart store={store} onPlan={goTo('plan')} />
                  </Suspense>
                </RegionBoundary>
              ) : null
            }
          />
        )}
        {liveOn && (
          <RegionBoundary region="The live view">
            <Suspense fallback={<p className="loading">Opening the live view…</p>}>
              <LiveScreen
                session={live.session}
                demo={app.demo}
                probe={app.probe}
                visible={screen === 'live'}
                focusOnShow={focusOnShow}
                gate={summary.gate}
                access={access}
                onBack={back}
                onNext={goTo('routine')}
                calmCheck={calmCheck}
                before={
                  <RegionBoundary region="The check-in">
                    <Suspense fallback={null}>
                      <BeforeCheckInPart store={store} sessionId={() => live.session?.recordingId() ?? null} names={summary.names} />
                    </Suspense>
                  </RegionBoundary>
                }
              />
            </Suspense>
          </RegionBoundary>
        )}
        {screen === 'routine' && (
          <RoutineScreen store={store} focusOnShow={focusOnShow} access={access} onBack={back} onNext={toReflection} />
        )}
        {screen === 'reflect' && (
          <ReflectScreen store={store} focusOnShow={focusOnShow} ended={ended} onBack={back} onNext={goTo('history')} />
        )}
        {screen === 'history' && (
          <HistoryScreen
            store={store}
            focusOnShow={focusOnShow}
            onBack={back}
            onNext={goTo('live')}
            onProgress={goTo('progress')}
            onReport={goTo('report')}
            onPlan={goTo('plan')}
          />
        )}
        {screen === 'plan' && <PlanScreen store={store} focusOnShow={focusOnShow} onBack={back} onBegin={goTo('live')} />}
        {screen === 'progress' && <ProgressScreen store={store} focusOnShow={focusOnShow} onBack={back} onReport={goTo('report')} />}
        {screen === 'report' && <ReportScreen store={store} focusOnShow={focusOnShow} onBack={back} />}
      </main>
    </div>
  );
}

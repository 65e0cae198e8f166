import { Suspense, useCallback, useEffect, useState } from 'react';
import { currentStep, journeyStart, nextScreen, type LiveSummary } from './shell/journey';
import { useJourney } from './shell/use-journey';
import { Progress } from './shell/progress';
import { UpdateBanner } from './shell/update-banner';
import { RegionBoundary } from './shell/region-boundary';
import { useThemeChoice } from './shell/theme-preference';
import { WelcomeScreen } from './shell/screens/welcome-screen';
import { LiveScreen } from './shell/screens/live-screen';
import { RoutineScreen } from './shell/screens/routine-screen';
import { ReflectScreen } from './shell/screens/reflect-screen';
import { HistoryScreen } from './shell/screens/history-screen';
import { GateChip } from './shell/gate-chip';
import { preloadLive, ResumePart, StoragePart } from './shell/parts';
import type { AttuneStore } from '../store';

export interface AppProps {
  /** The app's store, opening (main.tsx opens it once; its code loads on demand). */
  readonly store: Promise<AttuneStore>;
}

/**
 * The app shell: one guided journey (welcome → live view for pairing, calibration and readiness →
 * routine → reflection → history), the header with the gate at a glance and the lighting toggle,
 * and the polite update banner. The live session, once started, stays mounted until the page
 * closes, so the straps keep streaming while the couple moves on to a routine.
 */
export function App({ store }: AppProps) {
  const [start] = useState(() => journeyStart(window.location.search));
  const { screen, moved: focusOnShow, go, back } = useJourney(start.screen);
  const [liveStarted, setLiveStarted] = useState(screen !== 'welcome');
  const [live, setLive] = useState<LiveSummary>({ gate: null, selfReportComplete: false });
  const { dim, toggle } = useThemeChoice();

  useEffect(() => {
    if (screen !== 'welcome') setLiveStarted(true);
  }, [screen]);

  // Fetch the live view's code while the welcome screen is read, so "Begin" answers at once.
  useEffect(() => {
    if (liveStarted) return undefined;
    const id = window.setTimeout(preloadLive, 1500);
    return () => window.clearTimeout(id);
  }, [liveStarted]);

  const onLive = useCallback((summary: LiveSummary) => setLive(summary), []);
  const unlocked = live.gate === 'ready' || live.selfReportComplete;
  const step = currentStep(screen, live.gate);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        {/* On the welcome screen the heading already says "Attune". */}
        <p className="brand">{screen === 'welcome' ? '' : 'Attune'}</p>
        {liveStarted && screen !== 'live' && <GateChip gate={live.gate} selfReportComplete={live.selfReportComplete} />}
        <button type="button" onClick={toggle} aria-pressed={dim} title="Dim the colours for a dark room">
          Dim lights
        </button>
      </header>
      <Progress step={step} />
      <UpdateBanner hold={screen === 'routine'} />
      <RegionBoundary region="The storage notice">
        <Suspense fallback={null}>
          <StoragePart store={store} />
        </Suspense>
      </RegionBoundary>
      <main id="main" className="shell-main" tabIndex={-1}>
        {screen === 'welcome' && (
          <WelcomeScreen
            focusOnShow={focusOnShow}
            onBegin={() => go(nextScreen('welcome'))}
            resume={
              <RegionBoundary region="The resume prompt">
                <Suspense fallback={null}>
                  <ResumePart store={store} onResume={() => go('live')} />
                </Suspense>
              </RegionBoundary>
            }
          />
        )}
        {liveStarted && (
          <RegionBoundary region="The live view">
            <Suspense fallback={<p className="loading">Opening the live view…</p>}>
              <LiveScreen
                store={store}
                visible={screen === 'live'}
                focusOnShow={focusOnShow}
                gate={live.gate}
                unlocked={unlocked}
                onLive={onLive}
                onBack={back}
                onNext={() => go('routine')}
              />
            </Suspense>
          </RegionBoundary>
        )}
        {screen === 'routine' && (
          <RoutineScreen
            store={store}
            focusOnShow={focusOnShow}
            gateReady={live.gate === 'ready'}
            selfReportComplete={live.selfReportComplete}
            onBack={back}
            onNext={() => go('reflect')}
          />
        )}
        {screen === 'reflect' && <ReflectScreen store={store} focusOnShow={focusOnShow} onBack={back} onNext={() => go('history')} />}
        {screen === 'history' && <HistoryScreen store={store} focusOnShow={focusOnShow} onBack={back} onNext={() => go('live')} />}
      </main>
    </div>
  );
}

import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { currentStep, journeyStart, nextScreen, type EndedSession } from './shell/journey';
import type { LiveSessionHandle, LiveSummary } from '../session/live-session';
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
import { CheckInPart, preloadLive, ResumePart, StoragePart } from './shell/parts';
import { routineAccess } from '../session/routine-access';
import type { AttuneStore } from '../store';

export interface AppProps {
  /** The app's store, opening (main.tsx opens it once; its code loads on demand). */
  readonly store: Promise<AttuneStore>;
}

/**
 * The app shell: one guided journey (welcome → live view for pairing, calibration and readiness →
 * routine → reflection → history), the header with the gate at a glance and the lighting toggle,
 * and the polite update banner. The live session stays mounted from the live view through the
 * routine, so the straps keep streaming and the gate keeps watching while the couple follows it.
 */
const NO_LIVE: LiveSummary = { gate: null, selfReportComplete: false, anySourceConnected: false, names: { a: 'Partner A', b: 'Partner B' } };

export function App({ store }: AppProps) {
  const [start] = useState(() => journeyStart(window.location.search));
  const { screen, moved: focusOnShow, go, back } = useJourney(start.screen);
  // The live session runs from the live view through the routine (and while the couple glances back
  // at the welcome). Moving on to the reflection ends it: the straps are released and the recorded
  // session is closed, so history shows it finished. "Start again" opens a new one.
  const [liveOn, setLiveOn] = useState(screen === 'live' || screen === 'routine');
  const [live, setLive] = useState<LiveSummary>(NO_LIVE);
  // "Resume the session" after a reload: the next live session records into that session, by id.
  const [resumeId, setResumeId] = useState<string | null>(null);
  // The session that just ended, for the reflection's names and the session it belongs to.
  const [ended, setEnded] = useState<EndedSession | null>(null);
  const session = useRef<LiveSessionHandle | null>(null);
  const [liveFor, setLiveFor] = useState(screen);
  if (liveFor !== screen) {
    // Adjusting state while rendering (not in an effect) so the session never renders a stale frame.
    setLiveFor(screen);
    if (screen === 'live' || screen === 'routine') setLiveOn(true);
    if (screen === 'reflect' || screen === 'history') {
      setLiveOn(false);
      setLive(NO_LIVE);
      setResumeId(null);
    }
  }
  const { dim, toggle } = useThemeChoice();

  // Fetch the live view's code while the welcome screen is read, so "Begin" answers at once.
  useEffect(() => {
    if (liveOn) return undefined;
    const id = window.setTimeout(preloadLive, 1500);
    return () => window.clearTimeout(id);
  }, [liveOn]);

  const onLive = useCallback((summary: LiveSummary) => setLive(summary), []);
  const onSession = useCallback((controls: LiveSessionHandle | null) => {
    session.current = controls;
  }, []);
  // The normal end of the journey: the couple moves on to the reflection. The recording closes as
  // finished before the live view goes (which would otherwise close it as stopped early).
  const toReflection = () => {
    const controls = session.current;
    if (liveOn) {
      setEnded({ names: live.names, sessionId: controls?.recordingId() ?? null });
      controls?.finishRecording('finished').catch((error: unknown) => console.error('session: could not be closed as finished', error));
    }
    go('reflect');
  };
  // The one rule (routine-access): the measured gate, or a hand check-in only without any source.
  const access = routineAccess(live);
  const step = currentStep(screen, live.gate);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        {/* On the welcome screen the heading already says "Attune". */}
        <p className="brand">{screen === 'welcome' ? '' : 'Attune'}</p>
        {liveOn && screen !== 'live' && <GateChip gate={live.gate} selfReport={access === 'self-report'} />}
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
                  <ResumePart
                    store={store}
                    onResume={(interrupted) => {
                      setResumeId(interrupted.id);
                      go('live');
                    }}
                  />
                </Suspense>
              </RegionBoundary>
            }
            checkIn={
              <RegionBoundary region="The check-in reminder">
                <Suspense fallback={null}>
                  <CheckInPart store={store} />
                </Suspense>
              </RegionBoundary>
            }
          />
        )}
        {liveOn && (
          <RegionBoundary region="The live view">
            <Suspense fallback={<p className="loading">Opening the live view…</p>}>
              <LiveScreen
                store={store}
                visible={screen === 'live'}
                focusOnShow={focusOnShow}
                gate={live.gate}
                access={access}
                onLive={onLive}
                onSession={onSession}
                {...(resumeId === null ? {} : { resumeSessionId: resumeId })}
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
            access={access}
            onBack={back}
            onNext={toReflection}
          />
        )}
        {screen === 'reflect' && <ReflectScreen store={store} focusOnShow={focusOnShow} ended={ended} onBack={back} onNext={() => go('history')} />}
        {screen === 'history' && <HistoryScreen store={store} focusOnShow={focusOnShow} onBack={back} onNext={() => go('live')} />}
      </main>
    </div>
  );
}

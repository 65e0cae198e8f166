// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { BehaviorSubject, map } from 'rxjs';
import { journeyStart } from './shell/journey';
import type { AppParts } from './shell/composition-root';
import { BeatToScreenProbe } from './shell/beat-to-screen';
import type { LiveSessionModel, LiveSummary } from '../session/live-session';
import { routineAccess } from '../session/routine-access';
import { CLOSED_SUMMARY, createSessionHost, type EndedSession } from '../session/session-host';

// The other areas' parts are replaced by small stand-ins that report what the shell passes them,
// and the live session by a stand-in whose summary the test sets: this test is about the journey,
// not the live view, routines or store. The session host is the real one.
let opened: { resumeSessionId?: string }[] = [];
let finished: string[] = [];
let calmChecks: string[] = [];
let current: BehaviorSubject<LiveSummary> | null = null;
const names = { a: 'Sam', b: 'Alex' };
const reportLive = (summary: LiveSummary) => current?.next(summary);

function fakeSession(options: { resumeSessionId?: string }): LiveSessionModel {
  opened.push(options);
  const summary$ = new BehaviorSubject<LiveSummary>(CLOSED_SUMMARY);
  current = summary$;
  // Both partners connected with a baseline, so the live screen's action is about the routines.
  const partner = (id: 'a' | 'b') => {
    const view = {
      id,
      displayName: names[id],
      origin: { kind: 'simulator', label: 'Simulator (calm)', demo: true, speed: 1 },
      status: { kind: 'connected' },
      baseline: {},
      calibration: null,
      rememberedStrap: null,
    };
    return {
      live$: new BehaviorSubject(view),
      current: () => view,
      bluetoothSupport: () => ({ available: true }),
      startCalmCheck: () => void calmChecks.push(id),
    };
  };
  const session = {
    partners: { a: partner('a'), b: partner('b') },
    selfReport$: new BehaviorSubject({ active: false, calm: { a: false, b: false } }),
    summary$: summary$.asObservable(),
    access$: summary$.pipe(map(routineAccess)),
    currentSummary: () => summary$.value,
    finishRecording: async (outcome: string) => void finished.push(outcome),
    recordingId: () => 'session-3',
    calmEnds: () => ({ a: null, b: null }),
    dispose: async () => undefined,
  };
  return session as unknown as LiveSessionModel;
}

/** The app as the composition root assembles it, with the stand-in session. */
function parts(search = ''): AppParts {
  const start = journeyStart(search);
  const sessions = createSessionHost(async (options) => fakeSession(options));
  sessions.follow(start.screen);
  // The parts are stand-ins, so the store is never opened.
  return {
    store: new Promise<never>(() => undefined),
    storeStarted: Promise.resolve(true),
    openStore: () => undefined,
    start,
    demo: { kind: 'none' },
    sessions,
    probe: new BeatToScreenProbe(),
  };
}

vi.mock('./shell/parts', () => ({
  preloadConnectParts: () => Promise.resolve(),
  preloadLaterParts: () => Promise.resolve(),
  LivePart: () => <p>live view</p>,
  RoutinesPart: ({ access, onRunFinished }: { access: string; onRunFinished: () => void }) => (
    <div>
      <p>{`routines: ${access}`}</p>
      <button type="button" onClick={onRunFinished}>
        Finish the routine
      </button>
    </div>
  ),
  ReflectPart: ({ ended }: { ended?: EndedSession | null }) => (
    <p>{ended ? `reflection forms for ${ended.names.a} and ${ended.names.b}, session ${ended.sessionId ?? 'none'}` : 'reflection forms'}</p>
  ),
  HistoryPart: () => <p>history list</p>,
  ResumePart: ({ onResume }: { onResume: (session: { id: string }) => void }) => (
    <button type="button" onClick={() => onResume({ id: 'interrupted-7' })}>
      Resume the session
    </button>
  ),
  StoragePart: () => null,
  CheckInPart: () => null,
  NextRitualPart: () => null,
  BeforeCheckInPart: () => null,
  PlanPart: () => <p>weekly plan</p>,
  ProgressPart: () => <p>progress</p>,
  ReportPart: () => <p>report</p>,
}));

// The screens after Begin load on demand in the app; here they are the real screens, at once.
vi.mock('./shell/later-screens', async () => {
  const [live, routine, later] = await Promise.all([
    import('./shell/screens/live-screen'),
    import('./shell/screens/routine-screen'),
    import('./shell/later-screen-set'),
  ]);
  return {
    ...later,
    LiveScreen: live.LiveScreen,
    RoutineScreen: routine.RoutineScreen,
    preloadLiveScreen: () => Promise.resolve(),
    preloadLaterScreens: () => Promise.resolve(),
  };
});

const { App } = await import('./app');

function visibleHeading(): string {
  const headings = screen.getAllByRole('heading', { level: 1 });
  return headings.map((h) => h.textContent).join(' | ');
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  opened = [];
  finished = [];
  calmChecks = [];
  current = null;
});
afterEach(cleanup);

describe('App', () => {
  it('App starts at the welcome screen with the privacy promise and one primary action', () => {
    render(<App app={parts()} />);
    expect(visibleHeading()).toBe('Attune');
    expect(screen.getByRole('heading', { name: 'Our promise' })).toBeTruthy();
    expect(screen.getByText(/Everything stays on this device/)).toBeTruthy();
    expect(screen.getByText('Step 1 of 7: Welcome')).toBeTruthy();
  });

  it('App offers a calm check on the welcome, which leads each connected partner through one instead of to the routines', async () => {
    render(<App app={parts()} />);
    expect(screen.getByRole('heading', { name: 'A calm check' })).toBeTruthy();
    await act(async () => screen.getByRole('button', { name: 'Take a calm check' }).click());
    expect(visibleHeading()).toBe('Calm check');
    await act(async () => screen.getByRole('button', { name: 'Start Sam’s calm check (2 minutes)' }).click());
    expect(calmChecks).toEqual(['a']);
    // Begin (after a fight) never leads to a calm check.
    await act(async () => screen.getByRole('button', { name: 'Back to the welcome' }).click());
    await act(async () => screen.getByRole('button', { name: 'Begin' }).click());
    expect(screen.queryByRole('button', { name: /calm check/ })).toBeNull();
  });

  it('App walks welcome → live → routine → reflection → history and back', async () => {
    render(<App app={parts()} />);
    await act(async () => screen.getByRole('button', { name: 'Begin' }).click());
    expect(visibleHeading()).toBe('Connect');
    expect(screen.getByText('Step 2 of 7: Connect')).toBeTruthy();

    await act(async () => reportLive({ gate: 'calibrating', selfReportComplete: false, anySourceConnected: true, names }));
    expect(visibleHeading()).toBe('Calibrate');
    await act(async () => reportLive({ gate: 'ready', selfReportComplete: false, anySourceConnected: true, names }));
    expect(visibleHeading()).toBe('You are both calm');
    expect(screen.getByText('Step 4 of 7: Settle')).toBeTruthy();

    await act(async () => screen.getByRole('button', { name: 'Choose a routine' }).click());
    expect(screen.getByText('routines: gate')).toBeTruthy();
    // The live view stays mounted (hidden) so the straps keep streaming during the routine.
    expect(screen.getByText('live view', { selector: 'p' })).toBeTruthy();
    expect(screen.getByText('Both calm')).toBeTruthy();

    await act(async () => screen.getByRole('button', { name: 'Finish the routine' }).click());
    await act(async () => screen.getByRole('button', { name: 'Reflect together' }).click());
    expect(visibleHeading()).toBe('Reflect together');
    // Reflecting ends the live session: the recording closes and the straps are released.
    expect(screen.queryByText('live view', { selector: 'p' })).toBeNull();
    expect(screen.queryByText('Both calm')).toBeNull();
    await act(async () => screen.getByRole('button', { name: 'See your history' }).click());
    expect(visibleHeading()).toBe('Your history');
    expect(screen.getByText('history list')).toBeTruthy();

    await act(async () => screen.getByRole('button', { name: 'Back to the reflection' }).click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(visibleHeading()).toBe('Reflect together');
  });

  it('App offers routines as the primary action only once the gate is ready or both checked in by hand', async () => {
    render(<App app={parts()} />);
    await act(async () => screen.getByRole('button', { name: 'Begin' }).click());
    expect(screen.queryByRole('button', { name: 'Choose a routine' })).toBeNull();
    expect(screen.getByRole('button', { name: 'See the routines' })).toBeTruthy();
    await act(async () => reportLive({ gate: 'no-signal', selfReportComplete: true, anySourceConnected: false, names }));
    expect(screen.getByRole('button', { name: 'Choose a routine' })).toBeTruthy();
    expect(visibleHeading()).toBe('You both checked in');
    expect(screen.getByText(/a self-report, not a measurement/)).toBeTruthy();
  });

  it('App never lets a hand check-in override the measured gate: flooded, settling or a connected source keep the routines locked', async () => {
    render(<App app={parts()} />);
    await act(async () => screen.getByRole('button', { name: 'Begin' }).click());
    for (const gate of ['flooded', 'settling', 'calibrating', 'no-signal'] as const) {
      // Even a (stale or misreported) complete check-in with a source connected does not count.
      await act(async () => reportLive({ gate, selfReportComplete: true, anySourceConnected: true, names }));
      expect(screen.queryByRole('button', { name: 'Choose a routine' })).toBeNull();
      expect(visibleHeading()).not.toBe('You both checked in');
    }
    await act(async () => reportLive({ gate: 'flooded', selfReportComplete: true, anySourceConnected: false, names }));
    expect(visibleHeading()).toBe('Take a break');
    expect(screen.queryByRole('button', { name: 'Choose a routine' })).toBeNull();
    await act(async () => screen.getByRole('button', { name: 'See the routines' }).click());
    expect(screen.getByText('routines: locked')).toBeTruthy();
  });

  it('App deep-links /?demo=calm straight to the live view', () => {
    window.history.replaceState(null, '', '/?demo=calm&speed=20');
    render(<App app={parts('?demo=calm&speed=20')} />);
    expect(visibleHeading()).toBe('Connect');
    expect(screen.getByText('live view', { selector: 'p' })).toBeTruthy();
  });

  it('App moves focus to the new screen heading after a step', async () => {
    render(<App app={parts()} />);
    await act(async () => screen.getByRole('button', { name: 'Begin' }).click());
    // Focus lands once the new screen is painted.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Connect'));
  });

  it('App closes the session as finished on the way to the reflection, which gets the live names and the session', async () => {
    render(<App app={parts()} />);
    await act(async () => screen.getByRole('button', { name: 'Begin' }).click());
    await act(async () => reportLive({ gate: 'ready', selfReportComplete: false, anySourceConnected: true, names }));
    await act(async () => screen.getByRole('button', { name: 'Choose a routine' }).click());
    await act(async () => screen.getByRole('button', { name: 'Skip to reflection' }).click());
    expect(finished).toEqual(['finished']);
    expect(screen.getByText('reflection forms for Sam and Alex, session session-3')).toBeTruthy();
  });

  it('App resumes the interrupted session by id when the couple chooses to', async () => {
    render(<App app={parts()} />);
    const resume = await screen.findByRole('button', { name: 'Resume the session' });
    await act(async () => resume.click());
    expect(visibleHeading()).toBe('Connect');
    expect(opened).toEqual([{ resumeSessionId: 'interrupted-7' }]);
  });
});

/**
 * Where the app keeps its live session between screens: at most one runs, from the live view
 * through the routine; moving on to the reflection ends it. The composition root creates the host
 * once with the way to build a session (its code and the store load on demand); React subscribes to
 * `live$`, `summary$` and `access$` and calls `follow`, `open` and `end` from its event handlers.
 */
import { BehaviorSubject, distinctUntilChanged, of, shareReplay, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import type { PartnerId } from '../signal/types';
import type { LiveSessionModel, LiveSummary } from './live-session';
import type { RoutineAccess } from './routine-access';

/** Where the couple is in the journey, as far as the live session cares. */
export type JourneyPlace = 'welcome' | 'live' | 'routine' | 'reflect' | 'history';

/** The live session's state: closed, opening (its code or the store still loading), or running. */
export interface LiveState {
  readonly open: boolean;
  /** The running session; null while it opens, or when closed. */
  readonly session: LiveSessionModel | null;
}

/** What the reflection step gets from the session that just ended. */
export interface EndedSession {
  readonly names: Readonly<Record<PartnerId, string>>;
  /** The recorded session, or null when nothing was recorded (no-wearable mode). */
  readonly sessionId: string | null;
}

export interface SessionHost {
  /** The live session's state; replays the latest. */
  readonly live$: Observable<LiveState>;
  /** The running session's summary, or the closed summary; replays the latest. */
  readonly summary$: Observable<LiveSummary>;
  /** How the routines stand (locked while no session runs); replays the latest. */
  readonly access$: Observable<RoutineAccess>;
  /**
   * Opens a session unless one runs. With `resumeSessionId` it records into that interrupted
   * session: one that runs for anything else is stopped first.
   */
  open(options?: { readonly resumeSessionId?: string }): void;
  /** The journey moved to `place`: the live view and the routine keep a session, the reflection and history end it. */
  follow(place: JourneyPlace): void;
  /**
   * Ends the running session now, its recording closed as `outcome`; returns its names and recorded
   * session for the reflection, or null when none was open.
   */
  end(outcome: 'finished' | 'stopped'): EndedSession | null;
}

/** The summary while no session runs. */
export const CLOSED_SUMMARY: LiveSummary = {
  gate: null,
  selfReportComplete: false,
  anySourceConnected: false,
  names: { a: 'Partner A', b: 'Partner B' },
};
const CLOSED: LiveState = { open: false, session: null };

/** Creates the host; `create` builds a session (asynchronously: its code and the store load on demand). */
export function createSessionHost(create: (options: { readonly resumeSessionId?: string }) => Promise<LiveSessionModel>): SessionHost {
  const state = new BehaviorSubject<LiveState>(CLOSED);
  // Each opening gets a token; a session that arrives after its opening was ended is disposed at once.
  let opening: object | null = null;
  let resumeId: string | null = null;

  const close = (outcome: 'finished' | 'stopped'): LiveSessionModel | null => {
    const { session } = state.value;
    opening = null;
    resumeId = null;
    if (state.value.open) state.next(CLOSED);
    if (session) {
      // The first close decides the outcome ("finished" at the journey's end); dispose then stops the rest.
      session
        .finishRecording(outcome)
        .then(() => session.dispose())
        .catch((error: unknown) => console.error('session: could not be closed', error));
    }
    return session;
  };

  const open = (options: { readonly resumeSessionId?: string } = {}): void => {
    const wanted = options.resumeSessionId ?? null;
    if (state.value.open && (wanted === null || wanted === resumeId)) return;
    if (state.value.open) close('stopped');
    const token = {};
    opening = token;
    resumeId = wanted;
    state.next({ open: true, session: null });
    create(wanted === null ? {} : { resumeSessionId: wanted }).then(
      (session) => {
        if (opening !== token) {
          void session.dispose();
          return;
        }
        state.next({ open: true, session });
      },
      (error: unknown) => {
        console.error('session: could not be opened', error);
        if (opening === token) close('stopped');
      },
    );
  };

  const live$ = state.asObservable();
  const summary$ = live$.pipe(
    switchMap(({ session }) => (session ? session.summary$ : of(CLOSED_SUMMARY))),
    distinctUntilChanged(),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  const access$ = live$.pipe(
    switchMap(({ session }) => (session ? session.access$ : of<RoutineAccess>('locked'))),
    distinctUntilChanged(),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  return {
    live$,
    summary$,
    access$,
    open,
    follow(place) {
      if (place === 'live' || place === 'routine') open();
      if (place === 'reflect' || place === 'history') close('stopped');
    },
    end(outcome) {
      if (!state.value.open) return null;
      const session = close(outcome);
      const summary = session?.currentSummary() ?? CLOSED_SUMMARY;
      return { names: summary.names, sessionId: session?.recordingId() ?? null };
    },
  };
}

/**
 * Where the app keeps its live session between screens: at most one runs, from the live view
 * through the routine; moving on to the reflection ends it. The composition root creates the host
 * once with the way to build a session (its code and the store load on demand); React subscribes to
 * `live$`, `summary$` and `access$` and calls `follow`, `open` and `end` from its event handlers.
 *
 * The host loads with the welcome screen, so it is plain code over the `Subscribable` contract
 * (RxJS types only): the streams' library loads with the session.
 */
import type { Observer, Subscribable, Unsubscribable } from 'rxjs';
import type { PartnerId } from '../signal/types';
import type { LiveSessionModel, LiveSummary } from './live-session';
import type { RoutineAccess } from './routine-access';
import type { CalmEndOffer } from './partner-readings';

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
  /**
   * For a partner without an accepted reading (a first night, or a deleted baseline): the calm end
   * of the session, to offer as their first reading; absent or null when there is none.
   */
  readonly calmEnds?: Readonly<Record<PartnerId, CalmEndOffer | null>>;
}

/** A stream that replays its latest value; subscribe with an observer or a plain function. */
export interface Replaying<T> extends Subscribable<T> {
  subscribe(observerOrNext: Partial<Observer<T>> | ((value: T) => void)): Unsubscribable;
}

export interface SessionHost {
  /** The live session's state; replays the latest. */
  readonly live$: Replaying<LiveState>;
  /** The running session's summary, or the closed summary; replays the latest, skips repeats. */
  readonly summary$: Replaying<LiveSummary>;
  /** How the routines stand (locked while no session runs); replays the latest, skips repeats. */
  readonly access$: Replaying<RoutineAccess>;
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
/** The live state while no session runs. */
export const CLOSED: LiveState = { open: false, session: null };

/** A value that replays its latest to each new subscriber and tells them of every change. */
class Latest<T> implements Replaying<T> {
  private readonly observers = new Set<Partial<Observer<T>>>();
  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  /** Sets the value; an equal one (`Object.is`) is not passed on. */
  set(value: T): void {
    if (Object.is(value, this.current)) return;
    this.current = value;
    for (const observer of [...this.observers]) observer.next?.(value);
  }

  subscribe(observerOrNext: Partial<Observer<T>> | ((value: T) => void)): Unsubscribable {
    const observer = typeof observerOrNext === 'function' ? { next: observerOrNext } : observerOrNext;
    this.observers.add(observer);
    observer.next?.(this.current);
    return { unsubscribe: () => this.observers.delete(observer) };
  }
}

/**
 * Creates the host; `create` builds a session: at once when it can (its code and the store already
 * here), else asynchronously (they load on demand).
 */
export function createSessionHost(
  create: (options: { readonly resumeSessionId?: string }) => LiveSessionModel | Promise<LiveSessionModel>,
): SessionHost {
  const state = new Latest<LiveState>(CLOSED);
  const summary = new Latest<LiveSummary>(CLOSED_SUMMARY);
  const access = new Latest<RoutineAccess>('locked');
  // While a session runs, its summary and routine access are followed; otherwise the closed ones.
  let following: Unsubscribable[] = [];
  state.subscribe(({ session }) => {
    for (const subscription of following) subscription.unsubscribe();
    following = [];
    if (!session) {
      summary.set(CLOSED_SUMMARY);
      access.set('locked');
      return;
    }
    following = [session.summary$.subscribe((value) => summary.set(value)), session.access$.subscribe((value) => access.set(value))];
  });
  // Each opening gets a token; a session that arrives after its opening was ended is disposed at once.
  let opening: object | null = null;
  let resumeId: string | null = null;

  const close = (outcome: 'finished' | 'stopped'): LiveSessionModel | null => {
    const { session } = state.value;
    opening = null;
    resumeId = null;
    if (state.value.open) state.set(CLOSED);
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
    const opened = (session: LiveSessionModel) => {
      if (opening !== token) {
        void session.dispose();
        return;
      }
      state.set({ open: true, session });
    };
    const failed = (error: unknown) => {
      console.error('session: could not be opened', error);
      if (opening === token) close('stopped');
    };
    let made: LiveSessionModel | Promise<LiveSessionModel>;
    try {
      made = create(wanted === null ? {} : { resumeSessionId: wanted });
    } catch (error) {
      made = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (made instanceof Promise) {
      state.set({ open: true, session: null });
      made.then(opened, failed);
    } else {
      // Built at once: no "opening" state in between.
      opened(made);
    }
  };

  return {
    live$: state,
    summary$: summary,
    access$: access,
    open,
    follow(place) {
      if (place === 'live' || place === 'routine') open();
      if (place === 'reflect' || place === 'history') close('stopped');
    },
    end(outcome) {
      if (!state.value.open) return null;
      // Read while the partners still hold their last beats: closing disposes them.
      const calmEnds = state.value.session?.calmEnds(new Date().toISOString());
      const session = close(outcome);
      const summary = session?.currentSummary() ?? CLOSED_SUMMARY;
      return { names: summary.names, sessionId: session?.recordingId() ?? null, ...(calmEnds ? { calmEnds } : {}) };
    },
  };
}

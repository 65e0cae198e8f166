/**
 * Breathing together: one shared breathing pacer for both partners, held by the live session
 * (not by React), so the rhythm readings, the recording and the screen all read the same state.
 *
 * The pace is the article's grounding breath by default (in 4, hold 1, out 6: 60 / 11 ≈ 5.45
 * breaths a minute), or 6 a minute, or the couple's own pace between 4 and 7 a minute — the range
 * of slow, paced breathing used for resonance-frequency breathing (Lehrer & Gevirtz 2014,
 * doi:10.3389/fpsyg.2014.00756). The pacer never changes what opens the gate.
 */
import { BehaviorSubject, Subject, type Observable, type SchedulerLike } from 'rxjs';

/** The article's 4-1-6 grounding breath, as breaths a minute (one breath every 11 s). */
export const GROUNDING_BREATHS_PER_MIN = 60 / 11;
/** Slowest and fastest pace the couple may choose, breaths a minute. */
export const PACER_MIN_PER_MIN = 4;
export const PACER_MAX_PER_MIN = 7;

/** The paces offered by name; any other pace in range is the couple's own. */
export const PACER_PRESETS = [
  { id: 'grounding', breathsPerMin: GROUNDING_BREATHS_PER_MIN },
  { id: 'six', breathsPerMin: 6 },
] as const;

export interface PacerState {
  readonly running: boolean;
  /** The chosen pace, breaths a minute (kept while stopped, used at the next start). */
  readonly breathsPerMin: number;
  /**
   * Session event time (s) when the pacer last started or changed pace; null while stopped. The
   * rhythm readings compare each partner's breathing with the pace from then on.
   */
  readonly sinceSec: number | null;
  /**
   * Wall-clock time (ms, the session's scheduler) of the same moment, for the circle and the count
   * on screen, which follow the clock people breathe by; null while stopped.
   */
  readonly sinceMs: number | null;
}

/** What the recording keeps: starts, stops and changes of pace, at session event time. */
export interface PacerEvent {
  readonly kind: 'start' | 'stop' | 'rate';
  readonly breathsPerMin: number;
  /** Session event time, seconds. */
  readonly tSec: number;
}

export interface SharedPacer {
  /** The pacer now; replays the latest on subscribe. */
  readonly state$: Observable<PacerState>;
  /** Every start, stop and change of pace; hot, no replay. */
  readonly events$: Observable<PacerEvent>;
  current(): PacerState;
  /** Starts the pacer (at `breathsPerMin` when given); nothing happens if it already runs at that pace. */
  start(breathsPerMin?: number): void;
  /** Stops the pacer; nothing happens if it is stopped. */
  stop(): void;
  /** Chooses the pace; while running the breath starts over at the new pace. */
  setRate(breathsPerMin: number): void;
  dispose(): void;
}

/** Throws a specific error unless `breathsPerMin` is a pace the pacer offers. */
export function checkPace(breathsPerMin: number): number {
  if (!Number.isFinite(breathsPerMin) || breathsPerMin < PACER_MIN_PER_MIN || breathsPerMin > PACER_MAX_PER_MIN) {
    throw new Error(`pacer: the pace must be between ${PACER_MIN_PER_MIN} and ${PACER_MAX_PER_MIN} breaths a minute, not ${breathsPerMin}`);
  }
  return breathsPerMin;
}

/** The pace as the screen and the test ids write it: breaths a minute to two decimals, "5.45", "6". */
export function formatPace(breathsPerMin: number): string {
  return String(Math.round(breathsPerMin * 100) / 100);
}

/**
 * The shared pacer. `clockSec` gives the session's event time (the latest beat of either partner);
 * `scheduler.now()` the wall clock in ms.
 */
export function createSharedPacer(clockSec: () => number, scheduler: SchedulerLike): SharedPacer {
  const state = new BehaviorSubject<PacerState>({
    running: false,
    breathsPerMin: GROUNDING_BREATHS_PER_MIN,
    sinceSec: null,
    sinceMs: null,
  });
  const events = new Subject<PacerEvent>();
  const running = (breathsPerMin: number): PacerState => ({
    running: true,
    breathsPerMin,
    sinceSec: clockSec(),
    sinceMs: scheduler.now(),
  });
  return {
    state$: state.asObservable(),
    events$: events.asObservable(),
    current: () => state.value,
    start(breathsPerMin) {
      const pace = breathsPerMin === undefined ? state.value.breathsPerMin : checkPace(breathsPerMin);
      const now = state.value;
      if (now.running && now.breathsPerMin === pace) return;
      state.next(running(pace));
      events.next({ kind: now.running ? 'rate' : 'start', breathsPerMin: pace, tSec: clockSec() });
    },
    stop() {
      const now = state.value;
      if (!now.running) return;
      state.next({ running: false, breathsPerMin: now.breathsPerMin, sinceSec: null, sinceMs: null });
      events.next({ kind: 'stop', breathsPerMin: now.breathsPerMin, tSec: clockSec() });
    },
    setRate(breathsPerMin) {
      const pace = checkPace(breathsPerMin);
      const now = state.value;
      if (pace === now.breathsPerMin) return;
      if (!now.running) {
        state.next({ ...now, breathsPerMin: pace });
        return;
      }
      state.next(running(pace));
      events.next({ kind: 'rate', breathsPerMin: pace, tSec: clockSec() });
    },
    dispose() {
      state.complete();
      events.complete();
    },
  };
}

/**
 * Settling together, as streams in event time (DESIGN.md, Data flow; docs/together.md): each
 * partner's rhythm against the shared pacer, and the pair's co-regulation.
 *
 * Both operators tick on a 5 s grid of event time (multiples of {@link TOGETHER_PARAMS.everySec}):
 * when a beat's tSec reaches or passes the next grid time, one reading is emitted for that grid
 * time, synchronously with the beat. A beat that jumps several grid times (a reconnect) emits one
 * reading, for the last of them. Nothing here reads the wall clock, so marble tests in virtual
 * time and replays at any speed give the same readings.
 */
import type { Observable, OperatorFunction } from 'rxjs';
import { Observable as RxObservable } from 'rxjs';
import type { CoherenceReading, RhythmState } from '../signal/coherence';
import { COHERENCE_PARAMS, pacerRhythmState, resonanceCoherence } from '../signal/coherence';
import type { CoregulationState, SyncReading } from '../signal/synchrony';
import { SYNC_PARAMS, coregulationState, heartRateSynchrony } from '../signal/synchrony';
import type { Beat } from '../signal/types';

/** Named parameters of the operators. */
export const TOGETHER_PARAMS = {
  /** Event time between readings, seconds. */
  everySec: 5,
} as const;

/** A partner's rhythm at one grid time. */
export interface RhythmReading extends CoherenceReading {
  /** Event time of the reading (the window's end), seconds. */
  readonly tSec: number;
  /** The pacer's rate the reading was judged against, breaths/min; null while it is off. */
  readonly pacerPerMin: number | null;
  /**
   * Following the pacer or not. `unknown` also while the pacer is off, and while the window still
   * holds breathing from before the pacer started or changed rate (the first 64 s) unless the
   * partner is already clearly following.
   */
  readonly state: RhythmState;
}

/** The pair's co-regulation at one grid time. */
export interface CoregulationReading {
  /** Event time of the reading (the window's end), seconds. */
  readonly tSec: number;
  /** The synchrony reading; null with too little data. */
  readonly sync: SyncReading | null;
  readonly state: CoregulationState;
}

/** Whether each partner is calm by their own readiness (the gate's per-partner state); null: not known. */
export type PairCalm = { readonly a: boolean; readonly b: boolean } | null;

/** A buffer of beats in time order that forgets beats older than a span. */
function createBeatBuffer(keepSec: number) {
  let beats: Beat[] = [];
  let head = 0;
  return {
    push(beat: Beat) {
      if (!Number.isFinite(beat.tSec)) return;
      const lastBeat = beats[beats.length - 1];
      if (lastBeat !== undefined && beat.tSec <= lastBeat.tSec) return;
      beats.push(beat);
      while (head < beats.length && beats[head].tSec < beat.tSec - keepSec) head += 1;
      if (head > 2048 && head * 2 > beats.length) {
        beats = beats.slice(head);
        head = 0;
      }
    },
    view(): readonly Beat[] {
      return head === 0 ? beats : beats.slice(head);
    },
    lastSec(): number | undefined {
      return beats[beats.length - 1]?.tSec;
    },
  };
}

/** The grid time at or before tSec. */
const gridAt = (tSec: number) => Math.floor(tSec / TOGETHER_PARAMS.everySec) * TOGETHER_PARAMS.everySec;

/**
 * The event-time grid readings are taken on: the returned function gives, for a beat at `tSec`,
 * the grid point it reaches (the first one a full step after the first beat, then each next one),
 * or null when it reaches none (or its time is not finite).
 */
function readingGrid(): (tSec: number) => number | null {
  let nextGrid: number | undefined;
  return (t) => {
    if (!Number.isFinite(t)) return null;
    nextGrid ??= gridAt(t) + TOGETHER_PARAMS.everySec;
    if (t < nextGrid) return null;
    const tSec = gridAt(t);
    nextGrid = tSec + TOGETHER_PARAMS.everySec;
    return tSec;
  };
}

/**
 * A partner's beats in, {@link RhythmReading}s out every 5 s of event time: resonance coherence
 * over the 64 s before the grid time ({@link resonanceCoherence}) judged against the latest pacer
 * rate ({@link pacerRhythmState}). Until `pacerPerMin$` emits, the pacer counts as off.
 * Heart-rate-only partners read null coherence and `unknown`. Cold: one buffer per subscription;
 * errors and completion of the beats pass through; an error of the pacer stream is passed on too.
 * @param pacerPerMin$ - the pacer's rate, breaths/min, or null when it stops
 */
export function toRhythm(pacerPerMin$: Observable<number | null>): OperatorFunction<Beat, RhythmReading> {
  return (source) =>
    new RxObservable<RhythmReading>((subscriber) => {
      const buffer = createBeatBuffer(COHERENCE_PARAMS.windowSec + TOGETHER_PARAMS.everySec);
      let pacer: number | null = null;
      // Event time from which the window holds only breathing at the current pacer setting.
      let pacerSinceSec = Number.NEGATIVE_INFINITY;
      const reached = readingGrid();
      const pacerSubscription = pacerPerMin$.subscribe({
        next: (rate) => {
          const value = rate !== null && Number.isFinite(rate) && rate > 0 ? rate : null;
          if (value !== pacer) {
            pacer = value;
            pacerSinceSec = buffer.lastSec() ?? Number.NEGATIVE_INFINITY;
          }
        },
        error: (error: unknown) => subscriber.error(error),
      });
      const beatSubscription = source.subscribe({
        next: (beat) => {
          buffer.push(beat);
          const tSec = reached(beat.tSec);
          if (tSec === null) return;
          const reading = resonanceCoherence(buffer.view(), tSec);
          let state = pacerRhythmState(reading, pacer);
          if (state === 'not-following' && tSec - pacerSinceSec < COHERENCE_PARAMS.windowSec) state = 'unknown';
          subscriber.next({ ...reading, tSec, pacerPerMin: pacer, state });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        beatSubscription.unsubscribe();
        pacerSubscription.unsubscribe();
      };
    });
}

/** Options of {@link toCoregulation}. */
export interface CoregulationOptions {
  /** Synchrony window, 30–120 s (default {@link SYNC_PARAMS.windowSec}). */
  readonly windowSec?: number;
  /**
   * The shared pacer's rate, breaths/min, or null while it is off: while it runs, its rhythm is
   * notched out before correlating (see {@link heartRateSynchrony}). Default: no pacer.
   */
  readonly pacerPerMin$?: Observable<number | null>;
}

/**
 * Both partners' beats (on one session timeline) in, {@link CoregulationReading}s out every 5 s of
 * event time: heart-rate synchrony over the window before the grid time ({@link heartRateSynchrony})
 * framed by the partners' calm ({@link coregulationState}). The grid follows the later of the two
 * partners' latest beats, so a partner whose strap dropped out yields `unknown` rather than silence.
 * Until `calm$` emits, calm is unknown (state `unknown`). Completes when both beat streams have
 * completed; any error passes through. A window outside 30–120 s errors on subscription.
 * @param a$ - partner A's beats
 * @param b$ - partner B's beats
 * @param calm$ - each partner's calm, or null when not known
 */
export function toCoregulation(
  a$: Observable<Beat>,
  b$: Observable<Beat>,
  calm$: Observable<PairCalm>,
  options: CoregulationOptions = {},
): Observable<CoregulationReading> {
  const windowSec = options.windowSec ?? SYNC_PARAMS.windowSec;
  return new RxObservable<CoregulationReading>((subscriber) => {
    if (!(windowSec >= SYNC_PARAMS.minWindowSec && windowSec <= SYNC_PARAMS.maxWindowSec)) {
      subscriber.error(
        new Error(
          `toCoregulation: windowSec must be between ${SYNC_PARAMS.minWindowSec} and ${SYNC_PARAMS.maxWindowSec} seconds, got ${windowSec}`,
        ),
      );
      return undefined;
    }
    const keepSec = SYNC_PARAMS.spanSec + SYNC_PARAMS.maxGapSec + TOGETHER_PARAMS.everySec;
    const buffers = { a: createBeatBuffer(keepSec), b: createBeatBuffer(keepSec) };
    let calm: PairCalm = null;
    let pacerPerMin: number | null = null;
    const reached = readingGrid();
    let completed = 0;
    const onBeat = (which: 'a' | 'b') => (beat: Beat) => {
      buffers[which].push(beat);
      const tSec = reached(beat.tSec);
      if (tSec === null) return;
      const sync = heartRateSynchrony(buffers.a.view(), buffers.b.view(), tSec, windowSec, { pacerPerMin });
      subscriber.next({ tSec, sync, state: coregulationState(sync, calm) });
    };
    const onComplete = () => {
      completed += 1;
      if (completed === 2) subscriber.complete();
    };
    const onError = (error: unknown) => subscriber.error(error);
    const subscriptions = [
      calm$.subscribe({ next: (value) => (calm = value), error: onError }),
      ...(options.pacerPerMin$ === undefined
        ? []
        : [options.pacerPerMin$.subscribe({ next: (rate) => (pacerPerMin = rate), error: onError })]),
      a$.subscribe({ next: onBeat('a'), error: onError, complete: onComplete }),
      b$.subscribe({ next: onBeat('b'), error: onError, complete: onComplete }),
    ];
    return () => subscriptions.forEach((s) => s.unsubscribe());
  });
}

/**
 * Settling together in the live session: each partner's rhythm against the shared pacer, and the
 * pair's co-regulation, computed once per session (not once per screen that shows them) from the
 * partners' beats on the session timeline, every 5 s of event time (src/pipeline/together-pipeline.ts).
 * What the screen says is framed here: "following" only while the pacer runs and the reading is
 * clear, heart-rate-only devices never follow, and co-regulation never touches the gate.
 */
import {
  BehaviorSubject,
  combineLatest,
  distinctUntilChanged,
  map,
  observeOn,
  share,
  shareReplay,
  Subscription,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { toCoregulation, toRhythm, type PairCalm, type RhythmReading } from '../pipeline/together-pipeline';
import { coregulationState } from '../signal/synchrony';
import type { RhythmState } from '../signal/coherence';
import type { CoregulationState, SyncReading } from '../signal/synchrony';
import { PARTNERS, type Beat, type PartnerId } from '../signal/types';
import type { PartnerModel } from './partner-model';
import type { PartnerStateName } from './readiness-types';
import type { PacerState } from './shared-pacer';

/** One partner's rhythm as the screen shows it. */
export interface RhythmView {
  readonly state: RhythmState;
  /** Resonance coherence of the latest reading, 0–1, or null when it could not be computed. */
  readonly coherence: number | null;
  /** The pacer's pace while it runs, breaths a minute; null while it is off. */
  readonly pacerPerMin: number | null;
  /** The partner's device sends heart rate only: the rhythm cannot be read. */
  readonly hrOnly: boolean;
}

/** The pair's co-regulation as the screen shows it. */
export interface CoregulationView {
  readonly state: CoregulationState;
  readonly sync: SyncReading | null;
}

export interface TogetherReadings {
  /** Each partner's rhythm, on every reading or pacer change; replays the latest. */
  readonly rhythm$: Readonly<Record<PartnerId, Observable<RhythmView>>>;
  /** The pair's co-regulation, every 5 s of event time; replays the latest. */
  readonly coregulation$: Observable<CoregulationView>;
  currentRhythm(partner: PartnerId): RhythmView;
  currentCoregulation(): CoregulationView;
  dispose(): void;
}

export const UNKNOWN_COREGULATION: CoregulationView = { state: 'unknown', sync: null };

/**
 * Each partner's calm by their own readiness, for framing co-regulation: near baseline is calm; out
 * or flooded is not; without a signal or a baseline nothing is known (null).
 */
export function pairCalmOf(a: PartnerStateName, b: PartnerStateName): PairCalm {
  const known = (state: PartnerStateName) => state === 'near-baseline' || state === 'out' || state === 'flooded';
  if (!known(a) || !known(b)) return null;
  return { a: a === 'near-baseline', b: b === 'near-baseline' };
}

/**
 * The rhythm the screen shows from the latest reading, the pacer now and the device: while the
 * pacer is off, or the reading was judged against another pace, nothing is claimed (`unknown`).
 */
export function rhythmView(reading: RhythmReading | null, pacer: PacerState, hrOnly: boolean): RhythmView {
  const pacerPerMin = pacer.running ? pacer.breathsPerMin : null;
  const current = reading !== null && pacerPerMin !== null && reading.pacerPerMin === pacerPerMin;
  return {
    state: current && !hrOnly ? reading.state : 'unknown',
    coherence: reading?.coherence ?? null,
    pacerPerMin,
    hrOnly,
  };
}

const sameRhythm = (x: RhythmView, y: RhythmView): boolean =>
  x.state === y.state && x.coherence === y.coherence && x.pacerPerMin === y.pacerPerMin && x.hrOnly === y.hrOnly;

const sameCalm = (x: PairCalm, y: PairCalm): boolean => x === y || (x !== null && y !== null && x.a === y.a && x.b === y.b);

/**
 * Starts the readings on the session's partners and pacer; `dispose()` stops them. Co-regulation is
 * framed again at once whenever a partner's own readiness changes (not only at the next reading),
 * so "calming together" never outlasts either partner's calm on screen.
 *
 * The readings every 5 s of event time cost about 0.3 ms together (each partner's coherence, the
 * co-regulation's filters and null; `npm run bench -- together`), which the gauge should not wait
 * for: with a `scheduler` the beats reach the readings in a task of their own, after the beat is on
 * screen. Without one (tests) they are read synchronously.
 */
export function createTogetherReadings(
  partners: Readonly<Record<PartnerId, Pick<PartnerModel, 'beats$' | 'attachments$' | 'readiness$' | 'live$' | 'current'>>>,
  pacer: { readonly state$: Observable<PacerState>; current(): PacerState },
  scheduler?: SchedulerLike,
): TogetherReadings {
  const beats$ = (id: PartnerId): Observable<Beat> =>
    scheduler ? partners[id].beats$.pipe(observeOn(scheduler), share()) : partners[id].beats$;
  const inputs = { a: beats$('a'), b: beats$('b') };
  const subscription = new Subscription();
  const readings: Record<PartnerId, BehaviorSubject<RhythmReading | null>> = {
    a: new BehaviorSubject<RhythmReading | null>(null),
    b: new BehaviorSubject<RhythmReading | null>(null),
  };
  const coregulation = new BehaviorSubject<CoregulationView>(UNKNOWN_COREGULATION);
  const sync = new BehaviorSubject<SyncReading | null>(null);
  const calm$ = combineLatest([partners.a.readiness$, partners.b.readiness$]).pipe(
    map(([a, b]) => pairCalmOf(a.state, b.state)),
    distinctUntilChanged(sameCalm),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  const pacePerMin$ = pacer.state$.pipe(
    map((state) => (state.running ? state.breathsPerMin : null)),
    distinctUntilChanged(),
  );
  for (const id of PARTNERS) {
    subscription.add(inputs[id].pipe(toRhythm(pacePerMin$)).subscribe((reading) => readings[id].next(reading)));
    // A new source starts from nothing: the last source's readings no longer describe the partner.
    subscription.add(
      partners[id].attachments$.subscribe(() => {
        readings[id].next(null);
        sync.next(null);
      }),
    );
  }
  subscription.add(
    toCoregulation(inputs.a, inputs.b, calm$, { pacerPerMin$: pacePerMin$ }).subscribe((reading) => sync.next(reading.sync)),
  );
  subscription.add(
    combineLatest([sync, calm$]).subscribe(([reading, calm]) => {
      const state = coregulationState(reading, calm);
      if (state !== coregulation.value.state || reading !== coregulation.value.sync) coregulation.next({ state, sync: reading });
    }),
  );
  const hrOnly$ = (id: PartnerId) =>
    partners[id].live$.pipe(
      map((view) => view.hrOnly),
      distinctUntilChanged(),
    );
  const rhythm$ = (id: PartnerId): Observable<RhythmView> =>
    combineLatest([readings[id], pacer.state$, hrOnly$(id)]).pipe(
      map(([reading, state, hrOnly]) => rhythmView(reading, state, hrOnly)),
      distinctUntilChanged(sameRhythm),
    );
  return {
    rhythm$: { a: rhythm$('a'), b: rhythm$('b') },
    coregulation$: coregulation.asObservable(),
    currentRhythm: (id) => rhythmView(readings[id].value, pacer.current(), partners[id].current().hrOnly),
    currentCoregulation: () => coregulation.value,
    dispose() {
      subscription.unsubscribe();
      for (const id of PARTNERS) readings[id].complete();
      sync.complete();
      coregulation.complete();
    },
  };
}

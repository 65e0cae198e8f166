/**
 * Settling together in the live session: each partner's rhythm against the shared pacer, and the
 * pair's co-regulation, computed once per session (not once per screen that shows them) from the
 * partners' beats on the session timeline, every 5 s of event time (src/pipeline/together.ts).
 * What the screen says is framed here: "following" only while the pacer runs and the reading is
 * clear, heart-rate-only devices never follow, and co-regulation never touches the gate.
 */
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, Subscription, type Observable } from 'rxjs';
import { toCoregulation, toRhythm, type CoregulationReading, type PairCalm, type RhythmReading } from '../pipeline/together';
import type { RhythmState } from '../signal/coherence';
import type { CoregulationState, SyncReading } from '../signal/synchrony';
import { PARTNERS, type PartnerId } from '../signal/types';
import type { PartnerModel } from './partner';
import type { GateStatusView } from './readiness-types';
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
export function pairCalmOf(gate: GateStatusView | null): PairCalm {
  if (gate === null) return null;
  const known = PARTNERS.every((id) => ['near-baseline', 'out', 'flooded'].includes(gate.partners[id].state));
  if (!known) return null;
  return { a: gate.partners.a.state === 'near-baseline', b: gate.partners.b.state === 'near-baseline' };
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

/** Starts the readings on the session's partners, pacer and gate; `dispose()` stops them. */
export function createTogetherReadings(
  partners: Readonly<Record<PartnerId, PartnerModel>>,
  pacer: { readonly state$: Observable<PacerState>; current(): PacerState },
  gate$: Observable<GateStatusView | null>,
): TogetherReadings {
  const subscription = new Subscription();
  const readings: Record<PartnerId, BehaviorSubject<RhythmReading | null>> = {
    a: new BehaviorSubject<RhythmReading | null>(null),
    b: new BehaviorSubject<RhythmReading | null>(null),
  };
  const coregulation = new BehaviorSubject<CoregulationView>(UNKNOWN_COREGULATION);
  const pacePerMin$ = pacer.state$.pipe(
    map((state) => (state.running ? state.breathsPerMin : null)),
    distinctUntilChanged(),
  );
  for (const id of PARTNERS) {
    subscription.add(partners[id].beats$.pipe(toRhythm(pacePerMin$)).subscribe((reading) => readings[id].next(reading)));
    // A new source starts from nothing: the last source's readings no longer describe the partner.
    subscription.add(
      partners[id].attachments$.subscribe(() => {
        readings[id].next(null);
        coregulation.next(UNKNOWN_COREGULATION);
      }),
    );
  }
  subscription.add(
    toCoregulation(partners.a.beats$, partners.b.beats$, gate$.pipe(map(pairCalmOf))).subscribe((reading: CoregulationReading) =>
      coregulation.next({ state: reading.state, sync: reading.sync }),
    ),
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
      coregulation.complete();
    },
  };
}

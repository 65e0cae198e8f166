/**
 * The live session as one object, outside React (DESIGN.md, Folders: src/session): both partners
 * with their intents, the two-person gate, the hand check-in, routine access and the journey's
 * summary as Observables, and the recording as a subscriber of the beats, metrics and gate.
 * The composition root builds one per visit to the live view; React only subscribes.
 */
import {
  asyncScheduler,
  BehaviorSubject,
  combineLatest,
  distinctUntilChanged,
  filter,
  map,
  merge,
  shareReplay,
  Subscription,
  switchMap,
} from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import { type GateState } from '../pipeline/dyad';
import { PARTNERS, type PartnerId } from '../signal/types';
import { createSubscriptionCounter } from '../pipeline/subscription-counter';
import type { LiveDependencies, RecordingInfo, RecordingOutcome } from './dependencies';
import type { DemoRequest } from './demo-url';
import { PartnerModel, type SourceOrigin } from './partner-model';
import type { CalmEndOffer } from './partner-readings';
import type { GateStatusView, ReadinessReason } from './readiness-types';
import { recordSession } from './recording';
import { routineAccess, selfReportCounts, type RoutineAccess } from './routine-access';
import { createSharedPacer, type SharedPacer } from './shared-pacer';
import { createTogetherReadings, type TogetherReadings } from './together-state';

export interface LiveSessionOptions {
  /** Names shown before the partners type their own (or stored ones load). */
  readonly names?: Readonly<Record<PartnerId, string>>;
  /** Scheduler for the view's throttling (tests pass a virtual one). */
  readonly uiScheduler?: SchedulerLike;
  /** Record into this interrupted session (a new segment of it, by id) instead of a new session. */
  readonly resumeSessionId?: string;
  /** A demo link's request: both partners on the simulator at once, at its speed. */
  readonly demo?: DemoRequest;
}

/**
 * Self-report check-ins of no-wearable mode: each partner says so by hand. Only possible while no
 * source is connected (DESIGN.md: "Without sensors the user may choose no-wearable mode").
 */
export interface SelfReport {
  readonly active: boolean;
  readonly calm: Readonly<Record<PartnerId, boolean>>;
  /** Set when a check-in was set aside because a source connected: the measured gate decides now. */
  readonly withdrawn?: true;
}

/** What the rest of the app needs to know about the live session. */
export interface LiveSummary {
  /** The gate light's state; null before the first decision. */
  readonly gate: GateState | null;
  /**
   * No-wearable mode: both partners checked in by hand (a self-report) while no source is
   * connected. Never true while a strap, the simulator or a recording is attached.
   */
  readonly selfReportComplete: boolean;
  /** Either partner has a source attached (strap, simulator or replay): the measured gate decides. */
  readonly anySourceConnected: boolean;
  /** The partners' names as shown (typed, saved, or "Partner A" / "Partner B"), for the forms after the routine. */
  readonly names: Readonly<Record<PartnerId, string>>;
}

/** The assembled live session: the only place the partners, the gate and the recording meet. */
export interface LiveSessionModel {
  readonly partners: Readonly<Record<PartnerId, PartnerModel>>;
  /**
   * Every gate decision, unthrottled (one per beat at most), replaying the latest; null until the
   * first decision. The gauge picks what it shows and skips repeats, so it follows within a frame.
   */
  readonly gate$: Observable<GateStatusView | null>;
  /** No-wearable mode and its check-ins; replays the latest. */
  readonly selfReport$: Observable<SelfReport>;
  /** The journey's view of the session, on every change of what it holds; replays the latest. */
  readonly summary$: Observable<LiveSummary>;
  /** How the routines stand (`routineAccess`): gate, genuine hand check-in, or locked; replays the latest. */
  readonly access$: Observable<RoutineAccess>;
  /**
   * Breathing together: the one breathing pacer both partners follow (start, stop, pace), kept
   * here so the rhythm readings and the recording see what the screen shows. It never opens the gate.
   */
  readonly pacer: SharedPacer;
  /** Each partner's rhythm against the pacer and the pair's co-regulation, every 5 s of event time; never part of the gate. */
  readonly together: TogetherReadings;
  /** Simulated seconds per wall-clock second for simulator and replay sources. */
  readonly speed: number;
  /** The interrupted session this one continues, else null. */
  readonly resumeSessionId: string | null;
  /**
   * Enters or leaves no-wearable mode (either way the check-ins start blank). Entering it while a
   * source is connected is refused with an error: the measured gate decides then.
   */
  setSelfReportMode(active: boolean): void;
  /** One partner's hand check-in; refused with an error while a source is connected. */
  setSelfReportCalm(partner: PartnerId, calm: boolean): void;
  /** Either partner has a source attached (strap, simulator or replay), connected or reconnecting. */
  anySourceConnected(): boolean;
  /** Both partners have a strap attached: they can be swapped. */
  canSwapStraps(): boolean;
  /**
   * Exchanges the two partners' straps without pairing again: each strap keeps its connection and
   * goes to the other partner. Baselines stay with the person; from here on each partner's
   * recording follows their new strap. Refused with an error unless both have a strap.
   */
  swapStraps(): Promise<void>;
  /** The latest gate decision, unthrottled. */
  currentGate(): GateStatusView | null;
  /** The latest summary. */
  currentSummary(): LiveSummary;
  /** The session's event time: the latest beat of either partner, seconds (0 before any). */
  sessionClockSec(): number;
  /** Live subscriptions to the session's streams (sources, pipelines, gate, views); flat when nothing leaks. */
  liveSubscriptions(): number;
  /** A readiness reason in plain words for the partner's shown name. */
  describeReason(reason: ReadinessReason, partnerName: string): string;
  /**
   * For each partner without an accepted reading of their own: the calm end of this session as a
   * first reading, when there is one (`PartnerModel.calmEnd`); null otherwise.
   */
  calmEnds(recordedAt: string): Readonly<Record<PartnerId, CalmEndOffer | null>>;
  /** Ends the recording now as `outcome` ("finished" at the journey's normal end). */
  finishRecording(outcome: RecordingOutcome): Promise<void>;
  /** The recorded session's id, once the first beat started it. */
  recordingId(): string | null;
  /** Disconnects both sources and stops recording (as "stopped" unless already finished). */
  dispose(): Promise<void>;
}

/** What the recording is of, from the two partners' sources. */
export function recordingSource(a: SourceOrigin | null, b: SourceOrigin | null): RecordingInfo['source'] {
  const kinds = new Set(
    [a, b].filter((o): o is SourceOrigin => o !== null).map((o) => (o.demo ? 'demo' : o.kind === 'bluetooth' ? 'strap' : 'replay')),
  );
  if (kinds.size === 1) return [...kinds][0] as RecordingInfo['source'];
  return 'mixed';
}

const DEFAULT_NAMES: Readonly<Record<PartnerId, string>> = { a: 'Partner A', b: 'Partner B' };
const CONNECTED_ELSEWHERE = 'hand check-in: a source is connected, so the readiness gate decides; disconnect it to check in by hand';

function sameSummary(x: LiveSummary, y: LiveSummary): boolean {
  return (
    x.gate === y.gate &&
    x.selfReportComplete === y.selfReportComplete &&
    x.anySourceConnected === y.anySourceConnected &&
    x.names.a === y.names.a &&
    x.names.b === y.names.b
  );
}

/** Builds the live session from its parts; nothing starts until a source is attached (or the demo asks). */
export function createLiveSession(deps: LiveDependencies, options: LiveSessionOptions = {}): LiveSessionModel {
  const names = options.names ?? DEFAULT_NAMES;
  const uiScheduler = options.uiScheduler ?? asyncScheduler;
  const demo = options.demo ?? null;
  const speed = demo?.speed ?? 1;
  // One event-time line for the session: a source attached later starts where the other partner is.
  const sessionClockSec = (): number => Math.max(0, ...PARTNERS.map((id) => partners[id].latestBeatSec() ?? 0));
  const counter = createSubscriptionCounter();
  const track = <T>(label: string) => counter.track<T>(label);
  const partners: Record<PartnerId, PartnerModel> = {
    a: new PartnerModel('a', names.a, deps, uiScheduler, sessionClockSec, speed, track),
    b: new PartnerModel('b', names.b, deps, uiScheduler, sessionClockSec, speed, track),
  };
  const gateSubject = new BehaviorSubject<GateStatusView | null>(null);
  const selfReportSubject = new BehaviorSubject<SelfReport>({ active: false, calm: { a: false, b: false } });
  const subscription = new Subscription();
  const pacer = createSharedPacer(sessionClockSec, uiScheduler);
  const attachments$ = merge(partners.a.attachments$, partners.b.attachments$);

  // The gate starts over whenever a partner's source changes: event time restarts with a source.
  const gates$ = attachments$.pipe(
    switchMap(() => deps.combineGate(partners.a.readiness$, partners.b.readiness$)),
    track<GateStatusView>('gate'),
  );
  subscription.add(gates$.subscribe((gate) => gateSubject.next(gate)));
  const together = createTogetherReadings(partners, pacer, uiScheduler);

  const recording = recordSession(
    {
      beats: { a: partners.a.beats$, b: partners.b.beats$ },
      metrics: { a: partners.a.metrics$, b: partners.b.metrics$ },
      gate$: gateSubject.pipe(filter((gate): gate is GateStatusView => gate !== null)),
      pacer: { events$: pacer.events$, current: () => pacer.current() },
    },
    {
      ...(deps.startRecording ? { start: deps.startRecording } : {}),
      ...(options.resumeSessionId === undefined ? {} : { resumeSessionId: options.resumeSessionId }),
      describe: () => {
        const a = partners.a.current();
        const b = partners.b.current();
        return {
          source: recordingSource(a.origin, b.origin),
          scenario: demo?.scenario ?? null,
          partnerNames: { a: a.displayName, b: b.displayName },
        };
      },
      reasonsOf: (gate) =>
        PARTNERS.flatMap((id) =>
          gate.partners[id].reasons.map((reason) => deps.describeReason(reason, partners[id].current().displayName)),
        ),
    },
  );

  // A source connected after a hand check-in withdraws it: from then on the measured gate decides.
  const anySourceConnected = (): boolean => PARTNERS.some((id) => partners[id].current().origin !== null);
  subscription.add(
    attachments$.subscribe(() => {
      if (anySourceConnected() && selfReportSubject.value.active) {
        selfReportSubject.next({ active: false, calm: { a: false, b: false }, withdrawn: true });
      }
    }),
  );

  const summaryNow = (): LiveSummary => {
    const gate = gateSubject.value?.state ?? null;
    const connected = anySourceConnected();
    const report = selfReportSubject.value;
    return {
      gate,
      // Both ticked by hand counts only as genuine no-wearable mode (the one rule in routine-access).
      selfReportComplete: report.active && report.calm.a && report.calm.b && selfReportCounts({ gate, anySourceConnected: connected }),
      anySourceConnected: connected,
      names: { a: partners.a.current().displayName, b: partners.b.current().displayName },
    };
  };
  // Shared while anyone listens, replaying the latest; a new listener after all left starts afresh.
  const summary$ = combineLatest([partners.a.live$, partners.b.live$, gateSubject, selfReportSubject]).pipe(
    map(summaryNow),
    distinctUntilChanged(sameSummary),
    track<LiveSummary>('view-summary'),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  const access$ = summary$.pipe(map(routineAccess), distinctUntilChanged(), shareReplay({ bufferSize: 1, refCount: true }));

  // Stored names arrive asynchronously; a name typed meanwhile wins.
  if (deps.names) {
    for (const id of PARTNERS) {
      const typed = partners[id].current().name;
      deps.names
        .load(id)
        .then((name) => {
          if (name && partners[id].current().name === typed) partners[id].rename(name);
        })
        .catch((error: unknown) => console.warn(`names: could not load partner ${id}`, error));
    }
  }

  // Stored readings arrive asynchronously; a reading taken meanwhile is kept after them.
  if (deps.readings) {
    for (const id of PARTNERS) {
      deps.readings
        .load(id)
        .then((stored) => {
          const real = stored.filter((r) => !r.reading.demo);
          if (real.length > 0) partners[id].setReadings([...real, ...partners[id].current().readings]);
        })
        .catch((error: unknown) => console.warn(`readings: could not load partner ${id}`, error));
    }
  }

  // Each partner's strap from last time, and the straps the browser still permits, ready for one tap.
  for (const id of PARTNERS) {
    partners[id].recallStrap().catch((error: unknown) => console.warn(`straps: could not recall partner ${id}'s strap`, error));
  }

  const canSwapStraps = (): boolean => PARTNERS.every((id) => partners[id].current().origin?.kind === 'bluetooth');

  const session: LiveSessionModel = {
    partners,
    gate$: gateSubject.pipe(track<GateStatusView | null>('view-gate')),
    selfReport$: selfReportSubject.pipe(track<SelfReport>('view-self-report')),
    summary$,
    access$,
    pacer,
    together,
    speed,
    resumeSessionId: options.resumeSessionId ?? null,
    setSelfReportMode(active) {
      if (active && anySourceConnected()) throw new Error(CONNECTED_ELSEWHERE);
      selfReportSubject.next({ active, calm: { a: false, b: false } });
    },
    setSelfReportCalm(partner, calm) {
      if (calm && anySourceConnected()) throw new Error(CONNECTED_ELSEWHERE);
      const current = selfReportSubject.value;
      selfReportSubject.next({ ...current, calm: { ...current.calm, [partner]: calm } });
    },
    anySourceConnected,
    canSwapStraps,
    async swapStraps() {
      if (!canSwapStraps()) throw new Error('swap straps: both partners need a strap connected');
      const fromA = partners.a.handOver();
      const fromB = partners.b.handOver();
      if (fromA === null || fromB === null) throw new Error('swap straps: both partners need a strap connected');
      await Promise.all([partners.a.takeOver(fromB), partners.b.takeOver(fromA)]);
    },
    currentGate: () => gateSubject.value,
    currentSummary: summaryNow,
    sessionClockSec,
    liveSubscriptions: () => counter.live(),
    describeReason: (reason, partnerName) => deps.describeReason(reason, partnerName),
    calmEnds: (recordedAt) => ({ a: partners.a.calmEnd(recordedAt), b: partners.b.calmEnd(recordedAt) }),
    finishRecording: (outcome) => recording.close(outcome),
    recordingId: () => recording.id(),
    async dispose() {
      subscription.unsubscribe();
      together.dispose();
      await Promise.all(PARTNERS.map((id) => partners[id].dispose()));
      gateSubject.complete();
      selfReportSubject.complete();
      await recording.close('stopped');
      pacer.dispose();
    },
  };
  // A demo link connects both partners to the simulator with the scenario's demo baselines.
  if (demo) {
    // The together demo is the couple breathing with the pacer: it runs from the start.
    if (demo.scenario === 'together') pacer.start();
    Promise.all(PARTNERS.map((id) => partners[id].useSimulator(demo.scenario))).catch((error: unknown) =>
      console.error('demo: could not start', error),
    );
  }
  return session;
}

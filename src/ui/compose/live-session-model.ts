import { asyncScheduler, BehaviorSubject, merge, Subscription, switchMap } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { PartnerId } from '../../signal/types';
import type { Scenario } from '../../sim/simulator';
import type { LiveDependencies, LiveRecorder, RecordingInfo, RecordingOutcome } from './live-dependencies';
import type { SourceOrigin } from './partner-model';
import { createSubscriptionCounter } from '../../pipeline/subscription-counter';
import { PartnerModel } from './partner-model';
import type { GateStatusView } from './readiness-types';
import { PARTNERS, type GateState } from '../../pipeline/dyad';

export interface LiveSessionOptions {
  /** Names shown before the partners type their own. */
  readonly names?: Readonly<Record<PartnerId, string>>;
  /** Scheduler for the view's throttling (tests pass a virtual one). */
  readonly uiScheduler?: SchedulerLike;
  /** Record into this interrupted session (a new segment of it) instead of a new session. */
  readonly resumeSessionId?: string;
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

/** What the page around the live view may do with the running session. */
export interface LiveSessionHandle {
  /** Ends the recording now as `outcome` ("finished" at the journey's normal end). */
  finishRecording(outcome: RecordingOutcome): Promise<void>;
  /** The recorded session's id, once the first beat started it. */
  recordingId(): string | null;
}

/**
 * The assembled live session: two partner chains (source → pipeline), the two-person gate, and
 * the recorder fed from both. The only place these parts meet (DESIGN.md, Data flow).
 */
export interface LiveSessionModel {
  readonly partners: Readonly<Record<PartnerId, PartnerModel>>;
  /**
   * Every gate decision, unthrottled (one per beat at most), replaying the latest; null until the
   * first decision. The gauge picks what it shows and skips repeats, so it follows within a frame.
   */
  readonly gate$: Observable<GateStatusView | null>;
  /** No-wearable mode and its check-ins. */
  readonly selfReport$: Observable<SelfReport>;
  /** The scenario running when started from a demo link, else null. */
  readonly demo: Scenario | null;
  /** Simulated seconds per wall-clock second for simulator and replay sources. */
  readonly speed: number;
  /** Connects both partners to the simulator with the scenario's demo baselines. */
  startDemo(scenario: Scenario, speed: number): Promise<void>;
  /**
   * Enters or leaves no-wearable mode (either way the check-ins start blank). Entering it while a
   * source is connected is refused with an error: the measured gate decides then.
   */
  setSelfReportMode(active: boolean): void;
  /** One partner's hand check-in; refused with an error while a source is connected. */
  setSelfReportCalm(partner: PartnerId, calm: boolean): void;
  /** Either partner has a source attached (strap, simulator or replay), connected or reconnecting. */
  anySourceConnected(): boolean;
  /** The latest gate decision, unthrottled. */
  currentGate(): GateStatusView | null;
  /** The session's event time: the latest beat of either partner, seconds (0 before any). */
  sessionClockSec(): number;
  /** Live subscriptions to the session's streams (sources, pipelines, gate, views); flat when nothing leaks. */
  liveSubscriptions(): number;
  /**
   * Ends the recording now as `outcome` (the journey's normal end is "finished"); later beats are
   * not recorded. Sources keep running until `dispose()`.
   */
  finishRecording(outcome: RecordingOutcome): Promise<void>;
  /** The recorded session's id, once the first beat started it (null before, or without storage). */
  recordingId(): string | null;
  /** Disconnects both sources and stops recording (as "stopped" unless already finished). */
  dispose(): Promise<void>;
}

/** What the recording is of, from the two partners' sources. */
export function recordingSource(a: SourceOrigin | null, b: SourceOrigin | null): RecordingInfo['source'] {
  const kinds = new Set([a, b].filter((o): o is SourceOrigin => o !== null).map((o) => (o.demo ? 'demo' : o.kind === 'bluetooth' ? 'strap' : 'replay')));
  if (kinds.size === 1) return [...kinds][0] as RecordingInfo['source'];
  return 'mixed';
}

const DEFAULT_NAMES: Readonly<Record<PartnerId, string>> = { a: 'Partner A', b: 'Partner B' };

/** Builds the live session from its parts; nothing starts until a source is attached. */
export function createLiveSessionModel(deps: LiveDependencies, options: LiveSessionOptions = {}): LiveSessionModel {
  const names = options.names ?? DEFAULT_NAMES;
  const uiScheduler = options.uiScheduler ?? asyncScheduler;
  // One event-time line for the session: a source attached later starts where the other partner is.
  const sessionClockSec = (): number =>
    Math.max(0, ...PARTNERS.map((id) => partners[id].latestBeatSec() ?? 0));
  // The recording starts with the first beat, so opening the page without a source records nothing.
  let recorder: LiveRecorder | undefined;
  let closed = false;
  let closing: Promise<void> | null = null;
  const closeRecording = (outcome: RecordingOutcome): Promise<void> => {
    closed = true;
    // The first close decides the outcome; a later one waits for it rather than overwriting it.
    closing ??= recorder ? recorder.close(outcome) : Promise.resolve();
    return closing;
  };
  const recording = (): LiveRecorder | undefined => {
    // Once finished, nothing more is recorded (the sources may run on until the view closes).
    if (closed) return undefined;
    if (recorder || !deps.startRecording) return recorder;
    const a = partners.a.current();
    const b = partners.b.current();
    recorder = deps.startRecording({
      source: recordingSource(a.origin, b.origin),
      scenario: demo,
      partnerNames: { a: a.displayName, b: b.displayName },
      ...(options.resumeSessionId === undefined ? {} : { resumeSessionId: options.resumeSessionId }),
    });
    return recorder;
  };
  const counter = createSubscriptionCounter();
  const track = <T,>(label: string) => counter.track<T>(label);
  const partners: Record<PartnerId, PartnerModel> = {
    a: new PartnerModel('a', names.a, deps, uiScheduler, sessionClockSec, recording, track),
    b: new PartnerModel('b', names.b, deps, uiScheduler, sessionClockSec, recording, track),
  };
  let recordedGateState: GateStatusView['state'] | null = null;
  const recordGate = (gate: GateStatusView): void => {
    const target = closed ? undefined : recorder;
    if (!target || gate.state === recordedGateState) return;
    recordedGateState = gate.state;
    const reasons = PARTNERS.flatMap((id) =>
      gate.partners[id].reasons.map((reason) => deps.describeReason(reason, partners[id].current().displayName)),
    );
    target.addGate({ state: gate.state, tSec: gate.tSec, reasons });
  };
  let demo: Scenario | null = null;
  let speed = 1;
  let latestGate: GateStatusView | null = null;
  const gateSubject = new BehaviorSubject<GateStatusView | null>(null);
  const selfReportSubject = new BehaviorSubject<SelfReport>({ active: false, calm: { a: false, b: false } });
  const subscription = new Subscription();

  // The gate starts over whenever a partner's source changes: event time restarts with a source.
  subscription.add(
    merge(partners.a.attachments$, partners.b.attachments$)
      .pipe(
        switchMap(() => deps.combineGate(partners.a.readiness$, partners.b.readiness$)),
        track<GateStatusView>('gate'),
      )
      .subscribe((gate) => {
        latestGate = gate;
        recordGate(gate);
        gateSubject.next(gate);
      }),
  );

  // A source connected after a hand check-in withdraws it: from then on the measured gate decides.
  const anySourceConnected = (): boolean => PARTNERS.some((id) => partners[id].current().origin !== null);
  subscription.add(
    merge(partners.a.attachments$, partners.b.attachments$).subscribe(() => {
      if (anySourceConnected() && selfReportSubject.value.active) {
        selfReportSubject.next({ active: false, calm: { a: false, b: false }, withdrawn: true });
      }
    }),
  );

  // Stored names arrive asynchronously; a name typed meanwhile wins.
  if (deps.names) {
    for (const id of PARTNERS) {
      const typed = partners[id].current().name;
      deps.names
        .load(id)
        .then((name) => {
          if (name && partners[id].current().name === typed) partners[id].setName(name);
        })
        .catch((error: unknown) => console.warn(`names: could not load partner ${id}`, error));
    }
  }

  // Stored baselines arrive asynchronously; a calibration finished meanwhile wins.
  if (deps.baselines) {
    for (const id of PARTNERS) {
      deps.baselines
        .load(id)
        .then((baseline) => {
          if (baseline && !baseline.demo && partners[id].current().ownBaseline === null) partners[id].setOwnBaseline(baseline);
        })
        .catch((error: unknown) => console.warn(`baselines: could not load partner ${id}`, error));
    }
  }

  return {
    partners,
    gate$: gateSubject.pipe(track<GateStatusView | null>('view-gate')),
    selfReport$: selfReportSubject.pipe(track<SelfReport>('view-self-report')),
    get demo() {
      return demo;
    },
    get speed() {
      return speed;
    },
    async startDemo(scenario, demoSpeed) {
      demo = scenario;
      speed = demoSpeed;
      const label = `Simulator (${scenario})`;
      await Promise.all(
        PARTNERS.map((id) => {
          partners[id].setDemoBaseline(deps.demoBaseline(scenario, id));
          return partners[id].attach(deps.simulator({ scenario, partner: id, speed: demoSpeed }), { kind: 'simulator', label, demo: true, speed: demoSpeed });
        }),
      );
    },
    setSelfReportMode(active) {
      if (active && anySourceConnected()) {
        throw new Error('hand check-in: a source is connected, so the readiness gate decides; disconnect it to check in by hand');
      }
      selfReportSubject.next({ active, calm: { a: false, b: false } });
    },
    setSelfReportCalm(partner, calm) {
      if (calm && anySourceConnected()) {
        throw new Error('hand check-in: a source is connected, so the readiness gate decides; disconnect it to check in by hand');
      }
      const current = selfReportSubject.value;
      selfReportSubject.next({ ...current, calm: { ...current.calm, [partner]: calm } });
    },
    anySourceConnected,
    currentGate: () => latestGate,
    sessionClockSec,
    liveSubscriptions: () => counter.live(),
    finishRecording: (outcome) => closeRecording(outcome),
    recordingId: () => recorder?.sessionId?.() ?? null,
    async dispose() {
      subscription.unsubscribe();
      await Promise.all(PARTNERS.map((id) => partners[id].dispose()));
      gateSubject.complete();
      selfReportSubject.complete();
      await closeRecording('stopped');
    },
  };
}

import { asyncScheduler, map, NEVER, of, share, Subscription } from 'rxjs';
import type { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../sources/heart-rate-source';
import type { Scenario } from '../sim/simulator';
import type { Beat, PartnerId, WindowMetrics } from '../signal/types';
import type { LiveDependencies, RememberedStrap, StartedReadingKind, StrapMemo } from './dependencies';
import { PartnerBaseline } from './partner-baseline';
import { PartnerCalibration } from './partner-calibration';
import type { RecordingFile } from './partner-recording';
import { openRecording } from './partner-recording';
import { describeConnectError, displayNameOf, IDLE, type SourceOrigin } from './partner-view';
import type { PartnerReadinessView } from './readiness-types';

export type { CalibrationProgress, PartnerView, SourceOrigin, TrendPoint } from './partner-view';

export type { RecordingFile } from './partner-recording';

/** A connected strap passed from one partner to the other (a swap), with its place on the session clock. */
export interface HandedStrap {
  readonly source: HeartRateSource;
  readonly origin: SourceOrigin;
  readonly clockOffsetSec: number;
}

/**
 * One partner's live chain: the attached source, its pipeline (metrics, trend, readiness), the chart
 * buffers and calibration, with the partner's intents (connect a strap, use the simulator, load a
 * recording, disconnect, rename, calibrate), so the view never builds a source itself. Only the session creates it.
 * What it shows (views, streams, chart buffers) is `PartnerStreams` (`partner-streams.ts`); its
 * readings and baseline are `PartnerBaseline` (`partner-baseline.ts`); this class adds the intents.
 */
export class PartnerModel extends PartnerBaseline {
  private attached: {
    source: HeartRateSource;
    subscription: Subscription;
    beats$: Observable<Beat>;
    origin: SourceOrigin;
    clockOffsetSec: number;
  } | null = null;
  /** Straps the browser lets this page use without its chooser (`getDevices()`), looked up ahead of the click. */
  private permitted: readonly RememberedStrap[] = [];
  private idle: Subscription | null = null;
  private readonly calibration: PartnerCalibration;

  constructor(
    id: PartnerId,
    name: string,
    deps: LiveDependencies,
    uiScheduler: SchedulerLike = asyncScheduler,
    /** The session's event time now (latest beat of either partner), where a new source starts. */
    private readonly sessionClockSec: () => number = () => 0,
    /** Simulated seconds per wall-clock second for the simulator and recordings this partner starts. */
    private readonly speed: number = 1,
    /** Counts the subscriptions to each long-lived stream (the session's diagnostics). */
    track: <T>(label: string) => MonoTypeOperatorFunction<T> = () => (source) => source,
  ) {
    super(id, name, deps, uiScheduler, track);
    this.calibration = new PartnerCalibration(
      deps,
      {
        id,
        progress: (calibration) => this.update({ calibration }),
        current: () => this.state.calibration,
        takeReading: (reading) => this.takeReading(reading),
      },
      track,
    );
    this.runIdlePipeline();
  }

  /** The name as typed (blank shows "Partner A" / "Partner B"). */
  rename(name: string): void {
    this.update({ name, displayName: displayNameOf(this.id, name) });
  }

  /** Keeps the current name for next time (when the partner leaves the name field); a blank name is not kept. */
  keepName(): void {
    const name = this.state.name.trim();
    if (name === '' || !this.deps.names) return;
    this.deps.names.save(this.id, name).catch((error: unknown) => console.warn(`names: could not keep partner ${this.id}'s name`, error));
  }

  /**
   * Replaces the partner's source with `source` and connects it. `clockOffsetSec` is added to the
   * source's event times; by default the session clock, so both partners share one timeline. `connect()` is called before this
   * method awaits anything, so a click handler may call it for Web Bluetooth's chooser.
   */
  async attach(source: HeartRateSource, origin: SourceOrigin, clockOffsetSec = this.sessionClockSec()): Promise<void> {
    if (this.disposed) throw new Error('attach: the live session is closed');
    const previous = this.release();
    if (this.calibration.running) this.cancelCalibration();
    this.idle?.unsubscribe();
    this.idle = null;
    this.tachogram.clear();
    this.trend.clear();
    this.calmTail.clear();
    this.lastTrendSec = Number.NEGATIVE_INFINITY;
    this.update({
      origin,
      status: { kind: 'connecting' },
      lastBeat: null,
      metrics: null,
      readiness: null,
      hrOnly: false,
      error: null,
      recordingWarnings: [],
      notice: null,
    });
    this.applyBaseline();

    const subscription = new Subscription();
    // Each source counts event time from its own start; shifting it onto the session's clock lets
    // the gate merge the two partners in event time when one connects later than the other.
    const sourceBeats$ = source.beats$.pipe(this.track<Beat>(`source-beats-${this.id}`));
    const beats$ = (
      clockOffsetSec === 0 ? sourceBeats$ : sourceBeats$.pipe(map((beat) => ({ ...beat, tSec: beat.tSec + clockOffsetSec })))
    ).pipe(share());
    const status$ = source.status$.pipe(this.track<SourceStatus>(`source-status-${this.id}`));
    this.attached = { source, subscription, beats$, origin, clockOffsetSec };
    const pipeline = this.deps.partnerPipeline({
      beats$,
      status$,
      baseline$: this.baselineSubject.asObservable(),
      scheduler: this.deps.scheduler,
      speed: origin.speed,
    });
    subscription.add(status$.subscribe((status) => this.onStatus(status)));
    subscription.add(
      pipeline.readiness$
        .pipe(this.track<PartnerReadinessView>(`readiness-${this.id}`))
        .subscribe((readiness) => this.onReadiness(readiness)),
    );
    subscription.add(
      pipeline.metrics$.pipe(this.track<WindowMetrics>(`metrics-${this.id}`)).subscribe((metrics) => this.onMetrics(metrics)),
    );
    subscription.add(beats$.subscribe((beat) => this.onBeat(beat)));
    this.attachedSubject.next(this.attachedSubject.value + 1);

    const connecting = source.connect();
    if (previous) void previous.disconnect().catch((error: unknown) => console.warn('disconnect: previous source', error));
    try {
      await connecting;
    } catch (error) {
      if (this.attached?.source === source) {
        const message = describeConnectError(error);
        await this.disconnect();
        this.update({ error: message });
      }
    }
  }

  /** Asks the browser's chooser for a strap and connects it. Call from a click: the chooser needs it. */
  connectStrap(): Promise<void> {
    return this.attach(this.deps.bluetooth(), { kind: 'bluetooth', label: 'Heart-rate strap', demo: false, speed: 1 });
  }

  /**
   * Connects the strap this partner used last time, with one tap: straight to the strap when the
   * browser still lets the page use it (`getDevices()`), else through the chooser narrowed to that
   * strap's name, with a note saying why the browser asks again. Call from a click.
   */
  connectOwnStrap(): Promise<void> {
    const memo = this.state.rememberedStrap;
    if (memo === null) return this.connectStrap();
    const origin: SourceOrigin = { kind: 'bluetooth', label: memo.name, demo: false, speed: 1 };
    const permitted = this.permitted.find((strap) => strap.id === memo.deviceId);
    if (permitted) return this.attach(permitted.open(memo.name), origin);
    const attaching = this.attach(this.deps.bluetooth({ onlyName: memo.name }), origin);
    this.update({ notice: `The browser asks again which strap to use: choose “${memo.name}” in its list.` });
    return attaching;
  }

  /**
   * Loads the strap this partner used last time, and which straps the browser still lets the page
   * use without its chooser, so that a tap can connect at once (the chooser needs the click itself).
   */
  async recallStrap(): Promise<void> {
    const [memo, permitted] = await Promise.all([this.deps.straps?.load(this.id), this.deps.rememberedStraps().catch(() => [])]);
    this.permitted = permitted;
    if (memo && this.state.rememberedStrap === null && !this.disposed) this.update({ rememberedStrap: memo });
  }

  /** Forgets the strap this partner used last time (here and in storage). */
  forgetStrap(): void {
    this.update({ rememberedStrap: null });
    this.deps.straps
      ?.save(this.id, null, this.state.displayName)
      .catch((error: unknown) => console.warn(`straps: could not forget partner ${this.id}'s strap`, error));
  }

  /**
   * Lets go of a connected strap without disconnecting it, for the other partner to take over (a
   * swap); null when no strap is attached. This partner returns to the choice of sources.
   */
  handOver(): HandedStrap | null {
    const attached = this.attached;
    if (!attached || attached.origin.kind !== 'bluetooth') return null;
    this.release();
    this.calibration.sourceLost();
    this.update({ origin: null, status: IDLE, lastBeat: null, metrics: null, hrOnly: false, notice: null });
    this.applyBaseline();
    this.runIdlePipeline();
    this.attachedSubject.next(this.attachedSubject.value + 1);
    return { source: attached.source, origin: attached.origin, clockOffsetSec: attached.clockOffsetSec };
  }

  /** Takes over a strap the other partner handed over, still connected, on the same session clock. */
  takeOver(handed: HandedStrap): Promise<void> {
    return this.attach(handed.source, handed.origin, handed.clockOffsetSec);
  }

  /**
   * Plays the simulator with `scenario` at the session's speed, with that scenario's demo baseline
   * (none for `first-night`: the partner is judged by their own settling).
   */
  useSimulator(scenario: Scenario): Promise<void> {
    this.setDemoBaseline(this.deps.demoBaseline(scenario, this.id));
    return this.attach(this.deps.simulator({ scenario, partner: this.id, speed: this.speed }), {
      kind: 'simulator',
      label: `Simulator (${scenario})`,
      demo: true,
      speed: this.speed,
    });
  }

  /**
   * Plays an RR file (any format `readRrFile` reads; a browser `File` will do) at the session's
   * speed. A file that cannot be read leaves the partner as they were, with the reason as the
   * partner's error.
   */
  async loadRecording(file: RecordingFile): Promise<void> {
    this.update({ error: null, recordingWarnings: [] });
    const opened = await openRecording(this.deps, file, this.speed);
    if (!opened.ok) {
      this.update({ error: opened.error });
      return;
    }
    await this.attach(opened.source, opened.origin);
    this.update({ recordingWarnings: opened.warnings });
  }

  /** Where a strap can come from here: whether Web Bluetooth works, and why not. */
  bluetoothSupport(): ReturnType<LiveDependencies['bluetoothSupport']> {
    return this.deps.bluetoothSupport();
  }

  /** Straps this browser may connect without the chooser. */
  rememberedStraps(): Promise<readonly RememberedStrap[]> {
    return this.deps.rememberedStraps();
  }

  /**
   * Connects the attached source again after it gave up (a strap out of reach for minutes).
   * Call from a click: Web Bluetooth may need the gesture.
   */
  reconnect(): Promise<void> {
    if (!this.attached) return Promise.resolve();
    this.update({ error: null });
    return this.attached.source.connect();
  }

  /** Disconnects the partner's source; idempotent. */
  async disconnect(): Promise<void> {
    const source = this.release();
    this.calibration.sourceLost();
    this.update({ origin: null, status: IDLE, lastBeat: null, metrics: null, hrOnly: false });
    this.applyBaseline();
    if (!this.disposed) {
      this.runIdlePipeline();
      this.attachedSubject.next(this.attachedSubject.value + 1);
    }
    if (source) await source.disconnect();
  }

  /** Starts a seated-rest calibration (3 minutes) on the attached source's next beats. */
  startCalibration(): void {
    this.startReading('calibration');
  }

  /** Starts a short calm check (a quiet moment, best in the morning) on the attached source's next beats. */
  startCalmCheck(): void {
    this.startReading('calm-check');
  }

  private startReading(kind: StartedReadingKind): void {
    const attached = this.attached;
    const device = this.state.status.kind === 'connected' ? this.state.status.deviceName : (attached?.origin.label ?? '');
    this.calibration.start(attached && { beats$: attached.beats$, device, demo: attached.origin.demo, speed: attached.origin.speed }, kind);
  }

  cancelCalibration(): void {
    this.calibration.cancel();
  }

  /** Stops everything for good. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.calibration.stop();
    this.idle?.unsubscribe();
    this.idle = null;
    const source = this.release();
    this.completeStreams();
    if (source) await source.disconnect();
  }

  private release(): HeartRateSource | null {
    const attached = this.attached;
    this.attached = null;
    attached?.subscription.unsubscribe();
    return attached?.source ?? null;
  }

  /** With nothing attached the partner still has a readiness: the pipeline's own "no signal". */
  private runIdlePipeline(): void {
    this.idle?.unsubscribe();
    const pipeline = this.deps.partnerPipeline({
      beats$: NEVER,
      status$: of(IDLE),
      baseline$: this.baselineSubject.asObservable(),
      scheduler: this.deps.scheduler,
      speed: 1,
    });
    this.idle = pipeline.readiness$
      .pipe(this.track<PartnerReadinessView>(`readiness-idle-${this.id}`))
      .subscribe((readiness) => this.onReadiness(readiness));
  }

  private onStatus(status: SourceStatus): void {
    // A fresh source replays "idle" before connect() moves it on: keep showing "connecting".
    if (status.kind === 'idle' && this.state.status.kind === 'connecting') return;
    // A connection that ended before any beat (chooser cancelled, Bluetooth off, not a heart-rate
    // device) returns the partner to the choice of sources, keeping the reason in view.
    if (status.kind === 'disconnected' && status.code !== 'user' && this.state.lastBeat === null && this.attached) {
      void this.disconnect();
      this.update({ error: status.code === 'cancelled' ? 'No strap was chosen. You can try again.' : status.reason });
      return;
    }
    const hrOnly = this.state.hrOnly || (status.kind === 'connected' && status.hrOnly);
    const current = this.state.origin;
    const strap = status.kind === 'connected' && current?.kind === 'bluetooth';
    const origin = strap && current ? { ...current, label: status.deviceName } : current;
    this.update({ status, hrOnly, origin, ...(status.kind === 'connected' ? { notice: null } : {}) });
    if (strap && status.deviceId !== undefined) this.rememberStrap({ deviceId: status.deviceId, name: status.deviceName });
  }

  /** Keeps the connected strap as this partner's for next time, when it is not already. */
  private rememberStrap(memo: StrapMemo): void {
    const known = this.state.rememberedStrap;
    if (known?.deviceId === memo.deviceId && known.name === memo.name) return;
    this.update({ rememberedStrap: memo });
    // The browser now lets the page use this strap: have it at hand for the next tap.
    this.deps
      .rememberedStraps()
      .then((permitted) => (this.permitted = permitted))
      .catch(() => undefined);
    this.deps.straps
      ?.save(this.id, memo, this.state.displayName)
      .catch((error: unknown) => console.warn(`straps: could not remember partner ${this.id}'s strap`, error));
  }
}

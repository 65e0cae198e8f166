import { asyncScheduler, auditTime, BehaviorSubject, filter, map, NEVER, of, share, startWith, Subject, Subscription } from 'rxjs';
import type { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../ble/heart-rate-source';
import type { Scenario } from '../sim/simulator';
import type { CalmReading } from '../signal/calm-reading';
import type { Baseline, Beat, PartnerId, WindowMetrics } from '../signal/types';
import type { LiveDependencies, RememberedStrap, StartedReadingKind, StoredReading, StrapMemo } from './dependencies';
import { PartnerCalibration, type ReadingOutcome } from './partner-calibration';
import {
  acceptedReadings,
  baselineOfReadings,
  calmEndOffer,
  CalmTail,
  demoReadingsOf,
  judgeReading,
  learningOf,
  type CalmEndOffer,
} from './partner-readings';
import type { RecordingFile } from './partner-recording';
import { openRecording } from './partner-recording';
import {
  describeConnectError,
  displayNameOf,
  IDLE,
  initialPartnerView,
  TACHOGRAM_SPAN_SEC,
  TREND_SPAN_SEC,
  TREND_STEP_SEC,
  UI_REFRESH_MS,
  type PartnerView,
  type SourceOrigin,
  type TrendPoint,
} from './partner-view';
import type { PartnerReadinessView } from './readiness-types';
import { TimeSeriesBuffer } from './time-series-buffer';

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
 * recording, disconnect, rename), so the view never builds a source itself. Only the session creates it.
 */
export class PartnerModel {
  private state: PartnerView;
  private readonly changed = new Subject<void>();
  private readonly baselineSubject: BehaviorSubject<Baseline | null>;
  private readonly readinessSubject = new BehaviorSubject<PartnerReadinessView | null>(null);
  private readonly attachedSubject = new BehaviorSubject<number>(0);
  private readonly beatsSubject = new Subject<Beat>();
  private readonly metricsSubject = new Subject<WindowMetrics>();
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
  /** Demo readings, in memory only: the scenario's baseline as one, then demo calibrations that passed. */
  private demoReadings: readonly StoredReading[] = [];
  private demoBaseline: Baseline | null = null;
  /** The calm stretch the partner is in, for the calm end of a first session. */
  private readonly calmTail = new CalmTail();
  private lastTrendSec = Number.NEGATIVE_INFINITY;
  private disposed = false;

  /** Beats of the last two minutes, for the tachogram. */
  readonly tachogram = new TimeSeriesBuffer<Beat>(TACHOGRAM_SPAN_SEC, 1024);
  /** lnRMSSD and breathing rate of the last ten minutes, for the trend chart. */
  readonly trend = new TimeSeriesBuffer<TrendPoint>(TREND_SPAN_SEC, Math.ceil(TREND_SPAN_SEC / TREND_STEP_SEC) + 8);

  /** The partner's figures, at most every UI_REFRESH_MS (replays the latest on subscribe). */
  readonly snapshot$: Observable<PartnerView>;
  /**
   * Every change, unthrottled, replaying the latest on subscribe: for the small parts of the gauge
   * (figures, state, meter), each of which picks what it shows and skips repeats, so the screen
   * follows each beat within a frame without redrawing the rest of the view.
   */
  readonly live$: Observable<PartnerView>;
  /** Fires at most every UI_REFRESH_MS after any change; charts compare buffer versions before drawing. */
  readonly chartTick$: Observable<void>;
  /** Every readiness change, unthrottled, for the gate. Replays the latest. */
  readonly readiness$: Observable<PartnerReadinessView>;
  /** Emits when a source is attached or detached (the gate starts over). */
  readonly attachments$: Observable<number>;
  /** Every beat of whatever source is attached, on the session clock; hot, no replay (the recording subscribes). */
  readonly beats$: Observable<Beat>;
  /** Every window of metrics, per beat; hot, no replay. */
  readonly metrics$: Observable<WindowMetrics>;

  constructor(
    readonly id: PartnerId,
    name: string,
    private readonly deps: LiveDependencies,
    uiScheduler: SchedulerLike = asyncScheduler,
    /** The session's event time now (latest beat of either partner), where a new source starts. */
    private readonly sessionClockSec: () => number = () => 0,
    /** Simulated seconds per wall-clock second for the simulator and recordings this partner starts. */
    private readonly speed: number = 1,
    /** Counts the subscriptions to each long-lived stream (the session's diagnostics). */
    private readonly track: <T>(label: string) => MonoTypeOperatorFunction<T> = () => (source) => source,
  ) {
    this.baselineSubject = new BehaviorSubject<Baseline | null>(null);
    this.state = initialPartnerView(id, name);
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
    const ticks = this.changed.pipe(auditTime(UI_REFRESH_MS, uiScheduler), share());
    this.snapshot$ = ticks.pipe(
      startWith(undefined),
      map(() => this.state),
      this.track<PartnerView>(`view-snapshot-${id}`),
    );
    this.live$ = this.changed.pipe(
      startWith(undefined),
      map(() => this.state),
      this.track<PartnerView>(`view-live-${id}`),
    );
    this.chartTick$ = ticks.pipe(
      map(() => undefined),
      this.track<void>(`view-charts-${id}`),
    );
    this.readiness$ = this.readinessSubject.pipe(filter((r): r is PartnerReadinessView => r !== null));
    this.attachments$ = this.attachedSubject.asObservable();
    this.beats$ = this.beatsSubject.asObservable();
    this.metrics$ = this.metricsSubject.asObservable();
    this.runIdlePipeline();
  }

  /** The latest snapshot, unthrottled. */
  current(): PartnerView {
    return this.state;
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
   * The partner's own readings (loaded from storage, or kept since): their baseline is made of the
   * accepted ones (`baselineFromReadings`, the last 14).
   */
  setReadings(readings: readonly StoredReading[]): void {
    this.update({ readings, ownBaseline: baselineOfReadings(readings) });
    this.applyBaseline();
  }

  /**
   * The demo baseline for simulated data (never stored, never mixed with the partner's own): the
   * demo readings start over from it (none for a scenario without one, the first night).
   */
  setDemoBaseline(baseline: Baseline | null): void {
    this.demoReadings = demoReadingsOf(baseline);
    this.demoBaseline = baseline;
    this.applyBaseline();
  }

  /** Event time of this partner's latest beat on the session clock, or null before any beat. */
  latestBeatSec(): number | null {
    return this.state.lastBeat?.tSec ?? null;
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

  /**
   * The calm end of this session offered as the partner's first reading: only for a partner with
   * no accepted reading of their own, on real data (demo readings are never kept), when they spent
   * the last `CALM_END_SEC` near calm. Null when there is nothing to offer.
   */
  calmEnd(recordedAt: string): CalmEndOffer | null {
    const origin = this.state.origin;
    if (origin === null || origin.demo || acceptedReadings(this.state.readings).length > 0) return null;
    const device = this.state.status.kind === 'connected' ? this.state.status.deviceName : origin.label;
    return calmEndOffer(this.calmTail.lastSpan(), { recordedAt, device, demo: false });
  }

  /**
   * A finished calibration or calm check: checked against the partner's earlier accepted readings
   * of the same kind of data, kept either way (a real one in storage), used only when it passes.
   */
  private takeReading(reading: CalmReading): ReadingOutcome {
    if (reading.demo) {
      const stored = judgeReading(reading, this.demoReadings);
      if (!stored.verdict.accepted) return { accepted: false, message: `${stored.verdict.message} The demo baseline stays as it was.` };
      this.demoReadings = [...this.demoReadings, stored];
      this.demoBaseline = baselineOfReadings(this.demoReadings);
      this.applyBaseline();
      return { accepted: true, message: 'Demo baseline updated with this reading (simulated data, not stored).' };
    }
    const hadBaseline = this.state.ownBaseline !== null;
    const stored = judgeReading(reading, this.state.readings);
    this.setReadings([...this.state.readings, stored]);
    const store = this.deps.readings;
    const kept = store ? '' : ' It is kept for this session only: storage is not available here.';
    store?.save(this.id, stored).catch((error: unknown) => {
      const current = this.state.calibration;
      const reason = error instanceof Error ? error.message : String(error);
      if (current)
        this.update({ calibration: { ...current, message: `${current.message ?? ''} It could not be saved: ${reason}`.trim() } });
    });
    if (!stored.verdict.accepted) {
      const after = hadBaseline ? ' Your baseline stays as it was.' : '';
      return { accepted: false, message: `${stored.verdict.message}${after}${kept}` };
    }
    const learning = learningOf(this.state.readings);
    const said = learning.learning
      ? `Reading kept: still learning your calm (${learning.have} of ${learning.need}).`
      : `Reading kept: your baseline now comes from your last ${Math.min(learning.have, 14)} readings.`;
    return { accepted: true, message: `${said}${kept}` };
  }

  cancelCalibration(): void {
    this.calibration.cancel();
  }

  /** True when the partner's own baseline can be deleted (kept in memory only, or a store that deletes). */
  get canDeleteOwnBaseline(): boolean {
    return !this.deps.readings || typeof this.deps.readings.remove === 'function';
  }

  /** Deletes the partner's own baseline: every reading of theirs (and the stored copies). */
  async deleteOwnBaseline(): Promise<void> {
    if (this.deps.readings) {
      if (!this.deps.readings.remove) throw new Error('delete baseline: this storage cannot delete readings');
      await this.deps.readings.remove(this.id);
    }
    this.setReadings([]);
  }

  /** Stops everything for good. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.calibration.stop();
    this.idle?.unsubscribe();
    this.idle = null;
    const source = this.release();
    this.changed.complete();
    this.readinessSubject.complete();
    this.attachedSubject.complete();
    this.beatsSubject.complete();
    this.metricsSubject.complete();
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

  private applyBaseline(): void {
    const demo = this.state.origin?.demo === true;
    const baseline = demo ? this.demoBaseline : this.state.ownBaseline;
    // A scenario's demo baseline is given, not learnt: only demo readings taken here are "learning".
    const learning = demo
      ? this.demoReadings[0]?.reading.kind === 'migrated'
        ? null
        : learningOf(this.demoReadings)
      : learningOf(this.state.readings);
    const sameLearning =
      learning === this.state.learning ||
      (learning !== null &&
        this.state.learning !== null &&
        learning.have === this.state.learning.have &&
        learning.learning === this.state.learning.learning);
    if (baseline !== this.baselineSubject.value) this.baselineSubject.next(baseline);
    if (baseline !== this.state.baseline || !sameLearning) this.update({ baseline, learning });
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

  private onReadiness(readiness: PartnerReadinessView): void {
    if (readiness.state !== 'near-baseline') this.calmTail.clear();
    this.readinessSubject.next(readiness);
    this.update({ readiness });
  }

  private onMetrics(metrics: WindowMetrics): void {
    this.metricsSubject.next(metrics);
    if (metrics.endSec - this.lastTrendSec >= TREND_STEP_SEC) {
      this.lastTrendSec = metrics.endSec;
      // A heart-rate-only device has no HRV: its trend stays empty rather than showing guesses.
      this.trend.push({
        tSec: metrics.endSec,
        lnRmssd: metrics.hrOnly ? null : metrics.lnRmssd,
        breathsPerMin: metrics.hrOnly ? null : metrics.breathsPerMin,
      });
    }
    this.update({ metrics, hrOnly: this.state.hrOnly || metrics.hrOnly });
  }

  private onBeat(beat: Beat): void {
    this.beatsSubject.next(beat);
    this.calmTail.push(beat, this.state.readiness?.state === 'near-baseline');
    this.tachogram.push(beat);
    this.update({ lastBeat: beat, hrOnly: this.state.hrOnly || beat.rrMs === null });
  }

  private update(patch: Partial<PartnerView>): void {
    this.state = { ...this.state, ...patch };
    if (!this.disposed) this.changed.next();
  }
}

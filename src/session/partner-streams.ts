import { auditTime, BehaviorSubject, filter, map, share, startWith, Subject } from 'rxjs';
import type { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs';
import type { Beat, PartnerId, WindowMetrics } from '../signal/types';
import { CalmTail } from './partner-readings';
import {
  initialPartnerView,
  TACHOGRAM_SPAN_SEC,
  TREND_SPAN_SEC,
  TREND_STEP_SEC,
  UI_REFRESH_MS,
  type PartnerView,
  type TrendPoint,
} from './partner-view';
import type { PartnerReadinessView } from './readiness-types';
import { TimeSeriesBuffer } from './time-series-buffer';

/**
 * What one partner shows: the latest view and the streams made of it (throttled for the screen,
 * unthrottled for the gauge and the gate), the chart buffers, and the beats and metrics of the
 * attached source. `PartnerModel` (`partner.ts`) extends it with the partner's intents, and only it
 * feeds these streams (`onBeat`, `onMetrics`, `onReadiness`, `update`).
 */
export abstract class PartnerStreams {
  protected state: PartnerView;
  private readonly changed = new Subject<void>();
  private readonly readinessSubject = new BehaviorSubject<PartnerReadinessView | null>(null);
  protected readonly attachedSubject = new BehaviorSubject<number>(0);
  private readonly beatsSubject = new Subject<Beat>();
  private readonly metricsSubject = new Subject<WindowMetrics>();
  /** The calm stretch the partner is in, for the calm end of a first session. */
  protected readonly calmTail = new CalmTail();
  protected lastTrendSec = Number.NEGATIVE_INFINITY;
  protected disposed = false;

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
    uiScheduler: SchedulerLike,
    /** Counts the subscriptions to each long-lived stream (the session's diagnostics). */
    protected readonly track: <T>(label: string) => MonoTypeOperatorFunction<T>,
  ) {
    this.state = initialPartnerView(id, name);
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
  }

  /** The latest snapshot, unthrottled. */
  current(): PartnerView {
    return this.state;
  }

  /** Event time of this partner's latest beat on the session clock, or null before any beat. */
  latestBeatSec(): number | null {
    return this.state.lastBeat?.tSec ?? null;
  }

  protected onReadiness(readiness: PartnerReadinessView): void {
    if (readiness.state !== 'near-baseline') this.calmTail.clear();
    this.readinessSubject.next(readiness);
    this.update({ readiness });
  }

  protected onMetrics(metrics: WindowMetrics): void {
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

  protected onBeat(beat: Beat): void {
    this.beatsSubject.next(beat);
    this.calmTail.push(beat, this.state.readiness?.state === 'near-baseline');
    this.tachogram.push(beat);
    this.update({ lastBeat: beat, hrOnly: this.state.hrOnly || beat.rrMs === null });
  }

  protected update(patch: Partial<PartnerView>): void {
    this.state = { ...this.state, ...patch };
    if (!this.disposed) this.changed.next();
  }

  /** Ends every stream, for good (the partner is disposed). */
  protected completeStreams(): void {
    this.changed.complete();
    this.readinessSubject.complete();
    this.attachedSubject.complete();
    this.beatsSubject.complete();
    this.metricsSubject.complete();
  }
}

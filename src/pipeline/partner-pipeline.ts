/**
 * `createPartnerPipeline`: one partner's chain from beats to readiness (DESIGN.md, Data flow).
 */
import { asyncScheduler, Observable, share, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { SourceStatus } from '../sources/heart-rate-source';
import { assessPartner, type PartnerLink, type PartnerReadiness } from '../signal/readiness';
import { NO_FLOODING, recentMedianHr, stepFlooding, type FloodingTrack } from '../signal/readiness-flooding';
import { READINESS_PARAMS, type ReadinessParams } from '../signal/readiness-params';
import { createSettlingTracker } from '../signal/readiness-settling';
import type { Baseline, Beat, Trend, WindowMetrics } from '../signal/types';
import { toMetrics } from './metrics';
import { shareLatest } from './readiness-share';
import { toTrend } from './trend';

export interface PartnerPipelineInputs {
  /** The source's beats in event time (`HeartRateSource.beats$`). */
  readonly beats$: Observable<Beat>;
  /** The source's status (`HeartRateSource.status$`; replays the latest). */
  readonly status$: Observable<SourceStatus>;
  /** The partner's baseline, null while there is none; the latest value is used. */
  readonly baseline$: Observable<Baseline | null>;
  /** Wall-clock scheduler for the "source went silent" timer; `asyncScheduler` by default. */
  readonly scheduler?: SchedulerLike;
  /**
   * How many event-time seconds the source plays per wall-clock second (simulator or replay
   * `speed`; 1 for a live strap). Scales the silence timer so it fires after `noBeatSec` of event time.
   */
  readonly speed?: number;
  /** Thresholds; `READINESS_PARAMS` by default. */
  readonly params?: ReadinessParams;
  /**
   * True for a device that leaves out every beat it cannot detect (Empatica E4 `IBI.csv`): the
   * partner is then judged once the last `windowSec` is covered by beats for `minCoveredSec`
   * (`coveredSec` in the snapshot) instead of after `minUsableSec` of uninterrupted beats.
   */
  readonly dropsBeats?: boolean;
}

export interface PartnerPipeline {
  /** Window metrics on every beat (`toMetrics`, 60 s window). Shared, replays the latest (see below). */
  readonly metrics$: Observable<WindowMetrics>;
  /** lnRMSSD and breathing trend over 2 minutes (`toTrend`). Shared, replays the latest. */
  readonly trend$: Observable<Trend>;
  /** Readiness on every beat and on every status or baseline change. Shared, replays the latest. */
  readonly readiness$: Observable<PartnerReadiness>;
}

/**
 * Builds one partner's pipeline: beats → metrics → trend, and readiness against the baseline
 * (`assessPartner` with the rules of DESIGN.md, Readiness gate).
 *
 * **No signal, and replay speed.** "No beat for 5 s" needs time to pass without beats, which event
 * time alone cannot see while nothing arrives. Two mechanisms, chosen so that a recording replayed
 * at 1× and at 50× gives the same transitions at the same event times:
 * - When beats resume after a silence of `noBeatSec` or more *in event time*, the pipeline first
 *   emits `no-signal` stamped at last beat + `noBeatSec`, then carries on; usable data starts again
 *   from the resumed beat. This is exact at any speed.
 * - Only for a source that goes silent and stays silent, a timer on `scheduler` fires after
 *   max(`noBeatSec` / `speed`, `minSilenceWallSec`) of wall time and emits the same `no-signal`
 *   stamp (then again every `noBeatSec` of event time, with the silence growing). The floor keeps
 *   timer jitter at high speeds from declaring a silence that event time will not confirm; a silence
 *   the timer misses is still caught by the first mechanism, with the same stamp.
 * A status other than `connected` gives `no-signal` at once, stamped with the latest event time.
 *
 * **Sharing.** `metrics$`, `trend$` and `readiness$` are shared with `shareLatest`: one computation
 * per pipeline while anyone listens, the latest value replayed to late subscribers, everything torn
 * down (and the state forgotten) when the last subscriber leaves. `beats$` is subscribed once for
 * all three. Subjects are never exposed.
 *
 * Readiness is evaluated when a beat's metrics arrive, using the latest trend, which may be one beat
 * old (a 2-minute slope does not change in one beat).
 */
export function createPartnerPipeline(inputs: PartnerPipelineInputs): PartnerPipeline {
  const params = inputs.params ?? READINESS_PARAMS;
  const scheduler = inputs.scheduler ?? asyncScheduler;
  const speed = inputs.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new Error(`createPartnerPipeline: speed must be a positive number (got ${speed})`);
  }
  // One subscription to the source for every consumer; reset when nobody listens.
  const beats$ = inputs.beats$.pipe(share());
  const metrics$ = beats$.pipe(toMetrics({ windowSec: params.windowSec }), shareLatest());
  const trend$ = metrics$.pipe(toTrend({ spanSec: params.trendSpanSec, minPairs: params.minHrvPairs }), shareLatest());
  const readiness$ = readinessStream({
    beats$,
    metrics$,
    trend$,
    status$: inputs.status$,
    baseline$: inputs.baseline$,
    scheduler,
    speed,
    params,
    dropsBeats: inputs.dropsBeats === true,
  }).pipe(shareLatest());
  return { metrics$, trend$, readiness$ };
}

interface ReadinessStreamInputs {
  readonly beats$: Observable<Beat>;
  readonly metrics$: Observable<WindowMetrics>;
  readonly trend$: Observable<Trend>;
  readonly status$: Observable<SourceStatus>;
  readonly baseline$: Observable<Baseline | null>;
  readonly scheduler: SchedulerLike;
  readonly speed: number;
  readonly params: ReadinessParams;
  readonly dropsBeats: boolean;
}

function readinessStream(inputs: ReadinessStreamInputs): Observable<PartnerReadiness> {
  const { params, scheduler, speed, dropsBeats } = inputs;
  return new Observable<PartnerReadiness>((subscriber) => {
    let link: PartnerLink = { kind: 'not-connected', status: 'idle', detail: null };
    let statusHrOnly = false;
    let baseline: Baseline | null = null;
    let trend: Trend | null = null;
    let metrics: WindowMetrics | null = null;
    /** Recent beats, for the flooding heart rate (only the smoothing span is kept). */
    let recent: Beat[] = [];
    let lastBeat: Beat | null = null;
    /** Event time the current run of uninterrupted signal started, seconds. */
    let runSinceSec: number | null = null;
    let flooding: FloodingTrack = NO_FLOODING;
    /** Beats of the last `windowSec` and the sum of their intervals, seconds (devices that drop beats). */
    let covered: { tSec: number; sec: number }[] = [];
    let coveredHead = 0;
    let coveredSum = 0;
    /**
     * Heart-rate plateau over the last two minutes, for the first-night rules (no baseline). Kept
     * across dropouts: it judges the beats in its span, however many a wrist device let through.
     */
    const settling = createSettlingTracker(params);
    /** Latest event time seen, seconds. */
    let nowSec = 0;
    /** True once `no-signal` was emitted for the current silence. */
    let silenceReported = false;
    /** Metrics that arrived before their beat (consumer order is not guaranteed). */
    let pendingMetrics: WindowMetrics | null = null;
    let timer: Subscription | null = null;
    let started = false;

    const emit = (): void => {
      started = true;
      subscriber.next(
        assessPartner(
          {
            tSec: nowSec,
            link,
            usableSec: runSinceSec === null ? 0 : nowSec - runSinceSec,
            ...(dropsBeats ? { coveredSec: coveredOf(nowSec) } : {}),
            metrics,
            trend,
            baseline,
            hrOnly: statusHrOnly,
            flooding,
            settling: settling.read(nowSec),
          },
          params,
        ),
      );
    };

    const dropCoveredBefore = (fromSec: number): void => {
      while (coveredHead < covered.length && covered[coveredHead]!.tSec <= fromSec) {
        coveredSum -= covered[coveredHead]!.sec;
        coveredHead += 1;
      }
      if (coveredHead > 256) {
        covered = covered.slice(coveredHead);
        coveredHead = 0;
      }
    };

    /** Seconds of (t − windowSec, t] covered by beats: their intervals, at most the window. */
    const coveredOf = (tSec: number): number => {
      dropCoveredBefore(tSec - params.windowSec);
      return Math.min(params.windowSec, Math.max(0, coveredSum));
    };

    const loseSignal = (): void => {
      runSinceSec = null;
      flooding = NO_FLOODING;
      metrics = null;
      recent = [];
    };

    const emitSilence = (silentSec: number, atSec: number): void => {
      silenceReported = true;
      loseSignal();
      nowSec = Math.max(nowSec, atSec);
      const saved = link;
      link = { kind: 'silent', silentSec };
      emit();
      link = saved;
    };

    const armSilenceTimer = (): void => {
      timer?.unsubscribe();
      const fromSec = lastBeat?.tSec ?? nowSec;
      const wallMs = Math.max(params.noBeatSec / speed, params.minSilenceWallSec) * 1000;
      let silentSec = params.noBeatSec;
      timer = scheduler.schedule(function tick(this: SchedulerAction<unknown>) {
        if (link.kind !== 'connected') return;
        emitSilence(silentSec, fromSec + silentSec);
        silentSec += params.noBeatSec;
        this.schedule(undefined, (params.noBeatSec / speed) * 1000);
      }, wallMs);
    };

    const evaluate = (m: WindowMetrics): void => {
      metrics = m;
      nowSec = Math.max(nowSec, m.endSec);
      const hr = recentMedianHr(recent, nowSec, params.floodingSmoothingSec);
      if (hr !== undefined) flooding = stepFlooding(flooding, nowSec, hr, baseline?.hrBpm ?? null, params);
      if (link.kind === 'connected') emit();
    };

    const onBeat = (beat: Beat): void => {
      if (!Number.isFinite(beat.tSec)) return;
      if (lastBeat !== null && beat.tSec - lastBeat.tSec >= params.noBeatSec && !silenceReported) {
        // The source was silent long enough in event time: report it where it happened.
        emitSilence(params.noBeatSec, lastBeat.tSec + params.noBeatSec);
      }
      if (runSinceSec === null || (lastBeat !== null && beat.tSec - lastBeat.tSec >= params.noBeatSec)) {
        loseSignal();
        // The first RR interval started before its beat; count it as usable time.
        runSinceSec = beat.tSec - (beat.rrMs ?? 0) / 1000;
      }
      silenceReported = false;
      if (dropsBeats) {
        // A beat covers its own interval; a heart-rate sample, the time since the previous one (capped).
        const sec = beat.rrMs !== null ? beat.rrMs / 1000 : lastBeat === null ? 0 : Math.min(beat.tSec - lastBeat.tSec, params.noBeatSec);
        covered.push({ tSec: beat.tSec, sec });
        coveredSum += sec;
      }
      lastBeat = beat;
      recent.push(beat);
      settling.add(beat);
      const keepFrom = beat.tSec - params.floodingSmoothingSec;
      while (recent.length > 0 && recent[0]!.tSec <= keepFrom) recent.shift();
      if (link.kind === 'connected') armSilenceTimer();
      if (pendingMetrics !== null && pendingMetrics.endSec <= beat.tSec) {
        const m = pendingMetrics;
        pendingMetrics = null;
        evaluate(m);
      }
    };

    const onMetrics = (m: WindowMetrics): void => {
      if (lastBeat === null || m.endSec > lastBeat.tSec) {
        pendingMetrics = m;
        return;
      }
      evaluate(m);
    };

    const onStatus = (status: SourceStatus): void => {
      if (status.kind === 'connected') {
        statusHrOnly = status.hrOnly;
        const wasConnected = link.kind === 'connected';
        link = { kind: 'connected' };
        if (!wasConnected) {
          armSilenceTimer();
          emit();
        }
        return;
      }
      timer?.unsubscribe();
      timer = null;
      loseSignal();
      // This gap is reported now; beats after a reconnect must not report it again as a silence.
      silenceReported = true;
      link = {
        kind: 'not-connected',
        status: status.kind,
        detail: status.kind === 'disconnected' ? status.reason : null,
      };
      emit();
    };

    const onBaseline = (next: Baseline | null): void => {
      baseline = next;
      if (started) emit();
    };

    const fail = (err: unknown): void => subscriber.error(err);
    // Baseline and status first, so the first readiness already knows them; beats before metrics,
    // so a beat is usually in `recent` when its metrics arrive (either order is handled).
    subscriber.add(inputs.baseline$.subscribe({ next: onBaseline, error: fail }));
    subscriber.add(inputs.status$.subscribe({ next: onStatus, error: fail }));
    const onEnd = (): void => {
      // A source that ended sends nothing more: say so, so the gate never stays ready on old data.
      timer?.unsubscribe();
      timer = null;
      loseSignal();
      link = { kind: 'not-connected', status: 'disconnected', detail: 'the source ended' };
      emit();
      subscriber.complete();
    };
    subscriber.add(inputs.beats$.subscribe({ next: onBeat, error: fail, complete: onEnd }));
    subscriber.add(inputs.metrics$.subscribe({ next: onMetrics, error: fail }));
    subscriber.add(inputs.trend$.subscribe({ next: (t) => (trend = t), error: fail }));
    subscriber.add(() => timer?.unsubscribe());
  });
}

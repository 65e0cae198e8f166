/**
 * `calibrate`: the 3-minute seated-rest recording as a stream (DESIGN.md, Readiness gate).
 */
import { asyncScheduler, Observable, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import {
  calibrationFromBeats,
  describeCalibrationProblem,
  type CalibrationProblem,
  type CalibrationQuality,
} from '../signal/baseline-calibration';
import { READINESS_PARAMS, type ReadinessParams } from '../signal/readiness-params';
import type { Baseline, Beat, WindowMetrics } from '../signal/types';

export type { CalibrationOutcome, CalibrationProblem, CalibrationQuality } from '../signal/baseline-calibration';

/** A calibration that could not give a baseline; `problem` says why in data, `message` in words. */
export class CalibrationError extends Error {
  readonly problem: CalibrationProblem;
  readonly quality: CalibrationQuality | null;

  constructor(problem: CalibrationProblem, quality: CalibrationQuality | null = null) {
    super(describeCalibrationProblem(problem));
    this.name = 'CalibrationError';
    this.problem = problem;
    this.quality = quality;
  }
}

export interface CalibrateOptions {
  /** Name of the device recorded, or "simulator". */
  readonly device: string;
  /** True for a demo partner: the baseline is marked demo. */
  readonly demo?: boolean;
  /** True when the device sends heart rate only. */
  readonly hrOnly?: boolean;
  /** Date stamped on the baseline, ISO 8601; by default the scheduler's clock when it completes. */
  readonly recordedAt?: string;
  /** Wall-clock scheduler for the silence timeout; `asyncScheduler` by default. */
  readonly scheduler?: SchedulerLike;
  /** Event-time seconds the source plays per wall second (1 for a strap); scales the timeout. */
  readonly speed?: number;
  readonly params?: ReadinessParams;
}

/** What `calibrate` emits: progress on every beat, then the result once. */
export type CalibrationEvent =
  | {
      readonly kind: 'progress';
      /** Event time of the latest beat, seconds. */
      readonly tSec: number;
      readonly elapsedSec: number;
      /** 0–1. */
      readonly fraction: number;
      /** Whole seconds left, rounded up. */
      readonly secondsLeft: number;
    }
  | {
      readonly kind: 'done';
      readonly baseline: Baseline;
      readonly windows: readonly WindowMetrics[];
      readonly quality: CalibrationQuality;
    };

/**
 * Records `calibrationSec` (3 minutes) of seated rest from `beats$` and turns it into a baseline
 * (`calibrationFromBeats`: mean and SD of lnRMSSD, heart rate and breathing over 60 s rest windows).
 *
 * Emits `progress` (fraction 0–1 and seconds left, in event time) on every beat, then one `done`
 * with the baseline and the recording's quality, and completes. It errors with a
 * `CalibrationError` ("calibrate: …", with a typed `problem`) when the recording is too noisy, has
 * dropouts, gives no HRV, or ends early; and when no beat arrives for `calibrationFirstBeatSec`
 * (first beat) or `calibrationMaxGapSec` (later) of event time — measured on `scheduler` as that
 * time divided by `speed`, at least `minSilenceWallSec`, because a silent strap sends nothing that
 * event time could measure.
 *
 * Cold: each subscription records its own calibration from the beats that arrive while it listens;
 * unsubscribing abandons it. Nothing is shared or replayed.
 */
export function calibrate(beats$: Observable<Beat>, options: CalibrateOptions): Observable<CalibrationEvent> {
  const params = options.params ?? READINESS_PARAMS;
  const scheduler = options.scheduler ?? asyncScheduler;
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new Error(`calibrate: speed must be a positive number (got ${speed})`);
  }
  if (options.device.trim() === '') throw new Error('calibrate: device name is empty');
  const wallMs = (eventSec: number): number => Math.max(eventSec / speed, params.minSilenceWallSec) * 1000;

  return new Observable<CalibrationEvent>((subscriber) => {
    const beats: Beat[] = [];
    let originSec: number | null = null;
    let timer: Subscription | null = null;
    let finished = false;

    const fail = (error: unknown): void => {
      finished = true;
      timer?.unsubscribe();
      subscriber.error(error);
    };
    const arm = (silentSec: number): void => {
      timer?.unsubscribe();
      timer = scheduler.schedule(function (this: SchedulerAction<unknown>) {
        fail(new CalibrationError({ kind: 'no-beats', silentSec }));
      }, wallMs(silentSec));
    };

    const finish = (): void => {
      finished = true;
      timer?.unsubscribe();
      const recordedAt = options.recordedAt ?? new Date(scheduler.now()).toISOString();
      const outcome = calibrationFromBeats(
        beats,
        { recordedAt, device: options.device, demo: options.demo, hrOnly: options.hrOnly },
        params,
      );
      if (!outcome.ok) {
        subscriber.error(new CalibrationError(outcome.problem, outcome.quality));
        return;
      }
      subscriber.next({ kind: 'done', baseline: outcome.baseline, windows: outcome.windows, quality: outcome.quality });
      subscriber.complete();
    };

    arm(params.calibrationFirstBeatSec);
    const sub = beats$.subscribe({
      next: (beat) => {
        if (finished || !Number.isFinite(beat.tSec)) return;
        const last = beats[beats.length - 1];
        if (last !== undefined && beat.tSec <= last.tSec) return; // out-of-order beats are dropped, never reordered
        beats.push(beat);
        originSec ??= beat.tSec - (beat.rrMs === null ? 1 : beat.rrMs / 1000);
        const elapsedSec = Math.min(beat.tSec - originSec, params.calibrationSec);
        subscriber.next({
          kind: 'progress',
          tSec: beat.tSec,
          elapsedSec,
          fraction: elapsedSec / params.calibrationSec,
          secondsLeft: Math.ceil(params.calibrationSec - elapsedSec),
        });
        if (beat.tSec - originSec >= params.calibrationSec) finish();
        else arm(params.calibrationMaxGapSec);
      },
      error: fail,
      complete: () => {
        if (!finished) finish(); // too short: calibrationFromBeats says so
      },
    });
    return () => {
      timer?.unsubscribe();
      sub.unsubscribe();
    };
  });
}

/**
 * Turning one seated-rest recording into a baseline, or a clear reason why not (DESIGN.md,
 * Readiness gate: "first use runs a 3-minute seated-rest calibration").
 */
import { baselineFromCalibration, type CalibrationMeta } from './baseline';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { Baseline, Beat, WindowMetrics } from './types';
import { computeWindowMetrics } from './window-metrics';

/** Why a calibration could not give a baseline. */
export type CalibrationProblem =
  /** The recording stopped before the calibration length. */
  | { readonly kind: 'too-short'; readonly haveSec: number; readonly needSec: number }
  /** Too many beats were artifacts (loose strap, movement, dry electrodes). */
  | { readonly kind: 'noisy'; readonly artifactRate: number; readonly limitRate: number }
  /** Beats were missing for too long at once or in all. */
  | {
      readonly kind: 'dropouts';
      readonly longestGapSec: number;
      readonly missingSec: number;
      readonly maxGapSec: number;
      readonly maxMissingSec: number;
    }
  /** A device with RR intervals, but no window had enough clean successive beats for RMSSD. */
  | { readonly kind: 'no-hrv' }
  /** No beat arrived for a while during the recording (reported by the stream). */
  | { readonly kind: 'no-beats'; readonly silentSec: number };

/** What the recording was like, whether or not it gave a baseline. */
export interface CalibrationQuality {
  /** Event time covered, seconds (from the start of the first RR interval to the last beat). */
  readonly durationSec: number;
  readonly beats: number;
  /** Share of beats flagged as artifacts over the whole recording, 0–1. */
  readonly artifactRate: number;
  /** Longest stretch without beats beyond the expected interval, seconds. */
  readonly longestGapSec: number;
  /** All such stretches added up, seconds. */
  readonly missingSec: number;
}

export type CalibrationOutcome =
  | {
      readonly ok: true;
      readonly baseline: Baseline;
      /** The rest windows the baseline was computed from. */
      readonly windows: readonly WindowMetrics[];
      readonly quality: CalibrationQuality;
    }
  | { readonly ok: false; readonly problem: CalibrationProblem; readonly message: string; readonly quality: CalibrationQuality };

/** A gap shorter than this beyond the expected interval is timing jitter, not a dropout, seconds. */
const GAP_JITTER_SEC = 0.25;
/** Expected spacing of heart-rate-only samples (one notification a second), seconds. */
const HR_ONLY_SPACING_SEC = 1;

const pct = (rate: number): number => Math.round(rate * 100);
const whole = (sec: number): number => Math.round(sec);

/**
 * Plain words for a calibration problem, as an `Error` message ("calibrate: reason — what to do").
 */
export function describeCalibrationProblem(problem: CalibrationProblem): string {
  switch (problem.kind) {
    case 'too-short':
      return `calibrate: the recording stopped after ${whole(problem.haveSec)} s; a baseline needs ${whole(problem.needSec)} s of seated rest — please try again`;
    case 'noisy':
      return `calibrate: the signal was too noisy (${pct(problem.artifactRate)} % of beats unclear; at most ${pct(problem.limitRate)} %) — moisten the strap's electrodes, snug it up and sit still`;
    case 'dropouts':
      return `calibrate: the strap lost contact for ${whole(problem.longestGapSec)} s at the longest, ${whole(problem.missingSec)} s in all (at most ${whole(problem.maxGapSec)} s at once and ${whole(problem.maxMissingSec)} s in all) — check its fit and stay near the device`;
    case 'no-hrv':
      return 'calibrate: too few clean successive beats to measure heart-rate variability — sit still, breathe easily and try again';
    case 'no-beats':
      return `calibrate: no heartbeat for ${whole(problem.silentSec)} s — check that the strap is on, moist and connected`;
  }
}

/** One recording measured for quality, before any baseline is computed from it. */
export interface MeasuredRecording {
  /** Start of the recording: the first beat's interval begins here, event-time seconds. */
  readonly originSec: number;
  /** End of the span used, event-time seconds. */
  readonly endSec: number;
  /** The beats within (originSec, endSec]. */
  readonly used: readonly Beat[];
  readonly hrOnly: boolean;
  readonly quality: CalibrationQuality;
  /** Why the recording cannot be used, or null when it passes the quality checks. */
  readonly problem: CalibrationProblem | null;
}

/**
 * The signal-quality checks shared by calibrations and calm readings: the span covers at least
 * `needSec` (with one beat of slack, 2 s); beats are missing for no more than
 * `calibrationMaxGapSec` at once and `calibrationMaxMissingSec` in all (time between beats beyond
 * their RR interval, or beyond 1 s for heart-rate-only samples); at most
 * `calibrationMaxArtifactRate` of the beats are artifacts. Beats after `maxSec` are ignored.
 * The "no HRV" check needs windows and is left to the caller.
 *
 * @param beats - the recording in event time, increasing `tSec`.
 * @param span - `needSec` the least length, `maxSec` the most used (Infinity for all), seconds.
 * @param hrOnlyHint - true when the device is known to send heart rate only.
 */
export function measureRecording(
  beats: readonly Beat[],
  span: { readonly needSec: number; readonly maxSec: number },
  hrOnlyHint: boolean,
  params: ReadinessParams = READINESS_PARAMS,
): MeasuredRecording {
  const { needSec } = span;
  const first = beats[0];
  // The first beat's interval (or, for a heart-rate-only sample, the second it summarises) is part
  // of the recording, so the origin lies before it and every window (start exclusive) includes it.
  const originSec = first === undefined ? 0 : first.tSec - (first.rrMs === null ? HR_ONLY_SPACING_SEC : first.rrMs / 1000);
  const limitSec = originSec + span.maxSec;
  const used = beats.filter((b) => b.tSec <= limitSec);
  const last = used[used.length - 1];
  const endSec = Number.isFinite(limitSec) ? limitSec : (last?.tSec ?? originSec);
  const hrOnly = hrOnlyHint || used.every((b) => b.rrMs === null);

  let longestGapSec = 0;
  let missingSec = 0;
  for (let i = 1; i < used.length; i += 1) {
    const expected = used[i]!.rrMs === null ? HR_ONLY_SPACING_SEC : used[i]!.rrMs! / 1000;
    const gap = used[i]!.tSec - used[i - 1]!.tSec - expected;
    if (gap > GAP_JITTER_SEC) {
      longestGapSec = Math.max(longestGapSec, gap);
      missingSec += gap;
    }
  }
  const overall = used.length > 0 ? computeWindowMetrics(used, originSec, endSec) : null;
  const quality: CalibrationQuality = {
    durationSec: last === undefined ? 0 : last.tSec - originSec,
    beats: used.length,
    artifactRate: overall?.artifactRate ?? 0,
    longestGapSec,
    missingSec,
  };
  const slackSec = 2;
  let problem: CalibrationProblem | null = null;
  if (quality.durationSec < needSec - slackSec) problem = { kind: 'too-short', haveSec: quality.durationSec, needSec };
  else if (longestGapSec > params.calibrationMaxGapSec || missingSec > params.calibrationMaxMissingSec) {
    problem = {
      kind: 'dropouts',
      longestGapSec,
      missingSec,
      maxGapSec: params.calibrationMaxGapSec,
      maxMissingSec: params.calibrationMaxMissingSec,
    };
  } else if (!hrOnly && quality.artifactRate > params.calibrationMaxArtifactRate) {
    problem = { kind: 'noisy', artifactRate: quality.artifactRate, limitRate: params.calibrationMaxArtifactRate };
  }
  return { originSec, endSec, used, hrOnly, quality, problem };
}

/**
 * Checks one seated-rest recording and, when it is good enough, computes its baseline with
 * `baselineFromCalibration` over rest windows of `calibrationWindowSec` stepped by
 * `calibrationStepSec` (0–60, 30–90, 60–120, 90–150, 120–180 s for the 3-minute default).
 *
 * It fails, saying why, when: the recording covers less than `calibrationSec` (with one beat of
 * slack, 2 s); more than `calibrationMaxArtifactRate` of its beats are artifacts; beats are missing
 * for more than `calibrationMaxGapSec` at once or `calibrationMaxMissingSec` in all (time between
 * beats beyond their RR interval, or beyond 1 s for heart-rate-only samples); or a device with RR
 * intervals gives no window with an RMSSD. Beats after the calibration length are ignored.
 *
 * @param beats - the recording in event time, increasing `tSec`.
 * @param meta - date, device, demo flag; heart-rate-only when `meta.hrOnly` or no beat has an RR.
 */
export function calibrationFromBeats(
  beats: readonly Beat[],
  meta: CalibrationMeta,
  params: ReadinessParams = READINESS_PARAMS,
): CalibrationOutcome {
  const needSec = params.calibrationSec;
  const { originSec, endSec, used, hrOnly, quality, problem } = measureRecording(
    beats,
    { needSec, maxSec: needSec },
    meta.hrOnly === true,
    params,
  );
  const fail = (p: CalibrationProblem): CalibrationOutcome => ({
    ok: false,
    problem: p,
    message: describeCalibrationProblem(p),
    quality,
  });
  if (problem !== null) return fail(problem);

  const windows: WindowMetrics[] = [];
  for (let start = originSec; start + params.calibrationWindowSec <= endSec + 1e-9; start += params.calibrationStepSec) {
    windows.push(computeWindowMetrics(used, start, Math.min(start + params.calibrationWindowSec, endSec)));
  }
  if (!hrOnly && windows.every((w) => w.lnRmssd === null)) return fail({ kind: 'no-hrv' });
  const baseline = baselineFromCalibration(windows, { ...meta, hrOnly }, params);
  return { ok: true, baseline, windows, quality };
}

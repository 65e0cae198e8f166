/**
 * Personal resting baselines (DESIGN.md, Readiness gate): from the windows of one seated-rest
 * calibration, and rolled over repeated calibrations with recent ones weighing more.
 */
import type { Baseline, WindowMetrics } from './types';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import { mean, sampleSd } from '../stats/descriptive';

/** Facts about a calibration that the windows do not carry. */
export interface CalibrationMeta {
  /** When the calibration was recorded, ISO 8601. */
  readonly recordedAt: string;
  /** Device name, or "simulator". */
  readonly device: string;
  /** True for demo partners; demo baselines are never rolled with real ones. */
  readonly demo?: boolean;
  /** True when the device sends heart rate only: the baseline then has no lnRMSSD or breathing. */
  readonly hrOnly?: boolean;
}

const finite = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null && Number.isFinite(v));

/**
 * Baseline from the rest windows of one calibration: mean and sample SD (n − 1) of lnRMSSD, mean
 * heart rate, and mean breathing rate over the windows whose estimate has at least
 * `minBreathingConfidence`.
 *
 * - lnRMSSD is averaged in the log domain (Plews et al. 2012, doi:10.1007/s00421-012-2354-4;
 *   Esco & Flatt 2014), where day-to-day HRV is near-normal. SD is null with fewer than two windows
 *   that have an lnRMSSD; the readiness rule then uses its floor `minLnRmssdSd`.
 * - A heart-rate-only calibration (`meta.hrOnly`, or every window `hrOnly`) stores null lnRMSSD and
 *   breathing: nothing is guessed.
 *
 * @param windows - metrics of the rest windows (60 s, stepped by 30 s in the app).
 * @param meta - date, device and demo flag.
 * @throws Error "baselineFromCalibration: …" when no window has a heart rate.
 */
export function baselineFromCalibration(
  windows: readonly WindowMetrics[],
  meta: CalibrationMeta,
  params: ReadinessParams = READINESS_PARAMS,
): Baseline {
  const hrBpm = mean(finite(windows.map((w) => w.hrBpm)));
  if (hrBpm === undefined) {
    throw new Error(`baselineFromCalibration: no window with a heart rate (${windows.length} windows given)`);
  }
  const hrOnly = meta.hrOnly === true || windows.every((w) => w.hrOnly);
  const ln = hrOnly ? [] : finite(windows.map((w) => w.lnRmssd));
  const breaths = hrOnly
    ? []
    : finite(windows.map((w) => (w.breathingConfidence >= params.minBreathingConfidence ? w.breathsPerMin : null)));
  return {
    lnRmssdMean: mean(ln) ?? null,
    lnRmssdSd: sampleSd(ln) ?? null,
    hrBpm,
    breathsPerMin: mean(breaths) ?? null,
    recordedAt: meta.recordedAt,
    device: meta.device,
    calibrations: 1,
    demo: meta.demo === true,
  };
}

/** Weighted mix of two optional values; when one is missing the other stands alone. */
function mix(previous: number | null, next: number | null, w: number): number | null {
  if (previous === null) return next;
  if (next === null) return previous;
  return (1 - w) * previous + w * next;
}

/**
 * Rolls a new calibration into the stored baseline; the newest weighs `rollNewestWeight` (0.6), so
 * calibration k contributes 0.6 × 0.4^(age) — the latest 60 %, the one before 24 %, then 9.6 %, …
 * (an exponentially weighted mean; the very first calibration keeps the remainder).
 *
 * The lnRMSSD SD rolls as the SD of the weighted mixture of the two distributions,
 * √((1−w)·sd₀² + w·sd₁² + w(1−w)(m₁ − m₀)²), so day-to-day variation between calibrations widens
 * the band instead of being lost. Missing values (a heart-rate-only calibration) never overwrite
 * known ones. Date and device are the newest calibration's.
 *
 * @param previous - the stored baseline.
 * @param next - a baseline from one new calibration (`baselineFromCalibration`).
 * @throws Error "rollBaseline: …" when one is a demo baseline and the other is not.
 */
export function rollBaseline(previous: Baseline, next: Baseline, params: ReadinessParams = READINESS_PARAMS): Baseline {
  if (previous.demo !== next.demo) {
    throw new Error('rollBaseline: demo and real baselines are never mixed; store the real one on its own');
  }
  const w = params.rollNewestWeight;
  let lnRmssdSd: number | null;
  if (previous.lnRmssdMean === null || next.lnRmssdMean === null) {
    lnRmssdSd = previous.lnRmssdMean === null ? next.lnRmssdSd : previous.lnRmssdSd;
  } else {
    const sd0 = previous.lnRmssdSd ?? 0;
    const sd1 = next.lnRmssdSd ?? 0;
    const spread = next.lnRmssdMean - previous.lnRmssdMean;
    const bothMissing = previous.lnRmssdSd === null && next.lnRmssdSd === null && spread === 0;
    lnRmssdSd = bothMissing ? null : Math.sqrt((1 - w) * sd0 ** 2 + w * sd1 ** 2 + w * (1 - w) * spread ** 2);
  }
  return {
    lnRmssdMean: mix(previous.lnRmssdMean, next.lnRmssdMean, w),
    lnRmssdSd,
    hrBpm: (1 - w) * previous.hrBpm + w * next.hrBpm,
    breathsPerMin: mix(previous.breathsPerMin, next.breathsPerMin, w),
    recordedAt: next.recordedAt,
    device: next.device,
    calibrations: previous.calibrations + next.calibrations,
    demo: next.demo,
  };
}

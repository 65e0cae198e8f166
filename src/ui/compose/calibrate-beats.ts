import { baselineFromCalibration, rollBaseline } from '../../signal/baseline';
import { READINESS_PARAMS, type ReadinessParams } from '../../signal/readiness-params';
import type { Baseline, Beat } from '../../signal/types';
import { computeWindowMetrics } from '../../signal/window-metrics';
import type { CalibrationOutcome } from './live-dependencies';

export interface CalibrateOptions {
  /** Name of the device that recorded the rest. */
  readonly device: string;
  /** The partner's stored baseline, rolled with the new one; null for a first calibration. */
  readonly previous: Baseline | null;
  /** Simulated data: the baseline is marked demo and never rolled with a real one. */
  readonly demo: boolean;
  /** When the calibration finished (ISO 8601). */
  readonly recordedAt: string;
  readonly params?: ReadinessParams;
}

const percent = (rate: number): number => Math.round(rate * 100);

/**
 * Turns the beats of a seated-rest calibration into a baseline (DESIGN.md, Readiness gate): checks
 * the recording is trustworthy, measures its rest windows (60 s stepped by 30 s), and rolls the
 * result into the previous baseline with `rollBaseline` (recent calibrations weigh more).
 *
 * Fails, with a sentence the partner can act on, when the beats stop for longer than
 * `calibrationMaxGapSec` at once or `calibrationMaxMissingSec` in all, when more than
 * `calibrationMaxArtifactRate` of beats are unclear, or when the rest is shorter than
 * `calibrationSec`.
 */
export function calibrateFromBeats(beats: readonly Beat[], options: CalibrateOptions): CalibrationOutcome {
  const p = options.params ?? READINESS_PARAMS;
  if (beats.length < 2) return { ok: false, message: 'no heartbeat was recorded — check the strap and try again.' };
  const startSec = beats[0]!.tSec;
  const endSec = beats.at(-1)!.tSec;
  if (endSec - startSec < p.calibrationSec - 1) {
    return { ok: false, message: `only ${Math.floor(endSec - startSec)} s of rest were recorded; ${p.calibrationSec} s are needed.` };
  }
  let missingSec = 0;
  let longestGapSec = 0;
  for (let i = 1; i < beats.length; i += 1) {
    const step = beats[i]!.tSec - beats[i - 1]!.tSec;
    // A step longer than the beat's own interval (or 2 s for heart-rate-only samples) is missing data.
    const expected = beats[i]!.rrMs === null ? 2 : beats[i]!.rrMs! / 1000 + 0.5;
    if (step > expected || beats[i]!.afterGap) {
      missingSec += step;
      longestGapSec = Math.max(longestGapSec, step);
    }
  }
  if (longestGapSec > p.calibrationMaxGapSec || missingSec > p.calibrationMaxMissingSec) {
    return {
      ok: false,
      message: `the heartbeat dropped out for ${Math.round(missingSec)} s — make sure the strap sits snugly on moist skin, then try again.`,
    };
  }
  const windows = [];
  for (let from = startSec; from + p.calibrationWindowSec <= endSec + 1e-9; from += p.calibrationStepSec) {
    windows.push(computeWindowMetrics(beats, from, from + p.calibrationWindowSec));
  }
  if (windows.length === 0) windows.push(computeWindowMetrics(beats, startSec - 1e-9, endSec));
  const counted = windows.reduce((sum, w) => sum + w.beats, 0);
  const artifactRate = counted === 0 ? 0 : windows.reduce((sum, w) => sum + w.artifactRate * w.beats, 0) / counted;
  if (artifactRate > p.calibrationMaxArtifactRate) {
    return {
      ok: false,
      message: `the signal was too noisy (${percent(artifactRate)} % of beats unclear) — sit still, check the strap, and try again.`,
    };
  }
  try {
    const next = baselineFromCalibration(windows, { recordedAt: options.recordedAt, device: options.device, demo: options.demo }, p);
    const previous = options.previous && options.previous.demo === options.demo ? options.previous : null;
    return { ok: true, baseline: previous ? rollBaseline(previous, next, p) : next };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

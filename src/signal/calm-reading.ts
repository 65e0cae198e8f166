/**
 * Calm readings and the normal range built from them (DESIGN.md, Readiness gate; issue "A baseline
 * worth trusting"). Every calibration and every short calm check becomes one reading; a reading is
 * checked before it counts; the baseline is the normal range over the latest accepted readings, as
 * HRV apps that build a range over days do (HRV4Training, Elite HRV), rather than whatever one
 * recording said.
 */
import { describeCalibrationProblem, measureRecording, type CalibrationProblem, type CalibrationQuality } from './baseline-calibration';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { Baseline, Beat, WindowMetrics } from './types';
import { computeWindowMetrics } from './window-metrics';
import { mean as meanOf, sampleSd as sampleSdOf } from '../stats/descriptive';

// Kept in a module of its own so the store's migration and import need none of the reading maths.
export { readingFromBaseline } from './migrated-reading';

/** How a reading was taken. */
export type ReadingKind = 'calibration' | 'calm-check' | 'session-end' | 'migrated';

/** Heart rate and lnRMSSD of one minute of a reading (its first or its last). */
export interface MinuteSummary {
  readonly hrBpm: number | null;
  readonly lnRmssd: number | null;
}

/** One person's one calm reading: what a calibration or a calm check measured. */
export interface CalmReading {
  /** When the reading was taken, ISO 8601. */
  readonly recordedAt: string;
  /** Device name, or "simulator". */
  readonly device: string;
  readonly kind: ReadingKind;
  /** True for demo partners: demo and real readings never mix. */
  readonly demo: boolean;
  /** True when the device sent heart rate only: no lnRMSSD or breathing. */
  readonly hrOnly: boolean;
  /** Event time the reading covers, seconds. */
  readonly durationSec: number;
  /** Mean heart rate over the reading's windows, bpm. */
  readonly hrBpm: number;
  /** Mean lnRMSSD over the reading's windows, ln(ms); null without RR intervals or clean pairs. */
  readonly lnRmssd: number | null;
  /** Sample SD of lnRMSSD across the reading's windows, ln(ms); null with fewer than two. */
  readonly lnRmssdSd: number | null;
  /** Mean of the confident breathing estimates, breaths per minute; null without any. */
  readonly breathsPerMin: number | null;
  /** The reading's first and last minute (the settling check); null when too short to tell. */
  readonly firstMinute: MinuteSummary | null;
  readonly lastMinute: MinuteSummary | null;
}

/** Facts about a reading that the beats do not carry. */
export interface ReadingMeta {
  readonly recordedAt: string;
  readonly device: string;
  readonly kind: ReadingKind;
  readonly demo?: boolean;
  readonly hrOnly?: boolean;
  /** Least length, seconds; `calibrationSec` for a calibration, else `readingMinSec`. */
  readonly minSec?: number;
  /** True for a device that leaves out beats it cannot detect: checked by coverage (`measureRecording`). */
  readonly dropsBeats?: boolean;
}

export type ReadingOutcome =
  | { readonly ok: true; readonly reading: CalmReading; readonly quality: CalibrationQuality }
  | { readonly ok: false; readonly problem: CalibrationProblem; readonly message: string; readonly quality: CalibrationQuality };

/**
 * Why a reading of good signal was not used as the person's calm, with the numbers that decided it.
 * Heart rate in bpm, lnRMSSD in ln(ms).
 */
export type ReadingProblem =
  /** The heart rate was still coming down: last minute lower than the first by more than the limit. */
  | {
      readonly kind: 'settling-heart-rate';
      readonly firstHrBpm: number;
      readonly lastHrBpm: number;
      readonly limitFallBpm: number;
    }
  /** HRV was still rising: last minute's lnRMSSD above the first's by more than the limit. */
  | {
      readonly kind: 'settling-hrv';
      readonly firstLnRmssd: number;
      readonly lastLnRmssd: number;
      readonly limitRise: number;
    }
  /** Heart rate well above the person's earlier accepted readings (mean + k × SD, SD floored). */
  | {
      readonly kind: 'aroused-heart-rate';
      readonly hrBpm: number;
      readonly usualHrBpm: number;
      readonly limitBpm: number;
      readonly readings: number;
    }
  /** lnRMSSD well below the person's earlier accepted readings (mean − k × SD, SD floored). */
  | {
      readonly kind: 'aroused-hrv';
      readonly lnRmssd: number;
      readonly usualLnRmssd: number;
      readonly limitLnRmssd: number;
      readonly readings: number;
    }
  /** Heart rate at the flooding line: nobody's calm. */
  | { readonly kind: 'flooding'; readonly hrBpm: number; readonly limitBpm: number };

export type ReadingCheck =
  { readonly accepted: true } | { readonly accepted: false; readonly problem: ReadingProblem; readonly message: string };

/** Readings until the normal range stops "learning". */
export const BASELINE_LEARNING_READINGS = 3;

/** Length of one window of a reading and the step between windows, seconds. */
const READING_WINDOW_SEC = 60;

// A reading's figures are null when missing (the records store null), the shared statistics undefined.
const mean = (values: readonly number[]): number | null => meanOf(values) ?? null;
const sampleSd = (values: readonly number[]): number | null => sampleSdOf(values) ?? null;

const present = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null && Number.isFinite(v));

const minute = (w: WindowMetrics, params: ReadinessParams): MinuteSummary => ({
  hrBpm: w.hrBpm,
  lnRmssd: w.hrOnly || (w.pairs ?? Infinity) < params.minHrvPairs ? null : w.lnRmssd,
});

/**
 * One calm reading from a recording, or the quality problem that stops it (the checks of
 * `calibrationFromBeats`: too short, dropouts, noisy, no HRV), over the whole span given.
 *
 * The reading's values are means over 60 s windows stepped by 30 s (`calibrationStepSec`):
 * heart rate; lnRMSSD (in the log domain, Plews et al. 2012) with its SD across windows; breathing
 * from the windows at or above `minBreathingConfidence`. Its first and last minute are the windows
 * (origin, origin + 60] and (end − 60, end]; both null when the reading is shorter than 90 s, where
 * they would mostly overlap.
 *
 * @param beats - the recording in event time, increasing `tSec`.
 * @param meta - when, which device, what kind; heart-rate-only when `meta.hrOnly` or no beat has an RR.
 */
export function readingFromBeats(beats: readonly Beat[], meta: ReadingMeta, params: ReadinessParams = READINESS_PARAMS): ReadingOutcome {
  const needSec = meta.minSec ?? (meta.kind === 'calibration' ? params.calibrationSec : params.readingMinSec);
  const measured = measureRecording(beats, { needSec, maxSec: Infinity }, meta.hrOnly === true, params, meta.dropsBeats === true);
  const { originSec, endSec, used, hrOnly, quality } = measured;
  const fail = (problem: CalibrationProblem): ReadingOutcome => ({
    ok: false,
    problem,
    message: describeCalibrationProblem(problem),
    quality,
  });
  if (measured.problem !== null) return fail(measured.problem);

  const windows: WindowMetrics[] = [];
  for (let start = originSec; start + READING_WINDOW_SEC <= endSec + 1e-9; start += params.calibrationStepSec) {
    windows.push(computeWindowMetrics(used, start, start + READING_WINDOW_SEC));
  }
  // A span that is not a whole number of steps: its last minute is a window of its own.
  const lastWindow = windows[windows.length - 1];
  if (lastWindow === undefined || endSec - lastWindow.endSec > 1e-9) {
    windows.push(computeWindowMetrics(used, endSec - READING_WINDOW_SEC, endSec));
  }
  const hrBpm = mean(present(windows.map((w) => w.hrBpm)));
  if (hrBpm === null) return fail({ kind: 'too-short', haveSec: quality.durationSec, needSec });
  // lnRMSSD only from windows with `minHrvPairs` clean pairs, as the live rules judge.
  const ln = hrOnly ? [] : present(windows.map((w) => ((w.pairs ?? Infinity) >= params.minHrvPairs ? w.lnRmssd : null)));
  // A device that drops beats may give a reading of heart rate alone; a strap without HRV has a problem.
  if (!hrOnly && ln.length === 0 && meta.dropsBeats !== true) return fail({ kind: 'no-hrv' });
  const breaths = hrOnly
    ? []
    : present(windows.map((w) => (w.breathingConfidence >= params.minBreathingConfidence ? w.breathsPerMin : null)));
  const durationSec = endSec - originSec;
  const settlingVisible = durationSec >= 1.5 * READING_WINDOW_SEC;
  return {
    ok: true,
    quality,
    reading: {
      recordedAt: meta.recordedAt,
      device: meta.device,
      kind: meta.kind,
      demo: meta.demo === true,
      hrOnly,
      durationSec,
      hrBpm,
      lnRmssd: mean(ln),
      lnRmssdSd: sampleSd(ln),
      breathsPerMin: mean(breaths),
      firstMinute: settlingVisible ? minute(windows[0]!, params) : null,
      lastMinute: settlingVisible ? minute(windows[windows.length - 1]!, params) : null,
    },
  };
}

/** Normal range of heart rate and lnRMSSD over earlier readings, for the arousal check. */
function usualOf(readings: readonly CalmReading[]) {
  const hr = readings.map((r) => r.hrBpm);
  const ln = present(readings.map((r) => r.lnRmssd));
  return { hrMean: mean(hr), hrSd: sampleSd(hr), lnMean: mean(ln), lnSd: sampleSd(ln) };
}

/**
 * Whether a reading of good signal may count as the person's calm (issue "A baseline worth
 * trusting", 2), checked in this order:
 * 1. not at the flooding line (heart rate ≥ `floodingHrBpm`, Gottman 2011);
 * 2. not still settling within itself: the last minute's heart rate no more than
 *    `readingMaxHrFallBpm` below the first's, and its lnRMSSD no more than `readingMaxLnRmssdRise`
 *    above it (skipped for readings too short to have both minutes);
 * 3. not aroused against the person's earlier accepted readings of the same kind (demo with demo,
 *    real with real; only the latest `baselineMaxReadings`): heart rate at most mean +
 *    `readingArousedSdMultiplier` × max(SD, `readingMinHrSdBpm`), lnRMSSD at least mean − k ×
 *    max(SD, `readingMinLnRmssdSd`). With one earlier reading the floors stand in for the SD.
 *    Skipped with no earlier reading.
 *
 * @param reading - the new reading (`readingFromBeats`).
 * @param earlierAccepted - the person's accepted readings before it, oldest first.
 */
export function checkReading(
  reading: CalmReading,
  earlierAccepted: readonly CalmReading[],
  params: ReadinessParams = READINESS_PARAMS,
): ReadingCheck {
  const refuse = (problem: ReadingProblem): ReadingCheck => ({
    accepted: false,
    problem,
    message: describeReadingProblem(problem),
  });
  if (reading.hrBpm >= params.floodingHrBpm) return refuse({ kind: 'flooding', hrBpm: reading.hrBpm, limitBpm: params.floodingHrBpm });

  const first = reading.firstMinute;
  const last = reading.lastMinute;
  if (first !== null && last !== null) {
    if (first.hrBpm !== null && last.hrBpm !== null && first.hrBpm - last.hrBpm > params.readingMaxHrFallBpm) {
      return refuse({
        kind: 'settling-heart-rate',
        firstHrBpm: first.hrBpm,
        lastHrBpm: last.hrBpm,
        limitFallBpm: params.readingMaxHrFallBpm,
      });
    }
    if (first.lnRmssd !== null && last.lnRmssd !== null && last.lnRmssd - first.lnRmssd > params.readingMaxLnRmssdRise) {
      return refuse({
        kind: 'settling-hrv',
        firstLnRmssd: first.lnRmssd,
        lastLnRmssd: last.lnRmssd,
        limitRise: params.readingMaxLnRmssdRise,
      });
    }
  }

  const earlier = earlierAccepted.filter((r) => r.demo === reading.demo).slice(-params.baselineMaxReadings);
  if (earlier.length === 0) return { accepted: true };
  const usual = usualOf(earlier);
  const k = params.readingArousedSdMultiplier;
  if (usual.hrMean !== null) {
    const limitBpm = usual.hrMean + k * Math.max(usual.hrSd ?? 0, params.readingMinHrSdBpm);
    if (reading.hrBpm > limitBpm) {
      return refuse({ kind: 'aroused-heart-rate', hrBpm: reading.hrBpm, usualHrBpm: usual.hrMean, limitBpm, readings: earlier.length });
    }
  }
  if (usual.lnMean !== null && reading.lnRmssd !== null) {
    const limitLnRmssd = usual.lnMean - k * Math.max(usual.lnSd ?? 0, params.readingMinLnRmssdSd);
    if (reading.lnRmssd < limitLnRmssd) {
      return refuse({
        kind: 'aroused-hrv',
        lnRmssd: reading.lnRmssd,
        usualLnRmssd: usual.lnMean,
        limitLnRmssd,
        readings: earlier.filter((r) => r.lnRmssd !== null).length,
      });
    }
  }
  return { accepted: true };
}

const round = (x: number): number => Math.round(x);
/** RMSSD in ms from lnRMSSD: people read "42 ms" more easily than "3.74". */
const ms = (lnRmssd: number): number => Math.round(Math.exp(lnRmssd));

/**
 * One plain sentence for the person about a refused reading.
 *
 * @example describeReadingProblem({ kind: 'settling-heart-rate', firstHrBpm: 84, lastHrBpm: 76, limitFallBpm: 5 })
 *   // "Your heart rate was still coming down (from 84 to 76 bpm), so this reading was not used as your calm."
 */
export function describeReadingProblem(problem: ReadingProblem): string {
  const notUsed = 'so this reading was not used as your calm.';
  switch (problem.kind) {
    case 'settling-heart-rate':
      return `Your heart rate was still coming down (from ${round(problem.firstHrBpm)} to ${round(problem.lastHrBpm)} bpm), ${notUsed}`;
    case 'settling-hrv':
      return `Your heart-rate variability was still rising (from ${ms(problem.firstLnRmssd)} to ${ms(problem.lastLnRmssd)} ms), ${notUsed}`;
    case 'aroused-heart-rate':
      return `Your heart rate was ${round(problem.hrBpm)} bpm, well above your usual ${round(problem.usualHrBpm)} bpm, ${notUsed}`;
    case 'aroused-hrv':
      return `Your heart-rate variability was ${ms(problem.lnRmssd)} ms, well below your usual ${ms(problem.usualLnRmssd)} ms, ${notUsed}`;
    case 'flooding':
      return `Your heart rate was ${round(problem.hrBpm)} bpm, at the level of strong arousal (${round(problem.limitBpm)} bpm or more), ${notUsed}`;
  }
}

/**
 * The normal range over the latest `baselineMaxReadings` (14) accepted readings, oldest first in the
 * list, newest last: mean and sample SD across readings of lnRMSSD, heart rate and breathing — the
 * day-to-day variation, the band HRV practice judges a day against (Plews et al. 2012, 2013;
 * HRV4Training and Elite HRV build it over days). With a single reading with an lnRMSSD, its SD is
 * that reading's within-reading SD. The readiness rule floors the lnRMSSD SD at `minLnRmssdSd`.
 * `calibrations` is the number of readings used; date and device are the newest reading's; `demo`
 * is the newest reading's (callers pass demo and real readings apart).
 *
 * @returns null for no readings.
 */
export function baselineFromReadings(accepted: readonly CalmReading[], params: ReadinessParams = READINESS_PARAMS): Baseline | null {
  const used = accepted.slice(-params.baselineMaxReadings);
  const newest = used[used.length - 1];
  if (newest === undefined) return null;
  const hr = used.map((r) => r.hrBpm);
  const withLn = used.filter((r) => r.lnRmssd !== null);
  const ln = withLn.map((r) => r.lnRmssd!);
  const breaths = present(used.map((r) => r.breathsPerMin));
  const lnRmssdSd = ln.length === 1 ? withLn[0]!.lnRmssdSd : sampleSd(ln);
  return {
    lnRmssdMean: mean(ln),
    lnRmssdSd,
    hrBpm: mean(hr)!,
    breathsPerMin: mean(breaths),
    hrSdBpm: sampleSd(hr),
    breathsPerMinSd: sampleSd(breaths),
    recordedAt: newest.recordedAt,
    device: newest.device,
    calibrations: used.length,
    demo: newest.demo,
  };
}

/** Whether the normal range is still learning: fewer than `BASELINE_LEARNING_READINGS` accepted. */
export function baselineLearning(acceptedCount: number): {
  readonly learning: boolean;
  readonly have: number;
  readonly need: typeof BASELINE_LEARNING_READINGS;
} {
  const have = Math.max(0, Math.floor(acceptedCount));
  return { learning: have < BASELINE_LEARNING_READINGS, have, need: BASELINE_LEARNING_READINGS };
}

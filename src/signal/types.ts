/**
 * Domain types shared by every layer. Units are in the names (DESIGN.md).
 * Records that are stored or exported use `null` for "not known"; nothing is ever NaN.
 */
import type { IrregularRhythm } from './rhythm';

/**
 * One heartbeat in event time, or, for a heart-rate-only device, one heart-rate sample.
 */
export interface Beat {
  /** Event time of this beat, seconds since the source started (DESIGN.md, Event time). */
  readonly tSec: number;
  /** RR interval ending at this beat, milliseconds; `null` for a heart-rate-only sample. */
  readonly rrMs: number | null;
  /** Heart rate the device reported with this beat, beats per minute (60 000 / rrMs when it sent none). */
  readonly hrBpm: number;
  /**
   * True when beats are missing just before this one (dropout, reconnect, lost notifications):
   * its rrMs must not be paired with the previous beat's.
   */
  readonly afterGap: boolean;
}

/** Metrics over one window of beats (DESIGN.md, the `analyze` row). */
export interface WindowMetrics {
  /** Window start, event-time seconds. */
  readonly startSec: number;
  /** Window end, event-time seconds (the latest beat's time for the live pipeline). */
  readonly endSec: number;
  /** Beats in the window. */
  readonly beats: number;
  /** Mean heart rate over the window, beats per minute; null without beats. */
  readonly hrBpm: number | null;
  /** RMSSD of the artifact-corrected NN series, ms; null when it cannot be computed (no RR, too few pairs). */
  readonly rmssdMs: number | null;
  /** ln(RMSSD in ms); null with rmssdMs. */
  readonly lnRmssd: number | null;
  /** Breathing rate from RSA, breaths per minute; null when the signal does not support an estimate. */
  readonly breathsPerMin: number | null;
  /** Confidence in breathsPerMin, 0–1 (0 when null). */
  readonly breathingConfidence: number;
  /** Share of beats flagged as artifacts, 0–1. */
  readonly artifactRate: number;
  /** True when the window holds heart-rate samples only (the device sends no RR). */
  readonly hrOnly: boolean;
  /**
   * Set when the rhythm is too irregular for HRV to mean anything (see `assessRhythm`); RMSSD,
   * lnRMSSD and breathing are then null. Null or absent: regular, or too little data to tell.
   */
  readonly irregular?: IrregularRhythm | null;
}

/** Slopes over the trend window (2–5 min), per minute of event time; null when too little data. */
export interface Trend {
  readonly tSec: number;
  readonly lnRmssdPerMin: number | null;
  readonly breathsPerMinPerMin: number | null;
}

/**
 * A partner's personal resting baseline (DESIGN.md, Readiness gate), from seated-rest calibration.
 * Demo partners carry `demo: true` and are never mixed with real ones.
 */
export interface Baseline {
  readonly lnRmssdMean: number | null;
  readonly lnRmssdSd: number | null;
  readonly hrBpm: number;
  readonly breathsPerMin: number | null;
  /**
   * SD of heart rate across the readings of a normal range, bpm (day-to-day variation); null or
   * absent for one reading or a baseline from before readings. Shown, not used by the rules.
   */
  readonly hrSdBpm?: number | null;
  /** SD of breathing across readings, breaths per minute; as `hrSdBpm`. */
  readonly breathsPerMinSd?: number | null;
  /** ISO 8601 date of the latest calibration that contributed. */
  readonly recordedAt: string;
  /** Name of the device used, or "simulator". */
  readonly device: string;
  /** How many calibrations (readings) make up this baseline. */
  readonly calibrations: number;
  readonly demo: boolean;
}

/** Which partner: the app always has two. */
export const PARTNERS = ['a', 'b'] as const;
export type PartnerId = (typeof PARTNERS)[number];

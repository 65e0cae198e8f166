/**
 * Every threshold of the readiness gate, named in one place (DESIGN.md, Readiness gate).
 * docs/readiness.md explains each value, its rationale and its source; change both together.
 *
 * Units are in the names: `Sec` is event-time seconds, `Bpm` beats per minute, `PerMin` per minute
 * of event time, `Ratio` a dimensionless factor, `Rate` a share 0–1.
 */
export interface ReadinessParams {
  // ── Per-partner data requirements ──────────────────────────────────────────────────────────
  /** Length of the metrics window, seconds (DESIGN.md: "over the last 60 s of beats"). */
  readonly windowSec: number;
  /** Usable beats needed since the signal (re)started before a partner can be judged, seconds. */
  readonly minUsableSec: number;
  /** A partner with no beat for this long has no signal, seconds. */
  readonly noBeatSec: number;
  /**
   * Smallest wall-clock wait before a silent source is declared silent by the scheduler, seconds.
   * At high replay speeds `noBeatSec / speed` would be shorter than timer jitter; the event-time
   * check on the next beat still places the no-signal transition exactly (see partner pipeline).
   */
  readonly minSilenceWallSec: number;

  // ── Near-baseline conditions ──────────────────────────────────────────────────────────────
  /** Largest share of beats flagged as artifacts for the window to count, 0–1. */
  readonly maxArtifactRate: number;
  /** Heart rate may be at most baseline × this factor. */
  readonly maxHrRatio: number;
  /** lnRMSSD may fall at most this many baseline SDs below the baseline mean. */
  readonly lnRmssdSdMultiplier: number;
  /** Floor for the baseline SD of lnRMSSD used in the rule above, ln(ms). */
  readonly minLnRmssdSd: number;
  /** Breathing may be at most baseline + this, breaths per minute. */
  readonly maxBreathsAboveBaselinePerMin: number;
  /** A breathing estimate counts only at or above this confidence, 0–1. */
  readonly minBreathingConfidence: number;
  /** Span of the lnRMSSD trend, seconds ("the 2-minute trend"). */
  readonly trendSpanSec: number;
  /** The lnRMSSD trend counts as falling below −this slope, ln(ms) per minute. */
  readonly fallingLnRmssdPerMin: number;

  // ── Flooding ──────────────────────────────────────────────────────────────────────────────
  /** Heart rate at or above this is flooding whatever the baseline, bpm. */
  readonly floodingHrBpm: number;
  /** Heart rate at or above baseline + this is flooding, bpm. */
  readonly floodingAboveBaselineBpm: number;
  /** The flooding heart rate must hold this long before a partner is flooded, seconds. */
  readonly floodingSustainSec: number;
  /** A flooded partner stays flooded until the condition has been clear this long, seconds. */
  readonly floodingClearSec: number;
  /** Heart rate for the flooding rule is the median of the beats in this recent span, seconds. */
  readonly floodingSmoothingSec: number;

  // ── Two-person gate ───────────────────────────────────────────────────────────────────────
  /** Both partners near baseline continuously this long before the gate is ready, seconds. */
  readonly gateDwellSec: number;
  /** A ready gate closes only after a partner has been out this long, seconds. */
  readonly gateHysteresisSec: number;
  /**
   * How far one partner's updates may run ahead of a partner that is silent or not heard from yet
   * before the gate processes them anyway, seconds (keeps the merge exact when the silent partner
   * resumes within this lag; see `combineGate`).
   */
  readonly gateQuietLagSec: number;

  // ── Calibration ───────────────────────────────────────────────────────────────────────────
  /** Length of the seated-rest calibration, seconds. */
  readonly calibrationSec: number;
  /** Calibration window length and step, seconds (rest windows: 0–60, 30–90, …). */
  readonly calibrationWindowSec: number;
  readonly calibrationStepSec: number;
  /** Calibration fails above this artifact share over the whole recording, 0–1. */
  readonly calibrationMaxArtifactRate: number;
  /** Calibration fails when the beats stop for longer than this at once, seconds. */
  readonly calibrationMaxGapSec: number;
  /** Calibration fails when gaps add up to more than this, seconds. */
  readonly calibrationMaxMissingSec: number;
  /** Calibration gives up when the first beat has not arrived after this long, seconds. */
  readonly calibrationFirstBeatSec: number;

  // ── Rolling baselines ─────────────────────────────────────────────────────────────────────
  /** Weight of the newest calibration when rolled into the previous baseline, 0–1. */
  readonly rollNewestWeight: number;

  // ── Calm readings and the normal range ────────────────────────────────────────────────────
  /** Length of a calm check as the app runs it, seconds. */
  readonly calmCheckSec: number;
  /** Shortest recording that can be a calm reading, seconds (a calm check runs 1–2 min). */
  readonly readingMinSec: number;
  /** A reading is still settling when its last minute's heart rate is lower than its first by more than this, bpm. */
  readonly readingMaxHrFallBpm: number;
  /** A reading is still settling when its last minute's lnRMSSD is higher than its first by more than this, ln(ms). */
  readonly readingMaxLnRmssdRise: number;
  /** A reading is aroused beyond this many SDs of the person's earlier accepted readings. */
  readonly readingArousedSdMultiplier: number;
  /** Floor for the SD of heart rate across earlier readings in the check above, bpm. */
  readonly readingMinHrSdBpm: number;
  /** Floor for the SD of lnRMSSD across earlier readings in the check above, ln(ms). */
  readonly readingMinLnRmssdSd: number;
  /** The normal range uses at most this many of the latest accepted readings. */
  readonly baselineMaxReadings: number;
  /** The normal range is "learning" until this many readings are accepted. */
  readonly baselineLearningReadings: number;

  // ── First night (no baseline: judged by settling within the session) ─────────────────────
  /** The plateau: the last half of `firstNightPlateauSec` may average at most this much below the first half, bpm. */
  readonly firstNightPlateauBandBpm: number;
  /** Span of the plateau: the heart rate must have held level this long, seconds (two halves compared). */
  readonly firstNightPlateauSec: number;
  /** Heart rate (60 s window) above this is plainly aroused on a first night, bpm. */
  readonly firstNightMaxHrBpm: number;
  /** lnRMSSD (60 s window) below this is plainly aroused on a first night, ln(ms). */
  readonly firstNightMinLnRmssd: number;
  /** Breathing (confident estimates only) above this is fast on a first night, breaths per minute. */
  readonly firstNightMaxBreathsPerMin: number;
}

/** The values in force; docs/readiness.md gives the rationale and source of each. */
export const READINESS_PARAMS: ReadinessParams = Object.freeze({
  windowSec: 60,
  minUsableSec: 60,
  noBeatSec: 5,
  minSilenceWallSec: 1,

  maxArtifactRate: 0.1,
  maxHrRatio: 1.1,
  lnRmssdSdMultiplier: 1,
  minLnRmssdSd: 0.1,
  maxBreathsAboveBaselinePerMin: 3,
  minBreathingConfidence: 0.5,
  trendSpanSec: 120,
  fallingLnRmssdPerMin: 0.1,

  floodingHrBpm: 100,
  floodingAboveBaselineBpm: 20,
  floodingSustainSec: 20,
  floodingClearSec: 20,
  floodingSmoothingSec: 5,

  gateDwellSec: 30,
  gateHysteresisSec: 15,
  gateQuietLagSec: 5,

  calibrationSec: 180,
  calibrationWindowSec: 60,
  calibrationStepSec: 30,
  calibrationMaxArtifactRate: 0.1,
  calibrationMaxGapSec: 5,
  calibrationMaxMissingSec: 10,
  calibrationFirstBeatSec: 15,

  rollNewestWeight: 0.6,

  calmCheckSec: 120,
  readingMinSec: 60,
  readingMaxHrFallBpm: 5,
  readingMaxLnRmssdRise: 0.3,
  readingArousedSdMultiplier: 2,
  readingMinHrSdBpm: 4,
  readingMinLnRmssdSd: 0.2,
  baselineMaxReadings: 14,
  baselineLearningReadings: 3,

  firstNightPlateauBandBpm: 6,
  firstNightPlateauSec: 120,
  firstNightMaxHrBpm: 90,
  firstNightMinLnRmssd: Math.log(12),
  firstNightMaxBreathsPerMin: 18,
});

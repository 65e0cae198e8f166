/**
 * Per-partner readiness scoring (DESIGN.md, Readiness gate): pure decisions on one snapshot of a
 * partner's data. Time-dependent parts (how long flooding has held, how long the signal has been
 * usable, whether beats stopped) arrive already measured in event time; the stream layer in
 * `src/pipeline/partner-pipeline.ts` measures them. Thresholds come from `READINESS_PARAMS`.
 */
import type { Baseline, Trend, WindowMetrics } from './types';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { FloodingTrack } from './readiness-flooding';
import type { IrregularRhythm } from './rhythm';
import type { SettlingTrack } from './readiness-settling';

/** One partner's state, worst first in the gate's eyes only for `flooded` and `no-signal`. */
export type PartnerState = 'no-signal' | 'calibrating' | 'near-baseline' | 'out' | 'flooded';

/** Source status words that mean "no beats can arrive right now". */
export type NotConnectedStatus = 'idle' | 'connecting' | 'reconnecting' | 'disconnected';

/**
 * Why a partner is in its state, with the numbers that decided it. Units in the names; lnRMSSD in
 * ln(ms). Several reasons can hold at once (an `out` partner lists every condition it misses).
 */
export type ReadinessReason =
  /** The source is not delivering (never connected, reconnecting, or disconnected with a reason). */
  | { readonly kind: 'not-connected'; readonly status: NotConnectedStatus; readonly detail: string | null }
  /** Connected, but no beat arrived for `silentSec` seconds (strap loose or out of range). */
  | { readonly kind: 'no-beat'; readonly silentSec: number }
  /** Less usable signal than the rules need yet. */
  | { readonly kind: 'not-enough-data'; readonly haveSec: number; readonly needSec: number }
  /** Enough time, but too few clean successive beats for an RMSSD. */
  | { readonly kind: 'few-clean-beats' }
  /**
   * Information: the window has fewer clean successive pairs than `minHrvPairs` (a device that
   * drops beats), so its RMSSD is too noisy to judge by: heart rate alone decides.
   */
  | { readonly kind: 'few-pairs'; readonly pairs: number; readonly needPairs: number }
  /** No personal baseline yet: calibration needed (no longer given: see `first-night`). */
  | { readonly kind: 'no-baseline' }
  /**
   * Information: no baseline, so the partner is judged by their own settling in this session, not
   * by their usual calm (the first night, or after the baseline was deleted).
   */
  | { readonly kind: 'first-night' }
  /**
   * First night: the heart rate has not held a plateau for the last two minutes — its last minute's
   * mean is more than `limitFallBpm` below the minute's before (still coming down), or there are
   * not two minutes of beats yet (null means).
   */
  | {
      readonly kind: 'heart-rate-settling';
      /** Mean heart rate of the last minute, bpm. */
      readonly hrBpm: number | null;
      /** Mean heart rate of the minute before, bpm. */
      readonly earlierHrBpm: number | null;
      readonly limitFallBpm: number;
    }
  /** First night: heart rate above the absolute limit for a person at rest. */
  | { readonly kind: 'heart-rate-above-limit'; readonly hrBpm: number; readonly limitBpm: number }
  /** First night: lnRMSSD below the absolute limit (very low HRV). */
  | { readonly kind: 'hrv-very-low'; readonly lnRmssd: number; readonly limitLnRmssd: number }
  /** First night: breathing (a confident estimate) faster than the absolute limit. */
  | { readonly kind: 'breathing-above-limit'; readonly breathsPerMin: number; readonly limitPerMin: number }
  /** Heart rate above baseline × `maxHrRatio`. */
  | {
      readonly kind: 'heart-rate-high';
      readonly hrBpm: number;
      readonly baselineHrBpm: number;
      readonly limitBpm: number;
    }
  /** lnRMSSD below baseline mean − k × max(SD, floor). */
  | {
      readonly kind: 'hrv-low';
      readonly lnRmssd: number;
      readonly baselineLnRmssd: number;
      readonly limitLnRmssd: number;
    }
  /** Breathing faster than baseline + `maxBreathsAboveBaselinePerMin`. */
  | {
      readonly kind: 'breathing-fast';
      readonly breathsPerMin: number;
      readonly baselineBreathsPerMin: number;
      readonly limitPerMin: number;
    }
  /** The 2-minute lnRMSSD trend is falling faster than the tolerance. */
  | { readonly kind: 'hrv-falling'; readonly lnRmssdPerMin: number; readonly limitPerMin: number }
  /** Too many beats flagged as artifacts for the window to be trusted. */
  | { readonly kind: 'artifacts'; readonly artifactRate: number; readonly limitRate: number }
  /** Heart rate at flooding level, held for `heldSec` seconds. */
  | {
      readonly kind: 'flooding';
      readonly hrBpm: number;
      readonly limitBpm: number;
      readonly baselineHrBpm: number | null;
      readonly heldSec: number;
    }
  /** Information: the device sends heart rate only, so readiness uses heart rate alone. */
  | { readonly kind: 'heart-rate-only' }
  /** The rhythm is too irregular for HRV (metrics `irregular`): judged on heart rate alone. */
  | { readonly kind: 'irregular-rhythm'; readonly rhythm: IrregularRhythm }
  /** Information: every condition holds. */
  | { readonly kind: 'near-baseline'; readonly hrBpm: number; readonly baselineHrBpm: number }
  /** Information, first night: every settling condition holds; heart rate on a plateau for two minutes. */
  | { readonly kind: 'settled'; readonly hrBpm: number; readonly earlierHrBpm: number };

/** A partner's readiness at one moment of event time. */
export interface PartnerReadiness {
  /** Event time of the snapshot this was computed from, seconds on the partner's own clock. */
  readonly tSec: number;
  readonly state: PartnerState;
  /** Never empty: every state says why. */
  readonly reasons: readonly ReadinessReason[];
}

/** Whether the partner's source can deliver beats, measured by the stream layer. */
export type PartnerLink =
  | { readonly kind: 'connected' }
  | { readonly kind: 'not-connected'; readonly status: NotConnectedStatus; readonly detail: string | null }
  | { readonly kind: 'silent'; readonly silentSec: number };

/** Everything `assessPartner` needs, measured in event time by the caller. */
export interface PartnerSnapshot {
  readonly tSec: number;
  readonly link: PartnerLink;
  /** Seconds of uninterrupted signal since beats (re)started; 0 before any beat. */
  readonly usableSec: number;
  /**
   * For a device that drops beats: seconds of the last `windowSec` covered by its beats (sum of
   * their intervals). Present, it replaces `usableSec` as the data requirement (`minCoveredSec`).
   */
  readonly coveredSec?: number;
  /** Metrics of the latest window; null before the first beat. */
  readonly metrics: WindowMetrics | null;
  /** Latest lnRMSSD trend; null when not known yet. */
  readonly trend: Trend | null;
  readonly baseline: Baseline | null;
  /** True when the device sends heart rate without RR intervals. */
  readonly hrOnly: boolean;
  /** Flooding tracked over recent beats (see `stepFlooding`). */
  readonly flooding: FloodingTrack;
  /**
   * Settling in this session (see `createSettlingTracker`), used only without a baseline; absent
   * means not tracked, and a first-night partner then never counts as settled.
   */
  readonly settling?: SettlingTrack;
}

/**
 * Decides one partner's readiness from a snapshot (DESIGN.md, Readiness gate).
 *
 * Order of the rules: no signal (not connected, or silent for `noBeatSec`) → flooded (needs no
 * baseline: 100 bpm sustained is flooding for anyone) → calibrating (less than `minUsableSec` of
 * usable signal, or no RMSSD yet) → near baseline when every condition holds, else out with one
 * reason per missed condition.
 *
 * **First night.** Without a baseline the partner is judged by their own settling in this session
 * ({@link assessFirstNight}), and every state but no-signal carries a `first-night` reason.
 *
 * Heart-rate-only devices (`hrOnly`, or metrics flagged `hrOnly`) are judged on heart rate alone:
 * RMSSD, breathing and the lnRMSSD trend are never consulted, and a `heart-rate-only` reason says so.
 * The same holds while the rhythm is irregular (metrics `irregular`: frequent ectopy, AF-like,
 * flat), with an `irregular-rhythm` reason; the artifact rule still applies, so a noisy strap
 * stays out. And while the window has fewer than `minHrvPairs` clean successive pairs (metrics
 * `pairs`; a device that drops beats), with a `few-pairs` reason: an RMSSD from a handful of
 * pairs is too noisy for a band of a tenth of a log unit (Esco & Flatt 2014 and Munoz et al. 2015
 * found ultra-short RMSSD to agree with 5-minute values from about 30 s of beats on).
 *
 * Data requirement: `minUsableSec` of uninterrupted signal, or, for a device that drops beats
 * (`coveredSec` given), `minCoveredSec` of the last window covered by beats.
 *
 * While the baseline is learning (fewer than `baselineLearningReadings` readings) its lnRMSSD SD
 * is at least `learningLnRmssdSd`, a prior for the day-to-day variation one reading cannot show.
 *
 * Limitations: the breathing rule is skipped when either the estimate's confidence is below
 * `minBreathingConfidence` or the baseline has no breathing rate; the lnRMSSD rule is skipped when
 * the baseline has no lnRMSSD (it was calibrated on a heart-rate-only device).
 *
 * @param snapshot - the partner's data at `snapshot.tSec`, event-time seconds.
 * @param params - thresholds; defaults to `READINESS_PARAMS`.
 */
export function assessPartner(snapshot: PartnerSnapshot, params: ReadinessParams = READINESS_PARAMS): PartnerReadiness {
  const { tSec, link, metrics, baseline, flooding } = snapshot;
  const hrOnly = snapshot.hrOnly || (metrics?.hrOnly ?? false);
  const irregular = hrOnly ? null : (metrics?.irregular ?? null);
  const pairs = metrics?.pairs;
  const fewPairs = !hrOnly && irregular === null && pairs !== undefined && pairs < params.minHrvPairs;
  const info: ReadinessReason[] = hrOnly
    ? [{ kind: 'heart-rate-only' }]
    : irregular !== null
      ? [{ kind: 'irregular-rhythm', rhythm: irregular }]
      : fewPairs
        ? [{ kind: 'few-pairs', pairs, needPairs: params.minHrvPairs }]
        : [];
  if (baseline === null) info.push({ kind: 'first-night' });
  const result = (state: PartnerState, reasons: ReadinessReason[]): PartnerReadiness => ({
    tSec,
    state,
    reasons: [...reasons, ...info],
  });

  if (link.kind === 'not-connected') {
    return { tSec, state: 'no-signal', reasons: [{ kind: 'not-connected', status: link.status, detail: link.detail }] };
  }
  if (link.kind === 'silent') {
    return { tSec, state: 'no-signal', reasons: [{ kind: 'no-beat', silentSec: link.silentSec }] };
  }
  if (flooding.flooded && flooding.hrBpm !== null) {
    return result('flooded', [
      {
        kind: 'flooding',
        hrBpm: flooding.hrBpm,
        limitBpm: flooding.limitBpm,
        baselineHrBpm: baseline?.hrBpm ?? null,
        heldSec: flooding.heldSec,
      },
    ]);
  }

  const byCoverage = snapshot.coveredSec !== undefined;
  const haveSec = Math.max(0, snapshot.coveredSec ?? snapshot.usableSec);
  const needSec = byCoverage ? params.minCoveredSec : params.minUsableSec;
  if (haveSec < needSec || metrics === null || metrics.hrBpm === null) {
    return result('calibrating', [{ kind: 'not-enough-data', haveSec, needSec }]);
  }

  const out: ReadinessReason[] = [];
  if (metrics.artifactRate > params.maxArtifactRate) {
    out.push({ kind: 'artifacts', artifactRate: metrics.artifactRate, limitRate: params.maxArtifactRate });
  }
  const hrvRules = !hrOnly && irregular === null && !fewPairs;
  // Without an RMSSD the HRV rules cannot be checked: poor signal is "out", otherwise wait.
  const noRmssd = (): PartnerReadiness =>
    out.some((r) => r.kind === 'artifacts') ? result('out', out) : result('calibrating', [{ kind: 'few-clean-beats' }]);
  if (baseline === null) {
    if (hrvRules && metrics.lnRmssd === null) return noRmssd();
    const settled = assessFirstNight(snapshot, metrics.hrBpm, hrvRules, out, params);
    if (settled !== null) return result('near-baseline', [settled]);
    // The plateau not measurable yet (two minutes of beats not gathered, or a wrist device's half
    // minute too sparse) is "can't tell yet", not "out": it is the only miss, so wait.
    if (out.length === 1 && out[0]!.kind === 'heart-rate-settling' && (out[0]!.hrBpm === null || out[0]!.earlierHrBpm === null)) {
      return result('calibrating', out);
    }
    return result('out', out);
  }

  const hrLimit = baseline.hrBpm * params.maxHrRatio;
  if (metrics.hrBpm > hrLimit) {
    out.push({ kind: 'heart-rate-high', hrBpm: metrics.hrBpm, baselineHrBpm: baseline.hrBpm, limitBpm: hrLimit });
  }
  if (hrvRules) {
    if (metrics.lnRmssd === null) return noRmssd();
    if (baseline.lnRmssdMean !== null) {
      // A learning baseline has not seen the person's day-to-day variation yet: a prior stands in.
      const learning = baseline.calibrations < params.baselineLearningReadings;
      const floor = learning ? Math.max(params.minLnRmssdSd, params.learningLnRmssdSd) : params.minLnRmssdSd;
      const sd = Math.max(baseline.lnRmssdSd ?? 0, floor);
      const lnLimit = baseline.lnRmssdMean - params.lnRmssdSdMultiplier * sd;
      if (metrics.lnRmssd < lnLimit) {
        out.push({ kind: 'hrv-low', lnRmssd: metrics.lnRmssd, baselineLnRmssd: baseline.lnRmssdMean, limitLnRmssd: lnLimit });
      }
    }
    if (metrics.breathsPerMin !== null && metrics.breathingConfidence >= params.minBreathingConfidence && baseline.breathsPerMin !== null) {
      const limit = baseline.breathsPerMin + params.maxBreathsAboveBaselinePerMin;
      if (metrics.breathsPerMin > limit) {
        out.push({
          kind: 'breathing-fast',
          breathsPerMin: metrics.breathsPerMin,
          baselineBreathsPerMin: baseline.breathsPerMin,
          limitPerMin: limit,
        });
      }
    }
    pushFalling(snapshot, out, params);
  }
  if (out.length > 0) return result('out', out);
  return result('near-baseline', [{ kind: 'near-baseline', hrBpm: metrics.hrBpm, baselineHrBpm: baseline.hrBpm }]);
}

/** The 2-minute lnRMSSD trend falling faster than the tolerance. */
function pushFalling(snapshot: PartnerSnapshot, out: ReadinessReason[], params: ReadinessParams): void {
  const slope = snapshot.trend?.lnRmssdPerMin ?? null;
  if (slope !== null && slope < -params.fallingLnRmssdPerMin) {
    out.push({ kind: 'hrv-falling', lnRmssdPerMin: slope, limitPerMin: -params.fallingLnRmssdPerMin });
  }
}

/**
 * The first-night rules (issue "A baseline worth trusting", 3): with no baseline, a partner is
 * settled when
 * - the heart rate is on a plateau: over the last `firstNightPlateauSec`, the later half's mean heart
 *   rate is at most `firstNightPlateauBandBpm` below the earlier half's (see `createSettlingTracker`);
 * - heart rate (60 s window) is at most `firstNightMaxHrBpm`;
 * - with RR intervals and a regular rhythm: lnRMSSD is at least `firstNightMinLnRmssd`, breathing
 *   (confident estimates only) at most `firstNightMaxBreathsPerMin`, and the 2-minute lnRMSSD trend
 *   is not falling (`fallingLnRmssdPerMin`, as with a baseline).
 * Flooding is judged before, on the absolute line alone. Appends one reason to `out` per missed
 * condition and returns the `settled` reason when none was missed (and `out` was empty).
 */
function assessFirstNight(
  snapshot: PartnerSnapshot,
  hrBpm: number,
  hrvRules: boolean,
  out: ReadinessReason[],
  params: ReadinessParams,
): ReadinessReason | null {
  const { metrics } = snapshot;
  const earlier = snapshot.settling?.earlierHrBpm ?? null;
  const later = snapshot.settling?.laterHrBpm ?? null;
  const onPlateau = earlier !== null && later !== null && earlier - later <= params.firstNightPlateauBandBpm;
  if (!onPlateau) {
    out.push({ kind: 'heart-rate-settling', hrBpm: later, earlierHrBpm: earlier, limitFallBpm: params.firstNightPlateauBandBpm });
  }
  if (hrBpm > params.firstNightMaxHrBpm) out.push({ kind: 'heart-rate-above-limit', hrBpm, limitBpm: params.firstNightMaxHrBpm });
  if (hrvRules && metrics !== null && metrics.lnRmssd !== null) {
    if (metrics.lnRmssd < params.firstNightMinLnRmssd) {
      out.push({ kind: 'hrv-very-low', lnRmssd: metrics.lnRmssd, limitLnRmssd: params.firstNightMinLnRmssd });
    }
    if (
      metrics.breathsPerMin !== null &&
      metrics.breathingConfidence >= params.minBreathingConfidence &&
      metrics.breathsPerMin > params.firstNightMaxBreathsPerMin
    ) {
      out.push({ kind: 'breathing-above-limit', breathsPerMin: metrics.breathsPerMin, limitPerMin: params.firstNightMaxBreathsPerMin });
    }
    pushFalling(snapshot, out, params);
  }
  if (out.length > 0 || earlier === null) return null;
  return { kind: 'settled', hrBpm, earlierHrBpm: earlier };
}

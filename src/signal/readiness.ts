/**
 * Per-partner readiness scoring (DESIGN.md, Readiness gate): pure decisions on one snapshot of a
 * partner's data. Time-dependent parts (how long flooding has held, how long the signal has been
 * usable, whether beats stopped) arrive already measured in event time; the stream layer in
 * `src/pipeline/partner.ts` measures them. Thresholds come from `READINESS_PARAMS`.
 */
import type { Baseline, Trend, WindowMetrics } from './types';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { FloodingTrack } from './readiness-flooding';
import type { IrregularRhythm } from './rhythm';

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
  /** No personal baseline yet: calibration needed. */
  | { readonly kind: 'no-baseline' }
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
  | { readonly kind: 'near-baseline'; readonly hrBpm: number; readonly baselineHrBpm: number };

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
  /** Metrics of the latest window; null before the first beat. */
  readonly metrics: WindowMetrics | null;
  /** Latest lnRMSSD trend; null when not known yet. */
  readonly trend: Trend | null;
  readonly baseline: Baseline | null;
  /** True when the device sends heart rate without RR intervals. */
  readonly hrOnly: boolean;
  /** Flooding tracked over recent beats (see `stepFlooding`). */
  readonly flooding: FloodingTrack;
}

/**
 * Decides one partner's readiness from a snapshot (DESIGN.md, Readiness gate).
 *
 * Order of the rules: no signal (not connected, or silent for `noBeatSec`) → flooded (needs no
 * baseline: 100 bpm sustained is flooding for anyone) → calibrating (no baseline, or less than
 * `minUsableSec` of usable signal, or no RMSSD yet) → near baseline when every condition holds,
 * else out with one reason per missed condition.
 *
 * Heart-rate-only devices (`hrOnly`, or metrics flagged `hrOnly`) are judged on heart rate alone:
 * RMSSD, breathing and the lnRMSSD trend are never consulted, and a `heart-rate-only` reason says so.
 * The same holds while the rhythm is irregular (metrics `irregular`: frequent ectopy, AF-like,
 * flat), with an `irregular-rhythm` reason; the artifact rule still applies, so a noisy strap
 * stays out.
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
  const info: ReadinessReason[] = hrOnly
    ? [{ kind: 'heart-rate-only' }]
    : irregular !== null
      ? [{ kind: 'irregular-rhythm', rhythm: irregular }]
      : [];
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

  const calibrating: ReadinessReason[] = [];
  if (baseline === null) calibrating.push({ kind: 'no-baseline' });
  if (snapshot.usableSec < params.minUsableSec || metrics === null || metrics.hrBpm === null) {
    calibrating.push({ kind: 'not-enough-data', haveSec: Math.max(0, snapshot.usableSec), needSec: params.minUsableSec });
  }
  if (calibrating.length > 0 || metrics === null || metrics.hrBpm === null || baseline === null) {
    return result('calibrating', calibrating);
  }

  const out: ReadinessReason[] = [];
  if (metrics.artifactRate > params.maxArtifactRate) {
    out.push({ kind: 'artifacts', artifactRate: metrics.artifactRate, limitRate: params.maxArtifactRate });
  }
  const hrLimit = baseline.hrBpm * params.maxHrRatio;
  if (metrics.hrBpm > hrLimit) {
    out.push({ kind: 'heart-rate-high', hrBpm: metrics.hrBpm, baselineHrBpm: baseline.hrBpm, limitBpm: hrLimit });
  }
  if (!hrOnly && irregular === null) {
    if (metrics.lnRmssd === null) {
      // Without an RMSSD the HRV rules cannot be checked: poor signal is "out", otherwise wait.
      if (out.some((r) => r.kind === 'artifacts')) return result('out', out);
      return result('calibrating', [{ kind: 'few-clean-beats' }]);
    }
    if (baseline.lnRmssdMean !== null) {
      const sd = Math.max(baseline.lnRmssdSd ?? 0, params.minLnRmssdSd);
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
    const slope = snapshot.trend?.lnRmssdPerMin ?? null;
    if (slope !== null && slope < -params.fallingLnRmssdPerMin) {
      out.push({ kind: 'hrv-falling', lnRmssdPerMin: slope, limitPerMin: -params.fallingLnRmssdPerMin });
    }
  }
  if (out.length > 0) return result('out', out);
  return result('near-baseline', [{ kind: 'near-baseline', hrBpm: metrics.hrBpm, baselineHrBpm: baseline.hrBpm }]);
}

import { READINESS_PARAMS } from '../../signal/readiness-params';
import type { Baseline, WindowMetrics } from '../../signal/types';
import type { GateState } from '../../pipeline/dyad';
import type { PartnerStateName } from '../../session/readiness-types';

/** Text and shape for each partner state: colour is never the only signal. */
export const PARTNER_STATE_WORDS: Readonly<Record<PartnerStateName, { label: string; symbol: string }>> = {
  'no-signal': { label: 'No signal', symbol: '○' },
  calibrating: { label: 'Getting a reading', symbol: '◔' },
  'near-baseline': { label: 'Near usual calm', symbol: '●' },
  out: { label: 'Not settled yet', symbol: '▲' },
  flooded: { label: 'Flooded — take a break', symbol: '■' },
};

/** Text and shape for each gate state. */
export const GATE_STATE_WORDS: Readonly<Record<GateState, { label: string; detail: string; symbol: string }>> = {
  'no-signal': { label: 'Waiting for both signals', detail: 'Connect a strap or the simulator for each of you.', symbol: '○' },
  calibrating: { label: 'Getting readings', detail: 'Sit comfortably; the first minute or two build a reading.', symbol: '◔' },
  settling: { label: 'Settling', detail: 'Not both calm yet. Breathe slowly; this takes a few minutes.', symbol: '◑' },
  ready: { label: 'Ready', detail: 'You are both close to your usual calm. You can start a routine.', symbol: '●' },
  flooded: { label: 'Take a break', detail: 'One of you is flooded. Talking now tends to hurt; rest apart for 20 minutes.', symbol: '■' },
};

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * How close a partner is to their usual calm, 0–1, for the gauge's meter only (the decision is the
 * readiness pipeline's). Each measure scores 1 at baseline and 0.5 exactly at its readiness limit
 * (DESIGN.md, Readiness gate), so the meter's middle line is the "near baseline" line; the meter
 * shows the worst measure. Null without metrics or baseline.
 */
export function closenessToBaseline(metrics: WindowMetrics | null, baseline: Baseline | null): number | null {
  if (!metrics || !baseline || metrics.hrBpm === null) return null;
  const p = READINESS_PARAMS;
  const scores: number[] = [];
  const hrRatio = metrics.hrBpm / baseline.hrBpm;
  scores.push(clamp01(1 - (hrRatio - 1) / (2 * (p.maxHrRatio - 1))));
  if (!metrics.hrOnly && metrics.lnRmssd !== null && baseline.lnRmssdMean !== null) {
    const unit = p.lnRmssdSdMultiplier * Math.max(baseline.lnRmssdSd ?? 0, p.minLnRmssdSd);
    const z = (metrics.lnRmssd - baseline.lnRmssdMean) / unit;
    scores.push(clamp01(1 + z / 2));
  }
  if (
    !metrics.hrOnly &&
    metrics.breathsPerMin !== null &&
    metrics.breathingConfidence >= p.minBreathingConfidence &&
    baseline.breathsPerMin !== null
  ) {
    const above = metrics.breathsPerMin - baseline.breathsPerMin;
    scores.push(clamp01(1 - above / (2 * p.maxBreathsAboveBaselinePerMin)));
  }
  return Math.min(...scores);
}

/**
 * The breathing rate a panel may show: only an estimate confident enough for the gate to use
 * (`minBreathingConfidence`); below it the screen says it cannot tell rather than guess.
 */
export function shownBreathing(metrics: WindowMetrics | null): number | null {
  if (!metrics || metrics.hrOnly || metrics.breathsPerMin === null) return null;
  return metrics.breathingConfidence >= READINESS_PARAMS.minBreathingConfidence ? metrics.breathsPerMin : null;
}

/** Signal quality in words from the share of unclear beats. */
export function describeQuality(metrics: WindowMetrics | null): { label: string; level: 'good' | 'fair' | 'poor' | 'none' } {
  if (!metrics || metrics.beats === 0) return { label: '—', level: 'none' };
  const percent = Math.round(metrics.artifactRate * 100);
  const detail = metrics.hrOnly ? 'heart rate only' : `${percent} % of beats unclear`;
  if (metrics.artifactRate <= 0.05) return { label: `Good (${detail})`, level: 'good' };
  if (metrics.artifactRate <= READINESS_PARAMS.maxArtifactRate) return { label: `Fair (${detail})`, level: 'fair' };
  return { label: `Poor (${detail}) — check the strap`, level: 'poor' };
}

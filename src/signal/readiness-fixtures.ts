/**
 * Hand-made inputs for readiness tests (signal and pipeline): a calm partner's window, baseline
 * and snapshot, each overridable field by field. Used by tests only.
 */
import type { PartnerSnapshot } from './readiness';
import { NO_FLOODING } from './readiness-flooding';
import type { Baseline, WindowMetrics } from './types';

/** Baseline of a calm partner: HR 68, lnRMSSD 3.8 ± 0.2 (RMSSD ≈ 45 ms), breathing 12/min. */
export const CALM_BASELINE: Baseline = Object.freeze({
  lnRmssdMean: 3.8,
  lnRmssdSd: 0.2,
  hrBpm: 68,
  breathsPerMin: 12,
  recordedAt: '2026-11-01T08:00:00.000Z',
  device: 'Polar H10 1A2B3C',
  calibrations: 1,
  demo: false,
});

/** A 60 s window ending at `endSec` that meets every near-baseline condition of `CALM_BASELINE`. */
export function calmWindow(endSec: number, overrides: Partial<WindowMetrics> = {}): WindowMetrics {
  return {
    startSec: endSec - 60,
    endSec,
    beats: 70,
    hrBpm: 70,
    rmssdMs: Math.exp(3.75),
    lnRmssd: 3.75,
    breathsPerMin: 12,
    breathingConfidence: 0.9,
    artifactRate: 0.01,
    hrOnly: false,
    ...overrides,
  };
}

/** A connected, calibrated partner with 2 minutes of calm data at `tSec`. */
export function calmSnapshot(tSec: number, overrides: Partial<PartnerSnapshot> = {}): PartnerSnapshot {
  return {
    tSec,
    link: { kind: 'connected' },
    usableSec: 120,
    metrics: calmWindow(tSec),
    trend: { tSec, lnRmssdPerMin: 0, breathsPerMinPerMin: 0 },
    baseline: CALM_BASELINE,
    hrOnly: false,
    flooding: NO_FLOODING,
    ...overrides,
  };
}

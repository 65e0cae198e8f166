import { heartRate } from '../signal/heart-rate';
import { mean, sampleSd } from '../stats/descriptive';
import { rmssdMs } from '../signal/rmssd';
import type { Baseline, PartnerId } from '../signal/types';
import type { Scenario } from './simulator';
import { scenarioHasNoBaseline } from './scenario-names';
import { CALM_PHYSIOLOGY, isScenario, scenarioSeed, simulateRr } from './simulator';

/** Event time of the simulated rest the demo baseline is measured on, seconds. */
const REST_SEC = 1800;
/** Window and step of the measurement, seconds (DESIGN.md, Readiness gate: 60 s windows). */
const WINDOW_SEC = 60;
const STEP_SEC = 10;
/** A fixed date, so the demo baseline is deterministic; `demo: true` marks it as not a real calibration. */
const DEMO_RECORDED_AT = '2026-01-01T00:00:00.000Z';

const cache = new Map<PartnerId, Baseline>();

/**
 * The demo baseline of a simulated partner (DESIGN.md, Page URLs: "demo partners bring a baseline
 * of their own, from their calm parameters, marked as demo data").
 *
 * Measured, not assumed: it simulates 30 minutes of the partner's calm physiology (the same
 * `CALM_PHYSIOLOGY` every scenario recovers to, with the calm scenario's seed) and measures it the
 * way a seated-rest calibration would — 60 s windows every 10 s; per window lnRMSSD and heart rate
 * from the signal code itself ({@link rmssdMs}, {@link heartRate}); the baseline is the mean and SD
 * of lnRMSSD, the mean heart rate and the mean true breathing rate. The simulated calm has no
 * artifacts, so no artifact correction is needed.
 *
 * The calm physiology is the same in every scenario, so the baseline depends on the partner only;
 * `scenario` is validated and kept in the signature so the app can ask per demo.
 */
export function demoBaseline(scenario: Scenario, partner: PartnerId): Baseline {
  if (!isScenario(scenario)) throw new Error(`demoBaseline: unknown scenario "${String(scenario)}"`);
  if (partner !== 'a' && partner !== 'b') throw new Error(`demoBaseline: unknown partner "${String(partner)}"`);
  const cached = cache.get(partner);
  if (cached !== undefined) return cached;

  const rest = simulateRr({ durationSec: REST_SEC, physiology: CALM_PHYSIOLOGY[partner], seed: scenarioSeed('calm', partner) });
  const lnRmssd: number[] = [];
  const hrBpm: number[] = [];
  for (let start = 0; start + WINDOW_SEC <= REST_SEC; start += STEP_SEC) {
    const rr: number[] = [];
    for (let i = 0; i < rest.tSec.length; i += 1) {
      if (rest.tSec[i] >= start && rest.tSec[i] < start + WINDOW_SEC) rr.push(rest.rrMs[i]);
    }
    lnRmssd.push(Math.log(rmssdMs(rr) as number));
    hrBpm.push(heartRate(rr) as number);
  }
  // The rest is minutes long: every mean and SD below has many windows behind it.
  const lnMean = mean(lnRmssd) as number;
  const lnSd = sampleSd(lnRmssd) as number;
  const baseline: Baseline = {
    lnRmssdMean: lnMean,
    lnRmssdSd: lnSd,
    hrBpm: mean(hrBpm) as number,
    breathsPerMin: mean(rest.breathsPerMin) as number,
    recordedAt: DEMO_RECORDED_AT,
    device: 'simulator',
    calibrations: 1,
    demo: true,
  };
  cache.set(partner, baseline);
  return baseline;
}

/**
 * The baseline a demo partner of `scenario` brings into a session: the measured demo baseline
 * ({@link demoBaseline}), or null for a scenario whose partners have none (`first-night`: judged by
 * their own settling).
 */
export function scenarioBaseline(scenario: Scenario, partner: PartnerId): Baseline | null {
  return isScenario(scenario) && scenarioHasNoBaseline(scenario) ? null : demoBaseline(scenario, partner);
}

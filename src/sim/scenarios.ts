/**
 * The demo scenarios (DESIGN.md, Page URLs): each partner's calm physiology and the timelines the
 * scenarios play.
 */
import type { PartnerId } from '../signal/types';
import type { Keyframe, PhysiologyParams } from './physiology';
import { defaultRmssdMs } from './physiology';
import { seedFrom } from './random';
import type { Scenario } from './scenario-names';

export { SCENARIOS, isScenario, type Scenario } from './scenario-names';

/** Each partner's resting physiology: what their demo baseline describes. */
export const CALM_PHYSIOLOGY: Readonly<Record<PartnerId, PhysiologyParams>> = {
  a: { hrBpm: 64, breathsPerMin: 11.5, rmssdMs: 46 },
  b: { hrBpm: 70, breathsPerMin: 13, rmssdMs: 36 },
};

/**
 * A recovery timeline: `from` held for `holdSec`, then an exponential approach to `to` with time
 * constant `tauSec` (sampled every 10 s up to 6 τ, then `to` for good).
 */
export function recoveryTimeline(from: PhysiologyParams, to: PhysiologyParams, holdSec: number, tauSec: number): Keyframe[] {
  const frames: Keyframe[] = [
    { ...from, atSec: 0 },
    { ...from, atSec: holdSec },
  ];
  const fromRmssd = from.rmssdMs ?? defaultRmssdMs(from.hrBpm);
  const toRmssd = to.rmssdMs ?? defaultRmssdMs(to.hrBpm);
  for (let dt = 10; dt <= 6 * tauSec; dt += 10) {
    const left = Math.exp(-dt / tauSec);
    frames.push({
      atSec: holdSec + dt,
      hrBpm: to.hrBpm + (from.hrBpm - to.hrBpm) * left,
      breathsPerMin: to.breathsPerMin + (from.breathsPerMin - to.breathsPerMin) * left,
      rmssdMs: Math.exp(Math.log(toRmssd) + (Math.log(fromRmssd) - Math.log(toRmssd)) * left),
    });
  }
  frames.push({ ...to, atSec: holdSec + 6 * tauSec + 10 });
  return frames;
}

/**
 * Aroused physiology after a fight: faster heart, little HRV, fast breathing — but short of
 * flooding (DESIGN.md: HR ≥ 100 or ≥ baseline + 20 bpm), which is its own scenario.
 */
const AROUSED: PhysiologyParams = { hrBpm: 80, breathsPerMin: 18, rmssdMs: 15 };
/** Flooded (Gottman): heart rate well above 100, almost no vagal modulation. */
const FLOODED: PhysiologyParams = { hrBpm: 108, breathsPerMin: 22, rmssdMs: 7 };

/**
 * The physiology timeline of a scenario for one partner (event-time seconds).
 * - `calm` and `hr-only`: both partners at rest throughout.
 * - `conflict`: partner a starts aroused (HR 80, RMSSD 15 ms, 18 breaths/min: out of range, not
 *   flooded), holds 30 s, then recovers with a 90 s time constant; partner b is calm. With the gate
 *   rules of DESIGN.md the gate opens about 5 minutes into the scenario.
 * - `flooded`: partner a at HR 108 for 20 minutes (the suggested break), then recovers with a 120 s
 *   time constant; partner b is calm.
 */
export function scenarioTimeline(scenario: Scenario, partner: PartnerId): Keyframe[] {
  const calm = CALM_PHYSIOLOGY[partner];
  if (partner === 'a' && scenario === 'conflict') return recoveryTimeline(AROUSED, calm, 30, 90);
  if (partner === 'a' && scenario === 'flooded') return recoveryTimeline(FLOODED, calm, 20 * 60, 120);
  return [{ ...calm, atSec: 0 }];
}

/** True when the scenario's device for this partner sends heart rate without RR intervals. */
export function scenarioIsHrOnly(scenario: Scenario, partner: PartnerId): boolean {
  return scenario === 'hr-only' && partner === 'b';
}

/** The default seed of a scenario's partner, so the two partners never share a sequence. */
export function scenarioSeed(scenario: Scenario, partner: PartnerId): number {
  return seedFrom(`${scenario}/${partner}`);
}

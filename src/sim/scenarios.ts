/**
 * The demo scenarios (DESIGN.md, Page URLs): each partner's calm physiology and the timelines the
 * scenarios play.
 */
import type { PartnerId } from '../signal/types';
import type { Keyframe, PhysiologyParams } from './physiology';
import { defaultRmssdMs } from './physiology';
import { seedFrom } from './random';
import type { Scenario } from './scenario-names';
import type { PacerFollowing, SharedCoupling } from './simulated-dyads';

export { SCENARIOS, isScenario, scenarioHasNoBaseline, type Scenario } from './scenario-names';

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
 * The upset couple of the first night, after a fight (issue "A baseline worth trusting", 3): heart
 * rate about 97, breathing 20/min, RMSSD under 10 ms — plainly aroused, just short of flooding.
 */
const FIRST_NIGHT_AROUSED: Readonly<Record<PartnerId, PhysiologyParams>> = {
  a: { hrBpm: 97, breathsPerMin: 20, rmssdMs: 8 },
  b: { hrBpm: 96, breathsPerMin: 20, rmssdMs: 9 },
};
/** How long each first-night partner stays aroused before recovering, seconds: B 4 minutes after A. */
const FIRST_NIGHT_HOLD_SEC: Readonly<Record<PartnerId, number>> = { a: 120, b: 360 };
/** Time constant of the first-night recovery, seconds. */
const FIRST_NIGHT_TAU_SEC = 60;

/**
 * When each first-night partner counts as calm, event-time seconds: two and a half time constants
 * into the recovery, when heart rate is within 8 % of its fall from calm (about 2.6 bpm) and RMSSD
 * within 17 % of calm in the log domain.
 */
export const FIRST_NIGHT_CALM_FROM_SEC: Readonly<Record<PartnerId, number>> = {
  a: FIRST_NIGHT_HOLD_SEC.a + 2.5 * FIRST_NIGHT_TAU_SEC,
  b: FIRST_NIGHT_HOLD_SEC.b + 2.5 * FIRST_NIGHT_TAU_SEC,
};

/**
 * The physiology timeline of a scenario for one partner (event-time seconds).
 * - `calm` and `hr-only`: both partners at rest throughout.
 * - `conflict`: partner a starts aroused (HR 80, RMSSD 15 ms, 18 breaths/min: out of range, not
 *   flooded), holds 30 s, then recovers with a 90 s time constant; partner b is calm. With the gate
 *   rules of DESIGN.md the gate opens about 5 minutes into the scenario.
 * - `flooded`: partner a at HR 108 for 20 minutes (the suggested break), then recovers with a 120 s
 *   time constant; partner b is calm.
 * - `together`: both partners start aroused but short of flooding (A: HR 78, 18 breaths/min, RMSSD 14 ms; B: HR 83,
 *   19/min, 12 ms), begin breathing with the pacer at 5.45/min (A after 20 s, B after 45 s; see
 *   {@link scenarioPacing}) and recover to calm with a 90 s time constant; meanwhile a slow
 *   component they share grows to carry 80 % of their Mayer-wave band (time constant 120 s from
 *   the first minute), partner A leading by 1.5 s.
 * - `first-night`: both partners start aroused (A: HR 97, 20 breaths/min, RMSSD 8 ms; B: HR 96,
 *   20/min, 9 ms; slow drift 1 % of the interval rather than 3 %, so heart rate stays near 97), A for
 *   2 minutes and B for 6, then each recovers to calm with a 60 s time constant
 *   (calm from {@link FIRST_NIGHT_CALM_FROM_SEC}: 270 s for A, 510 s for B). Its demo partners have
 *   no baseline ({@link scenarioHasNoBaseline}).
 */
export function scenarioTimeline(scenario: Scenario, partner: PartnerId): Keyframe[] {
  const calm = CALM_PHYSIOLOGY[partner];
  if (scenario === 'together') {
    const start = TOGETHER_AROUSED[partner];
    const frames = recoveryTimeline(start, calm, TOGETHER_FOLLOW_FROM_SEC[partner], 90);
    const share = (tSec: number) => TOGETHER_SHARE * (1 - Math.exp(-Math.max(0, tSec - 60) / 120));
    // The recovery's frames (every 10 s once it starts) carry the growing share, then it holds.
    const last = frames[frames.length - 1];
    return [...frames, { ...last, atSec: last.atSec + 600 }].map((frame) => ({ ...frame, sharedShare: share(frame.atSec) }));
  }
  if (scenario === 'first-night') {
    const from = FIRST_NIGHT_AROUSED[partner];
    // Aroused heart rate is held up by sympathetic drive and wanders less: the slow drift grows from
    // 1 % of the interval when aroused to the usual 3 % at calm, with the recovery.
    return recoveryTimeline(from, calm, FIRST_NIGHT_HOLD_SEC[partner], FIRST_NIGHT_TAU_SEC).map((frame) => {
      const left = (frame.hrBpm - calm.hrBpm) / (from.hrBpm - calm.hrBpm);
      return { ...frame, driftSdMs: 0.03 * (60_000 / frame.hrBpm) * (1 - (2 / 3) * left) };
    });
  }
  if (partner === 'a' && scenario === 'conflict') return recoveryTimeline(AROUSED, calm, 30, 90);
  if (partner === 'a' && scenario === 'flooded') return recoveryTimeline(FLOODED, calm, 20 * 60, 120);
  return [{ ...calm, atSec: 0 }];
}

/** The pacer's rate in the `together` demo, breaths/min (the article's 4-1-6 breath: 60 / 11 s). */
export const TOGETHER_PACER_PER_MIN = 60 / 11;

const TOGETHER_AROUSED: Readonly<Record<PartnerId, PhysiologyParams>> = {
  a: { hrBpm: 78, breathsPerMin: 18, rmssdMs: 14 },
  b: { hrBpm: 83, breathsPerMin: 19, rmssdMs: 12 },
};
const TOGETHER_FOLLOW_FROM_SEC: Readonly<Record<PartnerId, number>> = { a: 20, b: 45 };
const TOGETHER_SHARE = 0.8;
const TOGETHER_LAG_SEC: Readonly<Record<PartnerId, number>> = { a: 0, b: 1.5 };

/**
 * The pacer and the shared component a scenario's partner lives with: only `together` has them
 * (the pacer at {@link TOGETHER_PACER_PER_MIN} from the start, followed fully; one shared
 * component per dyad). The simulated partners follow this pacer, not the app's: the demo assumes
 * the couple starts the pacer when the session starts.
 */
export function scenarioPacing(scenario: Scenario, partner: PartnerId): { pacer?: PacerFollowing; coupling?: SharedCoupling } {
  if (scenario !== 'together') return {};
  return {
    pacer: { perMin: TOGETHER_PACER_PER_MIN, startSec: 0, followFromSec: TOGETHER_FOLLOW_FROM_SEC[partner], follow: 'full' },
    coupling: { seed: 'together/shared', lagSec: TOGETHER_LAG_SEC[partner] },
  };
}

/** True when the scenario's device for this partner sends heart rate without RR intervals. */
export function scenarioIsHrOnly(scenario: Scenario, partner: PartnerId): boolean {
  return scenario === 'hr-only' && partner === 'b';
}

/** The default seed of a scenario's partner, so the two partners never share a sequence. */
export function scenarioSeed(scenario: Scenario, partner: PartnerId): number {
  return seedFrom(`${scenario}/${partner}`);
}

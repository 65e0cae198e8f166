/**
 * The breathing pacer: where in a slow breath a given moment falls. Pure, so the animation, the
 * text count (for reduced motion) and the tests all read the same numbers.
 */
import type { Breathing } from './routine-schema';

export type BreathPhase = 'in' | 'hold' | 'out';

export interface PacerReading {
  readonly phase: BreathPhase;
  /** 1-based count within the phase ("in … 2 of 4"). */
  readonly count: number;
  /** Counts in this phase (whole seconds, at least 1). */
  readonly of: number;
  /** 0–1 through the phase. */
  readonly progress: number;
  /** 0-based breath number. */
  readonly cycle: number;
  /** False once the pattern's cycles are done (then the pacer rests). */
  readonly active: boolean;
}

/** The warm-up's grounding breath: in for 4, hold for 1, out for 6. */
export const GROUNDING_BREATH: Breathing = { inSec: 4, holdSec: 1, outSec: 6 };

/**
 * The breath for a pace of `breathsPerMin`: the grounding breath itself at its own pace (60/11 a
 * minute), else no hold and an out-breath half again as long as the in-breath (2 : 3), the longer
 * exhale the grounding breath also has — 6 a minute is in 4, out 6. Throws for a pace that is not
 * a positive, finite number.
 */
export function breathingAtPace(breathsPerMin: number): Breathing {
  if (!Number.isFinite(breathsPerMin) || breathsPerMin <= 0) {
    throw new Error(`breathing pace: expected a positive number of breaths a minute, not ${breathsPerMin}`);
  }
  const cycleSec = 60 / breathsPerMin;
  const groundingSec = GROUNDING_BREATH.inSec + GROUNDING_BREATH.holdSec + GROUNDING_BREATH.outSec;
  if (Math.abs(cycleSec - groundingSec) < 1e-9) return GROUNDING_BREATH;
  return { inSec: cycleSec * 0.4, holdSec: 0, outSec: cycleSec * 0.6 };
}

/** The pacer reading `elapsedMs` into the pattern; negative times read as the start. */
export function pacerAt(elapsedMs: number, pattern: Breathing = GROUNDING_BREATH): PacerReading {
  const cycleMs = (pattern.inSec + pattern.holdSec + pattern.outSec) * 1000;
  const t = Math.max(0, elapsedMs);
  const cycle = Math.floor(t / cycleMs);
  const active = pattern.cycles === undefined || cycle < pattern.cycles;
  const within = t - cycle * cycleMs;
  const phases: [BreathPhase, number][] = [
    ['in', pattern.inSec * 1000],
    ['hold', pattern.holdSec * 1000],
    ['out', pattern.outSec * 1000],
  ];
  let start = 0;
  for (const [phase, lengthMs] of phases) {
    if (lengthMs > 0 && within < start + lengthMs) {
      const intoMs = within - start;
      return {
        phase,
        count: Math.floor(intoMs / 1000) + 1,
        of: Math.max(1, Math.round(lengthMs / 1000)),
        progress: intoMs / lengthMs,
        cycle,
        active,
      };
    }
    start += lengthMs;
  }
  // Unreachable for positive patterns; a zero-length cycle rests.
  return { phase: 'out', count: 1, of: 1, progress: 1, cycle, active: false };
}

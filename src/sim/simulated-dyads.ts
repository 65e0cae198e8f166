/**
 * Simulating two partners settling together: a slow heart-rate component the two share (a coupled
 * dyad) and partners who follow a breathing pacer fully, partly or not at all.
 */
import type { Random } from './random';
import { createRandom } from './random';

/**
 * A slow heart-rate component shared by the two partners of a dyad. Both partners' simulations
 * name the same `seed`; each may be delayed behind it by `lagSec`, so with partner A at lag 0 and
 * B at lag 2, A leads by 2 s. How much of each partner's slow band it carries is `share` (or the
 * physiology's `sharedShare`, which may change over a timeline).
 */
export interface SharedCoupling {
  /** Seed of the shared component: equal seeds, equal component. */
  readonly seed: number | string;
  /**
   * Share (0–1) of the Mayer-wave band's variance carried by the shared component; the partner's
   * own Mayer wave keeps the rest. Default: the physiology's `sharedShare` (0 when unset).
   */
  readonly share?: number;
  /** This partner's delay behind the shared component, seconds, 0–30. Default 0. */
  readonly lagSec?: number;
}

/** A breathing pacer and how a partner follows it. */
export interface PacerFollowing {
  /** The pacer's rate, breaths/min (3–20). */
  readonly perMin: number;
  /** When the pacer starts, event-time seconds (its phase counts from here). Default 0. */
  readonly startSec?: number;
  /** When this partner starts following, seconds (not before the pacer starts). Default: the pacer's start. */
  readonly followFromSec?: number;
  /**
   * `full`: breathes at the pacer's rate, locked to its phase, from `followFromSec` on; `partial`:
   * the same in stretches of 30–90 s, alternating with as long of their own breathing (about half
   * the time); `none`: keeps their own breathing.
   */
  readonly follow: 'full' | 'partial' | 'none';
}

/** Number of sinusoids summed into the shared component. */
const SHARED_COMPONENTS = 24;
/** Band of the shared component, Hz (the Mayer-wave band the synchrony measure looks at). */
const SHARED_LOW_HZ = 0.03;
const SHARED_HIGH_HZ = 0.15;

/** Checks a coupling's options (errors start "simulateRr: "). */
export function checkSharedCoupling(coupling: SharedCoupling): void {
  const { share, lagSec } = coupling;
  if (share !== undefined && (!Number.isFinite(share) || share < 0 || share > 1)) {
    throw new Error(`simulateRr: coupling.share must be 0–1, got ${share}`);
  }
  if (lagSec !== undefined && (!Number.isFinite(lagSec) || lagSec < 0 || lagSec > 30)) {
    throw new Error(`simulateRr: coupling.lagSec must be 0–30 seconds, got ${lagSec}`);
  }
}

/** Checks a pacer's options (errors start "simulateRr: "). */
export function checkPacerFollowing(pacer: PacerFollowing): void {
  if (!Number.isFinite(pacer.perMin) || pacer.perMin < 3 || pacer.perMin > 20) {
    throw new Error(`simulateRr: pacer.perMin must be 3–20 breaths/min, got ${pacer.perMin}`);
  }
  for (const key of ['startSec', 'followFromSec'] as const) {
    const value = pacer[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      throw new Error(`simulateRr: pacer.${key} must be ≥ 0, got ${value}`);
  }
  if (!['full', 'partial', 'none'].includes(pacer.follow)) {
    throw new Error(`simulateRr: pacer.follow must be full, partial or none, got "${String(pacer.follow)}"`);
  }
}

/**
 * The shared component as a function of event time: a sum of 24 sinusoids with frequencies spread
 * at random over 0.03–0.15 Hz and random phases (from the seed), scaled to unit variance — a
 * band-limited random rhythm that both partners can read at their own lag.
 */
export function createSharedComponent(seed: number | string): (tSec: number) => number {
  const random = createRandom(`${String(seed)}/shared`);
  const omega = new Float64Array(SHARED_COMPONENTS);
  const phase = new Float64Array(SHARED_COMPONENTS);
  for (let k = 0; k < SHARED_COMPONENTS; k += 1) {
    omega[k] = 2 * Math.PI * (SHARED_LOW_HZ + (SHARED_HIGH_HZ - SHARED_LOW_HZ) * random.next());
    phase[k] = 2 * Math.PI * random.next();
  }
  const amplitude = Math.sqrt(2 / SHARED_COMPONENTS);
  return (tSec) => {
    let sum = 0;
    for (let k = 0; k < SHARED_COMPONENTS; k += 1) sum += Math.sin(omega[k] * tSec + phase[k]);
    return amplitude * sum;
  };
}

/**
 * Reads, forwards in event time, whether the partner is following the pacer: the pacer's phase,
 * radians, while following, else undefined.
 */
export function createFollowSchedule(pacer: PacerFollowing, random: Random): (tSec: number) => number | undefined {
  const startSec = pacer.startSec ?? 0;
  const fromSec = Math.max(startSec, pacer.followFromSec ?? startSec);
  const phaseAt = (tSec: number) => 2 * Math.PI * (pacer.perMin / 60) * (tSec - startSec);
  if (pacer.follow === 'none') return () => undefined;
  if (pacer.follow === 'full') return (tSec) => (tSec >= fromSec ? phaseAt(tSec) : undefined);
  // Partly: alternating stretches of 30–90 s, following first.
  let stretchEnd = fromSec + 30 + 60 * random.next();
  let on = true;
  return (tSec) => {
    if (tSec < fromSec) return undefined;
    while (tSec >= stretchEnd) {
      on = !on;
      stretchEnd += 30 + 60 * random.next();
    }
    return on ? phaseAt(tSec) : undefined;
  };
}

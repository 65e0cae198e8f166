import type { WindowMetrics } from '../../signal/types';
import { shownBreathing } from './readiness-words';

/**
 * How long a partner's last confident breathing rate stays on screen, marked as held, while the
 * estimate is unsure, seconds of event time. Slow breathing with the pacer sits at the edge of what
 * the estimate resolves, so its confidence dips for a few beats now and then; without a hold the
 * figure flickered between a rate and "can't tell" (on the `together` demo 7 and 9 times in 20 min,
 * at 30 s once and 3 times). Short enough that a held rate is still about this minute's breathing.
 */
export const BREATHING_HOLD_SEC = 30;

/** The breathing figure as shown. */
export interface HeldBreathing {
  /** Breaths a minute shown, or null ("can't tell"). */
  readonly breathsPerMin: number | null;
  /** The figure is the last confident one, kept while the estimate is unsure. */
  readonly held: boolean;
  /** Event time of the last confident estimate, seconds; null before the first. */
  readonly confidentSec: number | null;
}

export const NO_BREATHING: HeldBreathing = { breathsPerMin: null, held: false, confidentSec: null };

/**
 * The next breathing figure from the previous one and the latest metrics: a confident estimate is
 * shown as it is; an unsure one keeps the last confident figure for {@link BREATHING_HOLD_SEC}
 * (marked as held), then "can't tell". Nothing is held across a heart-rate-only device or an
 * irregular rhythm: those have reasons of their own, shown at once. So the figure turns to "can't
 * tell" at most once per hold: each time needs that long without a confident estimate.
 */
export function holdBreathing(previous: HeldBreathing, metrics: WindowMetrics | null): HeldBreathing {
  if (metrics === null || metrics.hrOnly || (metrics.irregular ?? null) !== null) return NO_BREATHING;
  const confident = shownBreathing(metrics);
  if (confident !== null) return { breathsPerMin: confident, held: false, confidentSec: metrics.endSec };
  if (previous.breathsPerMin !== null && previous.confidentSec !== null && metrics.endSec - previous.confidentSec <= BREATHING_HOLD_SEC) {
    return { breathsPerMin: previous.breathsPerMin, held: true, confidentSec: previous.confidentSec };
  }
  return { breathsPerMin: null, held: false, confidentSec: previous.confidentSec };
}

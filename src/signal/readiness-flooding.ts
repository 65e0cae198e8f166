/**
 * Flooding ("diffuse physiological arousal", Gottman & Silver 1999; Gottman 2011): heart rate at
 * or above 100 bpm, or 20 bpm or more above the partner's resting rate, held for a while. Pure
 * state stepping in event time; the stream layer feeds it one beat at a time.
 */
import type { Beat } from './types';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';

/** Flooding state of one partner after the latest beat. */
export interface FloodingTrack {
  /** True once the condition held for `floodingSustainSec`, until it is clear for `floodingClearSec`. */
  readonly flooded: boolean;
  /** Smoothed heart rate used for the rule, bpm; null before the first beat. */
  readonly hrBpm: number | null;
  /** Threshold in force: min(`floodingHrBpm`, baseline + `floodingAboveBaselineBpm`), bpm. */
  readonly limitBpm: number;
  /** Event time the condition started holding, seconds; null while it does not hold. */
  readonly sinceSec: number | null;
  /** Event time the condition stopped holding, seconds; null while it holds or never held. */
  readonly clearSinceSec: number | null;
  /** How long the condition has held continuously, seconds (0 when it does not hold). */
  readonly heldSec: number;
}

/** Flooding state before any beat. */
export const NO_FLOODING: FloodingTrack = Object.freeze({
  flooded: false,
  hrBpm: null,
  limitBpm: READINESS_PARAMS.floodingHrBpm,
  sinceSec: null,
  clearSinceSec: null,
  heldSec: 0,
});

/**
 * The flooding threshold for a partner, bpm: the lower of the absolute limit and baseline + margin.
 * Without a baseline only the absolute limit applies.
 */
export function floodingLimitBpm(baselineHrBpm: number | null, params: ReadinessParams = READINESS_PARAMS): number {
  if (baselineHrBpm === null) return params.floodingHrBpm;
  return Math.min(params.floodingHrBpm, baselineHrBpm + params.floodingAboveBaselineBpm);
}

/**
 * Median heart rate of the beats in (`tSec` − `spanSec`, `tSec`], bpm; undefined without such beats.
 * The median keeps one ectopic or missed beat from starting or breaking a flooding run.
 *
 * @param beats - recent beats in event-time order (older ones are ignored).
 * @param tSec - the present, event-time seconds.
 * @param spanSec - span to look back, seconds.
 */
export function recentMedianHr(beats: readonly Beat[], tSec: number, spanSec: number): number | undefined {
  const values: number[] = [];
  for (let i = beats.length - 1; i >= 0; i -= 1) {
    const beat = beats[i]!;
    if (beat.tSec <= tSec - spanSec) break;
    if (beat.tSec <= tSec && Number.isFinite(beat.hrBpm) && beat.hrBpm > 0) values.push(beat.hrBpm);
  }
  if (values.length === 0) return undefined;
  values.sort((x, y) => x - y);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Steps the flooding state to event time `tSec` with the smoothed heart rate `hrBpm`.
 * Becomes flooded once the condition has held `floodingSustainSec`; stays flooded until it has been
 * clear for `floodingClearSec`, so a rate hovering at the threshold does not flicker.
 *
 * @param previous - state after the previous beat (`NO_FLOODING` at the start or after signal loss).
 * @param tSec - event time of this beat, seconds; must not go backwards.
 * @param hrBpm - smoothed heart rate now, bpm.
 * @param baselineHrBpm - resting heart rate, bpm, or null without a baseline.
 */
export function stepFlooding(
  previous: FloodingTrack,
  tSec: number,
  hrBpm: number,
  baselineHrBpm: number | null,
  params: ReadinessParams = READINESS_PARAMS,
): FloodingTrack {
  const limitBpm = floodingLimitBpm(baselineHrBpm, params);
  if (hrBpm >= limitBpm) {
    const sinceSec = previous.sinceSec ?? tSec;
    const heldSec = tSec - sinceSec;
    return {
      flooded: previous.flooded || heldSec >= params.floodingSustainSec,
      hrBpm,
      limitBpm,
      sinceSec,
      clearSinceSec: null,
      heldSec,
    };
  }
  const clearSinceSec = previous.clearSinceSec ?? tSec;
  return {
    flooded: previous.flooded && tSec - clearSinceSec < params.floodingClearSec,
    hrBpm,
    limitBpm,
    sinceSec: null,
    clearSinceSec,
    heldSec: 0,
  };
}

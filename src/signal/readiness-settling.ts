/**
 * Settling within a session, for the first night (no baseline yet; issue "A baseline worth
 * trusting", 3): a smoothed heart rate, and since when it has stopped coming down.
 *
 * A plateau has a floor; a smoothed heart rate more than `firstNightPlateauBandBpm` below the floor
 * is still falling, and a new plateau starts there, at that level. Until the plateau has held
 * `firstNightPlateauSec` its floor is the level it started at, so a heart rate that keeps coming
 * down — even slowly, more than the band in the span — never holds one. Once it has held, the
 * floor is the lowest level reached on it: calming further is never held against anyone. Either
 * way the floor follows the heart rate up (never more than the band below the highest level on the
 * plateau), so a rise and a fall back by more than twice the band also starts a new plateau, while
 * an ordinary wander up and down at rest does not.
 *
 * The stream layer feeds it one beat at a time; the work per beat is small and constant (a median
 * of the last `firstNightHrSmoothingSec`, once a second of event time).
 */
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { Beat } from './types';

/** The partner's settling at one moment. */
export interface SettlingTrack {
  /** Smoothed heart rate (median over `firstNightHrSmoothingSec`), bpm; null before a full span of beats. */
  readonly hrBpm: number | null;
  /** Event time the current plateau started, seconds; null before the smoothed heart rate exists. */
  readonly plateauSinceSec: number | null;
  /** How long the plateau has held, seconds (0 without one). */
  readonly heldSec: number;
  /** The plateau's floor, bpm: a smoothed heart rate more than the band below it starts a new plateau. */
  readonly floorBpm: number | null;
}

/** Settling before any beat, or after the signal was lost. */
export const NO_SETTLING: SettlingTrack = Object.freeze({
  hrBpm: null,
  plateauSinceSec: null,
  heldSec: 0,
  floorBpm: null,
});

/** Stateful settling tracker of one partner; `read` never changes it. */
export interface SettlingTracker {
  /** Adds one beat (or heart-rate sample) in event-time order. */
  add(beat: Beat): void;
  /** Forgets everything: the signal was lost, settling starts again with the next beat. */
  reset(): void;
  /** The settling at event time `tSec` (at or after the latest beat). */
  read(tSec: number): SettlingTrack;
}

/**
 * Creates a settling tracker. The smoothed heart rate is the median of the beats' `hrBpm` over the
 * last `firstNightHrSmoothingSec` (a median, so one ectopic or missed beat does not start a
 * plateau), taken once per second of event time from the first full span on. The first sample
 * starts the first plateau with its value as the floor.
 */
export function createSettlingTracker(params: ReadinessParams = READINESS_PARAMS): SettlingTracker {
  const smoothingSec = params.firstNightHrSmoothingSec;
  const bandBpm = params.firstNightPlateauBandBpm;
  /** Recent beats' heart rates and times, oldest first from `head`. */
  let times: number[] = [];
  let rates: number[] = [];
  let head = 0;
  let firstSec: number | null = null;
  let nextSampleSec = 0;
  let hrBpm: number | null = null;
  let plateauSinceSec: number | null = null;
  /** Level the plateau started at, and the lowest and highest levels on it, bpm. */
  let startBpm = 0;
  let lowBpm = 0;
  let highBpm = 0;
  let floorBpm: number | null = null;
  const scratch: number[] = [];

  const median = (): number | null => {
    scratch.length = 0;
    for (let i = head; i < rates.length; i += 1) scratch.push(rates[i]!);
    if (scratch.length === 0) return null;
    scratch.sort((x, y) => x - y);
    const mid = scratch.length >> 1;
    return scratch.length % 2 === 1 ? scratch[mid]! : (scratch[mid - 1]! + scratch[mid]!) / 2;
  };

  const sample = (tSec: number, value: number): void => {
    if (floorBpm === null || plateauSinceSec === null || value < floorBpm - bandBpm) {
      // Still coming down (or the first sample): a new plateau starts here, at this level.
      startBpm = value;
      lowBpm = value;
      highBpm = value;
      floorBpm = value;
      plateauSinceSec = tSec;
      return;
    }
    lowBpm = Math.min(lowBpm, value);
    highBpm = Math.max(highBpm, value);
    const held = tSec - plateauSinceSec >= params.firstNightPlateauSec;
    floorBpm = Math.max(held ? lowBpm : startBpm, highBpm - bandBpm);
  };

  return {
    add(beat) {
      if (!Number.isFinite(beat.tSec) || !Number.isFinite(beat.hrBpm) || beat.hrBpm <= 0) return;
      const t = beat.tSec;
      firstSec ??= t;
      times.push(t);
      rates.push(beat.hrBpm);
      while (head < times.length && times[head]! <= t - smoothingSec) head += 1;
      if (head > 256) {
        times = times.slice(head);
        rates = rates.slice(head);
        head = 0;
      }
      if (t - firstSec < smoothingSec || t < nextSampleSec) return;
      nextSampleSec = Math.floor(t) + 1;
      const m = median();
      if (m === null) return;
      hrBpm = m;
      sample(t, m);
    },
    reset() {
      times = [];
      rates = [];
      head = 0;
      firstSec = null;
      nextSampleSec = 0;
      hrBpm = null;
      plateauSinceSec = null;
      floorBpm = null;
    },
    read(tSec) {
      if (hrBpm === null || plateauSinceSec === null) return NO_SETTLING;
      return { hrBpm, plateauSinceSec, heldSec: Math.max(0, tSec - plateauSinceSec), floorBpm };
    },
  };
}

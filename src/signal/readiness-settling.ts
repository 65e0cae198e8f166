/**
 * Settling within a session, for the first night (no baseline yet; issue "A baseline worth
 * trusting", 3): a smoothed heart rate, and since when it has stopped coming down.
 *
 * A plateau has a floor; a smoothed heart rate more than `firstNightPlateauBandBpm` below the floor
 * is still falling, and a new plateau starts there, at that level. Until the plateau has held
 * `firstNightPlateauSec` its floor is the level it started at, so a heart rate that keeps coming
 * down — even slowly, more than the band in the span — never holds one. Once it has held, the
 * floor is the lowest level reached on it, but at most one band below where it started: settling a
 * little further is not held against anyone, while a recovery that goes on is still seen. A
 * smoothed heart rate above `firstNightMaxHrBpm` is no plateau at all ("down to a plateau"): the
 * plateau starts with the first sample at or below it, so a heart rate held steady while aroused
 * never counts as held.
 * Rises within the limit never start a new plateau: without a baseline, a rise is judged by the
 * absolute limits, the HRV trend and flooding, not by the plateau.
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
  /** Event time the current plateau started, seconds; null without one (no smoothed heart rate yet, or above the aroused limit). */
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
  /** Level the plateau started at, and the lowest level on it, bpm. */
  let startBpm = 0;
  let lowBpm = 0;
  let floorBpm: number | null = null;
  const scratch: number[] = [];

  /** The k-th smallest of scratch[0..n) (Hoare's selection, average O(n); reorders scratch). */
  const select = (n: number, k: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const pivot = scratch[(lo + hi) >> 1]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (scratch[i]! < pivot) i += 1;
        while (scratch[j]! > pivot) j -= 1;
        if (i <= j) {
          const x = scratch[i]!;
          scratch[i] = scratch[j]!;
          scratch[j] = x;
          i += 1;
          j -= 1;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return scratch[k]!;
    }
    return scratch[k]!;
  };

  const median = (): number | null => {
    const n = rates.length - head;
    if (n <= 0) return null;
    scratch.length = n;
    for (let i = 0; i < n; i += 1) scratch[i] = rates[head + i]!;
    const mid = n >> 1;
    const upper = select(n, mid);
    if (n % 2 === 1) return upper;
    // The lower middle is the largest of the values the selection left below `mid`.
    let lower = scratch[0]!;
    for (let i = 1; i < mid; i += 1) if (scratch[i]! > lower) lower = scratch[i]!;
    return (lower + upper) / 2;
  };

  const sample = (tSec: number, value: number): void => {
    if (value > params.firstNightMaxHrBpm) {
      // Not down yet: no plateau while the heart rate is above the aroused limit.
      floorBpm = null;
      plateauSinceSec = null;
      return;
    }
    if (floorBpm === null || plateauSinceSec === null || value < floorBpm - bandBpm) {
      // The first sample, or still coming down: a new plateau starts here, at this level.
      startBpm = value;
      lowBpm = value;
      floorBpm = value;
      plateauSinceSec = tSec;
      return;
    }
    lowBpm = Math.min(lowBpm, value);
    // Once held, the floor may follow the heart rate down by one band at most.
    if (tSec - plateauSinceSec >= params.firstNightPlateauSec) floorBpm = Math.max(lowBpm, startBpm - bandBpm);
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
      if (hrBpm === null) return NO_SETTLING;
      if (plateauSinceSec === null) return { ...NO_SETTLING, hrBpm };
      return { hrBpm, plateauSinceSec, heldSec: Math.max(0, tSec - plateauSinceSec), floorBpm };
    },
  };
}

/**
 * Settling within a session, for the first night (no baseline yet; issue "A baseline worth
 * trusting", 3): has the heart rate come down to a plateau and held it for two minutes?
 *
 * Over the last `firstNightPlateauSec` of beats, split into an earlier and a later half, the mean
 * heart rate of the later half may be at most `firstNightPlateauBandBpm` below the earlier half's.
 * A heart rate still coming down shows as a later half clearly below the earlier one; a heart rate
 * on a plateau for the whole span shows as two halves alike. Means over a minute (rather than the
 * lowest level reached, or a band that a single dip can leave) keep ordinary wandering at rest and
 * a wrist device's missing beats from restarting anything: the judgement is made afresh on every
 * beat from the beats in the span, so it needs no reset after a dropout either.
 *
 * Rises are not judged here: without a baseline a rise is seen by the absolute limits, the HRV
 * trend and flooding. The stream layer feeds it one beat at a time; the work per beat is constant
 * (running sums over the two halves).
 */
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { Beat } from './types';

/** The partner's settling at one moment. */
export interface SettlingTrack {
  /** Mean heart rate of the earlier half of the span, bpm; null while that half has too few beats. */
  readonly earlierHrBpm: number | null;
  /** Mean heart rate of the later half (the last minute), bpm; null while it has too few beats. */
  readonly laterHrBpm: number | null;
}

/** Settling before any beat (and, for the earlier mean, before a whole span of beats). */
export const NO_SETTLING: SettlingTrack = Object.freeze({ earlierHrBpm: null, laterHrBpm: null });

/**
 * Fewest beats (or heart-rate samples) a half of the span needs for its mean: a quarter of a
 * minute's beats at 40 bpm per half-minute of span, so a wrist device that drops many beats can
 * still be judged while an empty half cannot.
 */
export function minBeatsPerHalf(params: ReadinessParams = READINESS_PARAMS): number {
  return Math.max(5, Math.round(((params.firstNightPlateauSec / 2) * 40) / 60 / 2));
}

/** Slack on the span's coverage, seconds (one beat). */
const COVER_SLACK_SEC = 2;

/** Stateful settling tracker of one partner; `read` never changes it. */
export interface SettlingTracker {
  /** Adds one beat (or heart-rate sample) in event-time order. */
  add(beat: Beat): void;
  /** The settling at event time `tSec` (at or after the latest beat). */
  read(tSec: number): SettlingTrack;
}

/**
 * Creates a settling tracker: keeps the beats of the last `firstNightPlateauSec` with running sums
 * of their heart rates in the earlier and the later half (the boundary moves with time).
 */
export function createSettlingTracker(params: ReadinessParams = READINESS_PARAMS): SettlingTracker {
  const spanSec = params.firstNightPlateauSec;
  const halfSec = spanSec / 2;
  const need = minBeatsPerHalf(params);
  let times: number[] = [];
  let rates: number[] = [];
  /** First beat in the span, and first beat of the later half. */
  let head = 0;
  let mid = 0;
  let earlierSum = 0;
  let laterSum = 0;
  /** Event time of the first beat since the span was last empty: the plateau needs a whole span of beats. */
  let coveredFromSec: number | null = null;

  /** Moves the span's start and the halves' boundary to event time `tSec`. */
  const advance = (tSec: number): void => {
    while (mid < times.length && times[mid]! <= tSec - halfSec) {
      laterSum -= rates[mid]!;
      earlierSum += rates[mid]!;
      mid += 1;
    }
    while (head < mid && times[head]! <= tSec - spanSec) {
      earlierSum -= rates[head]!;
      head += 1;
    }
    if (head > 512 && head * 2 > times.length) {
      times = times.slice(head);
      rates = rates.slice(head);
      mid -= head;
      head = 0;
    }
  };

  const sums = (tSec: number): { earlier: number; earlierN: number; later: number; laterN: number } => {
    // Reading must not change the tracker: count from a copy of the boundaries.
    let h = head;
    let m = mid;
    let earlier = earlierSum;
    let later = laterSum;
    while (m < times.length && times[m]! <= tSec - halfSec) {
      later -= rates[m]!;
      earlier += rates[m]!;
      m += 1;
    }
    while (h < m && times[h]! <= tSec - spanSec) {
      earlier -= rates[h]!;
      h += 1;
    }
    return { earlier, earlierN: m - h, later, laterN: times.length - m };
  };

  return {
    add(beat) {
      if (!Number.isFinite(beat.tSec) || !Number.isFinite(beat.hrBpm) || beat.hrBpm <= 0) return;
      advance(beat.tSec);
      if (head === times.length) coveredFromSec = beat.tSec;
      times.push(beat.tSec);
      rates.push(beat.hrBpm);
      laterSum += beat.hrBpm;
      advance(beat.tSec);
    },
    read(tSec) {
      const s = sums(tSec);
      // One beat of slack, as for a calibration: the first beat's interval began before it.
      if (coveredFromSec === null || tSec - coveredFromSec < spanSec - COVER_SLACK_SEC) {
        return { earlierHrBpm: null, laterHrBpm: s.laterN >= need ? s.later / s.laterN : null };
      }
      return {
        earlierHrBpm: s.earlierN >= need ? s.earlier / s.earlierN : null,
        laterHrBpm: s.laterN >= need ? s.later / s.laterN : null,
      };
    },
  };
}

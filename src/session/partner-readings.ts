/**
 * A partner's calm readings as the live session keeps them (issue 20): which readings count, the
 * baseline made of them, how far the baseline has got in its learning, and the verdict on a new
 * reading. Pure, over the signal code's `checkReading` and `baselineFromReadings`.
 */
import {
  baselineFromReadings,
  baselineLearning,
  checkReading,
  readingFromBaseline,
  readingFromBeats,
  type CalmReading,
} from '../signal/calm-reading';
import type { Baseline, Beat } from '../signal/types';
import type { ReadingVerdictView, StoredReading } from './dependencies';

/** The readings that count, oldest first. */
export function acceptedReadings(readings: readonly StoredReading[]): CalmReading[] {
  return readings.filter((r) => r.verdict.accepted).map((r) => r.reading);
}

/** The baseline from the accepted readings (`baselineFromReadings` takes the last 14); null for none. */
export function baselineOfReadings(readings: readonly StoredReading[]): Baseline | null {
  return baselineFromReadings(acceptedReadings(readings));
}

/** How far the baseline has got: "learning (n of 3)" until three readings are accepted. */
export function learningOf(readings: readonly StoredReading[]): ReturnType<typeof baselineLearning> {
  return baselineLearning(acceptedReadings(readings).length);
}

/**
 * The verdict on a new reading against the person's earlier accepted readings of the same kind
 * of data: a demo reading only against demo readings, a real one only against real ones.
 */
export function judgeReading(reading: CalmReading, earlier: readonly StoredReading[]): StoredReading {
  const sameKind = acceptedReadings(earlier).filter((r) => r.demo === reading.demo);
  const verdict = checkReading(reading, sameKind);
  const view: ReadingVerdictView = verdict.accepted
    ? { accepted: true }
    : { accepted: false, problem: verdict.problem, message: verdict.message };
  return { reading, verdict: view };
}

/** A scenario's demo baseline as the one accepted demo reading a demo partner starts with. */
export function demoReadingsOf(baseline: Baseline | null): StoredReading[] {
  return baseline === null ? [] : [{ reading: readingFromBaseline(baseline), verdict: { accepted: true } }];
}

/** How long the calm end of a session offered as a first reading is, seconds. */
export const CALM_END_SEC = 120;

/**
 * Beats of the calm stretch a partner is in: kept while the partner is judged near their baseline
 * (or settled, on a first night), dropped as soon as they are not, and trimmed to the last
 * `CALM_END_SEC` plus a little, so the work per beat stays a push and a rare trim.
 */
export class CalmTail {
  private beats: Beat[] = [];

  push(beat: Beat, nearBaseline: boolean): void {
    if (!nearBaseline) {
      if (this.beats.length > 0) this.beats = [];
      return;
    }
    this.beats.push(beat);
    const first = this.beats[0]!;
    // Trim in batches: keeping up to twice the span costs nothing and trims rarely.
    if (beat.tSec - first.tSec > 2 * CALM_END_SEC) {
      const from = beat.tSec - CALM_END_SEC;
      this.beats = this.beats.filter((b) => b.tSec >= from);
    }
  }

  clear(): void {
    this.beats = [];
  }

  /** The last `CALM_END_SEC` of the calm stretch, or null while it is shorter. */
  lastSpan(): Beat[] | null {
    const last = this.beats.at(-1);
    const first = this.beats[0];
    if (!last || !first || last.tSec - first.tSec < CALM_END_SEC) return null;
    const from = last.tSec - CALM_END_SEC;
    return this.beats.filter((b) => b.tSec >= from);
  }
}

/** What the reflection offers for a partner: the calm end of the session as their first reading. */
export type CalmEndOffer =
  | { readonly ok: true; readonly stored: StoredReading }
  /** The calm end could not be read, or did not pass the checks: said in one sentence. */
  | { readonly ok: false; readonly message: string };

/**
 * The calm end of a session as a first reading: the last `CALM_END_SEC` the partner spent near
 * calm, read (`readingFromBeats`, kind "session-end") and checked (`checkReading`, with no earlier
 * readings: settling within itself and the flooding line). Null when there is no calm end long
 * enough to offer.
 */
export function calmEndOffer(
  tail: readonly Beat[] | null,
  meta: { recordedAt: string; device: string; demo: boolean },
): CalmEndOffer | null {
  if (tail === null) return null;
  const outcome = readingFromBeats(tail, { recordedAt: meta.recordedAt, device: meta.device, kind: 'session-end', demo: meta.demo });
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const stored = judgeReading(outcome.reading, []);
  return stored.verdict.accepted ? { ok: true, stored } : { ok: false, message: stored.verdict.message };
}

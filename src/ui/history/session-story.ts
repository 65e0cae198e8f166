/**
 * The session's story, computed from what was stored (beats, metrics rows, gate changes, pacer
 * events) with the same signal code as the live screen: each partner before and after, minutes
 * until both were calm, time following the pacer, and the co-regulation over the session.
 *
 * What is stored limits what can be said, and the story says no more:
 * - Each partner's own readiness is not stored, only the two-person gate. Both count as calm while
 *   the gate was `ready` (both near their baseline for 30 s), as not both calm while it was
 *   `settling` or `flooded`, and as unknown otherwise. "Calming together" is therefore counted only
 *   after the gate's 30 s, never before.
 * - Event time starts again with each resumed segment; every figure is computed per segment.
 */
import { pacerRhythmState, resonanceCoherence } from '../../signal/coherence';
import { coregulationState, heartRateSynchrony, type CoregulationState } from '../../signal/synchrony';
import { PARTNERS, type Beat, type PartnerId } from '../../signal/types';
import type { BeatChunk, GateEntry, PacerEventRecord, SessionRecord, SessionSummary } from '../../store';

/** Event time between rhythm readings, seconds (as on the live screen). */
export const STORY_RHYTHM_STEP_SEC = 5;
/** Event time between co-regulation readings in the story, seconds (twice the live screen's, to keep opening a session quick). */
export const STORY_COREGULATION_STEP_SEC = 10;
/**
 * Most readings one story computes of each kind (a co-regulation reading, with its filters and
 * null, costs the most): past these counts a long session is read at a wider step (a multiple of the one
 * above), each reading standing for its step, so opening it stays quick.
 */
export const STORY_MAX_COREGULATION_READINGS = 120;
export const STORY_MAX_RHYTHM_READINGS = 240;

/** The step, a multiple of `baseSec`, that reads `spanSec` in at most `max` readings. */
export function storyStepSec(spanSec: number, baseSec: number, max: number): number {
  return baseSec * Math.max(1, Math.ceil(spanSec / baseSec / max));
}

export interface StoryFigures {
  readonly hrBpm: number | null;
  readonly lnRmssd: number | null;
  readonly breathsPerMin: number | null;
}

export interface StoryPartner {
  readonly before: StoryFigures | null;
  readonly after: StoryFigures | null;
  /** Seconds of paced breathing in which this partner's heartbeat clearly followed the pacer; null when it cannot be told (heart rate only). */
  readonly followingSec: number | null;
  /** The partner's device sent heart rate only. */
  readonly hrOnly: boolean;
}

export interface CoregulationPoint {
  readonly segment: number;
  /** Event time in its segment, seconds. */
  readonly tSec: number;
  readonly state: CoregulationState;
  /** Peak lagged correlation, −1…1, or null without a reading. */
  readonly r: number | null;
  /** What chance alone reaches (the parametric null's threshold at level SYNC_PARAMS.alpha), or null. */
  readonly threshold: number | null;
}

export interface SessionStory {
  readonly partners: Readonly<Record<PartnerId, StoryPartner>>;
  /** When the gate first said both were calm: event time in its segment, seconds; null if never. */
  readonly bothCalm: { readonly segment: number; readonly tSec: number } | null;
  /** Seconds the shared pacer ran, over all segments. */
  readonly pacedSec: number;
  readonly coregulation: readonly CoregulationPoint[];
  /** Seconds spent in each co-regulation state (each reading stands for its step). */
  readonly coregulationSec: Readonly<Record<CoregulationState, number>>;
}

/** The pacer's running stretches in one segment: [from, to) at a pace. */
export function pacedStretches(
  events: readonly PacerEventRecord[],
  segment: number,
  endSec: number,
): { fromSec: number; toSec: number; breathsPerMin: number }[] {
  const stretches: { fromSec: number; toSec: number; breathsPerMin: number }[] = [];
  let open: { fromSec: number; breathsPerMin: number } | null = null;
  for (const event of events.filter((e) => e.segment === segment).sort((x, y) => x.tSec - y.tSec)) {
    if (open) stretches.push({ fromSec: open.fromSec, toSec: event.tSec, breathsPerMin: open.breathsPerMin });
    open = event.kind === 'stop' ? null : { fromSec: event.tSec, breathsPerMin: event.breathsPerMin };
  }
  if (open && endSec > open.fromSec) stretches.push({ fromSec: open.fromSec, toSec: endSec, breathsPerMin: open.breathsPerMin });
  return stretches.filter((s) => s.toSec > s.fromSec);
}

/** Both partners' calm at `tSec` from the gate's latest change before it (see the module comment). */
function calmAt(gate: readonly GateEntry[], tSec: number): { a: boolean; b: boolean } | null {
  let state: GateEntry['state'] | null = null;
  for (const entry of gate) {
    if (entry.tSec > tSec) break;
    state = entry.state;
  }
  if (state === 'ready') return { a: true, b: true };
  if (state === 'settling' || state === 'flooded') return { a: false, b: false };
  return null;
}

function figures(f: SessionSummary['before'][PartnerId]): StoryFigures | null {
  if (!f) return null;
  return { hrBpm: f.hrBpm, lnRmssd: f.rmssdMs !== null && f.rmssdMs > 0 ? Math.log(f.rmssdMs) : null, breathsPerMin: f.breathsPerMin };
}

/** The story of one stored session; see the module comment. */
export function sessionStory(
  session: SessionRecord,
  summary: Pick<SessionSummary, 'before' | 'after'>,
  beatChunks: readonly BeatChunk[],
  gate: readonly GateEntry[],
): SessionStory {
  const pacer = session.pacer ?? [];
  const hrOnly: Record<PartnerId, boolean> = { a: true, b: true };
  // Event time starts again with each segment: everything is read per segment.
  const segments = [...new Set(beatChunks.map((c) => c.segment))]
    .sort((x, y) => x - y)
    .map((segment) => {
      const beats: Record<PartnerId, Beat[]> = { a: [], b: [] };
      for (const partner of PARTNERS) {
        beats[partner] = beatChunks
          .filter((c) => c.segment === segment && c.partner === partner)
          .sort((x, y) => x.seq - y.seq)
          .flatMap((c) => c.beats);
        if (beats[partner].some((b) => b.rrMs !== null)) hrOnly[partner] = false;
      }
      const endSec = Math.max(0, ...PARTNERS.map((p) => beats[p].at(-1)?.tSec ?? 0));
      const gateHere = gate.filter((g) => g.segment === segment).sort((x, y) => x.tSec - y.tSec || x.seq - y.seq);
      return { segment, beats, endSec, gateHere, stretches: pacedStretches(pacer, segment, endSec) };
    });
  const pacedSec = segments.reduce((sum, s) => sum + s.stretches.reduce((inner, x) => inner + x.toSec - x.fromSec, 0), 0);
  const rhythmStep = storyStepSec(pacedSec, STORY_RHYTHM_STEP_SEC, STORY_MAX_RHYTHM_READINGS);
  const coregulationStep = storyStepSec(
    segments.reduce((sum, s) => sum + s.endSec, 0),
    STORY_COREGULATION_STEP_SEC,
    STORY_MAX_COREGULATION_READINGS,
  );
  const followingSec: Record<PartnerId, number> = { a: 0, b: 0 };
  const coregulation: CoregulationPoint[] = [];

  for (const { segment, beats, endSec, gateHere, stretches } of segments) {
    for (const stretch of stretches) {
      // Readings on the live screen's 5 s grid; the first minute after a change still holds the breathing from before it.
      const first = Math.ceil(stretch.fromSec / rhythmStep) * rhythmStep;
      for (let t = first; t < stretch.toSec; t += rhythmStep) {
        for (const partner of PARTNERS) {
          if (pacerRhythmState(resonanceCoherence(beats[partner], t), stretch.breathsPerMin) === 'following') {
            followingSec[partner] += Math.min(rhythmStep, stretch.toSec - t);
          }
        }
      }
    }

    if (beats.a.length > 0 && beats.b.length > 0) {
      for (let t = coregulationStep; t <= endSec; t += coregulationStep) {
        // As on the live screen, a running pacer's own rhythm is left out of the comparison.
        const pacerPerMin = stretches.find((s) => s.fromSec <= t && t < s.toSec)?.breathsPerMin ?? null;
        const sync = heartRateSynchrony(beats.a, beats.b, t, undefined, { pacerPerMin });
        coregulation.push({
          segment,
          tSec: t,
          state: coregulationState(sync, calmAt(gateHere, t)),
          r: sync?.r ?? null,
          threshold: sync?.threshold ?? null,
        });
      }
    }
  }

  const coregulationSec: Record<CoregulationState, number> = { together: 0, 'linked-aroused': 0, apart: 0, unknown: 0 };
  for (const point of coregulation) coregulationSec[point.state] += coregulationStep;
  const ready = [...gate].sort((x, y) => x.segment - y.segment || x.tSec - y.tSec).find((g) => g.state === 'ready');

  const partner = (id: PartnerId): StoryPartner => {
    // Heart rate only: beats were stored for this partner, none with an RR interval.
    const onlyHr = hrOnly[id] && beatChunks.some((c) => c.partner === id);
    return {
      before: figures(summary.before[id]),
      after: figures(summary.after[id]),
      followingSec: onlyHr ? null : followingSec[id],
      hrOnly: onlyHr,
    };
  };
  return {
    partners: { a: partner('a'), b: partner('b') },
    bothCalm: ready ? { segment: ready.segment, tSec: ready.tSec } : null,
    pacedSec,
    coregulation,
    coregulationSec,
  };
}

import { type PartnerId, type WindowMetrics, PARTNERS } from '../signal/types';
import type { GateEntry, MetricChunk, RoutineMark, RoutineRunRecord, SessionRecord } from './records';

/** One partner's values at one moment of a session; null where the window could not tell. */
export interface PartnerFigures {
  readonly hrBpm: number | null;
  readonly rmssdMs: number | null;
  readonly breathsPerMin: number | null;
  /** Event time of the window end the values come from, seconds. */
  readonly tSec: number;
}

export interface SessionSummary {
  readonly session: SessionRecord;
  /** Titles of the routines run in this session, in order. */
  readonly routines: readonly string[];
  /** Recorded event time, seconds. */
  readonly durationSec: number;
  /**
   * What "before" and "after" mean here: around the first routine when one was marked, else the
   * start and end of the recording.
   */
  readonly comparison: 'routine' | 'session';
  readonly before: Record<PartnerId, PartnerFigures | null>;
  readonly after: Record<PartnerId, PartnerFigures | null>;
  readonly gate: readonly GateEntry[];
}

/** Windows shorter than this are too young to describe a state (the live window is 60 s). */
const MIN_WINDOW_SEC = 30;

function snapshot(m: WindowMetrics | undefined): PartnerFigures | null {
  if (!m) return null;
  return { hrBpm: m.hrBpm, rmssdMs: m.rmssdMs, breathsPerMin: m.breathsPerMin, tSec: m.endSec };
}

/**
 * Places a routine run (wall clock) in event time through the wall-clock close time of the metrics
 * chunks, when the recording was not marked directly. Precise to one chunk (≤ 5 s of data).
 */
function markFromRuns(runs: readonly RoutineRunRecord[], chunks: readonly MetricChunk[], which: 'start' | 'end'): RoutineMark | undefined {
  if (runs.length === 0) return undefined;
  const at = which === 'start' ? runs[0]!.startedAt : (runs.at(-1)!.endedAt ?? runs.at(-1)!.startedAt);
  const ms = Date.parse(at);
  const tSec: Record<PartnerId, number | null> = { a: null, b: null };
  let segment = 0;
  let found = false;
  for (const partner of PARTNERS) {
    const timed = chunks.filter((c) => c.partner === partner && c.closedAt !== undefined).sort((x, y) => x.seq - y.seq);
    const chunk =
      which === 'start' ? timed.filter((c) => Date.parse(c.closedAt!) <= ms).at(-1) : timed.find((c) => Date.parse(c.closedAt!) >= ms);
    if (chunk) {
      tSec[partner] = chunk.endSec;
      segment = chunk.segment;
      found = true;
    }
  }
  if (!found) return undefined;
  return { kind: which === 'start' ? 'routine-start' : 'routine-end', label: runs[0]!.title, at, segment, tSec };
}

/**
 * Before/after values of each partner for the history view.
 *
 * With a routine mark: "before" is the last metrics window ending at or before the first routine
 * start, "after" the first window ending at or after the last routine end (else the last one). Without
 * one: the first window holding at least 30 s of beats, and the last window.
 */
export function summarizeSession(
  session: SessionRecord,
  metricChunks: readonly MetricChunk[],
  gate: readonly GateEntry[],
  runs: readonly RoutineRunRecord[],
): SessionSummary {
  const start = session.marks.find((m) => m.kind === 'routine-start') ?? markFromRuns(runs, metricChunks, 'start');
  const end = [...session.marks].reverse().find((m) => m.kind === 'routine-end') ?? markFromRuns(runs, metricChunks, 'end');
  const before: Record<PartnerId, PartnerFigures | null> = { a: null, b: null };
  const after: Record<PartnerId, PartnerFigures | null> = { a: null, b: null };
  for (const partner of PARTNERS) {
    const chunks = metricChunks.filter((c) => c.partner === partner).sort((x, y) => x.seq - y.seq);
    const rows = (segment?: number) => chunks.filter((c) => segment === undefined || c.segment === segment).flatMap((c) => c.metrics);
    const startSec = start?.tSec[partner];
    if (start && startSec !== null && startSec !== undefined) {
      const inStart = rows(start.segment);
      before[partner] = snapshot(inStart.filter((m) => m.endSec <= startSec).at(-1) ?? inStart[0]);
      const endSec = end?.tSec[partner];
      const inEnd = end ? rows(end.segment) : rows();
      after[partner] = snapshot(
        (endSec !== null && endSec !== undefined ? inEnd.find((m) => m.endSec >= endSec) : undefined) ?? inEnd.at(-1),
      );
    } else {
      const all = rows();
      before[partner] = snapshot(all.find((m) => m.endSec - m.startSec >= MIN_WINDOW_SEC) ?? all[0]);
      after[partner] = snapshot(all.at(-1));
    }
  }
  const titles = runs.map((r) => r.title);
  const markTitles = session.marks.filter((m) => m.kind === 'routine-start').map((m) => m.label);
  return {
    session,
    routines: titles.length > 0 ? titles : markTitles,
    durationSec: session.recordedSec,
    comparison: start ? 'routine' : 'session',
    before,
    after,
    gate,
  };
}

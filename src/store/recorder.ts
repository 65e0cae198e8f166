/**
 * Crash-safe recording of a session. Plain calls, no streams: the app feeds beats, metrics and gate
 * changes as they come; the recorder cuts them into chunks of at most CHUNK_MAX_SEC seconds of event
 * time and writes each chunk as soon as it is complete, so a reload or crash loses at most the chunk
 * being filled.
 *
 * When storage fails (quota, private mode, another tab), nothing is dropped: chunks stay in memory,
 * the problem is reported once through `onStorageProblem`, and every later flush tries again.
 */
import { PARTNERS, type Beat, type PartnerId, type WindowMetrics } from '../signal/types';
import { checked, valid, type StoreContext } from './context';
import { describeStorageError, type StorageProblem } from './problems';
import {
  beatChunkSchema,
  gateEntrySchema,
  metricChunkSchema,
  sessionRecordSchema,
  type BeatChunk,
  type GateEntry,
  type GateStateName,
  type MetricChunk,
  type PacerEventRecord,
  type RoutineMark,
  type SessionRecord,
  type SessionSource,
} from './records';
import { createChunkBuilder, createMetricsThinner, type ClosedChunk } from './recording-chunks';

/** What the recorder keeps of a gate status: its state, when, and its reasons in words. */
export interface GateSample {
  readonly state: GateStateName;
  /** Event time of the status, seconds. */
  readonly tSec: number;
  /** Plain-language reasons, e.g. "Sam: heart rate 96, usually 68". */
  readonly reasons: readonly string[];
}

export interface RecorderOptions {
  /** Id of a new session (default: a fresh id), or of the session to resume with `resume: true`. */
  readonly sessionId?: string;
  /** Continue an interrupted session instead of starting one. */
  readonly resume?: boolean;
  readonly source?: SessionSource;
  readonly scenario?: string | null;
  readonly partnerNames?: { readonly a: string; readonly b: string };
  /** Told about each storage problem once, when it starts; recording carries on in memory. */
  readonly onStorageProblem?: (problem: StorageProblem) => void;
  /**
   * Wall-clock interval for writing partly filled chunks (so a pause in the beats still saves what
   * came before it), ms. Default 5000. Set 0 to flush only when chunks fill or `flush()` is called.
   */
  readonly flushIntervalMs?: number;
  /**
   * Event-time spacing of the metrics rows kept, seconds (the live pipeline emits one per beat; the
   * latest row is always kept at a flush). Default 5; 0 keeps every row.
   */
  readonly metricsEverySec?: number;
  /** Timer used for that interval; tests pass their own. */
  readonly setInterval?: (run: () => void, ms: number) => () => void;
}

export interface RecorderStatus {
  /** "saving" while writes succeed; "memory-only" after a failure, until a flush succeeds again. */
  readonly saving: 'saving' | 'memory-only';
  readonly problem: StorageProblem | null;
  /** Chunks and gate entries held in memory, not yet in the database. */
  readonly unsavedChunks: number;
  readonly closed: boolean;
}

export interface UnsavedData {
  readonly session: SessionRecord;
  readonly beatChunks: readonly BeatChunk[];
  readonly metricChunks: readonly MetricChunk[];
  readonly gate: readonly GateEntry[];
}

export interface Recorder {
  readonly sessionId: string;
  addBeat(partner: PartnerId, beat: Beat): void;
  addMetrics(partner: PartnerId, metrics: WindowMetrics): void;
  /** Logs a gate status; only changes of state are kept (with the reasons at that moment). */
  addGate(status: GateSample): void;
  /** Marks the start or end of a routine at the current event time, for before/after comparisons. */
  markRoutine(kind: RoutineMark['kind'], label: string): void;
  /** Keeps a start, stop or change of pace of the shared breathing pacer, at session event time. */
  markPacer(event: Pick<PacerEventRecord, 'kind' | 'breathsPerMin' | 'tSec'>): void;
  /** Writes everything received so far, including partly filled chunks. Never rejects. */
  flush(): Promise<void>;
  /** Resolves when writes already started have finished (full chunks only; see `flush`). */
  settled(): Promise<void>;
  /** Flushes and closes the session. Never rejects; check `status()` for unsaved data. */
  close(outcome: 'finished' | 'stopped'): Promise<void>;
  /** Stops without writing anything more and forgets what is buffered ("Delete all my data"). */
  discard(): void;
  status(): RecorderStatus;
  /** Listens to status changes; returns the function that stops listening. */
  onStatus(listener: (status: RecorderStatus) => void): () => void;
  /** What is only in memory (after storage failures), so the app can offer it for download. */
  unsaved(): UnsavedData;
}

const defaultSetInterval = (run: () => void, ms: number) => {
  const handle = globalThis.setInterval(run, ms);
  return () => globalThis.clearInterval(handle);
};

/**
 * Starts (or resumes) recording a session into the store. Returns at once; the session record is
 * written with the first flush. Never throws for storage reasons: see `onStorageProblem`.
 */
export function createRecorder(ctx: StoreContext, options: RecorderOptions = {}): Recorder {
  // Changes only when resuming fails: then this becomes a new session rather than overwrite the old one.
  let sessionId = options.sessionId ?? ctx.newId();
  const startedAt = ctx.now().toISOString();
  let session: SessionRecord = {
    id: sessionId,
    startedAt,
    endedAt: null,
    lastSavedAt: startedAt,
    status: 'recording',
    outcome: null,
    source: options.source ?? 'demo',
    scenario: options.scenario ?? null,
    partnerNames: { a: options.partnerNames?.a ?? 'Partner A', b: options.partnerNames?.b ?? 'Partner B' },
    segments: 1,
    recordedSec: 0,
    marks: [],
    notes: '',
  };
  // Recorded seconds of earlier segments (resume) and the furthest beat time of this one.
  let earlierSec = 0;
  let segmentSec = 0;
  const seq = { beats: { a: 0, b: 0 }, metrics: { a: 0, b: 0 }, gate: 0 };
  const lastBeatSec: Record<PartnerId, number | null> = { a: null, b: null };
  // What goes into each chunk, and which metrics rows are kept: recording-chunks.ts.
  const beatBuffers = createChunkBuilder<Beat>();
  const metricBuffers = createChunkBuilder<WindowMetrics>();
  const thinner = createMetricsThinner(options.metricsEverySec ?? 5);
  const pending = { beatChunks: [] as BeatChunk[], metricChunks: [] as MetricChunk[], gate: [] as GateEntry[] };
  let lastGate: GateStateName | null = null;
  let problem: StorageProblem | null = null;
  let closed = false;
  let closedOutcome: 'finished' | 'stopped' | null = null;
  const listeners = new Set<(s: RecorderStatus) => void>();

  const segment = () => session.segments - 1;
  let isReady = !options.resume;

  function status(): RecorderStatus {
    const inBuffers = PARTNERS.filter((p) => beatBuffers.isOpen(p) || metricBuffers.isOpen(p)).length;
    return {
      saving: problem ? 'memory-only' : 'saving',
      problem,
      unsavedChunks: pending.beatChunks.length + pending.metricChunks.length + pending.gate.length + inBuffers,
      closed,
    };
  }
  function emit(): void {
    const s = status();
    for (const listener of listeners) listener(s);
  }

  // Hold a Web Lock while recording, so another tab (or this one after a reload) can tell a live
  // session from an interrupted one. Released on close or when the page goes away.
  let releaseLock: () => void = () => {};
  function holdLock(): void {
    releaseLock();
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    if (!locks) return;
    const held = new Promise<void>((resolve) => (releaseLock = resolve));
    locks.request(sessionLockName(sessionId), () => held).catch(() => {});
  }
  holdLock();

  // Resuming needs the stored session and the last chunk numbers before anything is written.
  const ready: Promise<void> = (async () => {
    if (!options.resume) return;
    try {
      const db = await ctx.db();
      const stored = checked(ctx, sessionRecordSchema, await db.get('sessions', sessionId), 'session');
      if (!stored) throw new Error(`resume session: there is no readable session "${sessionId}"`);
      // Marks set while the stored session was being read belong to the new segment.
      const early = session.marks.map((m) => ({ ...m, segment: stored.segments }));
      const earlyPacer = (session.pacer ?? []).map((p) => ({ ...p, segment: stored.segments }));
      const pacer = [...(stored.pacer ?? []), ...earlyPacer];
      session = {
        ...stored,
        ...(pacer.length > 0 ? { pacer } : {}),
        status: 'recording',
        endedAt: null,
        outcome: null,
        segments: stored.segments + 1,
        marks: [...stored.marks, ...early],
      };
      earlierSec = stored.recordedSec;
      const next = (keys: IDBValidKey[], partner: PartnerId | null) =>
        keys.reduce<number>((max, key) => {
          const k = key as [string, string, number] | [string, number];
          if (partner !== null && k[1] !== partner) return max;
          return Math.max(max, Number(k[k.length - 1]) + 1);
        }, 0);
      const [beatKeys, metricKeys, gateKeys] = await Promise.all([
        db.getAllKeysFromIndex('beatChunks', 'by-session', sessionId),
        db.getAllKeysFromIndex('metricChunks', 'by-session', sessionId),
        db.getAllKeysFromIndex('gate', 'by-session', sessionId),
      ]);
      seq.beats = { a: next(beatKeys, 'a'), b: next(beatKeys, 'b') };
      seq.metrics = { a: next(metricKeys, 'a'), b: next(metricKeys, 'b') };
      seq.gate = next(gateKeys, null);
      isReady = true;
    } catch (error) {
      // The session could not be read back: record into a new session, so nothing of the old one
      // can be overwritten; the failure is reported and later flushes retry.
      sessionId = ctx.newId();
      session = { ...session, id: sessionId };
      holdLock();
      isReady = true;
      fail(error, 'resume session');
    }
  })();

  function fail(error: unknown, operation: string): void {
    const described = describeStorageError(error, operation);
    const first = problem === null;
    problem = described;
    if (first) options.onStorageProblem?.(described);
    emit();
  }

  /**
   * The chunk fields both kinds share. Chunks are numbered when written: a resumed session's
   * numbers are known only once it has been read.
   */
  function head<T>(chunk: ClosedChunk<T>) {
    return { sessionId, partner: chunk.partner, seq: -1, segment: -1, startSec: chunk.startSec, endSec: chunk.endSec };
  }
  function closeBeatChunk(chunk: ClosedChunk<Beat> | null): boolean {
    if (chunk) pending.beatChunks.push({ ...head(chunk), beats: chunk.items });
    return chunk !== null;
  }
  function closeMetricChunk(chunk: ClosedChunk<WindowMetrics> | null): boolean {
    if (chunk) pending.metricChunks.push({ ...head(chunk), metrics: chunk.items, closedAt: ctx.now().toISOString() });
    return chunk !== null;
  }

  // Writes are serialised: each flush waits for the previous one, so chunks land in order.
  let queue: Promise<void> = Promise.resolve();

  async function writePending(): Promise<void> {
    await ready;
    if (closed && closedOutcome === null) return;
    for (const c of pending.beatChunks) if (c.seq < 0) Object.assign(c, { sessionId, seq: seq.beats[c.partner]++, segment: segment() });
    for (const c of pending.metricChunks) if (c.seq < 0) Object.assign(c, { sessionId, seq: seq.metrics[c.partner]++, segment: segment() });
    for (const g of pending.gate) if (g.seq < 0) Object.assign(g, { sessionId, seq: seq.gate++, segment: segment() });
    const beatChunks = pending.beatChunks.slice();
    const metricChunks = pending.metricChunks.slice();
    const gate = pending.gate.slice();
    const nowIso = ctx.now().toISOString();
    const record: SessionRecord = {
      ...session,
      lastSavedAt: nowIso,
      recordedSec: earlierSec + segmentSec,
      ...(closedOutcome ? { status: 'closed', outcome: closedOutcome, endedAt: session.endedAt ?? nowIso } : {}),
    };
    try {
      // Validation happens before the transaction: a bad chunk is a bug and must not block the rest.
      for (const c of beatChunks) valid(beatChunkSchema, c, 'record beats');
      for (const c of metricChunks) valid(metricChunkSchema, c, 'record metrics');
      for (const g of gate) valid(gateEntrySchema, g, 'record gate');
      valid(sessionRecordSchema, record, 'record session');
      const db = await ctx.db();
      // Discarded meanwhile ("Delete all my data"): write nothing more.
      if (closed && closedOutcome === null) return;
      const tx = db.transaction(['sessions', 'beatChunks', 'metricChunks', 'gate'], 'readwrite');
      await Promise.all([
        ...beatChunks.map((c) => tx.objectStore('beatChunks').put(c)),
        ...metricChunks.map((c) => tx.objectStore('metricChunks').put(c)),
        ...gate.map((g) => tx.objectStore('gate').put(g)),
        tx.objectStore('sessions').put(record),
        tx.done,
      ]);
    } catch (error) {
      fail(error, 'record session');
      return;
    }
    session = record;
    pending.beatChunks.splice(0, beatChunks.length);
    pending.metricChunks.splice(0, metricChunks.length);
    pending.gate.splice(0, gate.length);
    if (problem) {
      // Storage works again: everything held in memory is now saved.
      problem = null;
    }
    emit();
  }

  function schedule(): Promise<void> {
    queue = queue.then(writePending, writePending);
    return queue;
  }

  const stopTimer =
    options.flushIntervalMs === 0
      ? () => {}
      : (options.setInterval ?? defaultSetInterval)(() => {
          void recorder.flush();
        }, options.flushIntervalMs ?? 5000);

  const recorder: Recorder = {
    get sessionId() {
      return sessionId;
    },
    addBeat(partner, beat) {
      if (closed) return;
      lastBeatSec[partner] = beat.tSec;
      segmentSec = Math.max(segmentSec, beat.tSec);
      if (closeBeatChunk(beatBuffers.append(partner, beat, beat.tSec))) void schedule();
    },
    addMetrics(partner, metrics) {
      if (closed) return;
      // One row every `metricsEverySec` of event time is kept now; the latest of the rest at a flush.
      if (!thinner.keep(partner, metrics)) return;
      if (closeMetricChunk(metricBuffers.append(partner, metrics, metrics.endSec))) void schedule();
    },
    addGate(sample) {
      if (closed || sample.state === lastGate) return;
      lastGate = sample.state;
      pending.gate.push({
        sessionId,
        seq: -1,
        segment: -1,
        tSec: sample.tSec,
        at: ctx.now().toISOString(),
        state: sample.state,
        reasons: sample.reasons.slice(0, 20).map((r) => r.slice(0, 500)),
      });
    },
    markRoutine(kind, label) {
      if (closed) return;
      session = {
        ...session,
        marks: [
          ...session.marks,
          { kind, label: label.slice(0, 200), at: ctx.now().toISOString(), segment: isReady ? segment() : 0, tSec: { ...lastBeatSec } },
        ],
      };
      void recorder.flush();
    },
    markPacer(event) {
      if (closed) return;
      const entry: PacerEventRecord = {
        kind: event.kind,
        breathsPerMin: event.breathsPerMin,
        at: ctx.now().toISOString(),
        segment: isReady ? segment() : 0,
        tSec: Math.max(0, event.tSec),
      };
      session = { ...session, pacer: [...(session.pacer ?? []), entry] };
      void recorder.flush();
    },
    flush() {
      for (const p of PARTNERS) {
        const held = closed ? null : thinner.release(p);
        if (held) closeMetricChunk(metricBuffers.append(p, held, held.endSec));
        closeBeatChunk(beatBuffers.take(p));
        closeMetricChunk(metricBuffers.take(p));
      }
      return schedule();
    },
    settled() {
      return queue;
    },
    async close(outcome) {
      if (closed) return queue;
      closedOutcome = outcome;
      session = { ...session, endedAt: ctx.now().toISOString() };
      await recorder.flush();
      closed = true;
      stopTimer();
      releaseLock();
      emit();
    },
    discard() {
      closed = true;
      beatBuffers.clear();
      metricBuffers.clear();
      thinner.clear();
      pending.beatChunks.length = 0;
      pending.metricChunks.length = 0;
      pending.gate.length = 0;
      stopTimer();
      releaseLock();
      emit();
    },
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unsaved() {
      return {
        session: {
          ...session,
          recordedSec: earlierSec + segmentSec,
          ...(closedOutcome
            ? { status: 'closed' as const, outcome: closedOutcome, endedAt: session.endedAt ?? ctx.now().toISOString() }
            : {}),
        },
        beatChunks: pending.beatChunks.slice(),
        metricChunks: pending.metricChunks.slice(),
        gate: pending.gate.slice(),
      };
    },
  };
  return recorder;
}

/** Name of the Web Lock a live recorder holds for its session. */
export function sessionLockName(sessionId: string): string {
  return `attune-recording-${sessionId}`;
}

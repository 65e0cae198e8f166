/**
 * The store: the one owner of Attune's database promise, and the repositories over it. The app shell
 * creates it once (`createStore()`) and hands it to whatever needs it; nothing here is a
 * module-level singleton, so tests open as many independent stores as they like.
 */
import type { PartnerId } from '../signal/types';
import { checked, type StoreContext } from './context';
import { openDatabase, type AttuneDb } from './database';
import { describeStorageError, type StorageProblem } from './problems';
import { createRecorder, sessionLockName, type Recorder, type RecorderOptions } from './recorder';
import { sessionRecordSchema, type SessionRecord } from './records';
import { createDurability, type Durability, type MarkerStorage, type PersistenceApi } from './durability';
import {
  createCheckInsRepository,
  createCommitmentsRepository,
  createPartnersRepository,
  createPlansRepository,
  createReadingsRepository,
  createRecordingsRepository,
  createReflectionsRepository,
  createRoutineRunsRepository,
  createSessionsRepository,
  createVoiceClipsRepository,
  localDay,
  type VoiceClips,
} from './repositories';
import { deleteAll, exportAll, exportJson, exportRrText, importExport, type ExportFile, type ImportSummary } from './transfer';

export interface CreateStoreOptions {
  /** Database name; default "attune". Tests use their own. */
  readonly name?: string;
  /** Told about every storage problem (also kept in `problems()`). */
  readonly onStorageProblem?: (problem: StorageProblem) => void;
  /** Wall clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Opens the database; tests inject failures here. Default: `openDatabase`. */
  readonly open?: (report: (problem: StorageProblem) => void) => Promise<AttuneDb>;
  /** `navigator.storage` (persistent storage); tests pass their own. Default: the browser's, if any. */
  readonly persistence?: PersistenceApi;
  /** Where the "sessions were kept here" marker lives; default the page's localStorage, if any. */
  readonly marker?: MarkerStorage;
}

export interface AttuneStore {
  readonly partners: ReturnType<typeof createPartnersRepository>;
  /** Each partner's calm readings, accepted or refused; their baseline is made from the accepted ones. */
  readonly readings: ReturnType<typeof createReadingsRepository>;
  readonly sessions: ReturnType<typeof createSessionsRepository>;
  readonly recordings: ReturnType<typeof createRecordingsRepository>;
  readonly routineRuns: ReturnType<typeof createRoutineRunsRepository>;
  readonly reflections: ReturnType<typeof createReflectionsRepository>;
  readonly commitments: ReturnType<typeof createCommitmentsRepository>;
  /** The weekly plan. */
  readonly plans: ReturnType<typeof createPlansRepository>;
  /** The couple's 0–10 check-ins before and after sessions. */
  readonly checkIns: ReturnType<typeof createCheckInsRepository>;
  /** Persistent storage, backup reminders, and noticing a history the browser cleared. */
  readonly durability: Durability;
  /** Implements the routines' `VoiceClipStore`. */
  readonly voiceClips: VoiceClips;
  /** Starts (or, with `resume: true`, continues) recording a session. */
  createRecorder(options?: RecorderOptions): Recorder;
  /**
   * A session left recording by a reload or crash (not held by a live recorder in any tab), newest
   * first; undefined when there is none.
   */
  findInterruptedSession(): Promise<SessionRecord | undefined>;
  /**
   * Recorders of this store that are open, or closed but still holding data storage refused (the
   * live session's, usually one).
   */
  activeRecorders(): readonly Recorder[];
  /** Listens to any recorder's status change (saving, memory-only, closed); returns unsubscribe. */
  onRecordingChange(listener: () => void): () => void;
  /** Closes every open recorder with this outcome (e.g. when the couple finishes the journey). */
  finishActiveRecordings(outcome: 'finished' | 'stopped'): Promise<void>;
  /** Closes an interrupted session as "interrupted", keeping what was saved. */
  closeInterruptedSession(id: string): Promise<void>;
  exportAll(): Promise<ExportFile>;
  exportJson(): Promise<string>;
  exportRrText(sessionId: string, partner: PartnerId): Promise<string>;
  /** Checks the whole file, then adds its records in one transaction; rejects with "import: reason". */
  importJson(text: string): Promise<ImportSummary>;
  /** Deletes every record, ending any recording in progress. The UI asks for confirmation first. */
  deleteAll(): Promise<void>;
  /** Problems seen so far (most recent last). */
  problems(): readonly StorageProblem[];
  /** Listens to new problems; returns the function that stops listening. */
  onProblem(listener: (problem: StorageProblem) => void): () => void;
  /** Today as YYYY-MM-DD in the store's clock (for check-in reminders). */
  today(): string;
  close(): Promise<void>;
}

function browserStorage(): PersistenceApi | undefined {
  return typeof navigator !== 'undefined' ? (navigator as Navigator & { storage?: StorageManager }).storage : undefined;
}

function pageLocalStorage(): MarkerStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    // Some private modes throw on access: no marker, so no "cleared by the browser" message.
    return undefined;
  }
}

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Fallback for old browsers on http: time plus random, unique enough for one device.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Creates the store and starts opening the database. Never throws; failures become problems. */
export function createStore(options: CreateStoreOptions = {}): AttuneStore {
  const problems: StorageProblem[] = [];
  const listeners = new Set<(problem: StorageProblem) => void>();
  const report = (problem: StorageProblem) => {
    problems.push(problem);
    if (problems.length > 50) problems.shift();
    options.onStorageProblem?.(problem);
    for (const listener of listeners) listener(problem);
  };
  const open = options.open ?? ((onProblem) => openDatabase({ name: options.name, onProblem }));
  const dbPromise = open(report);
  // Report a failed open once, plainly; every operation then rejects with the same error.
  dbPromise.catch((error: unknown) => report(describeStorageError(error, 'open database')));

  const ctx: StoreContext = {
    db: () => dbPromise,
    report,
    now: options.now ?? (() => new Date()),
    newId: randomId,
  };
  const sessions = createSessionsRepository(ctx);
  const durability = createDurability(ctx, {
    persistence: options.persistence ?? browserStorage(),
    marker: options.marker ?? pageLocalStorage(),
  });
  const active = new Set<Recorder>();
  const recordingListeners = new Set<() => void>();

  async function liveLocks(): Promise<Set<string>> {
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    if (!locks) return new Set();
    const state = await locks.query();
    return new Set((state.held ?? []).map((l) => l.name ?? ''));
  }

  return {
    partners: createPartnersRepository(ctx),
    readings: createReadingsRepository(ctx),
    sessions,
    recordings: createRecordingsRepository(ctx),
    routineRuns: createRoutineRunsRepository(ctx, sessions),
    reflections: createReflectionsRepository(ctx),
    commitments: createCommitmentsRepository(ctx),
    plans: createPlansRepository(ctx),
    checkIns: createCheckInsRepository(ctx),
    durability,
    voiceClips: createVoiceClipsRepository(ctx),
    createRecorder(recorderOptions = {}) {
      // A session is about to be kept: ask the browser to keep the history (it answers at once, by
      // its own rules; a refusal is shown in History) and remember that sessions live here.
      durability.markKept();
      durability.requestPersistence().catch(() => undefined);
      const recorder = createRecorder(ctx, {
        ...recorderOptions,
        onStorageProblem: (problem) => {
          report(problem);
          recorderOptions.onStorageProblem?.(problem);
        },
      });
      active.add(recorder);
      const stop = recorder.onStatus((status) => {
        // A closed recorder still holding unsaved data stays listed, so it can be retried or downloaded.
        if (status.closed && status.unsavedChunks === 0 && status.saving === 'saving') {
          active.delete(recorder);
          stop();
        }
        for (const listener of recordingListeners) listener();
      });
      for (const listener of recordingListeners) listener();
      return recorder;
    },
    activeRecorders: () => [...active],
    onRecordingChange(listener) {
      recordingListeners.add(listener);
      return () => recordingListeners.delete(listener);
    },
    async finishActiveRecordings(outcome) {
      await Promise.all([...active].map((r) => r.close(outcome)));
    },
    async findInterruptedSession() {
      const [all, held] = await Promise.all([sessions.list(), liveLocks()]);
      return all.find((s) => s.status === 'recording' && !held.has(sessionLockName(s.id)));
    },
    async closeInterruptedSession(id) {
      const db = await dbPromise;
      const tx = db.transaction('sessions', 'readwrite');
      const current = checked(ctx, sessionRecordSchema, await tx.store.get(id), 'session');
      if (current && current.status === 'recording') {
        await tx.store.put({ ...current, status: 'closed', outcome: 'interrupted', endedAt: current.lastSavedAt });
      }
      await tx.done;
    },
    exportAll: () => exportAll(ctx),
    async exportJson() {
      const json = await exportJson(ctx);
      // Counted as a backup for the reminder; a failure to note it must not cost the export.
      await durability.markExported().catch(() => undefined);
      return json;
    },
    exportRrText: (sessionId, partner) => exportRrText(ctx, sessionId, partner),
    async importJson(text) {
      const summary = await importExport(ctx, text);
      if (summary.added.sessions > 0) durability.markKept();
      return summary;
    },
    async deleteAll() {
      // A recording in progress would write its session back right after; it ends here, unsaved.
      for (const recorder of active) recorder.discard();
      active.clear();
      for (const listener of recordingListeners) listener();
      await deleteAll(ctx);
      durability.forget();
    },
    problems: () => problems.slice(),
    onProblem(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    today: () => localDay(ctx.now()),
    async close() {
      try {
        (await dbPromise).close();
      } catch {
        // Never opened: nothing to close.
      }
    },
  };
}

/**
 * Schema history. Each step takes the database from one version to the next, keyed on the version
 * the user's database had (`oldVersion`), so a database of any older version is carried forward one
 * step at a time and keeps its data.
 *
 * - v1: partners; one baseline per partner; sessions; one record per beat and per metrics row; gate;
 *   routine runs; reflections.
 * - v2: baselines become a history (every calibration kept, demo apart from real); commitments with
 *   a check-in index.
 * - v3: beats and metrics are stored in chunks of at most 5 s of event time (far fewer records and a
 *   bounded loss after a crash); sessions gain segments, recorded time and routine marks; gate
 *   entries gain their segment; voice clips.
 * - v4: the weekly plan, the couple's 0–10 check-ins before and after a session (by session), and
 *   device-local facts about keeping the data (persistent storage asked for, last export). Nothing
 *   older changes shape, so the step only adds stores; every v3 record stays as it was.
 * - v5: calm readings replace the baseline history. Each kept baseline becomes one accepted reading
 *   of kind "migrated" (`readingFromBaseline`), under the same id, so the baseline a partner had is
 *   the baseline they have (`baselineFromReadings` of one reading gives its values back). A record
 *   that does not read as a baseline is carried over as it was: it is reported as damaged when read,
 *   as it was before, and nothing is lost.
 *
 * Steps only await requests of the upgrade transaction itself: awaiting anything else would let the
 * transaction commit half-way (idb README, "Transaction lifetime").
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { readingFromBaseline } from '../signal/migrated-reading';
import { splitIntoChunks } from './chunk';
import { baselineRecordSchema, CHUNK_MAX_SEC, type ReadingRecord } from './records';

// Older shapes are not part of the current typed schema; migrations work on untyped stores.
type AnyDb = IDBPDatabase<unknown>;
type AnyTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type Row = Record<string, unknown>;

/** Creates the v1 stores. */
function toV1(db: AnyDb): void {
  db.createObjectStore('partners', { keyPath: 'id' });
  db.createObjectStore('baselines', { keyPath: 'partner' });
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  sessions.createIndex('by-startedAt', 'startedAt');
  sessions.createIndex('by-status', 'status');
  db.createObjectStore('beats', { keyPath: ['sessionId', 'partner', 'tSec'] }).createIndex('by-session', 'sessionId');
  db.createObjectStore('metrics', { keyPath: ['sessionId', 'partner', 'endSec'] }).createIndex('by-session', 'sessionId');
  db.createObjectStore('gate', { keyPath: ['sessionId', 'seq'] }).createIndex('by-session', 'sessionId');
  db.createObjectStore('routineRuns', { keyPath: 'id' }).createIndex('by-session', 'sessionId');
  db.createObjectStore('reflections', { keyPath: 'id' }).createIndex('by-session', 'sessionId');
}

/** v1 → v2: baseline history and commitments. */
async function toV2(db: AnyDb, tx: AnyTx): Promise<void> {
  const commitments = db.createObjectStore('commitments', { keyPath: 'id' });
  commitments.createIndex('by-checkIn', 'checkInDay');
  commitments.createIndex('by-session', 'sessionId');

  // The old store is keyed by partner; the history needs its own key, so it is rebuilt.
  const old = (await tx.objectStore('baselines').getAll()) as Row[];
  db.deleteObjectStore('baselines');
  const baselines = db.createObjectStore('baselines', { keyPath: 'id' });
  baselines.createIndex('by-partner', ['partner', 'kind', 'recordedAt']);
  for (const row of old) {
    const { partner, ...baseline } = row;
    const demo = baseline.demo === true;
    await baselines.put({
      id: `${String(partner)}-${String(baseline.recordedAt)}-migrated`,
      partner,
      kind: demo ? 'demo' : 'real',
      recordedAt: baseline.recordedAt,
      baseline,
    });
  }
}

/** Groups v1/v2 per-row records of one store into v3 chunks, by session and partner. */
async function chunkStore(tx: AnyTx, from: string, to: string, field: 'beats' | 'metrics', timeKey: string): Promise<void> {
  const rows = (await tx.objectStore(from).getAll()) as Row[];
  // Key order is [sessionId, partner, time], so rows of one session and partner are adjacent and sorted.
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.sessionId, row.partner]);
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const target = tx.objectStore(to);
  for (const list of groups.values()) {
    const chunks = splitIntoChunks(list, (r) => Number(r[timeKey]), CHUNK_MAX_SEC);
    let seq = 0;
    for (const chunk of chunks) {
      const first = chunk[0]!;
      const items = chunk.map((r) => {
        const { sessionId: _s, partner: _p, ...item } = r;
        return item;
      });
      await target.put({
        sessionId: first.sessionId,
        partner: first.partner,
        seq: seq++,
        segment: 0,
        startSec: Number(first[timeKey]),
        endSec: Number(chunk[chunk.length - 1]![timeKey]),
        [field]: items,
      });
    }
  }
}

/** v2 → v3: chunked beats and metrics, richer sessions and gate entries, voice clips. */
async function toV3(db: AnyDb, tx: AnyTx): Promise<void> {
  db.createObjectStore('voiceClips', { keyPath: 'lineId' });
  db.createObjectStore('beatChunks', { keyPath: ['sessionId', 'partner', 'seq'] }).createIndex('by-session', 'sessionId');
  db.createObjectStore('metricChunks', { keyPath: ['sessionId', 'partner', 'seq'] }).createIndex('by-session', 'sessionId');

  await chunkStore(tx, 'beats', 'beatChunks', 'beats', 'tSec');
  // A metrics row's time is its window end.
  await chunkStore(tx, 'metrics', 'metricChunks', 'metrics', 'endSec');

  // Recorded time per session: the longest partner span of the migrated beats.
  const spans = new Map<string, number>();
  for (const chunk of (await tx.objectStore('beatChunks').getAll()) as Row[]) {
    const id = String(chunk.sessionId);
    spans.set(id, Math.max(spans.get(id) ?? 0, Number(chunk.endSec)));
  }
  db.deleteObjectStore('beats');
  db.deleteObjectStore('metrics');

  const sessions = tx.objectStore('sessions');
  for (const session of (await sessions.getAll()) as Row[]) {
    await sessions.put({ ...session, segments: 1, recordedSec: spans.get(String(session.id)) ?? 0, marks: [] });
  }
  const gate = tx.objectStore('gate');
  for (const entry of (await gate.getAll()) as Row[]) {
    await gate.put({ ...entry, segment: 0 });
  }
}

/** v3 → v4: the practice stores. */
function toV4(db: AnyDb): void {
  db.createObjectStore('plans', { keyPath: 'id' });
  db.createObjectStore('checkIns', { keyPath: 'id' }).createIndex('by-session', 'sessionId');
  db.createObjectStore('meta', { keyPath: 'key' });
}

/** v4 → v5: every kept baseline becomes one accepted calm reading; the baselines store goes. */
async function toV5(db: AnyDb, tx: AnyTx): Promise<void> {
  const old = (await tx.objectStore('baselines').getAll()) as Row[];
  db.deleteObjectStore('baselines');
  const readings = db.createObjectStore('readings', { keyPath: 'id' });
  readings.createIndex('by-partner', ['partner', 'recordedAt']);
  for (const row of old) {
    const parsed = baselineRecordSchema.safeParse(row);
    if (!parsed.success) {
      await readings.put(row);
      continue;
    }
    const { id, partner, baseline } = parsed.data;
    const record: ReadingRecord = {
      id,
      partner,
      recordedAt: baseline.recordedAt,
      reading: readingFromBaseline(baseline),
      verdict: { accepted: true },
    };
    await readings.put(record);
  }
}

/**
 * Runs every step from `oldVersion` up to `newVersion`. Exported so tests can build a database of
 * any older version exactly as that version of the app did.
 */
export async function migrate(db: AnyDb, oldVersion: number, newVersion: number, tx: AnyTx): Promise<void> {
  if (oldVersion < 1 && newVersion >= 1) toV1(db);
  if (oldVersion < 2 && newVersion >= 2) await toV2(db, tx);
  if (oldVersion < 3 && newVersion >= 3) await toV3(db, tx);
  if (oldVersion < 4 && newVersion >= 4) toV4(db);
  if (oldVersion < 5 && newVersion >= 5) await toV5(db, tx);
}

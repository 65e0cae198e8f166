/**
 * The user's own copy of their data: export everything as one versioned JSON file, export RR
 * intervals as plain text, import an export (all-or-nothing, merging without duplicates), and
 * delete everything.
 */
import * as z from 'zod/mini';
import type { PartnerId } from '../signal/types';
import { checkedAll, writing, type StoreContext } from './context';
import {
  baselineRecordSchema,
  beatChunkSchema,
  checkInRecordSchema,
  commitmentRecordSchema,
  gateEntrySchema,
  metricChunkSchema,
  partnerRecordSchema,
  planRecordSchema,
  readingRecordSchema,
  reflectionRecordSchema,
  routineRunRecordSchema,
  sessionRecordSchema,
  voiceClipRecordSchema,
  type BaselineRecord,
  type ReadingRecord,
} from './records';
import { readingFromBaseline } from '../signal/migrated-reading';
import type { UnsavedData } from './recorder';
import { DB_VERSION, EXPORTED_STORES, STORE_NAMES, type ExportedStore } from './store-schema';
import { describeZodError } from './validate';

/** Value of the `format` field of every export. */
export const EXPORT_FORMAT = 'attune-export';
/** Version of the export layout; bumped only when old readers could misread a new file. */
export const EXPORT_VERSION = 1;
/**
 * Largest import accepted, in characters of JSON (about bytes). An hour of two partners exports to
 * about 1 MB, so years of weekly sessions fit; the bound keeps a wrong file from exhausting memory
 * (browsers cap strings near 512 M characters).
 */
export const MAX_IMPORT_CHARS = 256 * 1024 * 1024;

const voiceClipExportSchema = z.object({
  lineId: voiceClipRecordSchema.shape.lineId,
  type: voiceClipRecordSchema.shape.type,
  savedAt: voiceClipRecordSchema.shape.savedAt,
  /** The clip's bytes, base64. */
  base64: z.string().check(
    z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 data'),
    z.refine((s) => s.length % 4 === 0, 'expected base64 data (its length must be a multiple of 4)'),
  ),
});

const exportDataSchema = z.strictObject({
  partners: z.array(partnerRecordSchema),
  // Since schema version 5 each partner's calm readings; files written before it hold the baseline
  // history instead, which imports as one accepted reading per baseline (as the v5 migration does).
  readings: z._default(z.array(readingRecordSchema), []),
  baselines: z.optional(z.array(baselineRecordSchema)),
  sessions: z.array(sessionRecordSchema),
  beatChunks: z.array(beatChunkSchema),
  metricChunks: z.array(metricChunkSchema),
  gate: z.array(gateEntrySchema),
  routineRuns: z.array(routineRunRecordSchema),
  reflections: z.array(reflectionRecordSchema),
  commitments: z.array(commitmentRecordSchema),
  voiceClips: z.array(voiceClipExportSchema),
  // Since schema version 4; files written before it have neither and import as they always did.
  plans: z._default(z.array(planRecordSchema), []),
  checkIns: z._default(z.array(checkInRecordSchema), []),
});
export type ExportData = z.infer<typeof exportDataSchema>;

export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  /** Database schema version of the app that wrote the file, for the record. */
  schemaVersion: z.number().check(z.int()),
  data: exportDataSchema,
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export interface ImportSummary {
  /** Records added, by store. */
  readonly added: Record<ExportedStore, number>;
  /** Records already present (same key) and left as they were. */
  readonly alreadyPresent: number;
}

function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < view.length; i += step) binary += String.fromCharCode(...view.subarray(i, i + step));
  return btoa(binary);
}

function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Reads everything into an export object; damaged records are reported and left out. */
export async function exportAll(ctx: StoreContext): Promise<ExportFile> {
  const db = await ctx.db();
  const tx = db.transaction([...EXPORTED_STORES], 'readonly');
  const raw = await Promise.all(EXPORTED_STORES.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  const at = (name: ExportedStore) => raw[EXPORTED_STORES.indexOf(name)] as unknown[];
  const clips = checkedAll(ctx, voiceClipRecordSchema, at('voiceClips'), 'voice clip');
  const data: ExportData = {
    partners: checkedAll(ctx, partnerRecordSchema, at('partners'), 'partner'),
    readings: checkedAll(ctx, readingRecordSchema, at('readings'), 'reading'),
    sessions: checkedAll(ctx, sessionRecordSchema, at('sessions'), 'session'),
    beatChunks: checkedAll(ctx, beatChunkSchema, at('beatChunks'), 'beat chunk'),
    metricChunks: checkedAll(ctx, metricChunkSchema, at('metricChunks'), 'metrics chunk'),
    gate: checkedAll(ctx, gateEntrySchema, at('gate'), 'gate entry'),
    routineRuns: checkedAll(ctx, routineRunRecordSchema, at('routineRuns'), 'routine run'),
    reflections: checkedAll(ctx, reflectionRecordSchema, at('reflections'), 'reflection'),
    commitments: checkedAll(ctx, commitmentRecordSchema, at('commitments'), 'commitment'),
    voiceClips: clips.map((c) => ({ lineId: c.lineId, type: c.type, savedAt: c.savedAt, base64: toBase64(c.bytes) })),
    plans: checkedAll(ctx, planRecordSchema, at('plans'), 'plan'),
    checkIns: checkedAll(ctx, checkInRecordSchema, at('checkIns'), 'check-in'),
  };
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: ctx.now().toISOString(), schemaVersion: DB_VERSION, data };
}

/** The export as compact JSON text, ready to save as a file. */
export async function exportJson(ctx: StoreContext): Promise<string> {
  return JSON.stringify(await exportAll(ctx));
}

/**
 * One partner's RR intervals of one session as plain text, one interval in ms per line: the format
 * Kubios, Elite HRV and `attune analyze` read. Heart-rate-only samples (no RR) are left out.
 */
export async function exportRrText(ctx: StoreContext, sessionId: string, partner: PartnerId): Promise<string> {
  const db = await ctx.db();
  const chunks = checkedAll(ctx, beatChunkSchema, await db.getAllFromIndex('beatChunks', 'by-session', sessionId), 'beat chunk')
    .filter((c) => c.partner === partner)
    .sort((x, y) => x.seq - y.seq);
  const rr = chunks.flatMap((c) => c.beats.flatMap((b) => (b.rrMs === null ? [] : [b.rrMs])));
  if (rr.length === 0) {
    const why = chunks.length === 0 ? 'no beats were recorded' : 'the device sent heart rate only, without RR intervals';
    throw new Error(`export RR: partner ${partner.toUpperCase()} has no RR intervals in this session (${why})`);
  }
  return `${rr.map((x) => String(Math.round(x * 1000) / 1000)).join('\n')}\n`;
}

/** Key of a record in its store, as a string, to find duplicates. */
function keyOf(name: ExportedStore, r: Record<string, unknown>): IDBValidKey {
  switch (name) {
    case 'partners':
      return r.id as string;
    case 'beatChunks':
    case 'metricChunks':
      return [r.sessionId as string, r.partner as string, r.seq as number];
    case 'gate':
      return [r.sessionId as string, r.seq as number];
    case 'voiceClips':
      return r.lineId as string;
    default:
      return r.id as string;
  }
}

function checkReferences(data: ExportData): void {
  const sessions = new Set(data.sessions.map((s) => s.id));
  const owned: [ExportedStore, readonly { sessionId: string | null }[]][] = [
    ['beatChunks', data.beatChunks],
    ['metricChunks', data.metricChunks],
    ['gate', data.gate],
  ];
  for (const [name, list] of owned) {
    list.forEach((r, i) => {
      if (r.sessionId !== null && !sessions.has(r.sessionId)) {
        throw new Error(`import: data.${name}[${i}] belongs to session "${r.sessionId}", which the file does not contain`);
      }
    });
  }
  for (const name of EXPORTED_STORES) {
    const seen = new Set<string>();
    (data[name] as unknown as Record<string, unknown>[]).forEach((r, i) => {
      const key = JSON.stringify(keyOf(name, r));
      if (seen.has(key)) throw new Error(`import: data.${name}[${i}] repeats the key ${key} of an earlier record`);
      seen.add(key);
    });
  }
}

/** A baseline of an export written before schema 5, as the accepted reading the v5 migration makes of it. */
function readingOfBaseline(record: BaselineRecord): ReadingRecord {
  return {
    id: record.id,
    partner: record.partner,
    recordedAt: record.baseline.recordedAt,
    reading: readingFromBaseline(record.baseline),
    verdict: { accepted: true },
  };
}

/** The file's data with an older file's baselines turned into readings, so only readings are written. */
function withReadings(data: ExportData): ExportData {
  if (data.baselines === undefined) return data;
  const { baselines, ...rest } = data;
  return { ...rest, readings: [...rest.readings, ...baselines.map(readingOfBaseline)] };
}

/**
 * Checks an export file completely, without touching the database. Throws an `Error`
 * "import: reason" naming the first problem (where in the file, and what was expected).
 */
export function parseExport(text: string): ExportFile {
  if (text.length > MAX_IMPORT_CHARS) {
    const mb = (n: number) => Math.round(n / (1024 * 1024));
    throw new Error(`import: the file is about ${mb(text.length)} MB; the largest file Attune imports is ${mb(MAX_IMPORT_CHARS)} MB`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`import: the file is not valid JSON, perhaps cut off or not an Attune export (${detail})`, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('import: the file does not hold an Attune export (expected a JSON object)');
  }
  const head = json as Record<string, unknown>;
  if (head.format !== EXPORT_FORMAT) {
    throw new Error(`import: the file is not an Attune export (expected "format": "${EXPORT_FORMAT}")`);
  }
  if (head.version !== EXPORT_VERSION) {
    const version = typeof head.version === 'number' ? `version ${head.version}` : 'of no known version';
    throw new Error(`import: the export is ${version}; this Attune reads export version ${EXPORT_VERSION}`);
  }
  const result = exportFileSchema.safeParse(json);
  if (!result.success) throw new Error(`import: ${describeZodError(result.error)}`);
  const file = { ...result.data, data: withReadings(result.data.data) };
  checkReferences(file.data);
  return file;
}

/**
 * Imports an export: the whole file is checked first, then every record is added in one
 * transaction. Records whose key is already present are left as they are (no duplicates, nothing
 * overwritten). Any failure leaves the database exactly as it was.
 */
export async function importExport(ctx: StoreContext, text: string): Promise<ImportSummary> {
  const file = parseExport(text);
  // Everything that is not an IndexedDB request (decoding clips) happens before the transaction.
  const records: Record<ExportedStore, Record<string, unknown>[]> = {
    ...(file.data as unknown as Record<ExportedStore, Record<string, unknown>[]>),
    voiceClips: file.data.voiceClips.map((c, i) => {
      try {
        return { lineId: c.lineId, type: c.type, savedAt: c.savedAt, bytes: fromBase64(c.base64) };
      } catch (error) {
        throw new Error(`import: data.voiceClips[${i}].base64: expected base64 data`, { cause: error });
      }
    }),
  };
  return writing(ctx, 'import', async () => {
    const db = await ctx.db();
    const tx = db.transaction([...EXPORTED_STORES], 'readwrite');
    const added = Object.fromEntries(EXPORTED_STORES.map((n) => [n, 0])) as Record<ExportedStore, number>;
    let alreadyPresent = 0;
    const work = EXPORTED_STORES.flatMap((name) => {
      const store = tx.objectStore(name);
      return records[name].map(async (record) => {
        const existing = await store.getKey(keyOf(name, record) as never);
        if (existing !== undefined) {
          alreadyPresent++;
          return;
        }
        await store.add(record as never);
        added[name]++;
      });
    });
    try {
      await Promise.all([...work, tx.done]);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted by the failed request.
      }
      throw error;
    }
    return { added, alreadyPresent };
  });
}

/** Deletes every record of every store, in one transaction. */
export async function deleteAll(ctx: StoreContext): Promise<void> {
  await writing(ctx, 'delete all data', async () => {
    const db = await ctx.db();
    const tx = db.transaction([...STORE_NAMES], 'readwrite');
    await Promise.all([...STORE_NAMES.map((name) => tx.objectStore(name).clear()), tx.done]);
  });
}

/**
 * An export file of what recorders hold only in memory (storage refused it), so it can be
 * downloaded now and imported later, when storage works again. Chunks not yet numbered (never
 * offered to storage) are numbered after the ones that were.
 */
export function unsavedExport(unsaved: readonly UnsavedData[], now: Date): ExportFile {
  const number = <T extends { sessionId: string; seq: number; segment: number; partner?: string }>(
    items: readonly T[],
    segment: number,
  ): T[] => {
    const next = new Map<string, number>();
    for (const item of items) {
      const key = `${item.sessionId}/${item.partner ?? ''}`;
      if (item.seq >= 0) next.set(key, Math.max(next.get(key) ?? 0, item.seq + 1));
    }
    return items.map((item) => {
      if (item.seq >= 0) return item;
      const key = `${item.sessionId}/${item.partner ?? ''}`;
      const seq = next.get(key) ?? 0;
      next.set(key, seq + 1);
      return { ...item, seq, segment };
    });
  };
  const data: ExportData = {
    partners: [],
    readings: [],
    sessions: unsaved.map((u) => u.session),
    beatChunks: unsaved.flatMap((u) => number(u.beatChunks, u.session.segments - 1)),
    metricChunks: unsaved.flatMap((u) => number(u.metricChunks, u.session.segments - 1)),
    gate: unsaved.flatMap((u) => number(u.gate, u.session.segments - 1)),
    routineRuns: [],
    reflections: [],
    commitments: [],
    voiceClips: [],
    plans: [],
    checkIns: [],
  };
  const file = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), schemaVersion: DB_VERSION, data } as const;
  // The same checks as an import, so the download is sure to import later.
  return parseExport(JSON.stringify(file));
}

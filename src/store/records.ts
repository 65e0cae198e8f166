/**
 * Zod schemas of every record Attune stores and exports: the single source of truth for their shape.
 * Types are inferred from the schemas. Records read back from IndexedDB and
 * every import pass through these schemas; nothing unchecked reaches the app.
 */
import { z } from 'zod';
import { type Baseline, type Beat, type WindowMetrics, PARTNERS } from '../signal/types';
import { GATE_STATES } from '../pipeline/dyad';

/** Longest stretch of event time one beat or metrics chunk may hold, seconds (crash loses at most this). */
export const CHUNK_MAX_SEC = 5;

const isoDateTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date and time');

/** A calendar day, `YYYY-MM-DD`, in the user's local calendar. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'expected a real calendar day');

const id = z.string().min(1, 'expected a non-empty id').max(200, 'expected an id of at most 200 characters');
const seconds = z.number().min(0, 'expected seconds ≥ 0');
const count = z.number().int('expected a whole number').min(0, 'expected a count ≥ 0');

export const partnerIdSchema = z.enum(PARTNERS);

export const beatSchema = z.object({
  tSec: seconds,
  rrMs: z.number().positive('expected an RR interval > 0 ms').max(5000, 'expected an RR interval ≤ 5000 ms').nullable(),
  hrBpm: z.number().positive('expected a heart rate > 0').max(300, 'expected a heart rate ≤ 300'),
  afterGap: z.boolean(),
}) satisfies z.ZodType<Beat>;

export const windowMetricsSchema = z.object({
  startSec: seconds,
  endSec: seconds,
  beats: count,
  hrBpm: z.number().positive().nullable(),
  rmssdMs: z.number().min(0).nullable(),
  lnRmssd: z.number().nullable(),
  breathsPerMin: z.number().min(0).nullable(),
  breathingConfidence: z.number().min(0).max(1),
  artifactRate: z.number().min(0).max(1),
  hrOnly: z.boolean(),
  irregular: z.enum(['ectopy', 'af-like', 'flat']).nullable().optional(),
}) satisfies z.ZodType<WindowMetrics>;

export const baselineSchema = z.object({
  lnRmssdMean: z.number().nullable(),
  lnRmssdSd: z.number().min(0).nullable(),
  hrBpm: z.number().positive(),
  breathsPerMin: z.number().min(0).nullable(),
  recordedAt: isoDateTime,
  device: z.string(),
  calibrations: count,
  demo: z.boolean(),
}) satisfies z.ZodType<Baseline>;

/**
 * The strap a partner used last time, to connect it again with one tap: the browser's id for the
 * device (Web Bluetooth `BluetoothDevice.id`, random per site) and its advertised name.
 */
export const rememberedStrapSchema = z.object({
  deviceId: z.string().min(1, 'expected a device id').max(200, 'expected a device id of at most 200 characters'),
  name: z.string().max(100, 'expected a strap name of at most 100 characters'),
  rememberedAt: isoDateTime,
});
export type RememberedStrapRecord = z.infer<typeof rememberedStrapSchema>;

export const partnerRecordSchema = z.object({
  id: partnerIdSchema,
  name: z.string().trim().min(1, 'expected a name').max(60, 'expected a name of at most 60 characters'),
  updatedAt: isoDateTime,
  /** Optional (added without a schema version): absent until the partner connects a strap. */
  strap: rememberedStrapSchema.optional(),
});
export type PartnerRecord = z.infer<typeof partnerRecordSchema>;

/**
 * One calibration (or rolled baseline) of one partner. Every calibration is kept, so the history of a
 * partner's resting values can be shown; demo baselines are kept apart by `kind` and never mixed in.
 */
export const baselineRecordSchema = z
  .object({
    id,
    partner: partnerIdSchema,
    kind: z.enum(['real', 'demo']),
    /** Same as baseline.recordedAt, top-level so an index can sort by it. */
    recordedAt: isoDateTime,
    baseline: baselineSchema,
  })
  .refine((r) => (r.kind === 'demo') === r.baseline.demo, 'expected kind "demo" exactly when baseline.demo is true');
export type BaselineRecord = z.infer<typeof baselineRecordSchema>;

export const routineMarkSchema = z.object({
  kind: z.enum(['routine-start', 'routine-end']),
  /** What the routine is called, as the user saw it. */
  label: z.string().max(200),
  at: isoDateTime,
  segment: count,
  /** Latest beat time of each partner when the mark was set (event time of that segment). */
  tSec: z.object({ a: seconds.nullable(), b: seconds.nullable() }),
});
export type RoutineMark = z.infer<typeof routineMarkSchema>;

export const sessionSourceSchema = z.enum(['demo', 'strap', 'replay', 'no-wearable', 'mixed']);
export type SessionSource = z.infer<typeof sessionSourceSchema>;

export const sessionRecordSchema = z.object({
  id,
  startedAt: isoDateTime,
  /** When the session was closed; null while recording or interrupted. */
  endedAt: isoDateTime.nullable(),
  /** Last time a chunk of this session reached the database. */
  lastSavedAt: isoDateTime,
  status: z.enum(['recording', 'closed']),
  /** How it ended: finished by the couple, stopped early, or closed after an interruption. */
  outcome: z.enum(['finished', 'stopped', 'interrupted']).nullable(),
  source: sessionSourceSchema,
  /** Demo scenario name when source is "demo". */
  scenario: z.string().max(60).nullable(),
  partnerNames: z.object({ a: z.string().max(60), b: z.string().max(60) }),
  /** How many times recording started on this session (1 + resumes). */
  segments: count,
  /** Seconds of recorded event time, summed over segments. */
  recordedSec: seconds,
  marks: z.array(routineMarkSchema),
  notes: z.string().max(10_000),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

function chunkSpanOk(c: { startSec: number; endSec: number }): boolean {
  return c.endSec >= c.startSec && c.endSec - c.startSec <= CHUNK_MAX_SEC + 1e-9;
}

/** What every chunk has: its session and partner, its place in order, and the event time it spans. */
const chunkHead = {
  sessionId: id,
  partner: partnerIdSchema,
  seq: count,
  segment: count,
  startSec: seconds,
  endSec: seconds,
};
const chunkSpanMessage = `expected a chunk spanning at most ${CHUNK_MAX_SEC} s`;

export const beatChunkSchema = z
  .object({
    ...chunkHead,
    beats: z.array(beatSchema).min(1, 'expected at least one beat'),
  })
  .refine(chunkSpanOk, chunkSpanMessage);
export type BeatChunk = z.infer<typeof beatChunkSchema>;

export const metricChunkSchema = z
  .object({
    ...chunkHead,
    metrics: z.array(windowMetricsSchema).min(1, 'expected at least one metrics row'),
    /** Wall-clock time the chunk was closed: lets routine runs (wall clock) be placed in event time. */
    closedAt: isoDateTime.optional(),
  })
  .refine(chunkSpanOk, chunkSpanMessage);
export type MetricChunk = z.infer<typeof metricChunkSchema>;

export const gateStateSchema = z.enum(GATE_STATES);
export type GateStateName = z.infer<typeof gateStateSchema>;

/** One change of the two-person gate; consecutive equal states are not repeated. */
export const gateEntrySchema = z.object({
  sessionId: id,
  seq: count,
  segment: count,
  tSec: seconds,
  at: isoDateTime,
  state: gateStateSchema,
  reasons: z.array(z.string().max(500)).max(20),
});
export type GateEntry = z.infer<typeof gateEntrySchema>;

export const routineRunRecordSchema = z.object({
  id,
  sessionId: id.nullable(),
  routineId: z.string().max(200),
  title: z.string().max(200),
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  outcome: z.enum(['completed', 'stopped', 'break']),
  stepsDone: count,
  stepsTotal: count,
  /** The rest of the player's summary (gentler option, named behaviour, choices), kept as given. */
  details: z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])),
});
export type RoutineRunRecord = z.infer<typeof routineRunRecordSchema>;

export const authorSchema = z.enum(['a', 'b', 'both']);

export const reflectionRecordSchema = z.object({
  id,
  sessionId: id.nullable(),
  createdAt: isoDateTime,
  author: authorSchema,
  /** Answer to "what felt reparative?". */
  reparative: z.string().trim().min(1, 'expected an answer').max(4000, 'expected at most 4000 characters'),
  /** Anything else worth remembering about the session. */
  notes: z.string().max(4000),
});
export type ReflectionRecord = z.infer<typeof reflectionRecordSchema>;

export const commitmentRecordSchema = z
  .object({
    id,
    sessionId: id.nullable(),
    createdAt: isoDateTime,
    author: authorSchema,
    /** What exactly will be done, e.g. "I'll ask about your day before logistics, each evening". */
    text: z.string().trim().min(1, 'expected what will be done').max(500, 'expected at most 500 characters'),
    /** The day by which it will have been done (time-bound). */
    byDay: isoDay,
    /** The day the couple checks in on it together. */
    checkInDay: isoDay,
    status: z.enum(['open', 'done', 'missed']),
    resolvedAt: isoDateTime.nullable(),
  })
  .refine((c) => (c.status === 'open') === (c.resolvedAt === null), 'expected resolvedAt exactly when done or missed');
export type CommitmentRecord = z.infer<typeof commitmentRecordSchema>;

export const voiceClipRecordSchema = z.object({
  lineId: id,
  /** MIME type of the recording, e.g. "audio/webm". */
  type: z.string().max(100),
  bytes: z.instanceof(ArrayBuffer, { message: 'expected the clip bytes' }),
  savedAt: isoDateTime,
});
export type VoiceClipRecord = z.infer<typeof voiceClipRecordSchema>;

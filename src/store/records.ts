/**
 * Zod schemas of every record Attune stores and exports: the single source of truth for their shape.
 * Types are inferred from the schemas. Records read back from IndexedDB and
 * every import pass through these schemas; nothing unchecked reaches the app.
 *
 * Written with zod's functional API (`zod/mini`: the same checks and messages, as functions a
 * bundler can leave out when unused) because the store loads with the welcome screen, and the
 * method-chaining API brings every schema kind and the JSON Schema generator along (about 26 kB
 * gzipped against about 17 kB).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { type Baseline, type Beat, type WindowMetrics, PARTNERS } from '../signal/types';
import type { CalmReading, MinuteSummary } from '../signal/calm-reading';
import { GATE_STATES } from '../pipeline/dyad';

/** Longest stretch of event time one beat or metrics chunk may hold, seconds (crash loses at most this). */
export const CHUNK_MAX_SEC = 5;

// English messages for the checks that give none of their own (the method API sets them itself).
if (!z.core.globalConfig.localeError) z.config(en());

const isoDateTime = z
  .string()
  .check(z.refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date and time'));

/** A calendar day, `YYYY-MM-DD`, in the user's local calendar. */
export const isoDay = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD'),
  z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'expected a real calendar day'),
);

const id = z.string().check(z.minLength(1, 'expected a non-empty id'), z.maxLength(200, 'expected an id of at most 200 characters'));
const seconds = z.number().check(z.gte(0, 'expected seconds ≥ 0'));
const count = z.number().check(z.int('expected a whole number'), z.gte(0, 'expected a count ≥ 0'));
/** A string of at most `max` characters. */
const text = (max: number) => z.string().check(z.maxLength(max));

export const partnerIdSchema = z.enum(PARTNERS);

export const beatSchema = z.object({
  tSec: seconds,
  rrMs: z.nullable(z.number().check(z.positive('expected an RR interval > 0 ms'), z.lte(5000, 'expected an RR interval ≤ 5000 ms'))),
  hrBpm: z.number().check(z.positive('expected a heart rate > 0'), z.lte(300, 'expected a heart rate ≤ 300')),
  afterGap: z.boolean(),
}) satisfies z.ZodMiniType<Beat>;

export const windowMetricsSchema = z.object({
  startSec: seconds,
  endSec: seconds,
  beats: count,
  hrBpm: z.nullable(z.number().check(z.positive())),
  rmssdMs: z.nullable(z.number().check(z.gte(0))),
  lnRmssd: z.nullable(z.number()),
  breathsPerMin: z.nullable(z.number().check(z.gte(0))),
  breathingConfidence: z.number().check(z.gte(0), z.lte(1)),
  artifactRate: z.number().check(z.gte(0), z.lte(1)),
  hrOnly: z.boolean(),
  irregular: z.optional(z.nullable(z.enum(['ectopy', 'af-like', 'flat']))),
  pairs: z.optional(count),
}) satisfies z.ZodMiniType<WindowMetrics>;

export const baselineSchema = z.object({
  lnRmssdMean: z.nullable(z.number()),
  lnRmssdSd: z.nullable(z.number().check(z.gte(0))),
  hrBpm: z.number().check(z.positive()),
  breathsPerMin: z.nullable(z.number().check(z.gte(0))),
  recordedAt: isoDateTime,
  device: z.string(),
  calibrations: count,
  demo: z.boolean(),
}) satisfies z.ZodMiniType<Baseline>;

/**
 * The strap a partner used last time, to connect it again with one tap: the browser's id for the
 * device (Web Bluetooth `BluetoothDevice.id`, random per site) and its advertised name.
 */
export const rememberedStrapSchema = z.object({
  deviceId: z.string().check(z.minLength(1, 'expected a device id'), z.maxLength(200, 'expected a device id of at most 200 characters')),
  name: z.string().check(z.maxLength(100, 'expected a strap name of at most 100 characters')),
  rememberedAt: isoDateTime,
});
export type RememberedStrapRecord = z.infer<typeof rememberedStrapSchema>;

export const partnerRecordSchema = z.object({
  id: partnerIdSchema,
  name: z.string().check(z.trim(), z.minLength(1, 'expected a name'), z.maxLength(60, 'expected a name of at most 60 characters')),
  updatedAt: isoDateTime,
  /** Optional (added without a schema version): absent until the partner connects a strap. */
  strap: z.optional(rememberedStrapSchema),
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
  .check(z.refine((r) => (r.kind === 'demo') === r.baseline.demo, 'expected kind "demo" exactly when baseline.demo is true'));
export type BaselineRecord = z.infer<typeof baselineRecordSchema>;

const minuteSummarySchema = z.object({
  hrBpm: z.nullable(z.number().check(z.positive())),
  lnRmssd: z.nullable(z.number()),
}) satisfies z.ZodMiniType<MinuteSummary>;

/** One calm reading as `readingFromBeats` gives it (or `readingFromBaseline` for a migrated baseline). */
export const calmReadingSchema = z.object({
  recordedAt: isoDateTime,
  device: z.string(),
  kind: z.enum(['calibration', 'calm-check', 'session-end', 'migrated']),
  demo: z.boolean(),
  hrOnly: z.boolean(),
  durationSec: seconds,
  hrBpm: z.number().check(z.positive()),
  lnRmssd: z.nullable(z.number()),
  lnRmssdSd: z.nullable(z.number().check(z.gte(0))),
  breathsPerMin: z.nullable(z.number().check(z.gte(0))),
  firstMinute: z.nullable(minuteSummarySchema),
  lastMinute: z.nullable(minuteSummarySchema),
}) satisfies z.ZodMiniType<CalmReading>;

/**
 * Whether a reading counts: accepted, or refused with the problem (its kind and the numbers that
 * decided it, as `checkReading` gives them) and the one sentence the person was told.
 */
export const readingVerdictSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true) }),
  z.object({
    accepted: z.literal(false),
    problem: z.looseObject({ kind: z.string().check(z.minLength(1, 'expected the kind of problem')) }),
    message: z.string().check(z.minLength(1, 'expected the sentence the person was told'), z.maxLength(500)),
  }),
]);
export type ReadingVerdict = z.infer<typeof readingVerdictSchema>;

/**
 * One calm reading of one partner (a calibration, a calm check, the calm end of a session, or a
 * baseline kept before readings existed) with its verdict. Refused readings are kept for History
 * but never enter the baseline. The app never stores demo readings; demo ones here come only from
 * demo baselines that older versions kept, and are never mixed with real ones.
 */
export const readingRecordSchema = z
  .object({
    id,
    partner: partnerIdSchema,
    /** Same as reading.recordedAt, top-level so an index can sort by it. */
    recordedAt: isoDateTime,
    reading: calmReadingSchema,
    verdict: readingVerdictSchema,
  })
  .check(z.refine((r) => r.recordedAt === r.reading.recordedAt, "expected recordedAt to be the reading's recordedAt"));
export type ReadingRecord = z.infer<typeof readingRecordSchema>;

export const routineMarkSchema = z.object({
  kind: z.enum(['routine-start', 'routine-end']),
  /** What the routine is called, as the user saw it. */
  label: text(200),
  at: isoDateTime,
  segment: count,
  /** Latest beat time of each partner when the mark was set (event time of that segment). */
  tSec: z.object({ a: z.nullable(seconds), b: z.nullable(seconds) }),
});
export type RoutineMark = z.infer<typeof routineMarkSchema>;

/**
 * One start, stop or change of pace of the shared breathing pacer ("Breathe together"), kept with
 * the session so its story can say how long each partner followed the pacer.
 */
export const pacerEventSchema = z.object({
  kind: z.enum(['start', 'stop', 'rate']),
  /** The pace, breaths a minute (the article's 4-1-6 is 60/11 ≈ 5.45). */
  breathsPerMin: z
    .number()
    .check(z.gte(4, 'expected a pace of at least 4 breaths a minute'), z.lte(7, 'expected a pace of at most 7 breaths a minute')),
  at: isoDateTime,
  segment: count,
  /** Session event time of the change (latest beat of either partner), seconds. */
  tSec: seconds,
});
export type PacerEventRecord = z.infer<typeof pacerEventSchema>;

export const sessionSourceSchema = z.enum(['demo', 'strap', 'replay', 'no-wearable', 'mixed']);
export type SessionSource = z.infer<typeof sessionSourceSchema>;

export const sessionRecordSchema = z.object({
  id,
  startedAt: isoDateTime,
  /** When the session was closed; null while recording or interrupted. */
  endedAt: z.nullable(isoDateTime),
  /** Last time a chunk of this session reached the database. */
  lastSavedAt: isoDateTime,
  status: z.enum(['recording', 'closed']),
  /** How it ended: finished by the couple, stopped early, or closed after an interruption. */
  outcome: z.nullable(z.enum(['finished', 'stopped', 'interrupted'])),
  source: sessionSourceSchema,
  /** Demo scenario name when source is "demo". */
  scenario: z.nullable(text(60)),
  partnerNames: z.object({ a: text(60), b: text(60) }),
  /** How many times recording started on this session (1 + resumes). */
  segments: count,
  /** Seconds of recorded event time, summed over segments. */
  recordedSec: seconds,
  marks: z.array(routineMarkSchema),
  notes: text(10_000),
  /** The shared breathing pacer's starts, stops and changes of pace; absent when it was never used (and in older records). */
  pacer: z.optional(z.array(pacerEventSchema).check(z.maxLength(10_000))),
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
    beats: z.array(beatSchema).check(z.minLength(1, 'expected at least one beat')),
  })
  .check(z.refine(chunkSpanOk, chunkSpanMessage));
export type BeatChunk = z.infer<typeof beatChunkSchema>;

export const metricChunkSchema = z
  .object({
    ...chunkHead,
    metrics: z.array(windowMetricsSchema).check(z.minLength(1, 'expected at least one metrics row')),
    /** Wall-clock time the chunk was closed: lets routine runs (wall clock) be placed in event time. */
    closedAt: z.optional(isoDateTime),
  })
  .check(z.refine(chunkSpanOk, chunkSpanMessage));
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
  reasons: z.array(text(500)).check(z.maxLength(20)),
});
export type GateEntry = z.infer<typeof gateEntrySchema>;

export const routineRunRecordSchema = z.object({
  id,
  sessionId: z.nullable(id),
  routineId: text(200),
  title: text(200),
  startedAt: isoDateTime,
  endedAt: z.nullable(isoDateTime),
  outcome: z.enum(['completed', 'stopped', 'break']),
  stepsDone: count,
  stepsTotal: count,
  /** The rest of the player's summary (gentler option, named behaviour, choices), kept as given. */
  details: z.record(text(100), z.union([text(2000), z.number(), z.boolean(), z.null()])),
});
export type RoutineRunRecord = z.infer<typeof routineRunRecordSchema>;

export const authorSchema = z.enum(['a', 'b', 'both']);

export const reflectionRecordSchema = z.object({
  id,
  sessionId: z.nullable(id),
  createdAt: isoDateTime,
  author: authorSchema,
  /** Answer to "what felt reparative?". */
  reparative: z.string().check(z.trim(), z.minLength(1, 'expected an answer'), z.maxLength(4000, 'expected at most 4000 characters')),
  /** Anything else worth remembering about the session. */
  notes: text(4000),
});
export type ReflectionRecord = z.infer<typeof reflectionRecordSchema>;

export const commitmentRecordSchema = z
  .object({
    id,
    sessionId: z.nullable(id),
    createdAt: isoDateTime,
    author: authorSchema,
    /** What exactly will be done, e.g. "I'll ask about your day before logistics, each evening". */
    text: z.string().check(z.trim(), z.minLength(1, 'expected what will be done'), z.maxLength(500, 'expected at most 500 characters')),
    /** The day by which it will have been done (time-bound). */
    byDay: isoDay,
    /** The day the couple checks in on it together. */
    checkInDay: isoDay,
    status: z.enum(['open', 'done', 'missed']),
    resolvedAt: z.nullable(isoDateTime),
  })
  .check(z.refine((c) => (c.status === 'open') === (c.resolvedAt === null), 'expected resolvedAt exactly when done or missed'));
export type CommitmentRecord = z.infer<typeof commitmentRecordSchema>;

export const voiceClipRecordSchema = z.object({
  lineId: id,
  /** MIME type of the recording, e.g. "audio/webm". */
  type: text(100),
  bytes: z.instanceof(ArrayBuffer, { message: 'expected the clip bytes' }),
  savedAt: isoDateTime,
});
export type VoiceClipRecord = z.infer<typeof voiceClipRecordSchema>;

/** Days of the week in iCalendar's spelling (RFC 5545, 3.3.10 "weekday"), Monday first. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * What a couple can plan for the week (the article's "what to practice this week"): three of the
 * routines by id, and the commitment check-in, which is a conversation rather than a routine.
 */
export const PLAN_RITUALS = ['grounding-handhold', 'apology-reset', 'reconnect-flow', 'check-in'] as const;
export type PlanRitual = (typeof PLAN_RITUALS)[number];

/** One planned ritual: which, on which days of the week, at what local time, for how long. */
export const planItemSchema = z.object({
  /** Stable across edits: the calendar event's UID is made from it, so re-exporting updates the event. */
  id,
  ritual: z.enum(PLAN_RITUALS),
  /** No days: planned "when needed" (the 5-minute reset), kept in the plan but not in the calendar. */
  days: z.array(z.enum(WEEKDAYS)).check(
    z.maxLength(7),
    z.refine((days) => new Set(days).size === days.length, 'expected each day at most once'),
  ),
  /** Local wall-clock time, 24-hour `HH:MM`. */
  time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)')),
  minutes: z
    .number()
    .check(z.int('expected whole minutes'), z.gte(1, 'expected at least 1 minute'), z.lte(180, 'expected at most 180 minutes')),
  /** How long before the start the calendar's gentle alarm sounds; null for no alarm. */
  alarmMinutesBefore: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(1440))),
});
export type PlanItem = z.infer<typeof planItemSchema>;

/** The couple's weekly plan. There is one, keyed "current"; every save raises its revision. */
export const planRecordSchema = z.object({
  id: z.literal('current'),
  /** The first day the plan applies (the calendar's recurring events start on or after it). */
  startsOn: isoDay,
  /** IANA time zone the times are meant in (the device's when the plan was saved), e.g. "Europe/Berlin". */
  timeZone: z.string().check(z.minLength(1), z.maxLength(100)),
  items: z.array(planItemSchema).check(z.maxLength(20, 'expected at most 20 planned rituals')),
  /** Starts at 0; the calendar's SEQUENCE, so a re-exported event replaces the older one. */
  revision: count,
  updatedAt: isoDateTime,
});
export type PlanRecord = z.infer<typeof planRecordSchema>;

/** A 0–10 rating, or null when that partner skipped it. */
const rating = z.nullable(
  z.number().check(z.int('expected a whole number from 0 to 10'), z.gte(0, 'expected 0 to 10'), z.lte(10, 'expected 0 to 10')),
);
const perPartnerRating = z.object({ a: rating, b: rating });

/**
 * The couple's own 0–10 check-in, before a session and after it: how intense the fight was (or feels
 * now) and how close each feels. A self-report, kept apart from what the straps measure.
 */
export const checkInRecordSchema = z.object({
  id,
  sessionId: z.nullable(id),
  moment: z.enum(['before', 'after']),
  at: isoDateTime,
  /** 0 = not intense at all, 10 = the most intense. */
  intensity: perPartnerRating,
  /** 0 = far apart, 10 = very close. */
  closeness: perPartnerRating,
});
export type CheckInRecord = z.infer<typeof checkInRecordSchema>;

/**
 * What this device remembers about keeping the data (not part of an export: it describes this
 * browser, not the couple's history): when persistent storage was asked for and the last export.
 */
export const metaRecordSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('persistence'), requestedAt: isoDateTime, granted: z.boolean() }),
  z.object({ key: z.literal('lastExport'), at: isoDateTime }),
]);
export type MetaRecord = z.infer<typeof metaRecordSchema>;

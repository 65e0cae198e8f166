/**
 * Small repositories over the database, one per kind of record. Reads are schema-checked (damaged
 * records are reported and left out); writes are validated first and fail with a plain message.
 */
import type { RoutineRunSummary, VoiceClipStore } from '../routines/run-summary';
import type { CalmReading } from '../signal/calm-reading';
import type { PartnerId } from '../signal/types';
import { checked, checkedAll, valid, writing, type StoreContext } from './context';
import {
  beatChunkSchema,
  checkInRecordSchema,
  commitmentRecordSchema,
  gateEntrySchema,
  metricChunkSchema,
  partnerIdSchema,
  partnerRecordSchema,
  planRecordSchema,
  readingRecordSchema,
  reflectionRecordSchema,
  routineRunRecordSchema,
  sessionRecordSchema,
  voiceClipRecordSchema,
  type BeatChunk,
  type CheckInRecord,
  type CommitmentRecord,
  type GateEntry,
  type MetricChunk,
  type PartnerRecord,
  type PlanItem,
  type PlanRecord,
  type ReadingRecord,
  type ReadingVerdict,
  type ReflectionRecord,
  type RoutineRunRecord,
  type SessionRecord,
} from './records';

const byChunkOrder = (x: { seq: number }, y: { seq: number }) => x.seq - y.seq;

export function createPartnersRepository(ctx: StoreContext) {
  /** Reads the partner's record and writes its successor in one transaction, so a name and a strap saved together both stay. */
  const update = (id: PartnerId, operation: string, next: (before: PartnerRecord | undefined) => unknown): Promise<PartnerRecord> =>
    writing(ctx, operation, async () => {
      const tx = (await ctx.db()).transaction('partners', 'readwrite');
      const before = (await tx.store.get(id)) as PartnerRecord | undefined;
      const record = valid(partnerRecordSchema, next(before), operation);
      await tx.store.put(record);
      await tx.done;
      return record;
    });
  return {
    async get(id: PartnerId): Promise<PartnerRecord | undefined> {
      const db = await ctx.db();
      const value = await db.get('partners', id);
      return value === undefined ? undefined : checked(ctx, partnerRecordSchema, value, 'partner');
    },
    async list(): Promise<PartnerRecord[]> {
      const db = await ctx.db();
      return checkedAll(ctx, partnerRecordSchema, await db.getAll('partners'), 'partner');
    },
    /** Keeps the partner's name; a strap they remembered stays. */
    rename(id: PartnerId, name: string): Promise<PartnerRecord> {
      return update(id, 'save partner', (before) => ({
        id,
        name: name.trim(),
        updatedAt: ctx.now().toISOString(),
        ...(before?.strap ? { strap: before.strap } : {}),
      }));
    },
    /**
     * Remembers the strap the partner connected (null forgets it). A partner who has not typed a
     * name is kept as `defaultName` ("Partner A"), as the live view shows them.
     */
    rememberStrap(id: PartnerId, strap: { deviceId: string; name: string } | null, defaultName: string): Promise<PartnerRecord> {
      const now = ctx.now().toISOString();
      return update(id, 'remember strap', (before) => ({
        id,
        name: before?.name ?? defaultName,
        updatedAt: now,
        ...(strap === null ? {} : { strap: { deviceId: strap.deviceId, name: strap.name, rememberedAt: now } }),
      }));
    },
  };
}

export function createReadingsRepository(ctx: StoreContext) {
  async function forPartner(partner: PartnerId): Promise<ReadingRecord[]> {
    const db = await ctx.db();
    const range = IDBKeyRange.bound([partner, ''], [partner, '\uffff']);
    return checkedAll(ctx, readingRecordSchema, await db.getAllFromIndex('readings', 'by-partner', range), 'reading');
  }
  return {
    /**
     * Keeps one calm reading of a partner with its verdict (accepted, or refused with the problem
     * and the sentence the person was told). Demo readings are refused: simulated data stays in
     * memory and never meets a real reading.
     */
    async add(partner: PartnerId, reading: CalmReading, verdict: ReadingVerdict): Promise<ReadingRecord> {
      if (reading.demo) throw new Error('save reading: a demo reading is simulated data and is never stored');
      const record = valid(
        readingRecordSchema,
        { id: ctx.newId(), partner, recordedAt: reading.recordedAt, reading, verdict },
        'save reading',
      );
      await writing(ctx, 'save reading', async () => (await ctx.db()).put('readings', record));
      return record;
    },
    /**
     * Every kept reading of a partner, oldest first, accepted and refused: real ones unless `demo`
     * is asked for (only demo baselines of older versions are stored as demo readings); never both.
     */
    async history(partner: PartnerId, options: { demo?: boolean } = {}): Promise<ReadingRecord[]> {
      const demo = options.demo === true;
      return (await forPartner(partner)).filter((r) => r.reading.demo === demo);
    },
    /** The real readings of a partner that count, oldest first (what `baselineFromReadings` takes). */
    async accepted(partner: PartnerId): Promise<CalmReading[]> {
      return (await forPartner(partner)).filter((r) => !r.reading.demo && r.verdict.accepted).map((r) => r.reading);
    },
    /**
     * Deletes a partner's own readings (every real reading of that partner, accepted or refused) in
     * one transaction, so the next session judges them as on a first night. Demo readings, the
     * other partner's readings and every other record stay. A damaged record filed under that
     * partner goes too: it was never used, and keeping it would keep data the partner asked to
     * delete. Resolves to how many records were deleted.
     */
    async remove(partner: PartnerId): Promise<number> {
      const parsed = partnerIdSchema.safeParse(partner);
      if (!parsed.success) throw new Error(`delete readings: there is no partner ${JSON.stringify(partner)}; expected "a" or "b"`);
      const id = parsed.data;
      return writing(ctx, 'delete readings', async () => {
        const db = await ctx.db();
        const tx = db.transaction('readings', 'readwrite');
        const range = IDBKeyRange.bound([id, ''], [id, '\uffff']);
        let deleted = 0;
        for (let cursor = await tx.store.index('by-partner').openCursor(range); cursor; cursor = await cursor.continue()) {
          const value = cursor.value as { reading?: { demo?: unknown } };
          if (value.reading?.demo === true) continue;
          await cursor.delete();
          deleted++;
        }
        await tx.done;
        return deleted;
      });
    },
  };
}

export function createSessionsRepository(ctx: StoreContext) {
  return {
    async get(id: string): Promise<SessionRecord | undefined> {
      const db = await ctx.db();
      const value = await db.get('sessions', id);
      return value === undefined ? undefined : checked(ctx, sessionRecordSchema, value, 'session');
    },
    /** Every session, newest first. */
    async list(): Promise<SessionRecord[]> {
      const db = await ctx.db();
      const all = checkedAll(ctx, sessionRecordSchema, await db.getAllFromIndex('sessions', 'by-startedAt'), 'session');
      return all.reverse();
    },
    /** The most recent session, if any. */
    async latest(): Promise<SessionRecord | undefined> {
      const db = await ctx.db();
      const cursor = await db.transaction('sessions').store.index('by-startedAt').openCursor(null, 'prev');
      return cursor ? checked(ctx, sessionRecordSchema, cursor.value, 'session') : undefined;
    },
    /** The session that was being recorded at a wall-clock time (started before, not ended before). */
    async at(iso: string): Promise<SessionRecord | undefined> {
      const db = await ctx.db();
      const range = IDBKeyRange.upperBound(iso);
      const candidates = checkedAll(ctx, sessionRecordSchema, await db.getAllFromIndex('sessions', 'by-startedAt', range), 'session');
      return candidates.reverse().find((s) => s.endedAt === null || s.endedAt >= iso);
    },
    async setNotes(id: string, notes: string): Promise<void> {
      await writing(ctx, 'save notes', async () => {
        const db = await ctx.db();
        const tx = db.transaction('sessions', 'readwrite');
        const current = checked(ctx, sessionRecordSchema, await tx.store.get(id), 'session');
        if (!current) throw new Error(`save notes: there is no session "${id}"`);
        await tx.store.put(valid(sessionRecordSchema, { ...current, notes }, 'save notes'));
        await tx.done;
      });
    },
    /** Deletes one session and everything recorded in it. */
    async remove(id: string): Promise<void> {
      await writing(ctx, 'delete session', async () => {
        const db = await ctx.db();
        const stores = ['sessions', 'beatChunks', 'metricChunks', 'gate', 'routineRuns', 'reflections'] as const;
        const tx = db.transaction(stores, 'readwrite');
        const work: Promise<unknown>[] = [tx.objectStore('sessions').delete(id)];
        for (const name of ['beatChunks', 'metricChunks', 'gate', 'routineRuns', 'reflections'] as const) {
          const index = tx.objectStore(name).index('by-session');
          work.push(index.getAllKeys(id).then((keys) => Promise.all(keys.map((key) => tx.objectStore(name).delete(key as never)))));
        }
        await Promise.all([...work, tx.done]);
      });
    },
  };
}

/** Read access to what the recorder wrote: chunks of beats and metrics, and the gate timeline. */
export function createRecordingsRepository(ctx: StoreContext) {
  return {
    async beatChunks(sessionId: string, partner?: PartnerId): Promise<BeatChunk[]> {
      const db = await ctx.db();
      const all = checkedAll(ctx, beatChunkSchema, await db.getAllFromIndex('beatChunks', 'by-session', sessionId), 'beat chunk');
      return all.filter((c) => partner === undefined || c.partner === partner).sort(byChunkOrder);
    },
    async metricChunks(sessionId: string, partner?: PartnerId): Promise<MetricChunk[]> {
      const db = await ctx.db();
      const all = checkedAll(ctx, metricChunkSchema, await db.getAllFromIndex('metricChunks', 'by-session', sessionId), 'metrics chunk');
      return all.filter((c) => partner === undefined || c.partner === partner).sort(byChunkOrder);
    },
    async gate(sessionId: string): Promise<GateEntry[]> {
      const db = await ctx.db();
      return checkedAll(ctx, gateEntrySchema, await db.getAllFromIndex('gate', 'by-session', sessionId), 'gate entry').sort(byChunkOrder);
    },
  };
}

export function createRoutineRunsRepository(ctx: StoreContext, sessions: ReturnType<typeof createSessionsRepository>) {
  return {
    async add(
      run: Omit<RoutineRunRecord, 'id' | 'details'> & { id?: string; details?: RoutineRunRecord['details'] },
    ): Promise<RoutineRunRecord> {
      const record = valid(routineRunRecordSchema, { details: {}, ...run, id: run.id ?? ctx.newId() }, 'save routine run');
      await writing(ctx, 'save routine run', async () => (await ctx.db()).put('routineRuns', record));
      return record;
    },
    /**
     * Keeps the routine player's summary of a finished run. Without a `sessionId` the run is filed
     * with the session that was recording when it started (none in no-wearable mode).
     */
    async addSummary(summary: RoutineRunSummary, context: { sessionId?: string | null; title: string }): Promise<RoutineRunRecord> {
      const { routineId, startedAt, endedAt, outcome, stepsDone, stepsTotal, ...rest } = summary;
      const details = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
      );
      const sessionId = context.sessionId !== undefined ? context.sessionId : ((await sessions.at(startedAt))?.id ?? null);
      return this.add({ sessionId, title: context.title, routineId, startedAt, endedAt, outcome, stepsDone, stepsTotal, details });
    },
    /** Runs of one session, or all runs; oldest first. */
    async list(sessionId?: string): Promise<RoutineRunRecord[]> {
      const db = await ctx.db();
      const raw =
        sessionId === undefined ? await db.getAll('routineRuns') : await db.getAllFromIndex('routineRuns', 'by-session', sessionId);
      return checkedAll(ctx, routineRunRecordSchema, raw, 'routine run').sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    },
  };
}

export function createReflectionsRepository(ctx: StoreContext) {
  return {
    async add(input: Pick<ReflectionRecord, 'sessionId' | 'author' | 'reparative'> & { notes?: string }): Promise<ReflectionRecord> {
      const record = valid(
        reflectionRecordSchema,
        { id: ctx.newId(), createdAt: ctx.now().toISOString(), notes: '', ...input },
        'save reflection',
      );
      await writing(ctx, 'save reflection', async () => (await ctx.db()).put('reflections', record));
      return record;
    },
    async list(sessionId?: string): Promise<ReflectionRecord[]> {
      const db = await ctx.db();
      const raw =
        sessionId === undefined ? await db.getAll('reflections') : await db.getAllFromIndex('reflections', 'by-session', sessionId);
      return checkedAll(ctx, reflectionRecordSchema, raw, 'reflection').sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    },
  };
}

/** Today's date in the local calendar as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function createCommitmentsRepository(ctx: StoreContext) {
  async function all(): Promise<CommitmentRecord[]> {
    const db = await ctx.db();
    return checkedAll(ctx, commitmentRecordSchema, await db.getAllFromIndex('commitments', 'by-checkIn'), 'commitment');
  }
  return {
    /** Keeps a commitment; the check-in day may not be before today nor before the day it is due by. */
    async add(input: Pick<CommitmentRecord, 'sessionId' | 'author' | 'text' | 'byDay' | 'checkInDay'>): Promise<CommitmentRecord> {
      const today = localDay(ctx.now());
      if (input.byDay < today) throw new Error('save commitment: the "by" day is in the past; choose today or later');
      if (input.checkInDay < input.byDay)
        throw new Error('save commitment: the check-in day comes before the "by" day; check in on or after it');
      const record = valid(
        commitmentRecordSchema,
        { id: ctx.newId(), createdAt: ctx.now().toISOString(), status: 'open', resolvedAt: null, ...input },
        'save commitment',
      );
      await writing(ctx, 'save commitment', async () => (await ctx.db()).put('commitments', record));
      return record;
    },
    /** All commitments, by check-in day. */
    list: all,
    /** Open commitments whose check-in day is today or earlier: what the reminder asks about. */
    async due(today: Date = ctx.now()): Promise<CommitmentRecord[]> {
      const day = localDay(today);
      return (await all()).filter((c) => c.status === 'open' && c.checkInDay <= day);
    },
    /** Records the check-in: done, missed, or back to open. */
    async setStatus(id: string, status: CommitmentRecord['status']): Promise<CommitmentRecord> {
      return writing(ctx, 'update commitment', async () => {
        const db = await ctx.db();
        const tx = db.transaction('commitments', 'readwrite');
        const current = checked(ctx, commitmentRecordSchema, await tx.store.get(id), 'commitment');
        if (!current) throw new Error(`update commitment: there is no commitment "${id}"`);
        const next = valid(
          commitmentRecordSchema,
          { ...current, status, resolvedAt: status === 'open' ? null : ctx.now().toISOString() },
          'update commitment',
        );
        await tx.store.put(next);
        await tx.done;
        return next;
      });
    },
  };
}

/**
 * Voice clips recorded for routine lines, keyed by line id: the routines' `VoiceClipStore`. Clips are
 * kept as bytes plus type (read before the transaction starts, since reading a Blob is not an
 * IndexedDB request and would let the transaction close).
 */
export type VoiceClips = VoiceClipStore;

export function createVoiceClipsRepository(ctx: StoreContext): VoiceClips {
  return {
    async save(lineId, clip) {
      const bytes = await clip.arrayBuffer();
      const record = valid(voiceClipRecordSchema, { lineId, type: clip.type, bytes, savedAt: ctx.now().toISOString() }, 'save voice clip');
      await writing(ctx, 'save voice clip', async () => (await ctx.db()).put('voiceClips', record));
    },
    async load(lineId) {
      const db = await ctx.db();
      const value = await db.get('voiceClips', lineId);
      if (value === undefined) return undefined;
      const record = checked(ctx, voiceClipRecordSchema, value, 'voice clip');
      return record ? new Blob([record.bytes], { type: record.type }) : undefined;
    },
    async remove(lineId) {
      await writing(ctx, 'delete voice clip', async () => (await ctx.db()).delete('voiceClips', lineId));
    },
  };
}

/** The weekly plan: one record, saved whole; each save raises its revision (the calendar's SEQUENCE). */
export function createPlansRepository(ctx: StoreContext) {
  return {
    /** The plan, or undefined before the couple saved one. */
    async get(): Promise<PlanRecord | undefined> {
      const db = await ctx.db();
      const value = await db.get('plans', 'current');
      return value === undefined ? undefined : checked(ctx, planRecordSchema, value, 'plan');
    },
    /** Saves the plan's rituals (and when it starts, in which time zone); resolves to what was saved. */
    async save(input: { items: readonly PlanItem[]; startsOn: string; timeZone: string }): Promise<PlanRecord> {
      return writing(ctx, 'save plan', async () => {
        const db = await ctx.db();
        const tx = db.transaction('plans', 'readwrite');
        const previous = checked(ctx, planRecordSchema, await tx.store.get('current'), 'plan');
        const record = valid(
          planRecordSchema,
          {
            id: 'current',
            items: input.items,
            startsOn: input.startsOn,
            timeZone: input.timeZone,
            revision: previous === undefined ? 0 : previous.revision + 1,
            updatedAt: ctx.now().toISOString(),
          },
          'save plan',
        );
        await tx.store.put(record);
        await tx.done;
        return record;
      });
    },
  };
}

/** The couple's 0–10 check-ins before and after sessions. */
export function createCheckInsRepository(ctx: StoreContext) {
  return {
    /** Keeps a check-in; a second one for the same session and moment replaces the first. */
    async save(input: Pick<CheckInRecord, 'sessionId' | 'moment' | 'intensity' | 'closeness'>): Promise<CheckInRecord> {
      return writing(ctx, 'save check-in', async () => {
        const db = await ctx.db();
        const tx = db.transaction('checkIns', 'readwrite');
        const same =
          input.sessionId === null
            ? undefined
            : checkedAll(ctx, checkInRecordSchema, await tx.store.index('by-session').getAll(input.sessionId), 'check-in').find(
                (c) => c.moment === input.moment,
              );
        const record = valid(checkInRecordSchema, { ...input, id: same?.id ?? ctx.newId(), at: ctx.now().toISOString() }, 'save check-in');
        await tx.store.put(record);
        await tx.done;
        return record;
      });
    },
    /** Every check-in, oldest first (before ahead of after at the same moment). */
    async list(): Promise<CheckInRecord[]> {
      const db = await ctx.db();
      const order = { before: 0, after: 1 } as const;
      return checkedAll(ctx, checkInRecordSchema, await db.getAll('checkIns'), 'check-in').sort(
        (x, y) => x.at.localeCompare(y.at) || order[x.moment] - order[y.moment],
      );
    },
  };
}

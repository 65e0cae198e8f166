import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import type { StorageProblem } from './problems';
import { createStore } from './store';
import { fixedClock, freshName, settlingVerdict, strapReading } from './test-support';

describe('repositories', () => {
  it('sessions.list() reports a damaged record and leaves it out instead of using it', async () => {
    const name = freshName();
    const problems: StorageProblem[] = [];
    const store = createStore({ name, now: fixedClock().now, onStorageProblem: (p) => problems.push(p) });
    const r = store.createRecorder({ flushIntervalMs: 0 });
    await r.close('finished');
    const db = await openDatabase({ name });
    await db.put('sessions', { id: 'broken', startedAt: 'yesterday' } as never);
    db.close();
    const list = await store.sessions.list();
    expect(list.map((s) => s.id)).toEqual([r.sessionId]);
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'corrupt-record',
        message: 'A saved session is damaged and was left out. Your other data is fine.',
        detail: expect.stringMatching(/^read session: startedAt: expected an ISO 8601 date and time/),
      }),
    ]);
  });

  it('partners.rememberStrap() keeps the strap beside the name; renaming keeps the strap, and null forgets it', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const strap = { deviceId: 'aGVsbG8gc3RyYXA=', name: 'Polar H10 A1B2C3D4' };
    // A partner who never typed a name is kept under the name the live view shows.
    const first = await store.partners.rememberStrap('b', strap, 'Partner B');
    expect(first).toMatchObject({ id: 'b', name: 'Partner B', strap: { ...strap, rememberedAt: first.updatedAt } });
    await store.partners.rename('b', 'Alex');
    expect(await store.partners.get('b')).toMatchObject({ name: 'Alex', strap });
    await store.partners.rememberStrap('b', null, 'Partner B');
    const forgotten = await store.partners.get('b');
    expect(forgotten?.name).toBe('Alex');
    expect(forgotten?.strap).toBeUndefined();
    await expect(store.partners.rememberStrap('a', { deviceId: '', name: 'x' }, 'Partner A')).rejects.toThrow(/device id/);
  });

  it('readings.add() keeps accepted and refused readings, oldest first; accepted() gives only those that count', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    await store.readings.add('a', { ...strapReading, recordedAt: '2026-03-05T08:00:00.000Z', hrBpm: 62 }, { accepted: true });
    await store.readings.add('a', strapReading, { accepted: true });
    const refused = await store.readings.add('a', { ...strapReading, recordedAt: '2026-03-06T08:00:00.000Z', hrBpm: 80 }, settlingVerdict);
    expect((await store.readings.history('a')).map((h) => h.reading.hrBpm)).toEqual([64, 62, 80]);
    expect(refused.verdict).toEqual(settlingVerdict);
    expect((await store.readings.accepted('a')).map((r) => r.hrBpm)).toEqual([64, 62]);
    expect(await store.readings.history('b')).toEqual([]);
  });

  it('readings.add() never stores a demo reading, and refuses a verdict without its sentence', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    await expect(store.readings.add('a', { ...strapReading, demo: true, device: 'simulator' }, { accepted: true })).rejects.toThrow(
      'save reading: a demo reading is simulated data and is never stored',
    );
    await expect(store.readings.add('a', strapReading, { ...settlingVerdict, message: '' })).rejects.toThrow(/^save reading: verdict/);
    expect(await store.readings.history('a')).toEqual([]);
  });

  it('readings.remove(partner) deletes that partner’s real readings only, in one go; demo readings and all other records stay', async () => {
    const name = freshName();
    const store = createStore({ name, now: fixedClock().now });
    await store.partners.rename('a', 'Sam');
    await store.readings.add('a', strapReading, { accepted: true });
    await store.readings.add('a', { ...strapReading, recordedAt: '2026-03-05T08:00:00.000Z', hrBpm: 80 }, settlingVerdict);
    const other = await store.readings.add('b', { ...strapReading, hrBpm: 70 }, { accepted: true });
    // Demo readings are only ever there as demo baselines an older version kept (the v5 migration).
    const db = await openDatabase({ name });
    const demo = {
      id: 'demo-a',
      partner: 'a',
      recordedAt: '2026-03-09T08:00:00.000Z',
      reading: { ...strapReading, kind: 'migrated', demo: true, device: 'simulator', recordedAt: '2026-03-09T08:00:00.000Z' },
      verdict: { accepted: true },
    } as const;
    await db.put('readings', demo);
    const r = store.createRecorder({ flushIntervalMs: 0 });
    r.addBeat('a', { tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false });
    await r.close('finished');
    await store.reflections.add({ sessionId: r.sessionId, author: 'a', reparative: 'Time.' });
    const before = await Promise.all((['partners', 'sessions', 'beatChunks', 'reflections'] as const).map((s) => db.getAll(s)));

    expect(await store.readings.remove('a')).toBe(2);

    expect(await store.readings.history('a')).toEqual([]);
    expect(await store.readings.accepted('a')).toEqual([]);
    expect(await store.readings.history('a', { demo: true })).toEqual([demo]);
    expect(await store.readings.history('b')).toEqual([other]);
    expect(await db.count('readings')).toBe(2);
    const after = await Promise.all((['partners', 'sessions', 'beatChunks', 'reflections'] as const).map((s) => db.getAll(s)));
    expect(after).toEqual(before);
    db.close();

    // Nothing left to delete is not an error; a new reading starts afresh.
    expect(await store.readings.remove('a')).toBe(0);
    await store.readings.add('a', { ...strapReading, recordedAt: '2026-03-10T08:00:00.000Z', hrBpm: 66 }, { accepted: true });
    expect((await store.readings.history('a')).map((h) => h.reading.hrBpm)).toEqual([66]);
  });

  it('readings.remove() refuses an unknown partner with the reason and deletes nothing', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    await store.readings.add('a', strapReading, { accepted: true });
    await expect(store.readings.remove('c' as never)).rejects.toThrow('delete readings: there is no partner "c"; expected "a" or "b"');
    expect(await store.readings.history('a')).toHaveLength(1);
  });

  it('readings.remove() also deletes a damaged reading of that partner, which was never used', async () => {
    const name = freshName();
    const problems: StorageProblem[] = [];
    const store = createStore({ name, now: fixedClock().now, onStorageProblem: (p) => problems.push(p) });
    await store.readings.add('a', strapReading, { accepted: true });
    const db = await openDatabase({ name });
    await db.put('readings', { id: 'broken', partner: 'a', recordedAt: '2026-03-02T08:00:00.000Z', reading: { hrBpm: -1 } } as never);
    expect(await store.readings.remove('a')).toBe(2);
    expect(await db.count('readings')).toBe(0);
    db.close();
    expect(problems).toEqual([]);
  });

  it('commitments.add() refuses a past "by" day or a check-in before it, with the reason', async () => {
    const store = createStore({ name: freshName(), now: fixedClock('2026-03-02T12:00:00.000Z').now });
    const base = { sessionId: null, author: 'a' as const, text: 'Walk together on Sunday morning' };
    await expect(store.commitments.add({ ...base, byDay: '2026-03-01', checkInDay: '2026-03-03' })).rejects.toThrow(
      'save commitment: the "by" day is in the past; choose today or later',
    );
    await expect(store.commitments.add({ ...base, byDay: '2026-03-05', checkInDay: '2026-03-04' })).rejects.toThrow(
      'save commitment: the check-in day comes before the "by" day; check in on or after it',
    );
    await expect(store.commitments.add({ ...base, text: '  ', byDay: '2026-03-05', checkInDay: '2026-03-06' })).rejects.toThrow(
      'save commitment: text: expected what will be done',
    );
    expect(await store.commitments.list()).toEqual([]);
  });

  it('commitments.due(day) lists open commitments whose check-in day has come; setStatus() records done or missed', async () => {
    const clock = fixedClock('2026-03-02T12:00:00.000Z');
    const store = createStore({ name: freshName(), now: clock.now });
    const base = { sessionId: null, author: 'both' as const };
    const soon = await store.commitments.add({ ...base, text: 'Phone-free dinner', byDay: '2026-03-03', checkInDay: '2026-03-04' });
    await store.commitments.add({ ...base, text: 'Plan a weekend walk', byDay: '2026-03-08', checkInDay: '2026-03-09' });
    expect(await store.commitments.due()).toEqual([]);
    clock.advance(2 * 86400);
    expect((await store.commitments.due()).map((c) => c.text)).toEqual(['Phone-free dinner']);
    const done = await store.commitments.setStatus(soon.id, 'done');
    expect(done).toMatchObject({ status: 'done', resolvedAt: '2026-03-04T12:00:00.000Z' });
    expect(await store.commitments.due()).toEqual([]);
    expect((await store.commitments.setStatus(soon.id, 'open')).resolvedAt).toBeNull();
  });

  it('voiceClips.save/load/remove keep a clip’s bytes and type', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    await store.voiceClips.save('apology-1', new Blob(['hello'], { type: 'audio/ogg' }));
    const clip = await store.voiceClips.load('apology-1');
    expect(clip?.type).toBe('audio/ogg');
    expect(await clip?.text()).toBe('hello');
    await store.voiceClips.remove('apology-1');
    expect(await store.voiceClips.load('apology-1')).toBeUndefined();
  });

  it('sessions.remove(id) deletes the session and everything recorded in it', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder({ flushIntervalMs: 0 });
    r.addBeat('a', { tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false });
    r.addGate({ state: 'settling', tSec: 1, reasons: [] });
    await r.close('finished');
    await store.reflections.add({ sessionId: r.sessionId, author: 'a', reparative: 'Time.' });
    await store.sessions.remove(r.sessionId);
    expect(await store.sessions.list()).toEqual([]);
    expect(await store.recordings.beatChunks(r.sessionId)).toEqual([]);
    expect(await store.recordings.gate(r.sessionId)).toEqual([]);
    expect(await store.reflections.list()).toEqual([]);
  });
});

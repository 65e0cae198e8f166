import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { openDatabase } from './database';
import { migrate } from './migrations';
import { DB_VERSION, STORE_NAMES } from './store-schema';
import { fixedClock, freshName, openAtVersion } from './test-support';
import { createStore } from './store';
import { baselineFromReadings, readingFromBaseline } from '../signal/calm-reading';

const baselineV1 = {
  lnRmssdMean: 3.7,
  lnRmssdSd: 0.2,
  hrBpm: 64,
  breathsPerMin: 11,
  recordedAt: '2026-01-10T08:00:00.000Z',
  device: 'Polar H10',
  calibrations: 2,
  demo: false,
};

const sessionV1 = {
  id: 's1',
  startedAt: '2026-01-10T20:00:00.000Z',
  endedAt: '2026-01-10T20:30:00.000Z',
  lastSavedAt: '2026-01-10T20:30:00.000Z',
  status: 'closed',
  outcome: 'finished',
  source: 'strap',
  scenario: null,
  partnerNames: { a: 'Sam', b: 'Alex' },
  notes: 'We took a walk first.',
};

/** v1 per-beat rows: 12 beats, one per second, for partner a. */
const beatRowsV1 = Array.from({ length: 12 }, (_, i) => ({
  sessionId: 's1',
  partner: 'a',
  tSec: i + 1,
  rrMs: 1000,
  hrBpm: 60,
  afterGap: false,
}));

const metricRowV1 = {
  sessionId: 's1',
  partner: 'a',
  startSec: 0,
  endSec: 12,
  beats: 12,
  hrBpm: 60,
  rmssdMs: 40,
  lnRmssd: Math.log(40),
  breathsPerMin: null,
  breathingConfidence: 0,
  artifactRate: 0,
  hrOnly: false,
};

async function seedV1(name: string) {
  const db = await openAtVersion(name, 1);
  await db.put('partners', { id: 'a', name: 'Sam', updatedAt: '2026-01-10T08:00:00.000Z' });
  await db.put('baselines', { partner: 'a', ...baselineV1 });
  await db.put('baselines', { partner: 'b', ...baselineV1, hrBpm: 70, demo: true, device: 'simulator' });
  await db.put('sessions', sessionV1);
  for (const row of beatRowsV1) await db.put('beats', row);
  await db.put('metrics', metricRowV1);
  await db.put('gate', {
    sessionId: 's1',
    seq: 0,
    tSec: 3,
    at: '2026-01-10T20:00:03.000Z',
    state: 'settling',
    reasons: ['Sam: heart rate 80, usually 64'],
  });
  await db.put('reflections', {
    id: 'r1',
    sessionId: 's1',
    createdAt: '2026-01-10T20:31:00.000Z',
    author: 'both',
    reparative: 'Hearing "I get why that hurt".',
    notes: '',
  });
  db.close();
}

async function expectMigratedV1Data(name: string, commitmentIds: readonly string[] = []) {
  const problems: string[] = [];
  const store = createStore({ name, now: fixedClock().now, onStorageProblem: (p) => problems.push(p.detail ?? p.message) });
  expect(await store.partners.get('a')).toEqual({ id: 'a', name: 'Sam', updatedAt: '2026-01-10T08:00:00.000Z' });
  // The baseline is now one accepted reading holding every figure it had; made into a baseline
  // again it gives the same values (one reading counts as one).
  const accepted = await store.readings.accepted('a');
  expect(accepted).toEqual([readingFromBaseline(baselineV1)]);
  expect(baselineFromReadings(accepted)).toMatchObject({ ...baselineV1, calibrations: 1 });
  // The demo baseline of b became a demo reading and is not offered as a real one.
  expect(await store.readings.accepted('b')).toEqual([]);
  expect((await store.readings.history('b', { demo: true })).map((r) => [r.reading.kind, r.reading.hrBpm])).toEqual([['migrated', 70]]);
  const session = await store.sessions.get('s1');
  expect(session).toMatchObject({ ...sessionV1, segments: 1, recordedSec: 12, marks: [] });
  const chunks = await store.recordings.beatChunks('s1', 'a');
  expect(chunks.map((c) => [c.seq, c.startSec, c.endSec, c.beats.length])).toEqual([
    [0, 1, 6, 6],
    [1, 7, 12, 6],
  ]);
  expect(chunks.flatMap((c) => c.beats)).toEqual(beatRowsV1.map(({ sessionId: _s, partner: _p, ...b }) => b));
  const metrics = await store.recordings.metricChunks('s1');
  const { sessionId: _s, partner: _p, ...row } = metricRowV1;
  expect(metrics).toEqual([{ sessionId: 's1', partner: 'a', seq: 0, segment: 0, startSec: 12, endSec: 12, metrics: [row] }]);
  expect(await store.recordings.gate('s1')).toEqual([
    {
      sessionId: 's1',
      seq: 0,
      segment: 0,
      tSec: 3,
      at: '2026-01-10T20:00:03.000Z',
      state: 'settling',
      reasons: ['Sam: heart rate 80, usually 64'],
    },
  ]);
  expect((await store.reflections.list('s1')).map((r) => r.reparative)).toEqual(['Hearing "I get why that hurt".']);
  expect((await store.commitments.list()).map((c) => c.id)).toEqual(commitmentIds);
  expect(problems).toEqual([]);
  await store.close();
}

describe('database migrations', () => {
  it('openDatabase() on a new database creates every store of the current version', async () => {
    const db = await openDatabase({ name: freshName() });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    db.close();
  });

  it('openDatabase() from version 1 with data keeps every record, chunked and filed anew', async () => {
    const name = freshName();
    await seedV1(name);
    await expectMigratedV1Data(name);
  });

  it('openDatabase() from version 2 with data keeps every record, including commitments and the baseline history', async () => {
    const name = freshName();
    await seedV1(name);
    const v2 = await openAtVersion(name, 2);
    expect(v2.version).toBe(2);
    await v2.put('commitments', {
      id: 'c1',
      sessionId: 's1',
      createdAt: '2026-01-10T20:32:00.000Z',
      author: 'a',
      text: 'Ask about her day before logistics each evening',
      byDay: '2026-01-17',
      checkInDay: '2026-01-17',
      status: 'open',
      resolvedAt: null,
    });
    await v2.put('baselines', {
      id: 'later',
      partner: 'a',
      kind: 'real',
      recordedAt: '2026-01-12T08:00:00.000Z',
      baseline: { ...baselineV1, recordedAt: '2026-01-12T08:00:00.000Z', hrBpm: 62, calibrations: 3 },
    });
    v2.close();
    await expectMigratedV1DataWithV2Additions(name);
  });

  it('openDatabase() from version 3 with data keeps every record and adds the empty plan, check-in and storage-note stores', async () => {
    const name = freshName();
    await seedV1(name);
    const v3 = await openAtVersion(name, 3);
    expect(v3.version).toBe(3);
    expect([...v3.objectStoreNames]).not.toContain('plans');
    await v3.put('commitments', {
      id: 'c3',
      sessionId: 's1',
      createdAt: '2026-01-10T20:32:00.000Z',
      author: 'both',
      text: 'A ten-minute walk together after work on Thursday',
      byDay: '2026-01-15',
      checkInDay: '2026-01-16',
      status: 'done',
      resolvedAt: '2026-01-16T19:00:00.000Z',
    });
    await v3.put('voiceClips', {
      lineId: 'line-1',
      type: 'audio/webm',
      bytes: new Uint8Array([1, 2, 3]).buffer,
      savedAt: '2026-01-11T10:00:00.000Z',
    });
    v3.close();

    const db = await openDatabase({ name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    expect(await db.getAll('plans')).toEqual([]);
    expect(await db.getAll('checkIns')).toEqual([]);
    expect(await db.getAll('meta')).toEqual([]);
    db.close();

    await expectMigratedV1Data(name, ['c3']);
    const store = createStore({ name, now: fixedClock().now });
    expect(await store.commitments.list()).toEqual([expect.objectContaining({ id: 'c3', status: 'done' })]);
    expect(await (await store.voiceClips.load('line-1'))?.arrayBuffer()).toEqual(new Uint8Array([1, 2, 3]).buffer);
    // The new stores work at once: a plan and a check-in for the migrated session.
    const plan = await store.plans.save({
      startsOn: '2026-03-02',
      timeZone: 'Europe/Berlin',
      items: [{ id: 'p1', ritual: 'reconnect-flow', days: ['TH'], time: '19:30', minutes: 15, alarmMinutesBefore: 10 }],
    });
    expect(plan.revision).toBe(0);
    await store.checkIns.save({ sessionId: 's1', moment: 'after', intensity: { a: 3, b: 4 }, closeness: { a: 8, b: 7 } });
    expect((await store.checkIns.list()).map((c) => [c.sessionId, c.moment])).toEqual([['s1', 'after']]);
    await store.close();
  });

  it('openDatabase() from version 4 turns every kept baseline into one accepted reading, nothing lost, and keeps the rest', async () => {
    const name = freshName();
    await seedV1(name);
    const v4 = await openAtVersion(name, 4);
    expect(v4.version).toBe(4);
    const later = { ...baselineV1, recordedAt: '2026-01-12T08:00:00.000Z', hrBpm: 62, calibrations: 3 };
    await v4.put('baselines', { id: 'later', partner: 'a', kind: 'real', recordedAt: later.recordedAt, baseline: later });
    const hrOnly = { ...baselineV1, lnRmssdMean: null, lnRmssdSd: null, breathsPerMin: null, device: 'Watch', hrBpm: 71 };
    await v4.put('baselines', { id: 'watch', partner: 'b', kind: 'real', recordedAt: hrOnly.recordedAt, baseline: hrOnly });
    // A damaged record is carried over as it was: reported when read, as before, never used.
    const damaged = { id: 'broken', partner: 'a', kind: 'real', recordedAt: '2026-01-11T08:00:00.000Z', baseline: { hrBpm: -1 } };
    await v4.put('baselines', damaged);
    await v4.put('plans', {
      id: 'current',
      startsOn: '2026-01-05',
      timeZone: 'Europe/Berlin',
      items: [],
      revision: 2,
      updatedAt: '2026-01-05T08:00:00.000Z',
    });
    v4.close();

    const db = await openDatabase({ name });
    expect([...db.objectStoreNames]).not.toContain('baselines');
    expect(await db.get('readings', 'broken')).toEqual(damaged);
    expect((await db.get('plans', 'current'))?.revision).toBe(2);
    db.close();

    const problems: string[] = [];
    const store = createStore({ name, now: fixedClock().now, onStorageProblem: (p) => problems.push(p.detail ?? p.message) });
    const history = await store.readings.history('a');
    expect(history.map((h) => [h.id, h.reading.kind, h.reading.hrBpm, h.verdict.accepted])).toEqual([
      [expect.any(String), 'migrated', 64, true],
      ['later', 'migrated', 62, true],
    ]);
    expect(history[1]!.reading).toEqual(readingFromBaseline(later));
    expect(baselineFromReadings(await store.readings.accepted('a'))).toMatchObject({ hrBpm: 63, calibrations: 2 });
    expect(await store.readings.accepted('b')).toEqual([readingFromBaseline(hrOnly)]);
    expect((await store.readings.accepted('b'))[0]).toMatchObject({ hrOnly: true, lnRmssd: null, breathsPerMin: null });
    expect([...new Set(problems)]).toEqual([expect.stringMatching(/^read reading: reading: /)]);
    await store.close();
  });

  it('openDatabase() at the current version opens as is', async () => {
    const name = freshName();
    await seedV1(name);
    (await openDatabase({ name })).close();
    await expectMigratedV1Data(name);
  });

  it('openDatabase() whose upgrade fails rejects with the reason and leaves the old database and its data as they were', async () => {
    const name = freshName();
    // A version-1 database that (wrongly) already holds a store version 2 creates: the upgrade must fail.
    const odd = await openDB(name, 1, {
      upgrade(db, oldVersion, _newVersion, tx) {
        void migrate(db, oldVersion, 1, tx as never);
        db.createObjectStore('commitments', { keyPath: 'id' });
      },
    });
    await odd.put('partners', { id: 'a', name: 'Sam', updatedAt: '2026-01-10T08:00:00.000Z' });
    odd.close();
    await expect(openDatabase({ name })).rejects.toThrow(/^open database: upgrading the saved data failed \(.+\); nothing was changed$/);
    const again = await openDB(name);
    expect(again.version).toBe(1);
    expect(await again.get('partners', 'a')).toEqual({ id: 'a', name: 'Sam', updatedAt: '2026-01-10T08:00:00.000Z' });
    expect([...again.objectStoreNames]).toContain('beats');
    again.close();
  });

  it('openDatabase() with a version older than the saved one rejects plainly and changes nothing', async () => {
    const name = freshName();
    await seedV1(name);
    (await openDatabase({ name })).close();
    await expect(openDatabase({ name, version: 2 })).rejects.toThrow(
      'open database: the saved data was written by a newer version of Attune',
    );
    await expectMigratedV1Data(name);
  });
});

async function expectMigratedV1DataWithV2Additions(name: string) {
  const store = createStore({ name, now: fixedClock().now });
  const history = await store.readings.history('a');
  expect(history.map((h) => [h.recordedAt, h.reading.hrBpm, h.reading.kind])).toEqual([
    ['2026-01-10T08:00:00.000Z', 64, 'migrated'],
    ['2026-01-12T08:00:00.000Z', 62, 'migrated'],
  ]);
  expect(baselineFromReadings(await store.readings.accepted('a'))?.hrBpm).toBe(63);
  expect((await store.commitments.list()).map((c) => c.text)).toEqual(['Ask about her day before logistics each evening']);
  expect((await store.recordings.beatChunks('s1')).flatMap((c) => c.beats)).toHaveLength(12);
  await store.close();
}

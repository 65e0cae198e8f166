import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPORT_VERSION, MAX_IMPORT_CHARS } from './transfer';
import { createStore, type AttuneStore } from './store';
import { beats, fixedClock, freshName, metricsAt, settlingVerdict, strapBaseline, strapReading } from './test-support';
import { readingFromBaseline, type CalmReading } from '../signal/calm-reading';

/** A store holding one recorded session and one of every other kind of record. */
async function filledStore(name = freshName()): Promise<AttuneStore> {
  const store = createStore({ name, now: fixedClock().now });
  await store.partners.rename('a', 'Sam');
  await store.partners.rename('b', 'Alex');
  // The optional remembered strap travels with the partner through export and import.
  await store.partners.rememberStrap('a', { deviceId: 'aGVsbG8gc3RyYXA=', name: 'Polar H10 A1B2C3D4' }, 'Partner A');
  await store.readings.add('a', strapReading, { accepted: true });
  // A refused reading travels with its problem and sentence.
  await store.readings.add('a', { ...strapReading, recordedAt: '2026-03-02T08:00:00.000Z', hrBpm: 80 }, settlingVerdict);

  const r = store.createRecorder({ source: 'demo', scenario: 'calm', flushIntervalMs: 0 });
  for (const beat of beats(14, 850)) {
    r.addBeat('a', beat);
    r.addBeat('b', { ...beat, rrMs: null, hrBpm: 70 });
    r.addMetrics('a', metricsAt(beat.tSec));
  }
  r.addGate({ state: 'ready', tSec: 10, reasons: [] });
  r.markPacer({ kind: 'start', breathsPerMin: 60 / 11, tSec: 2 });
  r.markPacer({ kind: 'stop', breathsPerMin: 60 / 11, tSec: 12 });
  await r.close('finished');
  await store.routineRuns.add({
    sessionId: r.sessionId,
    routineId: 'soft-start-up',
    title: 'Soft start-up',
    startedAt: '2026-03-02T19:35:00.000Z',
    endedAt: '2026-03-02T19:45:00.000Z',
    outcome: 'completed',
    stepsDone: 5,
    stepsTotal: 5,
  });
  await store.reflections.add({ sessionId: r.sessionId, author: 'both', reparative: 'Being heard without a rebuttal.' });
  await store.commitments.add({
    sessionId: r.sessionId,
    author: 'a',
    text: 'Put the phone away at dinner every evening this week',
    byDay: '2026-03-08',
    checkInDay: '2026-03-09',
  });
  await store.voiceClips.save('line-1', new Blob([new Uint8Array([1, 2, 3, 250])], { type: 'audio/webm' }));
  await store.plans.save({
    startsOn: '2026-03-02',
    timeZone: 'Europe/Berlin',
    items: [
      { id: 'p-handhold', ritual: 'grounding-handhold', days: ['MO', 'WE', 'FR'], time: '21:00', minutes: 2, alarmMinutesBefore: null },
      { id: 'p-reconnect', ritual: 'reconnect-flow', days: ['TH'], time: '19:30', minutes: 15, alarmMinutesBefore: 10 },
    ],
  });
  await store.checkIns.save({ sessionId: r.sessionId, moment: 'before', intensity: { a: 7, b: 6 }, closeness: { a: 3, b: null } });
  await store.checkIns.save({ sessionId: r.sessionId, moment: 'after', intensity: { a: 3, b: 2 }, closeness: { a: 7, b: 8 } });
  return store;
}

async function snapshot(store: AttuneStore) {
  const { data } = await store.exportAll();
  return data;
}

describe('export and import', () => {
  it('exportAll() holds every record, with format and version fields', async () => {
    const store = await filledStore();
    const file = await store.exportAll();
    expect(file.format).toBe('attune-export');
    expect(file.version).toBe(EXPORT_VERSION);
    expect(file.data.sessions).toHaveLength(1);
    expect(file.data.beatChunks.flatMap((c) => c.beats)).toHaveLength(28);
    expect(file.data.voiceClips).toEqual([expect.objectContaining({ lineId: 'line-1', type: 'audio/webm', base64: 'AQID+g==' })]);
    for (const name of Object.keys(file.data) as (keyof typeof file.data)[]) expect(file.data[name]?.length).toBeGreaterThan(0);
  });

  it('export → deleteAll() → importJson() restores the same records', async () => {
    const store = await filledStore();
    const before = await snapshot(store);
    const json = await store.exportJson();
    await store.deleteAll();
    const empty = await snapshot(store);
    for (const list of Object.values(empty)) expect(list).toEqual([]);
    const summary = await store.importJson(json);
    expect(summary.alreadyPresent).toBe(0);
    expect(summary.added.sessions).toBe(1);
    expect(await snapshot(store)).toEqual(before);
    const clip = await store.voiceClips.load('line-1');
    expect(new Uint8Array(await clip!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 250]));
  });

  it('export → deleteAll() → importJson() keeps the weekly plan (with its revision) and both check-ins of the session', async () => {
    const store = await filledStore();
    const json = await store.exportJson();
    await store.deleteAll();
    expect(await store.plans.get()).toBeUndefined();
    expect(await store.checkIns.list()).toEqual([]);
    const summary = await store.importJson(json);
    expect(summary.added.plans).toBe(1);
    expect(summary.added.checkIns).toBe(2);
    const plan = await store.plans.get();
    expect(plan?.items.map((i) => [i.ritual, i.days.join(','), i.time])).toEqual([
      ['grounding-handhold', 'MO,WE,FR', '21:00'],
      ['reconnect-flow', 'TH', '19:30'],
    ]);
    expect(plan?.timeZone).toBe('Europe/Berlin');
    const checkIns = await store.checkIns.list();
    expect(checkIns.map((c) => [c.moment, c.intensity, c.closeness])).toEqual([
      ['before', { a: 7, b: 6 }, { a: 3, b: null }],
      ['after', { a: 3, b: 2 }, { a: 7, b: 8 }],
    ]);
    // Saving the plan again after the import carries its revision on, so calendars take the update.
    expect((await store.plans.save({ startsOn: '2026-03-02', timeZone: 'Europe/Berlin', items: [] })).revision).toBe(1);
  });

  it('importJson() of a file written before the plan and check-ins existed (schema 3) imports its records and adds none of those', async () => {
    const file = (await (await filledStore()).exportAll()) as unknown as { schemaVersion: number; data: Record<string, unknown> };
    delete file.data.plans;
    delete file.data.checkIns;
    file.schemaVersion = 3;
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const summary = await store.importJson(JSON.stringify(file));
    expect(summary.added.sessions).toBe(1);
    expect(summary.added.plans).toBe(0);
    expect(await store.plans.get()).toBeUndefined();
  });

  it('importJson() of a file written before calm readings (schema 4) turns each baseline into one accepted reading', async () => {
    const file = (await (await filledStore()).exportAll()) as unknown as { schemaVersion: number; data: Record<string, unknown> };
    delete file.data.readings;
    const demo = { ...strapBaseline, hrBpm: 58, demo: true, device: 'simulator' };
    file.data.baselines = [
      { id: 'cal-a', partner: 'a', kind: 'real', recordedAt: strapBaseline.recordedAt, baseline: strapBaseline },
      { id: 'demo-b', partner: 'b', kind: 'demo', recordedAt: demo.recordedAt, baseline: demo },
    ];
    file.schemaVersion = 4;
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const summary = await store.importJson(JSON.stringify(file));
    expect(summary.added.readings).toBe(2);
    expect(await store.readings.history('a')).toEqual([
      {
        id: 'cal-a',
        partner: 'a',
        recordedAt: strapBaseline.recordedAt,
        reading: readingFromBaseline(strapBaseline),
        verdict: { accepted: true },
      },
    ]);
    expect(await store.readings.accepted('b')).toEqual([]);
    expect((await store.readings.history('b', { demo: true })).map((r) => r.reading.hrBpm)).toEqual([58]);
    // Importing the same file again adds nothing: the readings keep the baselines' ids.
    expect((await store.importJson(JSON.stringify(file))).added.readings).toBe(0);
    // Exported again, it holds readings only.
    expect(Object.keys((await store.exportAll()).data)).not.toContain('baselines');
  });

  it('a heart-rate-only partner (beats without RR, metrics and readings with null HRV and breathing) round-trips losslessly', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    // A wrist device's calm check: heart rate alone, so no lnRMSSD, its SD or breathing, and minutes without HRV.
    const hrOnlyReading: CalmReading = {
      ...strapReading,
      device: 'HR.csv',
      hrOnly: true,
      hrBpm: 66.4,
      lnRmssd: null,
      lnRmssdSd: null,
      breathsPerMin: null,
      firstMinute: { hrBpm: 67.1, lnRmssd: null },
      lastMinute: { hrBpm: 66, lnRmssd: null },
    };
    await store.readings.add('b', hrOnlyReading, { accepted: true });
    await store.readings.add(
      'b',
      { ...hrOnlyReading, kind: 'session-end', recordedAt: '2026-03-02T20:00:00.000Z', hrBpm: 104, firstMinute: null, lastMinute: null },
      { accepted: false, problem: { kind: 'flooding', hrBpm: 104, limitBpm: 100 }, message: 'Your heart rate was 104 bpm.' },
    );
    const r = store.createRecorder({ source: 'replay', scenario: null, flushIntervalMs: 0 });
    // One sample a second from t = 0 (an E4 HR.csv starts there), one gap, as a heart-rate-only replay gives them.
    for (let i = 0; i < 14; i++) {
      const tSec = i < 7 ? i : i + 10;
      r.addBeat('b', { tSec, rrMs: null, hrBpm: 66 + (i % 3) * 0.37, afterGap: i === 7 });
      r.addMetrics('b', {
        startSec: Math.max(0, tSec - 60),
        endSec: tSec,
        beats: i + 1,
        hrBpm: 66.3,
        rmssdMs: null,
        lnRmssd: null,
        breathsPerMin: null,
        breathingConfidence: 0,
        artifactRate: 0,
        hrOnly: true,
        irregular: null,
        pairs: 0,
      });
    }
    r.addGate({ state: 'settling', tSec: 5, reasons: ['heart rate only — HRV and breathing not judged'] });
    await r.close('finished');
    const before = await snapshot(store);
    expect(before.beatChunks.flatMap((c) => c.beats).every((b) => b.rrMs === null)).toBe(true);
    expect(before.readings).toHaveLength(2);

    const json = await store.exportJson();
    await store.deleteAll();
    const summary = await store.importJson(json);
    expect(summary.added.readings).toBe(2);
    expect(summary.added.sessions).toBe(1);
    expect(await snapshot(store)).toEqual(before);
    expect((await store.readings.accepted('b')).map((x) => [x.hrOnly, x.lnRmssd, x.breathsPerMin])).toEqual([[true, null, null]]);
  });

  it('importJson() of a file written before calm readings (schema 4) with a heart-rate-only baseline keeps it as a heart-rate-only reading', async () => {
    const file = (await (await filledStore()).exportAll()) as unknown as { schemaVersion: number; data: Record<string, unknown> };
    delete file.data.readings;
    const hrOnly = { ...strapBaseline, lnRmssdMean: null, lnRmssdSd: null, breathsPerMin: null, device: 'Apple Watch' };
    file.data.baselines = [{ id: 'cal-b', partner: 'b', kind: 'real', recordedAt: hrOnly.recordedAt, baseline: hrOnly }];
    file.schemaVersion = 4;
    const store = createStore({ name: freshName(), now: fixedClock().now });
    expect((await store.importJson(JSON.stringify(file))).added.readings).toBe(1);
    const [reading] = await store.readings.accepted('b');
    expect(reading).toEqual(readingFromBaseline(hrOnly));
    expect(reading!.hrOnly).toBe(true);
    // And again from its own export.
    const again = createStore({ name: freshName(), now: fixedClock().now });
    await again.importJson(await store.exportJson());
    expect(await again.readings.accepted('b')).toEqual([reading]);
  });

  it('the device-local storage notes (persistence asked, last export) are not part of an export', async () => {
    const store = await filledStore();
    await store.exportJson();
    expect((await store.durability.status()).lastExportAt).toBe('2026-03-02T19:30:00.000Z');
    expect(Object.keys((await store.exportAll()).data)).not.toContain('meta');
  });

  it('importJson() of an export into a store that already holds it adds nothing (merge without duplicates)', async () => {
    const store = await filledStore();
    const before = await snapshot(store);
    const summary = await store.importJson(await store.exportJson());
    expect(Object.values(summary.added).every((n) => n === 0)).toBe(true);
    expect(summary.alreadyPresent).toBeGreaterThan(0);
    expect(await snapshot(store)).toEqual(before);
  });

  it('importJson() merges another device’s export with what is here', async () => {
    const other = await filledStore();
    const mine = createStore({ name: freshName(), now: fixedClock().now });
    await mine.reflections.add({ sessionId: null, author: 'b', reparative: 'The hug at the end.' });
    await mine.importJson(await other.exportJson());
    const data = await snapshot(mine);
    expect(data.reflections.map((r) => r.reparative).sort()).toEqual(['Being heard without a rebuttal.', 'The hug at the end.']);
    expect(data.sessions).toHaveLength(1);
  });

  it('exportRrText(session, partner) gives one RR in ms per line, and says why when a partner has none', async () => {
    const store = await filledStore();
    const [session] = await store.sessions.list();
    const text = await store.exportRrText(session!.id, 'a');
    expect(text).toBe(`${Array(14).fill('850').join('\n')}\n`);
    await expect(store.exportRrText(session!.id, 'b')).rejects.toThrow(
      'export RR: partner B has no RR intervals in this session (the device sent heart rate only, without RR intervals)',
    );
  });
});

describe('import rejects bad files with a specific reason and changes nothing', () => {
  async function expectRejected(text: string, message: string | RegExp) {
    const store = await filledStore();
    const before = await snapshot(store);
    await expect(store.importJson(text)).rejects.toThrow(message);
    expect(await snapshot(store)).toEqual(before);
  }

  async function validExport(): Promise<Record<string, unknown>> {
    const other = await filledStore();
    const file = JSON.parse(await other.exportJson()) as Record<string, unknown>;
    // New ids (partners and the plan keep theirs: there are only two, and one plan), so the file
    // would add records if accepted.
    const data = file.data as Record<string, Record<string, unknown>[]>;
    for (const [name, list] of Object.entries(data)) {
      if (name === 'partners' || name === 'plans') continue;
      data[name] = list.map((r) => ({
        ...r,
        ...(typeof r.id === 'string' ? { id: `other-${r.id}` } : {}),
        ...(typeof r.sessionId === 'string' ? { sessionId: `other-${r.sessionId}` } : {}),
      }));
    }
    return file;
  }

  it('a truncated file is rejected as invalid JSON', async () => {
    const text = JSON.stringify(await validExport());
    await expectRejected(text.slice(0, Math.floor(text.length / 2)), /^import: the file is not valid JSON, perhaps cut off/);
  });

  it('a file of another export version is rejected naming both versions', async () => {
    const file = await validExport();
    await expectRejected(JSON.stringify({ ...file, version: 7 }), 'import: the export is version 7; this Attune reads export version 1');
  });

  it('a file that is not an Attune export is rejected', async () => {
    await expectRejected(
      JSON.stringify({ hello: 'world' }),
      'import: the file is not an Attune export (expected "format": "attune-export")',
    );
    await expectRejected('[1, 2, 3]', 'import: the file does not hold an Attune export (expected a JSON object)');
  });

  it('a record of the wrong type is rejected naming where it is', async () => {
    const file = await validExport();
    const data = file.data as { sessions: Record<string, unknown>[] };
    data.sessions[0]!.startedAt = 12;
    await expectRejected(JSON.stringify(file), /^import: data\.sessions\[0\]\.startedAt: /);
  });

  it('a chunk spanning more than 5 s is rejected', async () => {
    const file = await validExport();
    const data = file.data as { beatChunks: Record<string, unknown>[] };
    data.beatChunks[0]!.endSec = 60;
    await expectRejected(JSON.stringify(file), 'import: data.beatChunks[0]: expected a chunk spanning at most 5 s');
  });

  it('a chunk of a session the file does not hold is rejected', async () => {
    const file = await validExport();
    const data = file.data as { beatChunks: Record<string, unknown>[] };
    data.beatChunks[1]!.sessionId = 'nowhere';
    await expectRejected(JSON.stringify(file), 'import: data.beatChunks[1] belongs to session "nowhere", which the file does not contain');
  });

  it('a file repeating a record is rejected', async () => {
    const file = await validExport();
    const data = file.data as { reflections: unknown[] };
    data.reflections.push(data.reflections[0]);
    await expectRejected(JSON.stringify(file), /^import: data\.reflections\[1\] repeats the key/);
  });

  it('a voice clip whose base64 is cut short is rejected', async () => {
    const file = await validExport();
    const data = file.data as { voiceClips: Record<string, unknown>[] };
    data.voiceClips[0]!.base64 = 'AQID+g=';
    await expectRejected(
      JSON.stringify(file),
      'import: data.voiceClips[0].base64: expected base64 data (its length must be a multiple of 4)',
    );
  });

  it('a huge file is rejected by its size before it is read', async () => {
    const huge = `{"format":"attune-export","pad":"${'x'.repeat(MAX_IMPORT_CHARS)}"}`;
    await expectRejected(huge, 'import: the file is about 256 MB; the largest file Attune imports is 256 MB');
  });

  it('a file whose second half fails a record adds none of its first half (one transaction)', async () => {
    const file = await validExport();
    const data = file.data as { commitments: Record<string, unknown>[] };
    data.commitments[0]!.status = 'maybe';
    await expectRejected(JSON.stringify(file), /^import: data\.commitments\[0\]\.status: /);
  });

  it('any mutation of a valid export is either imported whole or rejected with "import: …" leaving the database unchanged', async () => {
    const base = JSON.stringify(await validExport());
    const store = await filledStore();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.nat(base.length).map((n) => base.slice(0, n)),
          fc
            .tuple(fc.nat(base.length - 1), fc.string({ minLength: 1, maxLength: 3 }))
            .map(([i, s]) => base.slice(0, i) + s + base.slice(i + 1)),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          const before = await snapshot(store);
          try {
            await store.importJson(text);
          } catch (error) {
            expect((error as Error).message).toMatch(/^import: \S/);
            expect(await snapshot(store)).toEqual(before);
            return;
          }
          // Accepted: it was a valid export; re-importing it changes nothing.
          const after = await snapshot(store);
          await store.importJson(text);
          expect(await snapshot(store)).toEqual(after);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any field of any record set to a value of another type is rejected naming that record, leaving the database unchanged', async () => {
    const base = await validExport();
    const store = await filledStore();
    const data = base.data as Record<string, Record<string, unknown>[]>;
    const places = Object.entries(data).flatMap(([name, list]) =>
      list.flatMap((record, index) => Object.keys(record).map((field) => ({ name, index, field }))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...places),
        fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 2 })),
        async (place, value) => {
          const file = structuredClone(base);
          const target = (file.data as Record<string, Record<string, unknown>[]>)[place.name]![place.index]!;
          if (typeof target[place.field] === typeof value && value !== null) return;
          target[place.field] = value;
          const before = await snapshot(store);
          try {
            await store.importJson(JSON.stringify(file));
          } catch (error) {
            expect((error as Error).message).toMatch(new RegExp(`^import: data\\.${place.name}\\[${place.index}\\]`));
            expect(await snapshot(store)).toEqual(before);
            return;
          }
          // Accepted only when the field tolerates that value (e.g. a nullable end time); then re-importing changes nothing.
          const after = await snapshot(store);
          await store.importJson(JSON.stringify(file));
          expect(await snapshot(store)).toEqual(after);
        },
      ),
      { numRuns: 120 },
    );
  });
});

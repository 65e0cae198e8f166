import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type AttuneDb } from './database';
import type { StorageProblem } from './problems';
import { CHUNK_MAX_SEC } from './records';
import { createStore } from './store';
import { unsavedExport } from './transfer';
import { beats, fixedClock, freshName, metricsAt, openAtVersion } from './test-support';

const noTimer = { flushIntervalMs: 0 } as const;

/** A database whose writes fail with the given DOMException name while `failing.on` is true. */
function failingOpen(name: string, errorName: string, failing: { on: boolean }) {
  return async (report: (p: StorageProblem) => void): Promise<AttuneDb> => {
    const db = await openDatabase({ name, onProblem: report });
    return new Proxy(db, {
      get(target, prop, receiver) {
        if (failing.on && (prop === 'put' || prop === 'add' || prop === 'delete' || prop === 'clear')) {
          return () => Promise.reject(new DOMException('The quota has been exceeded.', errorName));
        }
        if (prop === 'transaction') {
          return (stores: never, mode?: IDBTransactionMode) => {
            if (failing.on && mode === 'readwrite') throw new DOMException('The quota has been exceeded.', errorName);
            return target.transaction(stores, mode);
          };
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as unknown as AttuneDb;
  };
}

describe('createRecorder', () => {
  it('recorder.addBeat() writes chunks of at most 5 s of beats as soon as they fill, in order', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const recorder = store.createRecorder({ source: 'demo', scenario: 'calm', ...noTimer });
    for (const beat of beats(23)) recorder.addBeat('a', beat);
    await recorder.settled();
    const chunks = await store.recordings.beatChunks(recorder.sessionId, 'a');
    expect(chunks.map((c) => [c.seq, c.startSec, c.endSec])).toEqual([
      [0, 1, 6],
      [1, 7, 12],
      [2, 13, 18],
    ]);
    for (const c of chunks) expect(c.endSec - c.startSec).toBeLessThanOrEqual(CHUNK_MAX_SEC);
    await recorder.flush();
    const all = await store.recordings.beatChunks(recorder.sessionId, 'a');
    expect(all.flatMap((c) => c.beats)).toEqual(beats(23));
  });

  it('a crash mid-session loses at most the last 5 s of beats and metrics, and the session is offered for resuming', async () => {
    const name = freshName();
    const clock = fixedClock();
    const first = createStore({ name, now: clock.now });
    const recorder = first.createRecorder({ source: 'demo', scenario: 'calm', metricsEverySec: 0, ...noTimer });
    const sent = beats(47);
    for (const beat of sent) {
      recorder.addBeat('a', beat);
      recorder.addBeat('b', { ...beat, hrBpm: 70 });
      recorder.addMetrics('a', metricsAt(beat.tSec));
    }
    recorder.addGate({ state: 'settling', tSec: 10, reasons: ['Sam: heart rate 80, usually 64'] });
    await recorder.settled();
    // The page dies here: no flush, no close. A new page opens the same database.
    await first.close();
    const second = createStore({ name, now: clock.now });
    const interrupted = await second.findInterruptedSession();
    expect(interrupted?.id).toBe(recorder.sessionId);
    expect(interrupted?.status).toBe('recording');
    for (const partner of ['a', 'b'] as const) {
      const saved = (await second.recordings.beatChunks(recorder.sessionId, partner)).flatMap((c) => c.beats);
      expect(sent.length - saved.length).toBeLessThanOrEqual(CHUNK_MAX_SEC);
      expect(saved.map((b) => b.tSec)).toEqual(sent.slice(0, saved.length).map((b) => b.tSec));
    }
    const savedMetrics = (await second.recordings.metricChunks(recorder.sessionId, 'a')).flatMap((c) => c.metrics);
    expect(47 - savedMetrics.length).toBeLessThanOrEqual(CHUNK_MAX_SEC);
    await second.close();
  });

  it('createRecorder({ resume: true }) continues an interrupted session as a new segment and close() finishes it', async () => {
    const name = freshName();
    const clock = fixedClock();
    const first = createStore({ name, now: clock.now });
    const r1 = first.createRecorder({ source: 'demo', ...noTimer });
    for (const beat of beats(12)) r1.addBeat('a', beat);
    r1.addGate({ state: 'settling', tSec: 1, reasons: [] });
    await r1.flush();
    await first.close();

    clock.advance(60);
    const second = createStore({ name, now: clock.now });
    const found = await second.findInterruptedSession();
    expect(found?.id).toBe(r1.sessionId);
    const r2 = second.createRecorder({ sessionId: found!.id, resume: true, ...noTimer });
    // The new sources start their event time again at zero.
    for (const beat of beats(8)) r2.addBeat('a', beat);
    r2.markRoutine('routine-start', 'Soft start-up');
    r2.addGate({ state: 'ready', tSec: 8, reasons: [] });
    await r2.close('finished');

    const session = await second.sessions.get(r1.sessionId);
    expect(session).toMatchObject({ status: 'closed', outcome: 'finished', segments: 2, recordedSec: 12 + 8 });
    expect(session?.marks).toEqual([
      expect.objectContaining({ kind: 'routine-start', label: 'Soft start-up', segment: 1, tSec: { a: 8, b: null } }),
    ]);
    const chunks = await second.recordings.beatChunks(r1.sessionId, 'a');
    expect(chunks.map((c) => [c.seq, c.segment, c.beats.length])).toEqual([
      [0, 0, 6],
      [1, 0, 6],
      [2, 1, 6],
      [3, 1, 2],
    ]);
    expect((await second.recordings.gate(r1.sessionId)).map((g) => [g.seq, g.segment, g.state])).toEqual([
      [0, 0, 'settling'],
      [1, 1, 'ready'],
    ]);
    expect(await second.findInterruptedSession()).toBeUndefined();
    await second.close();
  });

  it('recorder.markPacer() keeps the pacer’s starts, stops and changes of pace with the session, across a resume', async () => {
    const name = freshName();
    const clock = fixedClock();
    const first = createStore({ name, now: clock.now });
    const r1 = first.createRecorder(noTimer);
    for (const beat of beats(6)) r1.addBeat('a', beat);
    r1.markPacer({ kind: 'start', breathsPerMin: 60 / 11, tSec: 6 });
    await r1.flush();
    await first.close();

    const second = createStore({ name, now: clock.now });
    const r2 = second.createRecorder({ sessionId: r1.sessionId, resume: true, ...noTimer });
    r2.markPacer({ kind: 'rate', breathsPerMin: 6, tSec: 2 });
    r2.markPacer({ kind: 'stop', breathsPerMin: 6, tSec: 9 });
    await r2.close('finished');
    const session = await second.sessions.get(r1.sessionId);
    expect(session?.pacer?.map((p) => [p.kind, p.breathsPerMin, p.segment, p.tSec])).toEqual([
      ['start', 60 / 11, 0, 6],
      ['rate', 6, 1, 2],
      ['stop', 6, 1, 9],
    ]);
    await second.close();
  });

  it('a session that never used the pacer is stored without a pacer field (older records read the same)', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder(noTimer);
    for (const beat of beats(3)) r.addBeat('a', beat);
    await r.close('finished');
    expect(await store.sessions.get(r.sessionId)).not.toHaveProperty('pacer');
    await store.close();
  });

  it('closeInterruptedSession(id) closes it as interrupted, keeping what was saved', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder(noTimer);
    for (const beat of beats(6)) r.addBeat('a', beat);
    await r.flush();
    await store.closeInterruptedSession(r.sessionId);
    expect(await store.sessions.get(r.sessionId)).toMatchObject({ status: 'closed', outcome: 'interrupted' });
    expect(await store.findInterruptedSession()).toBeUndefined();
    expect((await store.recordings.beatChunks(r.sessionId)).flatMap((c) => c.beats)).toHaveLength(6);
  });

  it('recorder.addMetrics() keeps one row every 5 s of event time by default, and the latest at a flush', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder(noTimer);
    for (let t = 1; t <= 23; t++) r.addMetrics('a', metricsAt(t));
    await r.close('finished');
    const rows = (await store.recordings.metricChunks(r.sessionId, 'a')).flatMap((c) => c.metrics);
    expect(rows.map((m) => m.endSec)).toEqual([1, 6, 11, 16, 21, 23]);
  });

  it('recorder.addGate() keeps only changes of state, with the reasons at the change', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder(noTimer);
    r.addGate({ state: 'calibrating', tSec: 0, reasons: ['Sam: still calibrating'] });
    r.addGate({ state: 'calibrating', tSec: 1, reasons: ['Sam: still calibrating'] });
    r.addGate({ state: 'settling', tSec: 61, reasons: ['Alex: breathing 18/min, usually 12/min'] });
    r.addGate({ state: 'ready', tSec: 95, reasons: [] });
    r.addGate({ state: 'ready', tSec: 96, reasons: [] });
    await r.close('finished');
    expect((await store.recordings.gate(r.sessionId)).map((g) => [g.tSec, g.state, g.reasons])).toEqual([
      [0, 'calibrating', ['Sam: still calibrating']],
      [61, 'settling', ['Alex: breathing 18/min, usually 12/min']],
      [95, 'ready', []],
    ]);
  });

  it('a QuotaExceededError is reported once, recording continues in memory, and a later flush saves everything', async () => {
    const name = freshName();
    const failing = { on: true };
    const problems: StorageProblem[] = [];
    const store = createStore({ name, now: fixedClock().now, open: failingOpen(name, 'QuotaExceededError', failing) });
    const r = store.createRecorder({ ...noTimer, onStorageProblem: (p) => problems.push(p) });
    const statuses: string[] = [];
    r.onStatus((s) => statuses.push(s.saving));
    for (const beat of beats(30)) r.addBeat('a', beat);
    await r.flush();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'quota' });
    expect(problems[0]!.message).toMatch(/no room left/);
    expect(r.status()).toMatchObject({ saving: 'memory-only' });
    expect(r.unsaved().beatChunks.flatMap((c) => c.beats)).toEqual(beats(30));
    expect(store.problems().map((p) => p.kind)).toEqual(['quota']);

    for (const beat of beats(5, 1000, 30)) r.addBeat('a', beat);
    failing.on = false;
    await r.close('finished');
    expect(r.status()).toMatchObject({ saving: 'saving', problem: null, unsavedChunks: 0 });
    expect(statuses).toContain('memory-only');
    expect(statuses.at(-1)).toBe('saving');
    const saved = (await store.recordings.beatChunks(r.sessionId, 'a')).flatMap((c) => c.beats);
    expect(saved).toEqual([...beats(30), ...beats(5, 1000, 30)]);
    expect(await store.sessions.get(r.sessionId)).toMatchObject({ status: 'closed', outcome: 'finished' });
  });

  it('without IndexedDB (private mode) the store reports it plainly and the recorder keeps everything in memory', async () => {
    const problems: StorageProblem[] = [];
    const saved = globalThis.indexedDB;
    // @ts-expect-error -- the browser without IndexedDB
    delete globalThis.indexedDB;
    const store = (() => {
      try {
        return createStore({ name: freshName(), now: fixedClock().now, onStorageProblem: (p) => problems.push(p) });
      } finally {
        globalThis.indexedDB = saved;
      }
    })();
    const r = store.createRecorder(noTimer);
    for (const beat of beats(12)) r.addBeat('b', beat);
    r.addMetrics('b', metricsAt(12));
    await r.close('stopped');
    expect(problems.map((p) => p.kind)).toContain('unavailable');
    expect(problems[0]!.message).toMatch(/does not let Attune save anything/);
    expect(r.status().saving).toBe('memory-only');
    const unsaved = r.unsaved();
    expect(unsaved.beatChunks.flatMap((c) => c.beats)).toEqual(beats(12));
    expect(unsaved.metricChunks.flatMap((c) => c.metrics)).toEqual([metricsAt(12)]);
    await expect(store.sessions.list()).rejects.toThrow(/does not let Attune save anything/);
  });

  it('an upgrade blocked by an older open tab is reported, and opening completes once that tab lets go', async () => {
    const name = freshName();
    const old = await openAtVersion(name, 2);
    const problems: StorageProblem[] = [];
    const store = createStore({ name, now: fixedClock().now, onStorageProblem: (p) => problems.push(p) });
    const r = store.createRecorder(noTimer);
    for (const beat of beats(7)) r.addBeat('a', beat);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(problems.map((p) => p.kind)).toEqual(['blocked']);
    expect(problems[0]!.message).toMatch(/open in another tab/);
    old.close();
    await r.close('finished');
    expect((await store.recordings.beatChunks(r.sessionId)).flatMap((c) => c.beats)).toEqual(beats(7));
  });

  it('the flush timer writes partly filled chunks while beats pause', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    let tick: () => void = () => {};
    const r = store.createRecorder({ flushIntervalMs: 5000, setInterval: (run) => ((tick = run), () => {}) });
    for (const beat of beats(3)) r.addBeat('a', beat);
    tick();
    await r.settled();
    expect((await store.recordings.beatChunks(r.sessionId)).flatMap((c) => c.beats)).toEqual(beats(3));
  });
});

describe('store-level recording controls', () => {
  it('createRecorder({ sessionId, resume: true }) continues that session; the next recorder starts a new one', async () => {
    const name = freshName();
    const first = createStore({ name, now: fixedClock().now });
    const r1 = first.createRecorder(noTimer);
    for (const beat of beats(6)) r1.addBeat('a', beat);
    await r1.flush();
    await first.close();
    const second = createStore({ name, now: fixedClock().now });
    const r2 = second.createRecorder({ ...noTimer, sessionId: r1.sessionId, resume: true });
    expect(r2.sessionId).toBe(r1.sessionId);
    expect(second.createRecorder(noTimer).sessionId).not.toBe(r1.sessionId);
    for (const beat of beats(3)) r2.addBeat('a', beat);
    await r2.close('finished');
    expect(await second.sessions.get(r1.sessionId)).toMatchObject({ segments: 2, status: 'closed' });
  });

  it('finishActiveRecordings(outcome) closes every open recorder of the store', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder(noTimer);
    r.addBeat('a', beats(1)[0]!);
    expect(store.activeRecorders()).toEqual([r]);
    await store.finishActiveRecordings('finished');
    expect(store.activeRecorders()).toEqual([]);
    expect(await store.sessions.get(r.sessionId)).toMatchObject({ status: 'closed', outcome: 'finished' });
  });
});

describe('deleteAll while recording', () => {
  it('deleteAll() ends a recording in progress so nothing is written back afterwards', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now });
    const r = store.createRecorder(noTimer);
    for (const beat of beats(20)) r.addBeat('a', beat);
    await r.settled();
    await store.deleteAll();
    for (const beat of beats(20, 1000, 20)) r.addBeat('a', beat);
    await r.flush();
    await r.close('finished');
    expect(await store.sessions.list()).toEqual([]);
    expect(await store.recordings.beatChunks(r.sessionId)).toEqual([]);
    expect(store.activeRecorders()).toEqual([]);
  });
});

describe('repository writes that fail', () => {
  it('a quota failure while saving a reflection rejects plainly and is reported to the storage notice; bad input is not', async () => {
    const name = freshName();
    const failing = { on: true };
    const problems: StorageProblem[] = [];
    const store = createStore({
      name,
      now: fixedClock().now,
      open: failingOpen(name, 'QuotaExceededError', failing),
      onStorageProblem: (p) => problems.push(p),
    });
    await expect(store.reflections.add({ sessionId: null, author: 'a', reparative: 'The walk.' })).rejects.toThrow(
      /^save reflection: This device has no room left/,
    );
    expect(problems.map((p) => p.kind)).toEqual(['quota']);
    await expect(store.reflections.add({ sessionId: null, author: 'a', reparative: ' ' })).rejects.toThrow(
      'save reflection: reparative: expected an answer',
    );
    expect(problems).toHaveLength(1);
  });
});

describe('unsavedExport', () => {
  it('unsavedExport(recorder.unsaved()) is an export that imports into a working store with everything the recorder held', async () => {
    const name = freshName();
    const failing = { on: true };
    const broken = createStore({ name, now: fixedClock().now, open: failingOpen(name, 'QuotaExceededError', failing) });
    const r = broken.createRecorder(noTimer);
    for (const beat of beats(13)) r.addBeat('a', beat);
    r.addMetrics('a', metricsAt(13));
    r.addGate({ state: 'settling', tSec: 2, reasons: [] });
    await r.flush();
    for (const beat of beats(3, 1000, 13)) r.addBeat('a', beat);
    await r.close('finished');
    const file = unsavedExport([r.unsaved()], new Date('2026-03-02T20:00:00Z'));
    const elsewhere = createStore({ name: freshName(), now: fixedClock().now });
    await elsewhere.importJson(JSON.stringify(file));
    expect((await elsewhere.recordings.beatChunks(r.sessionId)).flatMap((c) => c.beats)).toEqual([...beats(13), ...beats(3, 1000, 13)]);
    expect(await elsewhere.recordings.gate(r.sessionId)).toHaveLength(1);
    expect(await elsewhere.sessions.get(r.sessionId)).toMatchObject({ status: 'closed', outcome: 'finished' });
  });
});

describe('resuming a session that cannot be read back', () => {
  it('createRecorder({ resume: true }) on a damaged session records into a new session and leaves the old chunks untouched', async () => {
    const name = freshName();
    const problems: StorageProblem[] = [];
    const store = createStore({ name, now: fixedClock().now, onStorageProblem: (p) => problems.push(p) });
    const r1 = store.createRecorder(noTimer);
    for (const beat of beats(12)) r1.addBeat('a', beat);
    await r1.flush();
    const db = await openDatabase({ name });
    await db.put('sessions', { id: r1.sessionId, startedAt: 'garbled' } as never);
    db.close();
    const r2 = store.createRecorder({ sessionId: r1.sessionId, resume: true, ...noTimer });
    for (const beat of beats(3)) r2.addBeat('a', beat);
    await r2.close('finished');
    expect(r2.sessionId).not.toBe(r1.sessionId);
    expect((await store.recordings.beatChunks(r1.sessionId)).flatMap((c) => c.beats)).toEqual(beats(12));
    expect((await store.recordings.beatChunks(r2.sessionId)).flatMap((c) => c.beats)).toEqual(beats(3));
    expect(problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['corrupt-record']));
  });
});

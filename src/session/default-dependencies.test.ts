import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { of, toArray, firstValueFrom } from 'rxjs';
import type { CalmReading } from '../signal/calm-reading';
import type { Beat, PartnerId } from '../signal/types';
import { createStore } from '../store';
import { CALM_CHECK_SEC, createDefaultLiveDependencies, type LiveStore } from './default-dependencies';
import type { StoredReading } from './dependencies';

const reading: CalmReading = {
  recordedAt: '2026-11-25T08:00:00.000Z',
  device: 'Polar H10',
  kind: 'calm-check',
  demo: false,
  hrOnly: false,
  durationSec: 120,
  hrBpm: 64,
  lnRmssd: 3.6,
  lnRmssdSd: 0.15,
  breathsPerMin: 12,
  firstMinute: { hrBpm: 64, lnRmssd: 3.6 },
  lastMinute: { hrBpm: 64, lnRmssd: 3.6 },
};
const accepted: StoredReading = { reading, verdict: { accepted: true } };

/** A store with just what the live session uses, keeping every call. */
function fakeStore() {
  const calls: unknown[][] = [];
  const readings = {
    add: async (partner: PartnerId, r: CalmReading, verdict: unknown) => void calls.push(['add', partner, r, verdict]),
    history: async (partner: PartnerId) => (partner === 'a' ? [{ id: 'r1', partner, recordedAt: reading.recordedAt, ...accepted }] : []),
    remove: async (partner: PartnerId) => {
      calls.push(['remove', partner]);
      return 1;
    },
  };
  const store = {
    readings,
    partners: {
      get: async (id: PartnerId) => (id === 'b' ? { id, name: 'Alex', updatedAt: '2026-11-25T08:00:00.000Z' } : undefined),
      list: async () => [],
      rename: async (id: PartnerId, name: string) => {
        calls.push(['rename', id, name]);
        return { id, name, updatedAt: '2026-11-25T08:00:00.000Z' };
      },
    },
    createRecorder: (options: unknown) => {
      calls.push(['createRecorder', options]);
      return {
        sessionId: 's1',
        addBeat: (...args: unknown[]) => void calls.push(['addBeat', ...args]),
        addMetrics: (...args: unknown[]) => void calls.push(['addMetrics', ...args]),
        addGate: (...args: unknown[]) => void calls.push(['addGate', ...args]),
        close: async (outcome: string) => void calls.push(['close', outcome]),
      };
    },
  } as unknown as LiveStore;
  return { store, calls };
}

describe('createDefaultLiveDependencies', () => {
  it('createDefaultLiveDependencies() without a store keeps nothing', () => {
    const deps = createDefaultLiveDependencies();
    expect(deps.readings).toBeUndefined();
    expect(deps.names).toBeUndefined();
    expect(deps.startRecording).toBeUndefined();
    expect(deps.calibrationSec).toBe(180);
    expect(deps.calmCheckSec).toBe(CALM_CHECK_SEC);
  });

  it('readings are loaded, kept and deleted through the repository', async () => {
    const { store, calls } = fakeStore();
    const deps = createDefaultLiveDependencies({ store });
    expect(await deps.readings!.load('a')).toEqual([accepted]);
    expect(await deps.readings!.load('b')).toEqual([]);
    await deps.readings!.save('b', accepted);
    await deps.readings!.remove!('a');
    expect(calls).toEqual([
      ['add', 'b', reading, { accepted: true }],
      ['remove', 'a'],
    ]);
  });

  it('with the real store the live view gets the delete, and deleted readings stay gone; the other partner’s stay', async () => {
    const store = createStore({ name: `attune-deps-${Math.random().toString(36).slice(2)}` });
    const deps = createDefaultLiveDependencies({ store });
    await deps.readings!.save('a', accepted);
    await deps.readings!.save('b', { ...accepted, reading: { ...reading, hrBpm: 70 } });
    expect(typeof deps.readings!.remove).toBe('function');
    await deps.readings!.remove!('a');
    expect(await deps.readings!.load('a')).toEqual([]);
    expect((await deps.readings!.load('b')).map((r) => r.reading.hrBpm)).toEqual([70]);
    await expect(deps.readings!.remove!('x' as PartnerId)).rejects.toThrow('delete readings: there is no partner "x"');
  });

  it('an export of a session recorded from a heart-rate-only partner loads back as a heart-rate-only recording of the same samples', async () => {
    const store = createStore({ name: `attune-deps-${Math.random().toString(36).slice(2)}` });
    const recorder = store.createRecorder({ source: 'replay', flushIntervalMs: 0 });
    const samples: Beat[] = Array.from({ length: 30 }, (_, i) => ({ tSec: i, rrMs: null, hrBpm: 70 + (i % 5) * 0.4, afterGap: false }));
    for (const beat of samples) {
      recorder.addBeat('a', beat);
      recorder.addBeat('b', beat);
    }
    await recorder.close('finished');
    const exported = new TextEncoder().encode(await store.exportJson());

    const read = await createDefaultLiveDependencies().readRrFile(exported, 'attune-export.json');
    expect(read.rrMs).toEqual([]);
    expect(read.warnings).toContain(`partner a of session ${recorder.sessionId} was recorded as heart rate only: no HRV or breathing`);
    expect(read.checked).toBeDefined();
    expect(Array.from(read.checked!.hrBpm!)).toEqual(samples.map((b) => b.hrBpm));
    expect(Array.from(read.checked!.tSec)).toEqual(samples.map((b) => b.tSec));
  });

  it('calibrate() turns the seated rest into one calm reading of the kind asked for, not yet checked', async () => {
    const deps = createDefaultLiveDependencies();
    // Two minutes of steady, gently varying beats around 62 bpm.
    const beats: Beat[] = [];
    for (let tSec = 0, i = 0; tSec < CALM_CHECK_SEC + 5; i++) {
      const rrMs = 970 + 40 * Math.sin(i / 2);
      tSec += rrMs / 1000;
      beats.push({ tSec, rrMs, hrBpm: 60000 / rrMs, afterGap: false });
    }
    const steps = await firstValueFrom(
      deps
        .calibrate(of(...beats), { device: 'Polar H10', demo: false, speed: 1, kind: 'calm-check', durationSec: CALM_CHECK_SEC })
        .pipe(toArray()),
    );
    const done = steps.at(-1);
    expect(steps.slice(0, -1).every((s) => s.kind === 'progress')).toBe(true);
    expect(done).toMatchObject({ kind: 'done', reading: { kind: 'calm-check', device: 'Polar H10', demo: false } });
    if (done?.kind !== 'done') throw new Error('expected a reading');
    expect(done.reading.hrBpm).toBeGreaterThan(58);
    expect(done.reading.hrBpm).toBeLessThan(66);
    expect(done.reading.durationSec).toBeGreaterThanOrEqual(CALM_CHECK_SEC - 2);
  });

  it('calibrate() of too short a rest fails with the plain reason', async () => {
    const deps = createDefaultLiveDependencies();
    const beats: Beat[] = Array.from({ length: 30 }, (_, i) => ({ tSec: i + 1, rrMs: 1000, hrBpm: 60, afterGap: false }));
    await expect(
      firstValueFrom(deps.calibrate(of(...beats), { device: 'Polar H10', demo: false, speed: 1, kind: 'calm-check', durationSec: 120 })),
    ).resolves.toMatchObject({ kind: 'progress' });
    await expect(
      firstValueFrom(
        deps.calibrate(of(...beats), { device: 'Polar H10', demo: false, speed: 1, kind: 'calm-check', durationSec: 120 }).pipe(toArray()),
      ),
    ).rejects.toThrow(/^(?!calibrate: )/);
  });

  it('names come from and go to the partners repository', async () => {
    const { store, calls } = fakeStore();
    const deps = createDefaultLiveDependencies({ store });
    expect(await deps.names!.load('a')).toBeUndefined();
    expect(await deps.names!.load('b')).toBe('Alex');
    await deps.names!.save('a', 'Sam');
    expect(calls).toEqual([['rename', 'a', 'Sam']]);
  });

  it('the recording is the store’s recorder, closed as "stopped" when the live view closes', async () => {
    const { store, calls } = fakeStore();
    const recorder = createDefaultLiveDependencies({ store }).startRecording!({
      source: 'demo',
      scenario: 'calm',
      partnerNames: { a: 'Sam', b: 'Alex' },
    });
    const beat = { tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false };
    recorder.addBeat('a', beat);
    recorder.addGate({ state: 'settling', tSec: 1, reasons: ['Sam: heart rate 80, usually 64 — give it a few minutes'] });
    await recorder.close();
    expect(calls).toEqual([
      ['createRecorder', { source: 'demo', scenario: 'calm', partnerNames: { a: 'Sam', b: 'Alex' } }],
      ['addBeat', 'a', beat],
      ['addGate', { state: 'settling', tSec: 1, reasons: ['Sam: heart rate 80, usually 64 — give it a few minutes'] }],
      ['close', 'stopped'],
    ]);
  });

  it('a recording that resumes asks the store to continue that session by id, and may close as finished', async () => {
    const { store, calls } = fakeStore();
    const recorder = createDefaultLiveDependencies({ store }).startRecording!({
      source: 'demo',
      scenario: 'calm',
      partnerNames: { a: 'Sam', b: 'Alex' },
      resumeSessionId: 'interrupted-7',
    });
    expect(recorder.sessionId?.()).toBe('s1');
    await recorder.close('finished');
    expect(calls).toEqual([
      [
        'createRecorder',
        { source: 'demo', scenario: 'calm', partnerNames: { a: 'Sam', b: 'Alex' }, sessionId: 'interrupted-7', resume: true },
      ],
      ['close', 'finished'],
    ]);
  });
});

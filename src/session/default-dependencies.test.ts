import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Baseline, PartnerId } from '../signal/types';
import { createStore } from '../store';
import { createDefaultLiveDependencies, type LiveStore } from './default-dependencies';

const baseline: Baseline = {
  lnRmssdMean: 3.6,
  lnRmssdSd: 0.2,
  hrBpm: 64,
  breathsPerMin: 12,
  recordedAt: '2026-11-25T08:00:00.000Z',
  device: 'Polar H10',
  calibrations: 1,
  demo: false,
};

/** A store with just what the live session uses, keeping every call. */
function fakeStore() {
  const calls: unknown[][] = [];
  const baselines = {
    add: async (partner: PartnerId, b: Baseline) => void calls.push(['add', partner, b]),
    latest: async (partner: PartnerId) => (partner === 'a' ? baseline : undefined),
    history: async () => [],
    remove: async (partner: PartnerId) => {
      calls.push(['remove', partner]);
      return 1;
    },
  };
  const store = {
    baselines,
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
    expect(deps.baselines).toBeUndefined();
    expect(deps.names).toBeUndefined();
    expect(deps.startRecording).toBeUndefined();
    expect(deps.calibrationSec).toBe(180);
  });

  it('baselines are loaded, kept and deleted through the repository', async () => {
    const { store, calls } = fakeStore();
    const deps = createDefaultLiveDependencies({ store });
    expect(await deps.baselines!.load('a')).toEqual(baseline);
    expect(await deps.baselines!.load('b')).toBeUndefined();
    await deps.baselines!.save('b', baseline);
    await deps.baselines!.remove!('a');
    expect(calls).toEqual([
      ['add', 'b', baseline],
      ['remove', 'a'],
    ]);
  });

  it('with the real store the live view gets the delete, and a deleted baseline stays gone; demo ones stay', async () => {
    const store = createStore({ name: `attune-deps-${Math.random().toString(36).slice(2)}` });
    const deps = createDefaultLiveDependencies({ store });
    await deps.baselines!.save('a', baseline);
    await deps.baselines!.save('a', { ...baseline, demo: true, device: 'simulator' });
    await deps.baselines!.save('b', { ...baseline, hrBpm: 70 });
    expect(typeof deps.baselines!.remove).toBe('function');
    await deps.baselines!.remove!('a');
    expect(await deps.baselines!.load('a')).toBeUndefined();
    expect((await deps.baselines!.load('b'))?.hrBpm).toBe(70);
    expect(await store.baselines.latest('a', { demo: true })).toMatchObject({ demo: true });
    await expect(deps.baselines!.remove!('x' as PartnerId)).rejects.toThrow('delete baseline: there is no partner "x"');
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

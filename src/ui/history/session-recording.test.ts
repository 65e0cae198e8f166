// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { GateStatus } from '../../pipeline/gate';
import { createStore } from '../../store';
import { createSessionRecording, gateSample } from './session-recording';

let n = 0;
const newStore = () => createStore({ name: `rec-${++n}-${Math.random()}`, now: () => new Date('2026-03-02T19:30:00Z') });
const beat = (tSec: number) => ({ tSec, rrMs: 1000, hrBpm: 60, afterGap: false });

const gate: GateStatus = {
  state: 'settling',
  tSec: 30,
  partners: {
    a: { state: 'out', reasons: [{ kind: 'heart-rate-high', hrBpm: 96, baselineHrBpm: 68, limitBpm: 74.8 }] },
    b: { state: 'near-baseline', reasons: [] },
  } as unknown as GateStatus['partners'],
  reasons: [{ kind: 'partner', partner: 'a', state: 'out' }],
};

describe('createSessionRecording', () => {
  it('gateSample(status, names) keeps the state, the time and each partner’s reasons in words', () => {
    const sample = gateSample(gate, { a: 'Sam', b: 'Alex' });
    expect(sample.state).toBe('settling');
    expect(sample.tSec).toBe(30);
    expect(sample.reasons).toHaveLength(1);
    expect(sample.reasons[0]).toMatch(/^Sam: heart rate 96, usually 68/);
  });

  it('records nothing until the first beat, then one session; finish() ends it and later beats are ignored until startNew()', async () => {
    const store = newStore();
    const recording = createSessionRecording(store, { source: 'demo', scenario: 'calm', flushIntervalMs: 0 });
    recording.addGate(gate);
    recording.addMetrics('a', {
      startSec: 0,
      endSec: 1,
      beats: 1,
      hrBpm: 60,
      rmssdMs: null,
      lnRmssd: null,
      breathsPerMin: null,
      breathingConfidence: 0,
      artifactRate: 0,
      hrOnly: false,
    });
    expect(recording.sessionId()).toBeNull();
    for (let t = 1; t <= 8; t++) recording.addBeat('a', beat(t));
    const id = recording.sessionId();
    expect(id).not.toBeNull();
    await recording.finish('finished');
    for (let t = 9; t <= 12; t++) recording.addBeat('a', beat(t));
    expect(recording.sessionId()).toBeNull();
    const sessions = await store.sessions.list();
    expect(sessions.map((s) => [s.id, s.status, s.outcome])).toEqual([[id, 'closed', 'finished']]);
    expect((await store.recordings.beatChunks(id!)).flatMap((c) => c.beats)).toHaveLength(8);

    recording.startNew();
    recording.addBeat('b', beat(1));
    await recording.finish('stopped');
    expect(await store.sessions.list()).toHaveLength(2);
    recording.dispose();
  });

  it('startNew(id) continues an interrupted session as its next segment', async () => {
    const store = newStore();
    const first = createSessionRecording(store, { source: 'demo', flushIntervalMs: 0 });
    first.addBeat('a', beat(1));
    await first.close();
    const id = first.sessionId()!;
    const second = createSessionRecording(store, { source: 'demo', flushIntervalMs: 0, resumeSessionId: id });
    second.addBeat('a', beat(1));
    expect(second.sessionId()).toBe(id);
    await second.finish('finished');
    expect(await store.sessions.get(id)).toMatchObject({ segments: 2, status: 'closed' });
    first.dispose();
    second.dispose();
  });
});

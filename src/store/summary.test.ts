import { describe, expect, it } from 'vitest';
import type { MetricChunk, SessionRecord } from './records';
import { summarizeSession } from './summary';
import { metricsAt } from './test-support';

const session: SessionRecord = {
  id: 's',
  startedAt: '2026-03-02T19:30:00.000Z',
  endedAt: '2026-03-02T19:50:00.000Z',
  lastSavedAt: '2026-03-02T19:50:00.000Z',
  status: 'closed',
  outcome: 'finished',
  source: 'demo',
  scenario: 'calm',
  partnerNames: { a: 'Sam', b: 'Alex' },
  segments: 1,
  recordedSec: 100,
  marks: [],
  notes: '',
};

function chunksOf(partner: 'a' | 'b', times: number[], hr: (t: number) => number): MetricChunk[] {
  return times.map((t, i) => ({ sessionId: 's', partner, seq: i, segment: 0, startSec: t, endSec: t, metrics: [metricsAt(t, hr(t))] }));
}

describe('summarizeSession', () => {
  const times = [10, 20, 40, 60, 80, 100];
  const chunks = [...chunksOf('a', times, (t) => 100 - t / 2), ...chunksOf('b', times, () => 70)];

  it('summarizeSession(session without routine) compares the first window of ≥ 30 s with the last', () => {
    const s = summarizeSession(session, chunks, [], []);
    expect(s.comparison).toBe('session');
    // metricsAt(t) has startSec max(0, t - 60): the first window of 30 s or more ends at 40.
    expect(s.before.a).toEqual({ hrBpm: 80, rmssdMs: 42, breathsPerMin: 6, tSec: 40 });
    expect(s.after.a).toEqual({ hrBpm: 50, rmssdMs: 42, breathsPerMin: 6, tSec: 100 });
    expect(s.durationSec).toBe(100);
  });

  it('summarizeSession(session with routine marks) compares the window before the start with the first after the end', () => {
    const marked: SessionRecord = {
      ...session,
      marks: [
        { kind: 'routine-start', label: 'Soft start-up', at: '2026-03-02T19:35:00.000Z', segment: 0, tSec: { a: 45, b: 45 } },
        { kind: 'routine-end', label: 'Soft start-up', at: '2026-03-02T19:45:00.000Z', segment: 0, tSec: { a: 70, b: 70 } },
      ],
    };
    const s = summarizeSession(marked, chunks, [], []);
    expect(s.comparison).toBe('routine');
    expect(s.routines).toEqual(['Soft start-up']);
    expect(s.before.a?.tSec).toBe(40);
    expect(s.after.a?.tSec).toBe(80);
    expect(s.before.b?.hrBpm).toBe(70);
  });

  it('summarizeSession(session without metrics) gives null snapshots', () => {
    const s = summarizeSession(session, [], [], []);
    expect(s.before).toEqual({ a: null, b: null });
    expect(s.after).toEqual({ a: null, b: null });
  });
});

describe('summarizeSession with routine runs but no marks', () => {
  it('summarizeSession(session, chunks with closedAt, runs) places the run in event time through the chunks’ wall-clock close times', () => {
    const at = (sec: number) => new Date(Date.parse('2026-03-02T19:30:00.000Z') + sec * 1000).toISOString();
    const chunks: MetricChunk[] = [10, 20, 40, 60, 80, 100].map((t, i) => ({
      sessionId: 's',
      partner: 'a',
      seq: i,
      segment: 0,
      startSec: t,
      endSec: t,
      metrics: [metricsAt(t, 100 - t / 2)],
      closedAt: at(t),
    }));
    const run = {
      id: 'r',
      sessionId: 's',
      routineId: 'soft',
      title: 'Soft start-up',
      startedAt: at(45),
      endedAt: at(70),
      outcome: 'completed' as const,
      stepsDone: 3,
      stepsTotal: 3,
      details: {},
    };
    const s = summarizeSession(session, chunks, [], [run]);
    expect(s.comparison).toBe('routine');
    expect(s.routines).toEqual(['Soft start-up']);
    expect(s.before.a?.tSec).toBe(40);
    expect(s.after.a?.tSec).toBe(80);
    expect(s.before.b).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckInRecord, CommitmentRecord, GateEntry, MetricChunk, RoutineRunRecord, SessionRecord } from '../store/records';
import { describeTrend, sessionProgress, weeklyProgress, type SessionProgress } from './progress';

const session: SessionRecord = {
  id: 's1',
  startedAt: '2026-03-02T19:00:00.000Z',
  endedAt: '2026-03-02T19:40:00.000Z',
  lastSavedAt: '2026-03-02T19:40:00.000Z',
  status: 'closed',
  outcome: 'finished',
  source: 'strap',
  scenario: null,
  partnerNames: { a: 'Sam', b: 'Alex' },
  segments: 1,
  recordedSec: 2400,
  marks: [],
  notes: '',
};

const gate = (seq: number, tSec: number, state: GateEntry['state'], segment = 0): GateEntry => ({
  sessionId: 's1',
  seq,
  segment,
  tSec,
  at: '2026-03-02T19:00:00.000Z',
  state,
  reasons: [],
});

const row = (endSec: number, hrBpm: number | null, artifactRate = 0) => ({
  startSec: endSec - 60,
  endSec,
  beats: 60,
  hrBpm,
  rmssdMs: 40,
  lnRmssd: Math.log(40),
  breathsPerMin: 12,
  breathingConfidence: 0.8,
  artifactRate,
  hrOnly: false,
});

const chunk = (partner: 'a' | 'b', metrics: ReturnType<typeof row>[]): MetricChunk => ({
  sessionId: 's1',
  partner,
  seq: 0,
  segment: 0,
  startSec: metrics[0]!.endSec,
  endSec: metrics.at(-1)!.endSec,
  metrics,
});

const run = (outcome: RoutineRunRecord['outcome']): RoutineRunRecord => ({
  id: `run-${outcome}`,
  sessionId: 's1',
  routineId: 'reconnect-flow',
  title: '15-Minute Reconnect Flow',
  startedAt: '2026-03-02T19:20:00.000Z',
  endedAt: '2026-03-02T19:35:00.000Z',
  outcome,
  stepsDone: 5,
  stepsTotal: 5,
  details: {},
});

const commitment = (id: string, status: CommitmentRecord['status'], sessionId = 's1'): CommitmentRecord => ({
  id,
  sessionId,
  createdAt: '2026-03-02T19:41:00.000Z',
  author: 'both',
  text: 'Phones away at dinner every evening',
  byDay: '2026-03-08',
  checkInDay: '2026-03-09',
  status,
  resolvedAt: status === 'open' ? null : '2026-03-09T19:00:00.000Z',
});

const checkIn = (
  moment: 'before' | 'after',
  intensity: [number | null, number | null],
  closeness: [number | null, number | null],
): CheckInRecord => ({
  id: `ci-${moment}`,
  sessionId: 's1',
  moment,
  at: '2026-03-02T19:00:00.000Z',
  intensity: { a: intensity[0], b: intensity[1] },
  closeness: { a: closeness[0], b: closeness[1] },
});

describe('sessionProgress(records, commitments, checkIns)', () => {
  it('sessionProgress() reads every figure of a session from what the store kept', () => {
    const progress = sessionProgress(
      {
        session,
        // Flooded twice (entering at seq 1 and seq 4), ready first at 630 s = 10.5 min.
        gate: [gate(0, 5, 'settling'), gate(1, 60, 'flooded'), gate(2, 300, 'settling'), gate(3, 630, 'ready'), gate(4, 900, 'flooded')],
        // Partner a's 104 bpm window has 20 % artifacts and does not count; b has no heart rate at all.
        metricChunks: [chunk('a', [row(60, 88), row(65, 104, 0.2), row(70, 96)]), chunk('b', [row(60, null)])],
        runs: [run('stopped'), run('completed')],
      },
      [commitment('c1', 'done'), commitment('c2', 'missed'), commitment('c3', 'open'), commitment('other', 'done', 's2')],
      [checkIn('before', [8, 6], [2, null]), checkIn('after', [3, 2], [7, 8])],
    );
    expect(progress).toEqual({
      sessionId: 's1',
      startedAt: session.startedAt,
      day: expect.stringMatching(/^2026-03-0[23]$/),
      names: { a: 'Sam', b: 'Alex' },
      demo: false,
      minutesToCalm: 10.5,
      peakHrBpm: { a: 96, b: null },
      floodingEpisodes: 2,
      routine: 'finished',
      commitments: { made: 3, kept: 1, missed: 1 },
      before: { intensity: 7, closeness: 2 },
      after: { intensity: 2.5, closeness: 7.5 },
    });
  });

  it('sessionProgress() says null for minutes until calm when the gate never opened, or opened only after a resume', () => {
    const records = { session, metricChunks: [], runs: [] };
    expect(sessionProgress({ ...records, gate: [gate(0, 5, 'settling')] }, [], []).minutesToCalm).toBeNull();
    expect(sessionProgress({ ...records, gate: [gate(0, 5, 'settling'), gate(0, 30, 'ready', 1)] }, [], []).minutesToCalm).toBeNull();
    expect(sessionProgress({ ...records, gate: [] }, [], [])).toMatchObject({
      routine: 'none',
      before: null,
      after: null,
      floodingEpisodes: 0,
    });
  });
});

function point(day: string, minutesToCalm: number | null, intensity: number | null = null): SessionProgress {
  return {
    sessionId: day,
    startedAt: `${day}T19:00:00.000Z`,
    day,
    names: { a: 'Sam', b: 'Alex' },
    demo: false,
    minutesToCalm,
    peakHrBpm: { a: 90, b: 85 },
    floodingEpisodes: 1,
    routine: 'finished',
    commitments: { made: 1, kept: 1, missed: 0 },
    before: intensity === null ? null : { intensity, closeness: 4 },
    after: { intensity: 2, closeness: 8 },
  };
}

describe('weeklyProgress(sessions) and describeTrend(sessions, weeks)', () => {
  it('weeklyProgress() groups by Monday-to-Sunday weeks, oldest first, with the median minutes of the calm sessions', () => {
    // 2026-03-01 is a Sunday, 03-02 a Monday.
    const weeks = weeklyProgress([point('2026-03-02', 10), point('2026-03-01', 12), point('2026-03-08', null), point('2026-03-04', 6)]);
    expect(weeks.map((w) => [w.weekStart, w.sessions, w.medianMinutesToCalm, w.calmSessions, w.floodingEpisodes])).toEqual([
      ['2026-02-23', 1, 12, 1, 1],
      ['2026-03-02', 3, 8, 2, 3],
    ]);
  });

  it('describeTrend() says plainly when there are too few sessions or weeks, and compares only from the fourth week on', () => {
    expect(describeTrend([], [])[0]).toMatch(/^No sessions yet/);
    const two = [point('2026-03-02', 10), point('2026-03-03', 8)];
    expect(describeTrend(two, weeklyProgress(two))[0]).toMatch(/^2 sessions so far: too few to see a trend/);
    const three = [...two, point('2026-03-04', 6)];
    expect(describeTrend(three, weeklyProgress(three))[0]).toMatch(/^3 sessions over one week: too few weeks to tell/);
    const month = [point('2026-03-02', 12, 8), point('2026-03-09', 10, 7), point('2026-03-16', 7, 5), point('2026-03-23', 5, 4)];
    expect(describeTrend(month, weeklyProgress(month))).toEqual([
      'Minutes until you were both calm: about 11 in your first two weeks, about 6 in the latest two.',
      'How intense the fights felt (your own 0–10): 7.5 in the first two weeks, 4.5 in the latest two.',
      'These are your own sessions, not a study: many things change a week. Read them together, not as a score.',
    ]);
  });
});

describe('sessionProgress() and check-ins saved before the recording began', () => {
  it('sessionProgress() takes a check-in without a session from up to 30 minutes before the start, and none from earlier', () => {
    const records = { session, metricChunks: [], runs: [], gate: [] };
    const early = { ...checkIn('before', [6, 6], [3, 3]), sessionId: null, at: '2026-03-02T18:35:00.000Z' };
    expect(sessionProgress(records, [], [early]).before).toEqual({ intensity: 6, closeness: 3 });
    expect(sessionProgress(records, [], [{ ...early, at: '2026-03-02T18:25:00.000Z' }]).before).toBeNull();
  });
});

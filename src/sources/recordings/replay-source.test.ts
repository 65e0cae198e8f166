import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadRecording, recordingNames } from '../../../tests/recordings';
import type { Beat } from '../../signal/types';
import type { SourceStatus } from '../heart-rate-source';
import { describeHeartRateSourceContract } from '../heart-rate-source.contract';
import { adoptCheckedRecording, checkReplayRecording, createReplaySource, replayBeats } from './replay-source';
// Tests feed simulated physiology through the source.
// eslint-disable-next-line no-restricted-imports
import { simulateRr } from '../../sim/simulator';

const calm = simulateRr({ durationSec: 600, scenario: 'calm', partner: 'b', seed: 3 });

describeHeartRateSourceContract('createReplaySource (RR only)', () => ({
  source: createReplaySource({ recording: { rrMs: calm.rrMs } }),
  advance: (ms) => vi.advanceTimersByTimeAsync(ms),
}));

describeHeartRateSourceContract('createReplaySource (with beat times)', () => ({
  source: createReplaySource({ recording: { rrMs: calm.rrMs, tSec: calm.tSec }, name: 'calm.csv' }),
  advance: (ms) => vi.advanceTimersByTimeAsync(ms),
}));

describeHeartRateSourceContract('createReplaySource (heart rate only)', () => ({
  source: createReplaySource({
    recording: { rrMs: [], tSec: Array.from({ length: 600 }, (_, i) => i + 1), hrBpm: Array.from({ length: 600 }, (_, i) => 64 + (i % 5)) },
    name: 'HR.csv',
  }),
  advance: (ms) => vi.advanceTimersByTimeAsync(ms),
}));

describe('replayBeats', () => {
  it('replayBeats(recording) places beats at the cumulative sum of RR when the file has no times', () => {
    expect(replayBeats({ rrMs: [1000, 500, 750] })).toEqual([
      { tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false },
      { tSec: 1.5, rrMs: 500, hrBpm: 120, afterGap: false },
      { tSec: 2.25, rrMs: 750, hrBpm: 80, afterGap: false },
    ]);
  });

  it('replayBeats(recording) keeps the file times and marks beats after missing ones', () => {
    const beats = replayBeats({ rrMs: [800, 800, 800, 800], tSec: [10, 10.8, 14.0, 14.8] });
    expect(beats.map((b) => b.tSec)).toEqual([10, 10.8, 14.0, 14.8]);
    expect(beats.map((b) => b.afterGap)).toEqual([false, false, true, false]);
  });

  it('replayBeats(recording) does not mark a long RR interval (a missed beat in the file) as a gap', () => {
    expect(replayBeats({ rrMs: [800, 1600, 800], tSec: [0.8, 2.4, 3.2] }).map((b) => b.afterGap)).toEqual([false, false, false]);
  });

  it('replayBeats(recording) accepts an empty recording', () => {
    expect(replayBeats({ rrMs: [] })).toEqual([]);
  });

  it.each([
    [{ rrMs: [800, Number.NaN] }, 'createReplaySource: rrMs[1] must be a positive number of milliseconds, got NaN'],
    [{ rrMs: [800, 0] }, 'createReplaySource: rrMs[1] must be a positive number of milliseconds, got 0'],
    [{ rrMs: [800, -5] }, 'createReplaySource: rrMs[1] must be a positive number of milliseconds, got -5'],
    [{ rrMs: [800, 800], tSec: [1] }, 'createReplaySource: recording.tSec has 1 values but rrMs has 2'],
    [{ rrMs: [800, 800], tSec: [1, 1] }, 'createReplaySource: tSec[1] = 1 does not come after tSec[0] = 1'],
    [
      { rrMs: [800, 800], tSec: [1, Number.POSITIVE_INFINITY] },
      'createReplaySource: tSec[1] must be a finite number of seconds, got Infinity',
    ],
  ])('replayBeats(%j) rejects it with the first bad value named', (recording, message) => {
    expect(() => replayBeats(recording)).toThrow(message);
  });
});

describe('checkReplayRecording', () => {
  it('checkReplayRecording(recording) computes beat times and gap marks into typed arrays', () => {
    const checked = checkReplayRecording({ rrMs: [800, 800, 800, 800], tSec: [10, 10.8, 14.0, 14.8] });
    expect(checked.rrMs).toEqual(new Float64Array([800, 800, 800, 800]));
    expect(checked.tSec).toEqual(new Float64Array([10, 10.8, 14.0, 14.8]));
    expect(checked.afterGap).toEqual(new Uint8Array([0, 0, 1, 0]));
    expect(checkReplayRecording({ rrMs: [1000, 500] }).tSec).toEqual(new Float64Array([1, 1.5]));
  });

  it('a checked recording replays to the same beats as the recording it was made from', () => {
    const recording = fc.array(fc.double({ min: 250, max: 2000, noNaN: true }), { maxLength: 60 }).chain((rrMs) =>
      fc.record({
        rrMs: fc.constant(rrMs),
        // Beat times: the cumulative RR with a few seconds of missing beats here and there.
        tSec: fc.option(
          fc.array(fc.constantFrom(0, 0, 3), { minLength: rrMs.length, maxLength: rrMs.length }).map((extraSec) => {
            let t = 0;
            return rrMs.map((rr, i) => (t += rr / 1000 + extraSec[i]));
          }),
          { nil: undefined },
        ),
      }),
    );
    fc.assert(
      fc.property(recording, (input) => {
        expect(replayBeats(checkReplayRecording(input))).toEqual(replayBeats(input));
      }),
    );
  });

  it('checkReplayRecording(recording) rejects a bad recording with the same message as createReplaySource', () => {
    expect(() => checkReplayRecording({ rrMs: [800, 70_000] })).toThrow(
      'createReplaySource: rrMs[1] must be a positive number of milliseconds, got 70000',
    );
  });

  it('adoptCheckedRecording(parts) takes back the arrays of a checked recording after a structured clone', () => {
    const checked = checkReplayRecording({ rrMs: [800, 810, 790] });
    const { rrMs, tSec, afterGap } = checked;
    const cloned = structuredClone({ kind: 'checked' as const, rrMs, tSec, afterGap });
    expect(replayBeats(adoptCheckedRecording(cloned))).toEqual(replayBeats(checked));
  });

  it('checkReplayRecording(recording) takes heart rate only: samples become beats with rrMs null, steps over 2.5 s are gaps', () => {
    const checked = checkReplayRecording({ rrMs: [], tSec: [0, 1, 2, 6], hrBpm: [70, 71, 72, 73] });
    expect(checked.rrMs).toHaveLength(0);
    expect(replayBeats(checked)).toEqual([
      { tSec: 0, rrMs: null, hrBpm: 70, afterGap: false },
      { tSec: 1, rrMs: null, hrBpm: 71, afterGap: false },
      { tSec: 2, rrMs: null, hrBpm: 72, afterGap: false },
      { tSec: 6, rrMs: null, hrBpm: 73, afterGap: true },
    ]);
    const { rrMs, tSec, afterGap, hrBpm } = checked;
    const cloned = structuredClone({ kind: 'checked' as const, rrMs, tSec, afterGap, hrBpm });
    expect(replayBeats(adoptCheckedRecording(cloned))).toEqual(replayBeats(checked));
    expect(() => checkReplayRecording({ rrMs: [], hrBpm: [70] })).toThrow(
      'createReplaySource: a heart-rate-only recording needs the time of each sample (tSec)',
    );
    expect(() => checkReplayRecording({ rrMs: [], tSec: [0, 1], hrBpm: [70, 0] })).toThrow(
      'createReplaySource: hrBpm[1] must be a heart rate in (0, 400] bpm, got 0',
    );
  });

  it.each([
    ['plain arrays', { kind: 'checked', rrMs: [800], tSec: [0.8], afterGap: [0] }],
    ['arrays of different lengths', { kind: 'checked', rrMs: new Float64Array(2), tSec: new Float64Array(1), afterGap: new Uint8Array(2) }],
    ['another kind', { kind: 'read', rrMs: new Float64Array(1), tSec: new Float64Array(1), afterGap: new Uint8Array(1) }],
  ])('adoptCheckedRecording(parts) refuses %s', (_, parts) => {
    expect(() => adoptCheckedRecording(parts as never)).toThrow(
      'adoptCheckedRecording: expected the typed arrays of one checked recording, of equal length',
    );
  });
});

describe('createReplaySource', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function collect(source: ReturnType<typeof createReplaySource>): { beats: Beat[]; statuses: SourceStatus[] } {
    const out = { beats: [] as Beat[], statuses: [] as SourceStatus[] };
    source.beats$.subscribe((b) => out.beats.push(b));
    source.status$.subscribe((s) => out.statuses.push(s));
    return out;
  }

  it('createReplaySource(options) replays a public recording completely, in order, at any speed', async () => {
    const name = recordingNames()[0];
    const recording = loadRecording(name);
    const source = createReplaySource({ recording, speed: 50, name });
    const out = collect(source);
    await source.connect();
    const durationMs = ((recording.tSec[recording.tSec.length - 1] ?? 0) / 50) * 1000;
    await vi.advanceTimersByTimeAsync(durationMs + 1000);
    expect(out.beats.map((b) => b.rrMs)).toEqual(recording.rrMs);
    expect(out.beats.map((b) => b.tSec)).toEqual(recording.tSec);
    expect(out.statuses.find((s) => s.kind === 'connected')).toMatchObject({ deviceName: `Recording: ${name}` });
    expect(out.statuses[out.statuses.length - 1]).toEqual({ kind: 'disconnected', reason: 'The recording has ended.', code: 'ended' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('createReplaySource(options) pauses on disconnect() and resumes with the next beat, marked afterGap', async () => {
    const source = createReplaySource({ recording: { rrMs: calm.rrMs } });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(20_000);
    await source.disconnect();
    const paused = out.beats.length;
    await vi.advanceTimersByTimeAsync(60_000);
    await source.connect();
    await vi.advanceTimersByTimeAsync(20_000);
    await source.disconnect();
    const all = out.beats.map((b) => b.rrMs);
    expect(all).toEqual(calm.rrMs.slice(0, all.length));
    expect(out.beats[paused].afterGap).toBe(true);
  });

  it('createReplaySource(options) delivers the same beats at speed 1 and speed 500', async () => {
    const slow = createReplaySource({ recording: { rrMs: calm.rrMs.slice(0, 200) } });
    const fast = createReplaySource({ recording: { rrMs: calm.rrMs.slice(0, 200) }, speed: 500 });
    const a = collect(slow);
    const b = collect(fast);
    await Promise.all([slow.connect(), fast.connect()]);
    await vi.advanceTimersByTimeAsync(200_000);
    expect(a.beats).toHaveLength(200);
    expect(b.beats).toEqual(a.beats);
  });

  it('createReplaySource(options) plays a checked recording as it plays the recording it was made from', async () => {
    const rrMs = calm.rrMs.slice(0, 100);
    const plain = createReplaySource({ recording: { rrMs }, speed: 100 });
    const checked = createReplaySource({ recording: checkReplayRecording({ rrMs }), speed: 100 });
    const a = collect(plain);
    const b = collect(checked);
    await Promise.all([plain.connect(), checked.connect()]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(a.beats).toHaveLength(100);
    expect(b.beats).toEqual(a.beats);
  });

  it('createReplaySource(options) plays heart rate only as a strap without RR: hrOnly in its status, rrMs null', async () => {
    const source = createReplaySource({ recording: { rrMs: [], tSec: [10, 11, 12], hrBpm: [70, 71, 72] }, speed: 10 });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(out.statuses.find((s) => s.kind === 'connected')).toMatchObject({ hrOnly: true });
    expect(out.beats.map((b) => [b.tSec, b.rrMs, b.hrBpm])).toEqual([
      [10, null, 70],
      [11, null, 71],
      [12, null, 72],
    ]);
    expect(out.statuses.at(-1)).toMatchObject({ kind: 'disconnected', code: 'ended' });
  });

  it('createReplaySource(options) ends at once for an empty recording', async () => {
    const source = createReplaySource({ recording: { rrMs: [] } });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(100);
    expect(out.statuses.map((s) => s.kind)).toEqual(['idle', 'connecting', 'connected', 'disconnected']);
  });

  it('createReplaySource(options) rejects a malformed recording before playing anything', () => {
    expect(() => createReplaySource({ recording: { rrMs: [800, Number.NaN] } })).toThrow('createReplaySource: rrMs[1]');
    expect(() => createReplaySource({ recording: { rrMs: [800] }, speed: -1 })).toThrow(
      'createReplaySource: speed must be a number in (0, 100000], got -1',
    );
  });
});

import fc from 'fast-check';
import { concat, firstValueFrom, from, map, of, throwError, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { tachogramFixture } from '../signal/tachogram-fixture';
import type { Beat, WindowMetrics } from '../signal/types';
import { computeWindowMetrics } from '../signal/window-metrics';
import { toMetrics } from './metrics';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Beats with times by cumulative RR. */
function beatsFrom(rrMs: readonly (number | null)[], startSec = 0): Beat[] {
  let t = startSec;
  return rrMs.map((rr) => {
    t += (rr ?? 800) / 1000;
    return { tSec: t, rrMs: rr, hrBpm: rr === null ? 75 : 60_000 / rr, afterGap: false };
  });
}

const alternating = (n: number, a = 1000, b = 1010) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? a : b));

async function run(beats: readonly Beat[], options?: Parameters<typeof toMetrics>[0]): Promise<WindowMetrics[]> {
  return firstValueFrom(from(beats).pipe(toMetrics(options), toArray()));
}

describe('toMetrics', () => {
  it('toMetrics() emits one metrics record per beat, in the same frame, and completes with the source', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const beats = beatsFrom([1000, 1010, 1000]);
      const source = cold('a 2s b 500ms c|', { a: beats[0], b: beats[1], c: beats[2] });
      const ends = source.pipe(
        toMetrics(),
        map((m) => [m.endSec, m.beats]),
      );
      expectObservable(ends).toBe('a 2s b 500ms c|', { a: [1, 1], b: [2.01, 2], c: [3.01, 3] });
      expectSubscriptions(source.subscriptions).toBe('^ 2s - 500ms -!');
    });
  });

  it('toMetrics() uses event time only: the same beats at any delivery speed give the same metrics', () => {
    const beats = beatsFrom(alternating(150));
    const results: WindowMetrics[][] = [];
    for (const gap of ['1ms', '1s', '10s']) {
      scheduler().run(({ cold }) => {
        // One frame per beat, `gap` of virtual time apart; the k-th frame delivers the k-th beat.
        const spaced = beats.map(() => 'x').join(` ${gap} `);
        let k = 0;
        const source = cold(spaced, { x: 0 }).pipe(map(() => beats[k++]));
        const collected: WindowMetrics[] = [];
        source.pipe(toMetrics()).subscribe((m) => collected.push(m));
        results.push(collected);
      });
    }
    expect(results[0]).toHaveLength(150);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('toMetrics() gives the hand-computed RMSSD and heart rate on clean RR', async () => {
    const metrics = await run(beatsFrom(alternating(150)));
    const last = metrics[metrics.length - 1];
    expect(last.rmssdMs).toBeCloseTo(10, 9);
    expect(last.lnRmssd).toBeCloseTo(Math.log(10), 9);
    expect(last.hrBpm).toBeCloseTo(60_000 / 1005, 1);
    expect(last.artifactRate).toBe(0);
    expect(last.endSec - last.startSec).toBe(60);
    expect(last.beats).toBe(60);
  });

  it('toMetrics() forgets beats older than the window', async () => {
    const metrics = await run(beatsFrom([...alternating(80, 995, 1010), ...Array(80).fill(1000)]));
    expect(metrics[70].rmssdMs).toBeCloseTo(15, 9);
    // 60 s of a constant 1000 ms: a flat, paced-like rhythm, so no HRV is given.
    expect(metrics[metrics.length - 1]).toMatchObject({ rmssdMs: null, irregular: 'flat' });
    expect(metrics[metrics.length - 1].hrBpm).toBeCloseTo(60, 9);
  });

  it('toMetrics({ windowSec }) honours a shorter window', async () => {
    const metrics = await run(beatsFrom(Array(40).fill(1000)), { windowSec: 10 });
    expect(metrics[metrics.length - 1].beats).toBe(10);
  });

  it('toMetrics() returns null HRV before there are 10 confirmed pairs, never NaN', async () => {
    const metrics = await run(beatsFrom(alternating(12)));
    expect(metrics[0]).toMatchObject({
      beats: 1,
      rmssdMs: null,
      lnRmssd: null,
      breathsPerMin: null,
      breathingConfidence: 0,
      hrOnly: false,
    });
    expect(metrics[0].hrBpm).toBeCloseTo(60, 9);
    for (const m of metrics) for (const v of Object.values(m)) if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
  });

  it('toMetrics() turns heart-rate-only samples into hrOnly metrics with null HRV and breathing', async () => {
    const metrics = await run(beatsFrom(Array(100).fill(null)));
    expect(metrics[99]).toMatchObject({
      hrOnly: true,
      hrBpm: 75,
      rmssdMs: null,
      lnRmssd: null,
      breathsPerMin: null,
      breathingConfidence: 0,
      artifactRate: 0,
    });
  });

  it('toMetrics() never pairs across a gap', async () => {
    const beats = beatsFrom(alternating(100, 1000, 1010).map((rr, i) => rr + (i >= 50 ? 150 : 0)));
    const gapped = beats.map((b, i) => (i >= 50 ? { ...b, tSec: b.tSec + 20, afterGap: i === 50 } : b));
    const metrics = await run(gapped);
    expect(metrics[80].rmssdMs).toBeCloseTo(10, 9);
  });

  it('toMetrics() matches the batch window metrics on a realistic series with artifacts', async () => {
    const { tSec, rrMs } = tachogramFixture({
      durationSec: 400,
      hrBpm: 68,
      breathsPerMin: 11,
      rsaMs: 35,
      mayerMs: 10,
      noiseMs: 5,
      seed: 4,
    });
    const rr = [...rrMs];
    rr[150] *= 2;
    rr[260] *= 0.6;
    rr[261] *= 1.4;
    const beats = tSec.map((t, i) => ({ tSec: t, rrMs: rr[i], hrBpm: 60_000 / rr[i], afterGap: false }));
    const metrics = await run(beats, { breathingEverySec: 0 });
    for (const i of [200, 290, 400]) {
      const live = metrics[i];
      // The batch window over the beats the live one has confirmed (all but the newest 3).
      const batch = computeWindowMetrics(beats.slice(0, i - 2), live.startSec, beats[i - 3].tSec);
      expect(Math.abs((live.rmssdMs as number) / (batch.rmssdMs as number) - 1)).toBeLessThan(0.03);
      expect(Math.abs((live.hrBpm as number) - (batch.hrBpm as number))).toBeLessThan(1);
      expect(Math.abs((live.breathsPerMin as number) - 11)).toBeLessThan(1);
    }
    expect(metrics[290].artifactRate).toBeGreaterThan(0);
  });

  it('toMetrics() refreshes breathing at most every breathingEverySec of event time', async () => {
    const { tSec, rrMs } = tachogramFixture({ durationSec: 120, hrBpm: 66, breathsPerMin: 9, rsaMs: 35, noiseMs: 3, seed: 2 });
    const beats = tSec.map((t, i) => ({ tSec: t, rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: false }));
    const metrics = await run(beats, { breathingEverySec: 10 });
    const changes = metrics.filter((m, i) => i > 0 && m.breathsPerMin !== metrics[i - 1].breathsPerMin).length;
    expect(changes).toBeLessThanOrEqual(13);
    expect(Math.abs((metrics[metrics.length - 1].breathsPerMin as number) - 9)).toBeLessThan(0.7);
  });

  it('toMetrics() passes errors through and keeps a window per subscription', async () => {
    const beats = beatsFrom(alternating(20));
    const failing = concat(
      from(beats),
      throwError(() => new Error('source: strap lost')),
    );
    await expect(firstValueFrom(failing.pipe(toMetrics(), toArray()))).rejects.toThrow('source: strap lost');
    const shared = from(beats).pipe(toMetrics());
    expect(await firstValueFrom(shared.pipe(toArray()))).toEqual(await firstValueFrom(shared.pipe(toArray())));
  });

  it('toMetrics({ windowSec: 0 }) errors with a readable message', async () => {
    await expect(firstValueFrom(of(beatsFrom([1000])[0]).pipe(toMetrics({ windowSec: 0 })))).rejects.toThrow(
      'toMetrics: windowSec must be a positive number of seconds, got 0',
    );
  });

  it('toMetrics() never emits NaN and keeps rates in 0–1, whatever the beats', async () => {
    const beat = fc.record({
      dtSec: fc.double({ min: 0.2, max: 20, noNaN: true }),
      rrMs: fc.oneof(fc.constant(null), fc.double({ min: -100, max: 4000, noNaN: true }), fc.double({ min: 600, max: 1100, noNaN: true })),
      hrBpm: fc.double({ min: 0, max: 220, noNaN: true }),
      afterGap: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(beat, { maxLength: 300 }), async (raw) => {
        let t = 0;
        const beats = raw.map(({ dtSec, ...b }) => ({ ...b, tSec: (t += dtSec) }));
        const metrics = await run(beats, { breathingEverySec: 0 });
        expect(metrics).toHaveLength(beats.length);
        for (const m of metrics) {
          for (const v of Object.values(m)) if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
          expect(m.artifactRate).toBeGreaterThanOrEqual(0);
          expect(m.artifactRate).toBeLessThanOrEqual(1);
          expect(m.breathingConfidence).toBeGreaterThanOrEqual(0);
          expect(m.breathingConfidence).toBeLessThanOrEqual(1);
          expect(m.beats).toBeGreaterThanOrEqual(1);
          if (m.rmssdMs !== null) expect(m.rmssdMs).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

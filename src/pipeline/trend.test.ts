import { firstValueFrom, from, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { WindowMetrics } from '../signal/types';
import { toTrend } from './trend';

function metricsAt(tSec: number, lnRmssd: number | null, breathsPerMin: number | null): WindowMetrics {
  return {
    startSec: tSec - 60,
    endSec: tSec,
    beats: 60,
    hrBpm: 60,
    rmssdMs: lnRmssd === null ? null : Math.exp(lnRmssd),
    lnRmssd,
    breathsPerMin,
    breathingConfidence: breathsPerMin === null ? 0 : 0.8,
    artifactRate: 0,
    hrOnly: false,
  };
}

const run = async (metrics: WindowMetrics[], spanSec?: number) =>
  firstValueFrom(from(metrics).pipe(toTrend(spanSec === undefined ? {} : { spanSec }), toArray()));

describe('toTrend', () => {
  it('toTrend() gives the slope per minute over the last 2 minutes', async () => {
    // lnRMSSD rises 0.1 per minute, breathing falls 0.5/min per minute, one record per second.
    const metrics = Array.from({ length: 300 }, (_, i) => metricsAt(i, 3 + (0.1 * i) / 60, 15 - (0.5 * i) / 60));
    const trends = await run(metrics);
    const last = trends[trends.length - 1];
    expect(last.tSec).toBe(299);
    expect(last.lnRmssdPerMin).toBeCloseTo(0.1, 9);
    expect(last.breathsPerMinPerMin).toBeCloseTo(-0.5, 9);
  });

  it('toTrend() only looks at the span: an earlier fall does not hide a recent rise', async () => {
    const metrics = Array.from({ length: 400 }, (_, i) => metricsAt(i, i < 200 ? 4 - i / 100 : 2 + (i - 200) / 600, 12));
    const trends = await run(metrics);
    expect(trends[399].lnRmssdPerMin).toBeCloseTo(0.1, 9);
    expect(trends[399].breathsPerMinPerMin).toBeCloseTo(0, 9);
  });

  it('toTrend() is null until the points cover half the span, and skips null metrics', async () => {
    const metrics = Array.from({ length: 100 }, (_, i) => metricsAt(i, i % 2 === 0 ? 3 : null, null));
    const trends = await run(metrics);
    expect(trends[50].lnRmssdPerMin).toBeNull();
    expect(trends[70].lnRmssdPerMin).toBeCloseTo(0, 9);
    expect(trends[99].breathsPerMinPerMin).toBeNull();
  });

  it('toTrend({ minPairs: 30 }) leaves out windows with fewer pairs: a fall of 1 per minute from 10-pair windows is not seen', async () => {
    // Even seconds: 40 pairs, lnRMSSD steady at 3; odd seconds: 10 pairs, lnRMSSD falling 1 per minute.
    const metrics = Array.from({ length: 130 }, (_, i) => ({
      ...metricsAt(i, i % 2 === 0 ? 3 : 3 - i / 60, null),
      pairs: i % 2 === 0 ? 40 : 10,
    }));
    const all = await firstValueFrom(from(metrics).pipe(toTrend(), toArray()));
    expect(all[129].lnRmssdPerMin!).toBeLessThan(-0.4);
    const enough = await firstValueFrom(from(metrics).pipe(toTrend({ minPairs: 30 }), toArray()));
    expect(enough[129].lnRmssdPerMin).toBeCloseTo(0, 9);
  });

  it('toTrend({ spanSec: 300 }) fits over five minutes', async () => {
    const metrics = Array.from({ length: 600 }, (_, i) => metricsAt(i, i < 300 ? 3 : 3 + (i - 300) / 300, 12));
    const trends = await run(metrics, 300);
    expect(trends[599].lnRmssdPerMin).toBeCloseTo(0.2, 3);
  });

  it('toTrend({ spanSec }) outside 2–5 minutes errors on subscription', async () => {
    await expect(run([metricsAt(1, 3, 12)], 30)).rejects.toThrow('toTrend: spanSec must be between 120 and 300 seconds, got 30');
  });

  it('toTrend() emits once per metrics record in the same frame and unsubscribes with the consumer', () => {
    new TestScheduler((a, e) => expect(a).toEqual(e)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 1s b 1s c', { a: metricsAt(1, 3, 12), b: metricsAt(2, 3, 12), c: metricsAt(3, 3, 12) });
      expectObservable(source.pipe(toTrend()), '^ 1500ms !').toBe('a 1s b', {
        a: { tSec: 1, lnRmssdPerMin: null, breathsPerMinPerMin: null },
        b: { tSec: 2, lnRmssdPerMin: null, breathsPerMinPerMin: null },
      });
      expectSubscriptions(source.subscriptions).toBe('^ 1500ms !');
    });
  });
});

import { Subject, filter, firstValueFrom, from, map, of, take, timer, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { seededUniform, tachogramFixture } from '../signal/tachogram-fixture';
import type { Beat } from '../signal/types';
import type { PairCalm, RhythmReading } from './together-pipeline';
import { toCoregulation, toRhythm } from './together-pipeline';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

function beatsOf(o: Parameters<typeof tachogramFixture>[0]): Beat[] {
  const { tSec, rrMs } = tachogramFixture(o);
  return tSec.map((t, i) => ({ tSec: t, rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: false }));
}

const beat = (tSec: number, hrBpm = 60): Beat => ({ tSec, rrMs: 60_000 / hrBpm, hrBpm, afterGap: false });

describe('toRhythm', () => {
  it('toRhythm() emits on the 5 s grid of event time, in the frame of the beat that reaches it', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const beats = cold('a 1s b 1s c 1s d|', { a: beat(3), b: beat(4.5), c: beat(5.2), d: beat(11) });
      const pacer = hot<number | null>('^ p', { p: 6 });
      const out = beats.pipe(
        toRhythm(pacer),
        map((r) => [r.tSec, r.state, r.coherence]),
      );
      expectObservable(out).toBe('- 1s - 1s c 1s d|', { c: [5, 'unknown', null], d: [10, 'unknown', null] });
      expectSubscriptions(beats.subscriptions).toBe('^ 1s - 1s - 1s -!');
    });
  });

  it('toRhythm() says following for a partner breathing with the pacer, and unknown while the pacer is off', async () => {
    const beats = beatsOf({ durationSec: 200, hrBpm: 65, breathsPerMin: 6, rsaMs: 60, noiseMs: 4 });
    const pacer = new Subject<number | null>();
    const readings: RhythmReading[] = [];
    const source = new Subject<Beat>();
    source.pipe(toRhythm(pacer)).subscribe((r) => readings.push(r));
    beats.forEach((b) => {
      if (b.tSec > 100 && b.tSec - b.rrMs! / 1000 <= 100) pacer.next(6);
      source.next(b);
    });
    const at = (t: number) => readings.find((r) => r.tSec === t) as RhythmReading;
    expect(at(95).state).toBe('unknown');
    expect(at(95).coherence).toBeGreaterThan(0.7);
    expect(at(150)).toMatchObject({ state: 'following', pacerPerMin: 6 });
  });

  it('toRhythm() does not call a partner not following before the window holds only the new rate', async () => {
    const beats = beatsOf({ durationSec: 300, hrBpm: 65, breathsPerMin: 15, rsaMs: 40, noiseMs: 4 });
    const pacer = new Subject<number | null>();
    const readings: RhythmReading[] = [];
    const source = new Subject<Beat>();
    source.pipe(toRhythm(pacer)).subscribe((r) => readings.push(r));
    pacer.next(5.45);
    beats.forEach((b) => source.next(b));
    expect(readings.filter((r) => r.tSec < 60).every((r) => r.state === 'unknown')).toBe(true);
    expect(readings.filter((r) => r.tSec >= 100).every((r) => r.state === 'not-following')).toBe(true);
  });

  it('toRhythm() reads unknown for a heart-rate-only partner', async () => {
    const beats = beatsOf({ durationSec: 150, hrBpm: 65, breathsPerMin: 6, rsaMs: 60 }).map((b) => ({ ...b, rrMs: null }));
    const readings = await firstValueFrom(from(beats).pipe(toRhythm(of(6)), toArray()));
    expect(readings.length).toBeGreaterThan(20);
    expect(readings.every((r) => r.state === 'unknown' && r.coherence === null)).toBe(true);
  });
});

describe('toCoregulation', () => {
  /** One heart-rate sample a second: a slow random rhythm shared by both partners, plus each one's own noise. */
  const shared = (seconds: number, seed: number): Beat[] => {
    const common = seededUniform(1);
    const own = seededUniform(seed);
    let slow = 0;
    return Array.from({ length: seconds }, (_, i) => {
      slow = 0.9 * slow + (common() - 0.5);
      return { tSec: i + 0.5, rrMs: null, hrBpm: 70 + 4 * slow + 0.3 * (own() - 0.5), afterGap: false };
    });
  };

  it('toCoregulation() emits on the 5 s grid, unknown until the span is covered and calm is known', () => {
    scheduler().run(({ cold, hot, expectObservable }) => {
      const a = cold('a 1s b 1s c|', { a: beat(1), b: beat(4), c: beat(6) });
      const b = cold('a 1s b 1s c|', { a: beat(1.2), b: beat(4.2), c: beat(6.2) });
      const calm = hot<PairCalm>('^ a', { a: { a: true, b: true } });
      const out = toCoregulation(a, b, calm).pipe(map((r) => [r.tSec, r.state, r.sync]));
      expectObservable(out).toBe('- 1s - 1s c|', { c: [5, 'unknown', null] });
    });
  });

  it('toCoregulation() reads every 5 s of event time, and its first synchrony comes within 150 s of both partners having heart rate, then every 5 s', () => {
    scheduler().run(({ expectObservable }) => {
      const calm = of<PairCalm>({ a: true, b: true });
      // One heart-rate sample a second; partner B's strap starts 20 s after A's.
      const wander = shared(400, 4);
      const a = timer(0, 1000).pipe(
        take(300),
        map((k) => ({ ...wander[k], tSec: k + 0.5 })),
      );
      const b = timer(20_000, 1000).pipe(
        take(280),
        map((k) => ({ ...wander[k + 20], tSec: k + 20.5 })),
      );
      const readings = toCoregulation(a, b, calm);
      expectObservable(
        readings.pipe(
          take(3),
          map((r) => [r.tSec, r.state]),
        ),
      ).toBe('5s a 4999ms b 4999ms (c|)', { a: [5, 'unknown'], b: [10, 'unknown'], c: [15, 'unknown'] });
      // Both have heart rate from 20.5 s: the first synchrony at the 160 s grid time, 139.5 s later.
      expectObservable(
        readings.pipe(
          filter((r) => r.sync !== null),
          take(3),
          map((r) => r.tSec),
        ),
      ).toBe('160s a 4999ms b 4999ms (c|)', { a: 160, b: 165, c: 170 });
    });
  });

  it('toCoregulation() says together for two calm partners whose heart rates move in step, linked-aroused when one is aroused', async () => {
    const calm = new Subject<PairCalm>();
    const a = new Subject<Beat>();
    const b = new Subject<Beat>();
    const readings: { tSec: number; state: string }[] = [];
    toCoregulation(a, b, calm).subscribe((r) => readings.push(r));
    calm.next({ a: true, b: true });
    const beatsA = shared(700, 2);
    const beatsB = shared(700, 3);
    beatsA.forEach((beatA, i) => {
      if (i === 600) calm.next({ a: false, b: true });
      a.next(beatA);
      b.next(beatsB[i]);
    });
    expect(readings.filter((r) => r.tSec < 135).every((r) => r.state === 'unknown')).toBe(true);
    expect(readings.filter((r) => r.tSec >= 150 && r.tSec < 600).every((r) => r.state === 'together')).toBe(true);
    expect(readings.filter((r) => r.tSec >= 605).every((r) => r.state === 'linked-aroused')).toBe(true);
  });

  it('toCoregulation() rejects a window outside 30–120 s on subscription', async () => {
    await expect(firstValueFrom(toCoregulation(of(beat(1)), of(beat(1)), of(null), { windowSec: 200 }))).rejects.toThrow(
      'toCoregulation: windowSec must be between 30 and 120 seconds, got 200',
    );
  });
});

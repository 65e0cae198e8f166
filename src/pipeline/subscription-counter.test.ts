import { describe, expect, it } from 'vitest';
import { EMPTY, Subject, interval, map, of, share, switchMap, take, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createSubscriptionCounter } from './subscription-counter';

describe('createSubscriptionCounter', () => {
  it('live() counts a subscription while it lasts and drops it on unsubscribe', () => {
    const counter = createSubscriptionCounter();
    const source = new Subject<number>();
    const tracked = source.pipe(counter.track('beats'));
    expect(counter.live()).toBe(0);
    const first = tracked.subscribe();
    const second = tracked.subscribe();
    expect(counter.live()).toBe(2);
    expect(counter.liveByLabel()).toEqual({ beats: 2 });
    first.unsubscribe();
    expect(counter.live()).toBe(1);
    second.unsubscribe();
    expect(counter.live()).toBe(0);
    expect(counter.liveByLabel()).toEqual({});
    expect(counter.total()).toBe(2);
  });

  it('track() drops the subscription once when the source completes or errors', () => {
    const counter = createSubscriptionCounter();
    const completed = of(1, 2).pipe(counter.track('done')).subscribe();
    const failed = throwError(() => new Error('source: broken'))
      .pipe(counter.track('failed'))
      .subscribe({ error: () => undefined });
    expect(counter.live()).toBe(0);
    // Unsubscribing after the end must not count down a second time.
    completed.unsubscribe();
    failed.unsubscribe();
    expect(counter.live()).toBe(0);
    expect(counter.total()).toBe(2);
  });

  it('track() passes values, completion and errors through unchanged', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      const counter = createSubscriptionCounter();
      expectObservable(cold('a-b-|').pipe(counter.track('x'))).toBe('a-b-|');
      expectObservable(cold('a-#', undefined, new Error('e: x')).pipe(counter.track('y'))).toBe('a-#', undefined, new Error('e: x'));
    });
  });

  it('track() counts each inner subscription of a switchMap and releases the one it replaces', () => {
    const counter = createSubscriptionCounter();
    const outer = new Subject<number>();
    const sub = outer
      .pipe(
        switchMap((n) =>
          new Subject<number>().pipe(
            map((v) => v + n),
            counter.track('inner'),
          ),
        ),
      )
      .subscribe();
    outer.next(1);
    outer.next(2);
    outer.next(3);
    expect(counter.live()).toBe(1);
    expect(counter.total()).toBe(3);
    sub.unsubscribe();
    expect(counter.live()).toBe(0);
  });

  it('track() above a share() counts subscribers of the shared stream, not its one source subscription', () => {
    const counter = createSubscriptionCounter();
    const source = new Subject<number>();
    const sourceSide = source.pipe(counter.track('source'), share());
    const subs = [sourceSide.subscribe(), sourceSide.subscribe(), sourceSide.subscribe()];
    expect(counter.liveByLabel()).toEqual({ source: 1 });
    subs.forEach((s) => s.unsubscribe());
    expect(counter.live()).toBe(0);
  });

  it('onChange() notifies after every change and stops when its returned function is called', () => {
    const counter = createSubscriptionCounter();
    const seen: number[] = [];
    const stop = counter.onChange(() => seen.push(counter.live()));
    const sub = EMPTY.pipe(counter.track('a')).subscribe();
    const held = interval(1000).pipe(take(1), counter.track('b')).subscribe();
    held.unsubscribe();
    stop();
    sub.unsubscribe();
    interval(1000).pipe(counter.track('c')).subscribe().unsubscribe();
    expect(seen).toEqual([1, 0, 1, 0]);
  });

  it('counters are independent of each other', () => {
    const one = createSubscriptionCounter();
    const two = createSubscriptionCounter();
    const sub = new Subject<void>().pipe(one.track('a')).subscribe();
    expect(one.live()).toBe(1);
    expect(two.live()).toBe(0);
    sub.unsubscribe();
  });
});

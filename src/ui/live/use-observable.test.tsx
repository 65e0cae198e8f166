// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { BehaviorSubject, Subject } from 'rxjs';
import { createSubscriptionCounter } from '../../pipeline/subscription-counter';
import { shallowEqual, useObservable, useSelected } from './use-observable';
import type { Observable } from 'rxjs';

afterEach(() => cleanup());

function Show({ value$ }: { value$: Observable<number> }) {
  const value = useObservable(value$, -1);
  return <output aria-label="value">{value}</output>;
}

describe('useObservable', () => {
  it('useObservable shows the initial value until the stream emits, then each new value', () => {
    const values = new Subject<number>();
    render(<Show value$={values} />);
    expect(screen.getByLabelText('value').textContent).toBe('-1');
    act(() => values.next(7));
    expect(screen.getByLabelText('value').textContent).toBe('7');
    act(() => values.next(8));
    expect(screen.getByLabelText('value').textContent).toBe('8');
  });

  it('useObservable reads a value the stream replays on subscribe', () => {
    render(<Show value$={new BehaviorSubject(42)} />);
    expect(screen.getByLabelText('value').textContent).toBe('42');
  });

  it('useObservable subscribes once while mounted and unsubscribes on unmount', () => {
    const counter = createSubscriptionCounter();
    const values = new Subject<number>();
    const tracked = values.pipe(counter.track<number>('value'));
    const view = render(<Show value$={tracked} />);
    expect(counter.live()).toBe(1);
    act(() => values.next(1));
    view.rerender(<Show value$={tracked} />);
    expect(counter.live()).toBe(1);
    view.unmount();
    expect(counter.live()).toBe(0);
  });
});

interface Reading {
  readonly hrBpm: number;
  readonly rrMs: number;
}
const selectHr = (reading: Reading) => ({ hr: Math.round(reading.hrBpm) });

function ShowHr({ readings$, renders }: { readings$: Observable<Reading>; renders: { count: number } }) {
  const { hr } = useSelected(readings$, { hrBpm: 0, rrMs: 0 }, selectHr);
  renders.count += 1;
  return <output aria-label="hr">{hr}</output>;
}

describe('useSelected', () => {
  it('useSelected follows every value and re-renders only when the selected view changes', () => {
    const readings = new BehaviorSubject<Reading>({ hrBpm: 70.2, rrMs: 855 });
    const renders = { count: 0 };
    render(<ShowHr readings$={readings} renders={renders} />);
    expect(screen.getByLabelText('hr').textContent).toBe('70');
    const settled = renders.count;
    act(() => readings.next({ hrBpm: 69.8, rrMs: 860 }));
    act(() => readings.next({ hrBpm: 70.4, rrMs: 850 }));
    expect(renders.count).toBe(settled);
    act(() => readings.next({ hrBpm: 72, rrMs: 833 }));
    expect(screen.getByLabelText('hr').textContent).toBe('72');
    expect(renders.count).toBe(settled + 1);
  });
});

describe('shallowEqual', () => {
  it('shallowEqual(a, b) compares plain objects key by key and other values by identity', () => {
    expect(shallowEqual({ a: 1, b: 'x', c: null }, { a: 1, b: 'x', c: null })).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ a: {} }, { a: {} })).toBe(false);
    expect(shallowEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(shallowEqual<unknown>(null, {})).toBe(false);
  });
});

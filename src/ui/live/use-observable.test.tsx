// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { BehaviorSubject, Subject } from 'rxjs';
import { createSubscriptionCounter } from '../../pipeline/subscription-counter';
import { useObservable } from './use-observable';
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

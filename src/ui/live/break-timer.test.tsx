// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { BreakTimer } from './break-timer';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('BreakTimer', () => {
  it('BreakTimer counts down twenty minutes and says when the break is over', async () => {
    vi.useFakeTimers();
    let now = 0;
    const view = render(<BreakTimer floodedNames={['Sam']} nowMs={() => now} onEnd={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Time for a 20-minute break' })).toBeTruthy();
    expect(screen.getByText(/Sam is flooded/)).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('20:00');
    now = 61_000;
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByRole('timer').textContent).toBe('18:59');
    // Re-rendering (the live view does, several times a second) does not stop the clock.
    view.rerender(<BreakTimer floodedNames={['Sam']} nowMs={() => now} onEnd={() => undefined} />);
    now = 20 * 60_000;
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(screen.getByRole('timer').textContent).toBe('0:00');
    expect(screen.getByText('The break is over. Check in with each other when you are both ready.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('BreakTimer runs faster in a sped-up demo and can be restarted', async () => {
    vi.useFakeTimers();
    let now = 0;
    render(<BreakTimer floodedNames={['Sam', 'Alex']} speed={20} nowMs={() => now} />);
    expect(screen.getByText(/Sam and Alex are flooded/)).toBeTruthy();
    now = 30_000; // 10 minutes at 20×
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(screen.getByRole('timer').textContent).toBe('10:00');
    await act(async () => screen.getByRole('button', { name: 'Restart the timer' }).click());
    expect(screen.getByRole('timer').textContent).toBe('20:00');
  });
});

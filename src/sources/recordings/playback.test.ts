import { asyncScheduler } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkSpeed, startPlayback } from './playback';

describe('startPlayback', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function items(times: number[]) {
    const queue = times.map((tSec) => ({ tSec }));
    return () => queue.shift();
  }

  it('startPlayback(options) delivers each item when the clock reaches its event time divided by speed', async () => {
    const delivered: [number, number][] = [];
    const end = vi.fn();
    startPlayback({
      pull: items([1, 2, 4]),
      speed: 2,
      scheduler: asyncScheduler,
      fromSec: 0,
      deliver: (item) => delivered.push([item.tSec, Date.now()]),
      end,
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(delivered).toEqual([
      [1, 500],
      [2, 1000],
      [4, 2000],
    ]);
    expect(end).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('startPlayback(options) delivers items that fall due together in one turn, in order', async () => {
    const delivered: number[] = [];
    startPlayback({
      pull: items([0.001, 0.002, 0.003, 5]),
      speed: 1,
      scheduler: asyncScheduler,
      fromSec: 0,
      deliver: (i) => delivered.push(i.tSec),
      end: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(16);
    expect(delivered).toEqual([0.001, 0.002, 0.003]);
  });

  it('startPlayback(options).stop() stops delivering and returns the event time reached', async () => {
    const delivered: number[] = [];
    const playback = startPlayback({
      pull: items([101, 102, 103]),
      speed: 10,
      scheduler: asyncScheduler,
      fromSec: 100,
      deliver: (i) => delivered.push(i.tSec),
      end: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(150);
    expect(playback.stop()).toBeCloseTo(101.5, 9);
    expect(playback.stop()).toBeCloseTo(101.5, 9);
    await vi.advanceTimersByTimeAsync(1000);
    expect(delivered).toEqual([101]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('checkSpeed(speed, operation) accepts (0, 100000] and names the operation otherwise', () => {
    expect(checkSpeed(0.5, 'op')).toBe(0.5);
    expect(() => checkSpeed(Number.NaN, 'op')).toThrow('op: speed must be a number in (0, 100000], got NaN');
    expect(() => checkSpeed(1e6, 'op')).toThrow('op: speed must be a number in (0, 100000], got 1000000');
  });
});

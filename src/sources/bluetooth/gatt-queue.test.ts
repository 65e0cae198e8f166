import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asyncScheduler } from 'rxjs';
import { createGattQueue } from './gatt-queue';

describe('createGattQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('createGattQueue(scheduler, timeoutMs).run(label, op) runs operations one at a time, in order', async () => {
    const queue = createGattQueue(asyncScheduler, 1000);
    const log: string[] = [];
    const op = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          resolve(name);
        }, ms);
      });
    const results = Promise.all([queue.run('a', op('a', 300)), queue.run('b', op('b', 100)), queue.run('c', op('c', 10))]);
    await vi.advanceTimersByTimeAsync(500);
    expect(await results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('createGattQueue(scheduler, timeoutMs).run(label, op) rejects with "label: timed out" and lets the next one run', async () => {
    const queue = createGattQueue(asyncScheduler, 1000);
    const hung = queue.run('gatt.connect()', () => new Promise<never>(() => undefined));
    const next = queue.run('getPrimaryService(heart_rate)', async () => 'service');
    const hungResult = hung.catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await hungResult).toBe('gatt.connect(): timed out after 1000 ms');
    expect(await next).toBe('service');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('createGattQueue(scheduler, timeoutMs).run(label, op) passes a failure on and keeps going', async () => {
    const queue = createGattQueue(asyncScheduler, 1000);
    const failing = queue.run('startNotifications', () =>
      Promise.reject(new DOMException('GATT operation failed for unknown reason.', 'NetworkError')),
    );
    const throwing = queue.run('readValue', () => {
      throw new Error('readValue: not connected');
    });
    const fine = queue.run('ok', async () => 1);
    await expect(failing).rejects.toMatchObject({ name: 'NetworkError' });
    await expect(throwing).rejects.toThrow('readValue: not connected');
    await expect(fine).resolves.toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('createGattQueue(scheduler, timeoutMs).cancelPending() rejects queued operations without running them', async () => {
    const queue = createGattQueue(asyncScheduler, 1000);
    let resolveFirst: (v: string) => void = () => undefined;
    const first = queue.run('first', () => new Promise<string>((resolve) => (resolveFirst = resolve)));
    const ran = vi.fn(async () => 'second');
    const second = queue.run('second', ran);
    await vi.advanceTimersByTimeAsync(0);
    queue.cancelPending();
    resolveFirst('first');
    expect(await first).toBe('first');
    await expect(second).rejects.toThrow('second: cancelled');
    expect(ran).not.toHaveBeenCalled();
    await expect(queue.run('later', async () => 'later')).resolves.toBe('later');
  });

  it('createGattQueue(scheduler, timeoutMs) rejects a non-positive timeout', () => {
    expect(() => createGattQueue(asyncScheduler, 0)).toThrow('createGattQueue: timeoutMs must be > 0, got 0');
  });
});

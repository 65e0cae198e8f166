import { describe, expect, it } from 'vitest';
import { createReconnectPolicy } from './reconnect-policy';

describe('createReconnectPolicy', () => {
  it('delayBefore(attempt) doubles from 1 s up to 30 s by default', () => {
    const policy = createReconnectPolicy();
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => policy.delayBefore(attempt, false))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('delayBefore(attempt) is undefined after the last attempt (20 by default)', () => {
    expect(createReconnectPolicy().delayBefore(21, false)).toBeUndefined();
    const policy = createReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 400, maxAttempts: 3 });
    expect([1, 2, 3, 4].map((attempt) => policy.delayBefore(attempt, false))).toEqual([100, 200, 400, undefined]);
  });

  it('delayBefore(attempt, adapterOff) never runs out while Bluetooth is off, waiting the longest delay', () => {
    const policy = createReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 200, maxAttempts: 2 });
    expect(policy.delayBefore(3, true)).toBe(200);
    expect(policy.delayBefore(1000, true)).toBe(200);
  });
});

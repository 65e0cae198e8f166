import { describe, expect, it } from 'vitest';
import { createStaleWatchdog } from './stale-watchdog';

describe('createStaleWatchdog', () => {
  it('check(now) is fine until 5 s without a useful notification, then stale (defaults)', () => {
    const watchdog = createStaleWatchdog();
    watchdog.reset(1000);
    expect(watchdog.check(5999)).toBe('fine');
    expect(watchdog.check(6000)).toBe('stale');
    watchdog.useful(6500);
    expect(watchdog.check(7000)).toBe('fine');
  });

  it('check(now) asks for a reconnect after 30 s without any notification (defaults)', () => {
    const watchdog = createStaleWatchdog();
    watchdog.reset(0);
    expect(watchdog.check(29_999)).toBe('stale');
    expect(watchdog.check(30_000)).toBe('reconnect');
  });

  it('check(now) keeps a strap that is heard but sends nothing useful stale, never reconnected (the link is alive)', () => {
    const watchdog = createStaleWatchdog({ staleAfterMs: 1000, staleReconnectAfterMs: 3000 });
    watchdog.reset(0);
    for (let t = 500; t <= 10_000; t += 500) watchdog.heard(t);
    expect(watchdog.check(10_000)).toBe('stale');
  });

  it('reset(now) starts both silences over', () => {
    const watchdog = createStaleWatchdog({ staleAfterMs: 1000, staleReconnectAfterMs: 3000 });
    watchdog.reset(0);
    expect(watchdog.check(3000)).toBe('reconnect');
    watchdog.reset(3000);
    expect(watchdog.check(3500)).toBe('fine');
  });
});

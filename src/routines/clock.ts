/**
 * The player's only view of time. The app passes the wall clock; tests pass a virtual one.
 * Wall-clock milliseconds (not a monotonic counter) on purpose: after a phone sleeps, the wall clock
 * has moved on, so a routine shows the true time left instead of resuming where the tab froze.
 */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that moves only when told to (tests, demos). */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function createManualClock(startMs = 0): ManualClock {
  let now = startMs;
  return {
    nowMs: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

import type { SchedulerLike, Subscription } from 'rxjs';
import type { Beat } from '../../signal/types';

/** Shortest wait between two deliveries, ms: faster beats are delivered together (about 60 per second). */
const MIN_TICK_MS = 16;

export interface PlaybackOptions<T extends { readonly tSec: number }> {
  /** The next item in event-time order, or undefined at the end. */
  readonly pull: () => T | undefined;
  /** Event-time seconds per scheduler second (1 = real time). */
  readonly speed: number;
  readonly scheduler: SchedulerLike;
  /** Event time at which playback starts; items before it are delivered at once. */
  readonly fromSec: number;
  readonly deliver: (item: T) => void;
  readonly end: () => void;
}

export interface Playback {
  /** Stops delivering; returns the event time reached. Idempotent. */
  stop(): number;
  /** Event time now, by the scheduler's clock. */
  eventTimeSec(): number;
}

/**
 * Plays items stamped with event time on a scheduler, `speed` times faster than real time: an item
 * at event time t is delivered when the scheduler's clock reaches start + (t − fromSec) / speed.
 * Items that fall due together are delivered in one turn, in order.
 */
export function startPlayback<T extends { readonly tSec: number }>(options: PlaybackOptions<T>): Playback {
  const { scheduler, speed, fromSec } = options;
  const startMs = scheduler.now();
  const eventTimeSec = (): number => fromSec + ((scheduler.now() - startMs) / 1000) * speed;
  let next = options.pull();
  let task: Subscription | null = null;
  let stopped = false;

  const tick = (): void => {
    task = null;
    if (stopped) return;
    const now = eventTimeSec();
    while (next !== undefined && next.tSec <= now) {
      const item = next;
      next = options.pull();
      options.deliver(item);
      if (stopped) return;
    }
    if (next === undefined) {
      stopped = true;
      options.end();
      return;
    }
    const waitMs = ((next.tSec - now) / speed) * 1000;
    task = scheduler.schedule(tick, Math.max(MIN_TICK_MS, waitMs));
  };
  task = scheduler.schedule(tick, 0);

  return {
    stop() {
      stopped = true;
      task?.unsubscribe();
      task = null;
      return eventTimeSec();
    },
    eventTimeSec,
  };
}

/**
 * A source's `pull` for playback after a resume: the first beat it gives is marked `afterGap` when
 * `resumed` (the beats before it came before the pause), the rest as they are.
 */
export function markingResume(pull: () => Beat | undefined, resumed: boolean): () => Beat | undefined {
  let gap = resumed;
  return () => {
    const beat = pull();
    if (beat === undefined || !gap) return beat;
    gap = false;
    return { ...beat, afterGap: true };
  };
}

/** Checks a playback speed option: a finite number in (0, 100 000]. */
export function checkSpeed(speed: number, operation: string): number {
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100_000) {
    throw new Error(`${operation}: speed must be a number in (0, 100000], got ${speed}`);
  }
  return speed;
}

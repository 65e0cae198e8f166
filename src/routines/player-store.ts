/**
 * A small observable holder around the pure player, for the UI: it stamps each command with the
 * injected clock and tells subscribers when the state changed. It keeps no timer of its own;
 * whoever shows the player calls `tick()` (often, and on visibility changes).
 */
import type { Clock } from './clock';
import type { Plan } from './plan';
import { initialPlayerState, reducePlayer, type PlayerCommand, type PlayerState } from './player';
import type { GentlerOptionId } from './routine-schema';

export interface PlayerStore {
  readonly plan: Plan;
  readonly clock: Clock;
  getState(): PlayerState;
  send(command: PlayerCommand): PlayerState;
  tick(): PlayerState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createPlayerStore(plan: Plan, clock: Clock, option: GentlerOptionId = 'as-written'): PlayerStore {
  let state = initialPlayerState(clock.nowMs(), option);
  const listeners = new Set<() => void>();
  const send = (command: PlayerCommand): PlayerState => {
    const next = reducePlayer(plan, state, { ...command, atMs: clock.nowMs() });
    if (next !== state) {
      state = next;
      for (const listener of [...listeners]) listener();
    }
    return state;
  };
  return {
    plan,
    clock,
    getState: () => state,
    send,
    tick: () => send({ type: 'tick' }),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

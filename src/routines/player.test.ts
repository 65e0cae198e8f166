import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routineById } from './catalog';
import { buildPlan } from './plan';
import {
  activePrompts,
  currentStep,
  initialPlayerState,
  reducePlayer,
  timeLeft,
  touchNow,
  type PlayerCommand,
  type PlayerState,
} from './player';
import { createManualClock } from './clock';
import { createPlayerStore } from './player-store';
import { summariseRun } from './run-summary';
import type { GentlerOptionId } from './routine-schema';

const T0 = Date.UTC(2026, 10, 25, 20, 0, 0);
const reset = buildPlan(routineById('apology-reset'));
const reconnect = buildPlan(routineById('reconnect-flow'), { behaviour: 'checking my phone while you talked' });

/** Runs commands at the given virtual times (ms after T0). */
function run(plan = reset, events: [number, PlayerCommand][], start: PlayerState = initialPlayerState(T0)): PlayerState {
  return events.reduce((state, [atMs, command]) => reducePlayer(plan, state, { ...command, atMs: T0 + atMs }), start);
}

const yes: PlayerCommand = { type: 'consent', answer: 'yes' };
const no: PlayerCommand = { type: 'consent', answer: 'no' };
const tick: PlayerCommand = { type: 'tick' };

describe('reducePlayer: consent', () => {
  it('opens on the consent question with no step running and no touch', () => {
    const state = initialPlayerState(T0);
    expect(state.phase).toBe('consent');
    expect(touchNow(reset, state)).toBeNull();
  });

  it('starts the first step on the receiver’s yes', () => {
    const state = run(reset, [[2_000, yes]]);
    expect(state.phase).toBe('running');
    expect(state.firstStepAtMs).toBe(T0 + 2_000);
    expect(currentStep(reset, state).id).toBe('apology-reset/effleurage');
    expect(touchNow(reset, state)?.area).toBe('back');
  });

  it('consent refused: no step starts, whatever time passes or is pressed, until a gentler option gets a yes', () => {
    const afterNo = run(reset, [[1_000, no]]);
    expect(afterNo.phase).toBe('declined');
    const commands: fc.Arbitrary<PlayerCommand> = fc.constantFrom<PlayerCommand>(
      tick,
      { type: 'pause' },
      { type: 'resume' },
      { type: 'skip' },
      { type: 'back' },
      { type: 'boundary-reset' },
      { type: 'receiver-choice', choice: 'more-touch' },
      { type: 'choose-option', option: 'as-written' },
      yes,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3_600_000 }), commands), { maxLength: 30 }), (events) => {
        let state = afterNo;
        for (const [atMs, command] of events.sort((a, b) => a[0] - b[0])) {
          state = reducePlayer(reset, state, { ...command, atMs: T0 + 1_000 + atMs });
          expect(state.phase).toBe('declined');
          expect(touchNow(reset, state)).toBeNull();
          expect(state.firstStepAtMs).toBeNull();
        }
      }),
    );
  });

  it('after a no, the same option is never asked again; a gentler one is, and needs its own yes', () => {
    const afterNo = run(reset, [[1_000, no]]);
    expect(reducePlayer(reset, afterNo, { type: 'choose-option', option: 'as-written', atMs: T0 + 2_000 })).toBe(afterNo);
    const asking = run(reset, [[2_000, { type: 'choose-option', option: 'voice-only' }]], afterNo);
    expect(asking).toMatchObject({ phase: 'consent', option: 'voice-only' });
    const running = run(reset, [[3_000, yes]], asking);
    expect(running.phase).toBe('running');
    // Words only: every step runs, none touches.
    for (let atMs = 3_000; atMs < 3_000 + 300_000; atMs += 10_000) {
      expect(touchNow(reset, run(reset, [[atMs, tick]], running))).toBeNull();
    }
  });

  it('a refused option stays refused after a later yes to another, even from Stop', () => {
    const state = run(reset, [
      [1_000, no],
      [2_000, { type: 'choose-option', option: 'voice-only' }],
      [3_000, yes],
      [10_000, { type: 'stop' }],
    ]);
    expect(reducePlayer(reset, state, { type: 'choose-option', option: 'as-written', atMs: T0 + 11_000 })).toBe(state);
    expect(run(reset, [[11_000, { type: 'choose-option', option: 'voice-only' }]], state).phase).toBe('consent');
  });

  it('a second no (to a gentler option too) still starts nothing and remembers both', () => {
    const state = run(reset, [
      [1_000, no],
      [2_000, { type: 'choose-option', option: 'hands-only' }],
      [3_000, no],
      [60_000, tick],
    ]);
    expect(state).toMatchObject({ phase: 'declined', refused: ['as-written', 'hands-only'], firstStepAtMs: null });
  });

  it('skip and back cannot jump past the consent question', () => {
    const state = initialPlayerState(T0);
    expect(
      run(
        reset,
        [
          [1_000, { type: 'skip' }],
          [2_000, { type: 'back' }],
          [3_000, tick],
        ],
        state,
      ),
    ).toBe(state);
  });
});

describe('reducePlayer: timing', () => {
  it('a 5-minute routine ends at exactly 5:00 when ticks arrive every second', () => {
    let state = run(reset, [[0, yes]]);
    for (let atMs = 1_000; atMs <= 300_000 && state.phase !== 'done'; atMs += 1_000) state = run(reset, [[atMs, tick]], state);
    expect(state.phase).toBe('done');
    expect(state.endedAtMs! - state.firstStepAtMs!).toBe(300_000);
  });

  it('a 5-minute routine ends at 5:00 even with the clock jumping 60 s (background tab)', () => {
    let state = run(reset, [[0, yes]]);
    const seen: string[] = [];
    for (let atMs = 0; state.phase !== 'done'; atMs += 60_000) {
      state = run(reset, [[atMs, tick]], state);
      seen.push(state.phase === 'done' ? 'done' : currentStep(reset, state).id);
    }
    expect(seen).toEqual([
      'apology-reset/effleurage', // 0:00
      'apology-reset/kneading', // 1:00
      'apology-reset/kneading', // 2:00
      'apology-reset/palm-on-heart', // 3:00
      'apology-reset/palm-on-heart', // 4:00
      'done', // 5:00
    ]);
    expect(state).toMatchObject({ outcome: 'completed', stepsDone: 3 });
    expect(state.endedAtMs! - state.firstStepAtMs!).toBe(300_000);
  });

  it('a late tick that skips several steps still ends the run when the steps add up, not when it arrived', () => {
    const state = run(reset, [
      [0, yes],
      [61_000, tick],
      [122_000, tick],
      [367_000, tick], // the phone was locked for four minutes
    ]);
    expect(state.phase).toBe('done');
    expect(state.endedAtMs).toBe(T0 + 300_000);
  });

  it('lands a jump of 60 s in the right step with the right time left', () => {
    const state = run(reset, [
      [0, yes],
      [90_000, tick],
    ]);
    expect(currentStep(reset, state).id).toBe('apology-reset/kneading');
    expect(timeLeft(reset, state, T0 + 90_000)).toEqual({ stepElapsedMs: 30_000, stepLeftMs: 90_000, totalLeftMs: 210_000 });
  });

  it('pause holds time: an hour paused changes nothing, and the run ends 5:00 of running time later', () => {
    const paused = run(reset, [
      [0, yes],
      [45_000, { type: 'pause' }],
    ]);
    const anHourLater = run(reset, [[3_645_000, tick]], paused);
    expect(anHourLater).toBe(paused);
    expect(timeLeft(reset, anHourLater, T0 + 3_645_000)).toEqual({ stepElapsedMs: 45_000, stepLeftMs: 15_000, totalLeftMs: 255_000 });
    const resumed = run(reset, [[3_645_000, { type: 'resume' }]], anHourLater);
    expect(currentStep(reset, resumed).id).toBe('apology-reset/effleurage');
    const done = run(reset, [[3_645_000 + 255_000, tick]], resumed);
    expect(done.phase).toBe('done');
    expect(done.endedAtMs).toBe(T0 + 3_645_000 + 255_000);
  });

  it('pausing after a missed tick first moves to the step the time belongs to', () => {
    const state = run(reset, [
      [0, yes],
      [70_000, { type: 'pause' }],
    ]);
    expect(currentStep(reset, state).id).toBe('apology-reset/kneading');
    expect(state.stepElapsedMs).toBe(10_000);
  });

  it('skip starts the next step from its beginning; back returns to the previous one; skip from the last step completes', () => {
    let state = run(reset, [
      [0, yes],
      [10_000, { type: 'skip' }],
    ]);
    expect(currentStep(reset, state).id).toBe('apology-reset/kneading');
    expect(timeLeft(reset, state, T0 + 10_000).stepLeftMs).toBe(120_000);
    state = run(reset, [[20_000, { type: 'back' }]], state);
    expect(currentStep(reset, state).id).toBe('apology-reset/effleurage');
    expect(timeLeft(reset, state, T0 + 20_000).stepLeftMs).toBe(60_000);
    state = run(reset, [[21_000, { type: 'back' }]], state);
    expect(currentStep(reset, state).id).toBe('apology-reset/effleurage');
    state = run(
      reset,
      [
        [22_000, { type: 'skip' }],
        [23_000, { type: 'skip' }],
        [24_000, { type: 'skip' }],
      ],
      state,
    );
    expect(state).toMatchObject({ phase: 'done', outcome: 'completed', endedAtMs: T0 + 24_000 });
  });

  it('skip while paused stays paused at the start of the next step', () => {
    const state = run(reset, [
      [0, yes],
      [5_000, { type: 'pause' }],
      [6_000, { type: 'skip' }],
      [100_000, tick],
    ]);
    expect(state.phase).toBe('paused');
    expect(timeLeft(reset, state, T0 + 100_000).stepLeftMs).toBe(120_000);
  });

  it('a clock set backwards never shows more than the step’s own length', () => {
    const state = run(reset, [[10_000, yes]]);
    expect(timeLeft(reset, state, T0).stepLeftMs).toBe(60_000);
  });
});

describe('reducePlayer: stop / safe word', () => {
  const states: Record<string, PlayerState> = {
    consent: initialPlayerState(T0),
    declined: run(reset, [[1_000, no]]),
    running: run(reset, [
      [1_000, yes],
      [50_000, tick],
    ]),
    paused: run(reset, [
      [1_000, yes],
      [50_000, { type: 'pause' }],
    ]),
    boundary: run(reset, [
      [1_000, yes],
      [50_000, { type: 'boundary-reset' }],
    ]),
    stopped: run(reset, [
      [1_000, yes],
      [50_000, { type: 'stop' }],
    ]),
    'consent again': run(reset, [
      [1_000, yes],
      [50_000, { type: 'stop' }],
      [51_000, { type: 'choose-option', option: 'blanket' }],
    ]),
  };

  it.each(Object.entries(states))('stop works from %s: touch ends at once and nothing runs on', (_name, state) => {
    const stopped = reducePlayer(reset, state, { type: 'stop', atMs: T0 + 60_000 });
    expect(stopped.phase).toBe('stopped');
    expect(touchNow(reset, stopped)).toBeNull();
    // Time passing after a stop starts nothing.
    const later = reducePlayer(reset, stopped, { type: 'tick', atMs: T0 + 3_600_000 });
    expect(later).toBe(stopped);
  });

  it('stop after the run is done changes nothing', () => {
    const done = run(reset, [
      [0, yes],
      [300_000, tick],
    ]);
    expect(reducePlayer(reset, done, { type: 'stop', atMs: T0 + 301_000 })).toBe(done);
  });

  it('stop keeps the step and its time, so a gentler option after a fresh yes carries on from there', () => {
    const stopped = run(reset, [
      [0, yes],
      [90_000, { type: 'stop' }],
    ]);
    expect(stopped.stoppedFrom).toBe('running');
    const again = run(reset, [[120_000, { type: 'choose-option', option: 'hands-only' }]], stopped);
    expect(again.phase).toBe('consent');
    expect(touchNow(reset, again)).toBeNull();
    const resumed = run(reset, [[125_000, yes]], again);
    expect(currentStep(reset, resumed).id).toBe('apology-reset/kneading');
    expect(timeLeft(reset, resumed, T0 + 125_000).stepLeftMs).toBe(90_000);
    expect(touchNow(reset, resumed)).toMatchObject({ area: 'hands' });
  });

  it('offers holding hands or space instead: end ends the run as stopped with that aftercare', () => {
    const stopped = run(reset, [
      [0, yes],
      [90_000, { type: 'stop' }],
      [95_000, { type: 'end', aftercare: 'hold-hands' }],
    ]);
    expect(stopped).toMatchObject({ phase: 'done', outcome: 'stopped', aftercare: 'hold-hands', endedAtMs: T0 + 95_000, stepsDone: 1 });
  });

  it('end is refused while running: the way out of touch is always Stop first', () => {
    const running = run(reset, [[0, yes]]);
    expect(reducePlayer(reset, running, { type: 'end', aftercare: 'space', atMs: T0 + 1 })).toBe(running);
  });
});

describe('reducePlayer: boundary reset and the receiver’s choice', () => {
  it('the boundary reset stops touch, holds the timer, and switching to holding hands needs a yes', () => {
    const boundary = run(reset, [
      [0, yes],
      [30_000, { type: 'boundary-reset' }],
      [200_000, tick],
    ]);
    expect(boundary.phase).toBe('boundary');
    expect(touchNow(reset, boundary)).toBeNull();
    expect(timeLeft(reset, boundary, T0 + 200_000).stepLeftMs).toBe(30_000);
    const asking = run(reset, [[201_000, { type: 'choose-option', option: 'hands-only' }]], boundary);
    expect(asking).toMatchObject({ phase: 'consent', option: 'hands-only' });
  });

  it('the receiver’s choice is only taken once its prompt has appeared; space ends the run gently as completed', () => {
    const atHeart = run(reset, [
      [0, yes],
      [180_000, tick],
    ]);
    expect(reducePlayer(reset, atHeart, { type: 'receiver-choice', choice: 'talk', atMs: T0 + 181_000 })).toBe(atHeart);
    const talk = run(reset, [[196_000, { type: 'receiver-choice', choice: 'talk' }]], atHeart);
    expect(talk.receiverChoice).toBe('talk');
    expect(talk.phase).toBe('running');
    const space = run(reset, [[200_000, { type: 'receiver-choice', choice: 'space' }]], talk);
    expect(space).toMatchObject({ phase: 'done', outcome: 'completed', aftercare: 'space', receiverChoice: 'space' });
  });
});

describe('activePrompts', () => {
  it('shows the Reconnect Flow’s pressure check after each minute of the upper back, for 25 s', () => {
    const state = run(reconnect, [
      [0, yes],
      [240_000, tick],
    ]); // upper back starts at 4:00
    const at = (sec: number) => activePrompts(reconnect, state, T0 + 240_000 + sec * 1000).map((prompt) => prompt.kind);
    expect(at(30)).toEqual([]);
    expect(at(60)).toEqual(['pressure-check']);
    expect(at(84)).toEqual(['pressure-check']);
    expect(at(85)).toEqual([]);
    expect(at(185)).toEqual(['pressure-check']);
  });

  it('shows nothing outside running or paused', () => {
    expect(activePrompts(reset, initialPlayerState(T0), T0)).toEqual([]);
  });
});

describe('gentler options in the player', () => {
  it.each<[GentlerOptionId, string | null]>([
    ['as-written', 'chest'],
    ['blanket', 'chest'],
    ['knee', 'knee'],
    ['hands-only', 'hands'],
    ['voice-only', null],
  ])('the Apology Reset’s last step under %s touches %s', (option, area) => {
    const state = run(
      reset,
      [
        [0, yes],
        [200_000, tick],
      ],
      initialPlayerState(T0, option),
    );
    expect(touchNow(reset, state)?.area ?? null).toBe(area);
  });
});

describe('createPlayerStore', () => {
  it('stamps commands with the injected clock and notifies only on change', () => {
    const clock = createManualClock(T0);
    const store = createPlayerStore(reset, clock);
    const seen: string[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.getState().phase));
    store.tick();
    store.send(yes);
    clock.advance(60_000);
    store.tick();
    expect(seen).toEqual(['running', 'running']);
    expect(currentStep(reset, store.getState()).id).toBe('apology-reset/kneading');
    unsubscribe();
    store.send({ type: 'stop' });
    expect(seen).toHaveLength(2);
  });

  it('summarises a finished run for the history', () => {
    const clock = createManualClock(T0);
    const store = createPlayerStore(reconnect, clock, 'blanket');
    store.send(yes);
    clock.advance(900_000);
    store.tick();
    expect(summariseRun(reconnect, store.getState())).toEqual({
      routineId: 'reconnect-flow',
      startedAt: '2026-11-25T20:00:00.000Z',
      endedAt: '2026-11-25T20:15:00.000Z',
      outcome: 'completed',
      gentler: 'blanket',
      behaviour: 'checking my phone while you talked',
      withWarmUp: false,
      stepsDone: 5,
      stepsTotal: 5,
      receiverChoice: null,
      aftercare: null,
    });
  });

  it('summariseRun throws while the run is still going', () => {
    expect(() => summariseRun(reset, initialPlayerState(T0))).toThrow('summarise routine run: the run has not ended (it is consent)');
  });
});

describe('reducePlayer: safety properties over any sequence of events', () => {
  const anyCommand: fc.Arbitrary<PlayerCommand> = fc.oneof(
    fc.constantFrom<PlayerCommand>(
      tick,
      yes,
      no,
      { type: 'pause' },
      { type: 'resume' },
      { type: 'skip' },
      { type: 'back' },
      { type: 'stop' },
      { type: 'boundary-reset' },
      { type: 'receiver-choice', choice: 'talk' },
      { type: 'receiver-choice', choice: 'space' },
      { type: 'end', aftercare: 'hold-hands' },
    ),
    fc
      .constantFrom<GentlerOptionId>('as-written', 'blanket', 'knee', 'hands-only', 'voice-only')
      .map((option): PlayerCommand => ({ type: 'choose-option', option })),
  );
  const sequences = fc.array(fc.tuple(fc.integer({ min: 0, max: 120_000 }), anyCommand), { maxLength: 40 });

  it('touch happens only after a yes to the option in use, never to a refused one, and Stop always ends it', () => {
    fc.assert(
      fc.property(sequences, (events) => {
        let state = initialPlayerState(T0);
        let atMs = T0;
        let yesFor: GentlerOptionId | null = null;
        for (const [gapMs, command] of events) {
          atMs += gapMs;
          const before = state;
          state = reducePlayer(reset, state, { ...command, atMs });
          // Waiting on the question means any earlier yes no longer counts.
          if (state.phase === 'consent') yesFor = null;
          if (command.type === 'consent' && command.answer === 'yes' && before.phase === 'consent') yesFor = state.option;
          const touch = touchNow(reset, state);
          if (touch !== null) {
            expect(state.phase).toBe('running');
            expect(yesFor).toBe(state.option);
            expect(state.refused).not.toContain(state.option);
          }
          const stopped = reducePlayer(reset, state, { type: 'stop', atMs });
          expect(touchNow(reset, stopped)).toBeNull();
          expect(['stopped', 'done']).toContain(stopped.phase);
        }
      }),
    );
  });

  it('a run that completes never lasts more than its steps plus the time spent not running or gone back over', () => {
    // Where the run is in its plan, in ms from the start of the first step.
    const positionMs = (state: PlayerState, atMs: number): number => reset.totalSec * 1000 - timeLeft(reset, state, atMs).totalLeftMs;
    fc.assert(
      fc.property(sequences, (events) => {
        let state = initialPlayerState(T0);
        let atMs = T0;
        let notRunningMs = 0;
        // Back restarts a step (or the one before it): that time is played again, legitimately.
        let replayedMs = 0;
        for (const [gapMs, command] of events) {
          if (state.phase !== 'running' && state.firstStepAtMs !== null) notRunningMs += gapMs;
          atMs += gapMs;
          const before = positionMs(state, atMs);
          state = reducePlayer(reset, state, { ...command, atMs });
          if (state.phase !== 'done') replayedMs += Math.max(0, before - positionMs(state, atMs));
        }
        if (state.outcome === 'completed' && state.firstStepAtMs !== null) {
          expect(state.endedAtMs! - state.firstStepAtMs).toBeLessThanOrEqual(reset.totalSec * 1000 + notRunningMs + replayedMs);
        }
      }),
    );
  });

  it('the counterexample once found: back on the first step replays it, and ending on "space" stays within that', () => {
    const state = run(reset, [
      [0, yes],
      [40_779, { type: 'back' }],
      [300_001, { type: 'receiver-choice', choice: 'space' }],
    ]);
    expect(state.outcome).toBe('completed');
    expect(state.endedAtMs! - state.firstStepAtMs!).toBe(300_001);
  });
});

describe('reducePlayer: abandon', () => {
  it('abandon mid-step ends the run as stopped with the steps done so far and no aftercare', () => {
    const state = run(reset, [
      [0, yes],
      [1_000, { type: 'skip' }],
      [2_000, { type: 'abandon' }],
    ]);
    expect(state.phase).toBe('done');
    expect(state.outcome).toBe('stopped');
    expect(state.endedAtMs).toBe(T0 + 2_000);
    expect(state.aftercare).toBeNull();
    expect(touchNow(reset, state)).toBeNull();
    expect(summariseRun(reset, state)).toMatchObject({ outcome: 'stopped', stepsDone: 1, aftercare: null });
  });

  it('abandon after the run ended changes nothing', () => {
    const done = run(reset, [
      [0, yes],
      [0, { type: 'stop' }],
      [1_000, { type: 'end', aftercare: 'space' }],
    ]);
    expect(reducePlayer(reset, done, { type: 'abandon', atMs: T0 + 5_000 })).toBe(done);
  });
});

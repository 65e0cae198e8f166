/**
 * The routine player as a pure state machine: `reducePlayer(plan, state, event)` returns the next
 * state. Every event carries the clock time it happened at (`atMs`), and step timing is kept as
 * timestamps, never as counted ticks: a throttled background tab or a locked phone that delivers
 * one late tick lands in exactly the right step, and a routine ends exactly when its steps add up.
 *
 * Safety rules the machine enforces (not the UI):
 * - no step starts before the receiver's explicit yes for the current gentler option;
 * - after a no, the same option is never asked again in this run (only other, gentler ones);
 * - Stop works from every state and ends touch at once (`touchNow` is null outside `running`);
 * - a change of option always needs a fresh yes.
 */
import { resolveTouch, type ResolvedTouch } from './gentler';
import type { Plan, PlanStep } from './plan';
import type { GentlerOptionId, Prompt } from './routine-schema';

export type PlayerPhase =
  /** Waiting for the receiver's answer to the consent question. */
  | 'consent'
  /** The receiver said no: gentler options and other ways to repair are offered. */
  | 'declined'
  | 'running'
  | 'paused'
  /** Someone felt overwhelmed: touch has stopped, the timer holds, gentler options are offered. */
  | 'boundary'
  /** Stop / safe word: touch has ended; holding hands, space or a gentler option are offered. */
  | 'stopped'
  | 'done';

export type ReceiverChoice = 'talk' | 'more-touch' | 'space';
/** What the couple chose to do instead, after a stop or a no. */
export type Aftercare = 'hold-hands' | 'space' | 'other-ways';

export interface PlayerState {
  readonly phase: PlayerPhase;
  readonly option: GentlerOptionId;
  /** Options the receiver said no to in this run; never asked again. */
  readonly refused: readonly GentlerOptionId[];
  readonly stepIndex: number;
  /** While running: the clock time (ms) at which the current step began, shifted by pauses. */
  readonly stepStartMs: number | null;
  /** While not running: time already spent in the current step (ms). */
  readonly stepElapsedMs: number;
  /** When the player opened (the consent question was first shown). */
  readonly openedAtMs: number;
  /** When the first step began, after the first yes; null until then. */
  readonly firstStepAtMs: number | null;
  /** Steps the run got through (reached their end or were skipped past). */
  readonly stepsDone: number;
  readonly endedAtMs: number | null;
  readonly outcome: 'completed' | 'stopped' | null;
  readonly aftercare: Aftercare | null;
  readonly receiverChoice: ReceiverChoice | null;
  /** The phase Stop was pressed in (the stopped screen words itself by it). */
  readonly stoppedFrom: PlayerPhase | null;
}

export type PlayerCommand =
  | { type: 'consent'; answer: 'yes' | 'no' }
  | { type: 'tick' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'stop' }
  | { type: 'boundary-reset' }
  | { type: 'choose-option'; option: GentlerOptionId }
  | { type: 'receiver-choice'; choice: ReceiverChoice }
  | { type: 'end'; aftercare: Aftercare }
  /**
   * The player is leaving mid-run (the app moved to another screen): touch ends and the run is
   * kept as stopped, with no aftercare chosen, so a run is never lost without a summary.
   */
  | { type: 'abandon' };

export type PlayerEvent = PlayerCommand & { readonly atMs: number };

/** The state when the player opens: the consent question for `option`. */
export function initialPlayerState(atMs: number, option: GentlerOptionId = 'as-written'): PlayerState {
  return {
    phase: 'consent',
    option,
    refused: [],
    stepIndex: 0,
    stepStartMs: null,
    stepElapsedMs: 0,
    openedAtMs: atMs,
    firstStepAtMs: null,
    stepsDone: 0,
    endedAtMs: null,
    outcome: null,
    aftercare: null,
    receiverChoice: null,
    stoppedFrom: null,
  };
}

function durationMs(plan: Plan, index: number): number {
  return (plan.steps[index]?.durationSec ?? 0) * 1000;
}

/** Moves a running state forward to `atMs`, through as many steps as the time covers. */
function advance(plan: Plan, state: PlayerState, atMs: number): PlayerState {
  if (state.phase !== 'running' || state.stepStartMs === null) return state;
  let index = state.stepIndex;
  let startMs = state.stepStartMs;
  while (index < plan.steps.length && atMs - startMs >= durationMs(plan, index)) {
    startMs += durationMs(plan, index);
    index += 1;
  }
  if (index === state.stepIndex) return state;
  if (index >= plan.steps.length) {
    // The run ends when its steps add up, not when the late tick arrived.
    return finish(state, plan.steps.length, startMs, 'completed');
  }
  return { ...state, stepIndex: index, stepStartMs: startMs, stepsDone: Math.max(state.stepsDone, index) };
}

function finish(
  state: PlayerState,
  stepsDone: number,
  endedAtMs: number,
  outcome: 'completed' | 'stopped',
  aftercare: Aftercare | null = state.aftercare,
): PlayerState {
  return {
    ...state,
    phase: 'done',
    stepsDone,
    stepStartMs: null,
    endedAtMs,
    outcome,
    aftercare,
  };
}

/** Time spent in the current step at `atMs`, whatever the phase. */
export function stepElapsedMs(plan: Plan, state: PlayerState, atMs: number): number {
  const elapsed = state.phase === 'running' && state.stepStartMs !== null ? atMs - state.stepStartMs : state.stepElapsedMs;
  // A clock set backwards must not show more time left than the step has.
  return Math.min(Math.max(0, elapsed), durationMs(plan, state.stepIndex));
}

/** Holds the timer: running → a frozen state in `phase`. */
function hold(plan: Plan, state: PlayerState, atMs: number, phase: PlayerPhase): PlayerState {
  return { ...state, phase, stepElapsedMs: stepElapsedMs(plan, state, atMs), stepStartMs: null };
}

/** Moves to step `index` from its beginning, keeping running or paused. */
function goTo(plan: Plan, state: PlayerState, index: number, atMs: number): PlayerState {
  if (index >= plan.steps.length) return finish(state, plan.steps.length, atMs, 'completed');
  const target = Math.max(0, index);
  return {
    ...state,
    stepIndex: target,
    stepElapsedMs: 0,
    stepStartMs: state.phase === 'running' ? atMs : null,
    stepsDone: Math.max(state.stepsDone, target),
  };
}

/** The receiver-choice prompt of the current step, when it has appeared. */
export function openReceiverChoice(plan: Plan, state: PlayerState, atMs: number): Prompt | undefined {
  if (state.phase !== 'running' && state.phase !== 'paused') return undefined;
  const elapsedSec = stepElapsedMs(plan, state, atMs) / 1000;
  return plan.steps[state.stepIndex]?.prompts.find((prompt) => prompt.kind === 'receiver-choice' && prompt.atSec <= elapsedSec);
}

/**
 * The next state. Events that make no sense in the current phase (skip before consent, resume while
 * running, …) return the same state object, so callers can tell nothing happened.
 */
export function reducePlayer(plan: Plan, previous: PlayerState, event: PlayerEvent): PlayerState {
  const { atMs } = event;
  const state = advance(plan, previous, atMs);

  switch (event.type) {
    case 'tick':
      return state;

    case 'consent': {
      if (state.phase !== 'consent') return state;
      if (event.answer === 'no') {
        return { ...state, phase: 'declined', refused: [...new Set([...state.refused, state.option])] };
      }
      return {
        ...state,
        phase: 'running',
        stepStartMs: atMs - state.stepElapsedMs,
        firstStepAtMs: state.firstStepAtMs ?? atMs,
        stoppedFrom: null,
      };
    }

    case 'pause':
      return state.phase === 'running' ? hold(plan, state, atMs, 'paused') : state;

    case 'resume':
      return state.phase === 'paused' ? { ...state, phase: 'running', stepStartMs: atMs - state.stepElapsedMs } : state;

    case 'skip':
      return state.phase === 'running' || state.phase === 'paused' ? goTo(plan, state, state.stepIndex + 1, atMs) : state;

    case 'back':
      return state.phase === 'running' || state.phase === 'paused' ? goTo(plan, state, state.stepIndex - 1, atMs) : state;

    case 'stop':
      if (state.phase === 'done' || state.phase === 'stopped') return state;
      return { ...hold(plan, state, atMs, 'stopped'), stoppedFrom: state.phase };

    case 'boundary-reset':
      return state.phase === 'running' || state.phase === 'paused' ? hold(plan, state, atMs, 'boundary') : state;

    case 'choose-option': {
      const askable = state.phase === 'consent' || state.phase === 'stopped' || state.phase === 'boundary' || state.phase === 'declined';
      // A no stands for the rest of the run: that option is never offered again.
      if (!askable || state.refused.includes(event.option)) return state;
      // Any change, even back to the same touch after a stop, needs a fresh yes.
      return { ...state, phase: 'consent', option: event.option };
    }

    case 'receiver-choice': {
      if (!openReceiverChoice(plan, state, atMs)) return state;
      if (event.choice === 'space') {
        return finish({ ...state, receiverChoice: 'space' }, plan.steps.length, atMs, 'completed', 'space');
      }
      return { ...state, receiverChoice: event.choice };
    }

    case 'end': {
      if (state.phase === 'done' || state.phase === 'running' || state.phase === 'paused') return state;
      return finish(state, state.stepsDone, atMs, 'stopped', event.aftercare);
    }

    case 'abandon':
      return state.phase === 'done' ? state : finish(state, state.stepsDone, atMs, 'stopped');
  }
}

/** The step the player is on (the last one once done). */
export function currentStep(plan: Plan, state: PlayerState): PlanStep {
  const step = plan.steps[Math.min(state.stepIndex, plan.steps.length - 1)];
  if (!step) throw new Error('read routine step: the plan has no steps');
  return step;
}

/** Touch happening now: only while running, and as the current gentler option allows. */
export function touchNow(plan: Plan, state: PlayerState): ResolvedTouch | null {
  if (state.phase !== 'running') return null;
  return resolveTouch(currentStep(plan, state).touch, state.option);
}

/** Touch the current step asks for under the current option, whatever the phase (for display). */
export function stepTouch(plan: Plan, state: PlayerState): ResolvedTouch | null {
  return resolveTouch(currentStep(plan, state).touch, state.option);
}

export interface TimeLeft {
  readonly stepElapsedMs: number;
  readonly stepLeftMs: number;
  readonly totalLeftMs: number;
}

/** Time left in the step and in the whole plan at `atMs`. */
export function timeLeft(plan: Plan, state: PlayerState, atMs: number): TimeLeft {
  if (state.phase === 'done') return { stepElapsedMs: 0, stepLeftMs: 0, totalLeftMs: 0 };
  const live = advance(plan, state, atMs);
  if (live.phase === 'done') return { stepElapsedMs: 0, stepLeftMs: 0, totalLeftMs: 0 };
  const step = currentStep(plan, live);
  const elapsed = stepElapsedMs(plan, live, atMs);
  const stepLeftMs = step.durationSec * 1000 - elapsed;
  return {
    stepElapsedMs: elapsed,
    stepLeftMs,
    totalLeftMs: (plan.totalSec - step.offsetSec - step.durationSec) * 1000 + stepLeftMs,
  };
}

/** Prompts showing at `atMs`: appeared (`atSec` reached) and not yet expired (`forSec`). */
export function activePrompts(plan: Plan, state: PlayerState, atMs: number): Prompt[] {
  if (state.phase !== 'running' && state.phase !== 'paused') return [];
  const elapsedSec = stepElapsedMs(plan, state, atMs) / 1000;
  return currentStep(plan, state).prompts.filter(
    (prompt) => prompt.atSec <= elapsedSec && (prompt.forSec === undefined || elapsedSec < prompt.atSec + prompt.forSec),
  );
}

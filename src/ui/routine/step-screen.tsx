import type { ReactNode } from 'react';
import {
  GROUNDING_BREATH,
  activePrompts,
  currentStep,
  openReceiverChoice,
  stepTouch,
  timeLeft,
  type PlayerState,
  type PlayerStore,
  type Prompt,
} from '../../routines';
import { BreathingPacer } from './breathing-pacer';
import { describeDuration, formatClock, SPEAKER_LABEL } from './routine-format';

const PROMPT_LABEL: Record<Prompt['kind'], string> = {
  'pressure-check': 'Pressure check',
  'pause-and-listen': 'Pause and listen',
  'receiver-choice': 'Receiver’s choice',
  'breathe-together': 'Breathe together',
  reflect: 'Reflect',
  validate: 'Validate',
  'check-in': 'Check-in',
};

/**
 * A step under way (running or paused): time left, the touch, prompts, the receiver's choice, the
 * breathing pacer, the giver's and receiver's lines, and the step controls.
 */
export function StepScreen({
  store,
  state,
  now,
  heading,
  sound,
}: {
  store: PlayerStore;
  state: PlayerState;
  now: number;
  heading: ReactNode;
  sound: ReactNode;
}) {
  const plan = store.plan;
  const step = currentStep(plan, state);
  const left = timeLeft(plan, state, now);
  const touch = stepTouch(plan, state);
  const prompts = activePrompts(plan, state, now);
  const choice = openReceiverChoice(plan, state, now);
  const breathe = prompts.find((prompt) => prompt.kind === 'breathe-together');
  const paused = state.phase === 'paused';
  const index = plan.steps.indexOf(step);
  return (
    <div className="rt-screen">
      <p className="rt-muted">
        Step {index + 1} of {plan.steps.length}
        {step.routineId !== plan.routine.id ? ' · warm-up' : ''}
      </p>
      {heading}
      <div className="rt-time">
        <p role="timer" aria-label={`${describeDuration(left.stepLeftMs)} left in this step`} className="rt-time-step">
          {formatClock(left.stepLeftMs)}
        </p>
        <p className="rt-muted">
          left in this step · {formatClock(left.totalLeftMs)} in all{paused ? ' · paused' : ''}
        </p>
        <progress max={step.durationSec * 1000} value={left.stepElapsedMs} aria-label="Progress through this step" />
      </div>

      <div className={`rt-touch${touch ? '' : ' rt-touch-none'}`}>
        <h4>Touch</h4>
        <p>{touch ? touch.instruction : 'No touch in this step. Sit near each other.'}</p>
        {step.note && touch ? <p className="rt-note">{step.note}</p> : null}
      </div>

      {prompts.length > 0 ? (
        <div className="rt-prompts" role="status">
          {prompts.map((prompt) => (
            <div key={`${prompt.kind}-${prompt.atSec}`} className="rt-prompt" data-kind={prompt.kind}>
              <h4>{PROMPT_LABEL[prompt.kind]}</h4>
              <p>{prompt.text}</p>
            </div>
          ))}
        </div>
      ) : null}

      {choice ? (
        <fieldset className="rt-choice">
          <legend>Receiver, what feels safest next?</legend>
          {(['talk', 'more-touch', 'space'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={state.receiverChoice === value}
              onClick={() => store.send({ type: 'receiver-choice', choice: value })}
            >
              {value === 'talk' ? 'Talk' : value === 'more-touch' ? 'More touch' : 'Space'}
            </button>
          ))}
          {state.receiverChoice ? (
            <p className="rt-muted">
              {state.receiverChoice === 'talk' ? 'Talk: stay close and talk; the touch can rest.' : 'More touch: carry on gently.'}
            </p>
          ) : null}
        </fieldset>
      ) : null}

      {step.breathing ? <BreathingPacer elapsedMs={left.stepElapsedMs} pattern={step.breathing} moving={!paused} /> : null}
      {!step.breathing && breathe ? (
        // "Two slow breaths together": the same 4-1-6 pace, twice, from when the prompt appears.
        <BreathingPacer
          elapsedMs={left.stepElapsedMs - breathe.atSec * 1000}
          pattern={{ ...GROUNDING_BREATH, cycles: 2 }}
          moving={!paused}
        />
      ) : null}

      <ul className="rt-lines">
        {step.lines.map((line) => (
          <li key={line.id} className="rt-line" data-speaker={line.speaker} data-kind={line.kind}>
            <span className="rt-role">
              {SPEAKER_LABEL[line.speaker]}
              {line.kind === 'say' ? ' says' : ''}
            </span>
            {line.kind === 'say' ? <q>{line.text}</q> : <span>{line.text}</span>}
          </li>
        ))}
      </ul>

      <div className="rt-controls" role="group" aria-label="Step controls">
        <button type="button" onClick={() => store.send({ type: 'back' })}>
          Back one step
        </button>
        {paused ? (
          <button type="button" onClick={() => store.send({ type: 'resume' })}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => store.send({ type: 'pause' })}>
            Pause
          </button>
        )}
        <button type="button" onClick={() => store.send({ type: 'skip' })}>
          Skip this step
        </button>
        <button type="button" onClick={() => store.send({ type: 'boundary-reset' })}>
          I feel overwhelmed (boundary reset)
        </button>
        {sound}
      </div>
    </div>
  );
}

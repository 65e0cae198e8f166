import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  GENTLER_OPTIONS,
  GROUNDING_BREATH,
  SAFETY,
  activePrompts,
  consentFor,
  currentStep,
  gentlerOption,
  openReceiverChoice,
  stepTouch,
  summariseRun,
  timeLeft,
  type Chime,
  type GentlerOptionId,
  type PlayerState,
  type PlayerStore,
  type Prompt,
  type RoutineRunSummary,
  type SpeechGuide,
  type VoiceClipStore,
} from '../../routines';
import { BreathingPacer } from './breathing-pacer';
import { describeDuration, formatClock, SPEAKER_LABEL } from './format';
import type { RunSettings } from './guidance';
import { useVoiceGuide } from './use-voice-guide';
import { useWakeLock } from './use-wake-lock';
import { usePromptCues } from './use-prompt-cues';

/** How often the screen refreshes the time left. The timing itself comes from timestamps. */
const REFRESH_MS = 250;

export interface RoutinePlayerProps {
  readonly store: PlayerStore;
  readonly settings: RunSettings;
  readonly unlocked: boolean;
  readonly speech: SpeechGuide;
  readonly chime: Chime;
  readonly voiceClips?: VoiceClipStore;
  readonly onFinished: (run: RoutineRunSummary) => void;
  readonly onClose: () => void;
}

const PROMPT_LABEL: Record<Prompt['kind'], string> = {
  'pressure-check': 'Pressure check',
  'pause-and-listen': 'Pause and listen',
  'receiver-choice': 'Receiver’s choice',
  'breathe-together': 'Breathe together',
  reflect: 'Reflect',
  validate: 'Validate',
  'check-in': 'Check-in',
};

/** Re-renders every REFRESH_MS and ticks the store, also the moment the tab becomes visible again. */
function useClockTicks(store: PlayerStore, active: boolean): number {
  const [now, setNow] = useState(() => store.clock.nowMs());
  useEffect(() => {
    if (!active) return undefined;
    const refresh = () => {
      store.tick();
      setNow(store.clock.nowMs());
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [store, active]);
  return now;
}

function stopLabel(settings: RunSettings): string {
  return settings.safeWord.trim() ? `Stop — safe word “${settings.safeWord.trim()}”` : 'Stop — safe word';
}

/**
 * The routine player: the consent question, then step by step with time left, the giver's and
 * receiver's lines, the touch, prompts and the breathing pacer. A large Stop is on every screen
 * (Escape works too) and ends touch at once.
 */
export function RoutinePlayer({ store, settings, unlocked, speech, chime, voiceClips, onFinished, onClose }: RoutinePlayerProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const plan = store.plan;
  const running = state.phase === 'running';
  const now = useClockTicks(store, running || state.phase === 'paused');
  const step = currentStep(plan, state);
  const headingId = useId();
  const focusRef = useRef<HTMLHeadingElement>(null);

  // Escape is the keyboard safe word, from anywhere on the page while the player is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') store.send({ type: 'stop' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);

  // The chime can be muted mid-run too: a sound that felt fine at the start may not later.
  const [chimeOn, setChimeOn] = useState(settings.chime);

  // A soft chime when a step begins (not on the first, which the yes starts) and when the run completes.
  const lastStep = useRef<string | null>(null);
  useEffect(() => {
    const key = state.phase === 'done' ? 'done' : running ? step.id : null;
    if (key === null) return;
    if (lastStep.current !== null && lastStep.current !== key && chimeOn && (key !== 'done' || state.outcome === 'completed')) {
      chime.play();
    }
    lastStep.current = key;
  }, [state.phase, state.outcome, running, step.id, chimeOn, chime]);

  // Move focus to the new screen's heading when the screen changes, so keyboard and screen-reader
  // users land on what is new (the Stop button stays one Tab away). Pause and resume keep the same
  // screen, and the focus stays on the button that was pressed.
  const screenKey = state.phase === 'paused' ? 'running' : state.phase;
  useEffect(() => {
    focusRef.current?.focus();
  }, [screenKey]);

  useWakeLock(state.phase === 'running' || state.phase === 'paused');

  const reported = useRef(false);
  useEffect(() => {
    if (state.phase === 'done' && !reported.current) {
      reported.current = true;
      onFinished(summariseRun(plan, state));
    }
  }, [state, plan, onFinished]);

  const touch = stepTouch(plan, state);
  useVoiceGuide({
    mode: settings.guide,
    speech,
    voiceClips,
    voiceUri: settings.voiceUri,
    rate: settings.rate,
    step: running ? step : null,
    touchText: touch?.instruction ?? null,
  });

  usePromptCues({
    prompts: running ? activePrompts(plan, state, now) : [],
    stepId: step.id,
    chime: chimeOn ? chime : null,
    speech: settings.guide === 'off' ? null : speech,
    voiceUri: settings.voiceUri,
    rate: settings.rate,
  });

  const send = store.send;
  const phaseHeading = (text: string) => (
    <h3 ref={focusRef} tabIndex={-1} className="rt-phase-heading">
      {text}
    </h3>
  );

  return (
    <section className="rt-player" aria-labelledby={headingId} data-phase={state.phase}>
      <header className="rt-player-header">
        <div>
          <h2 id={headingId}>{plan.routine.title}</h2>
          <p className="rt-muted">
            {gentlerOption(state.option).label}
            {plan.withWarmUp ? ' · with the warm-up' : ''}
          </p>
        </div>
        {/* On every screen; once touch has ended it stays, disabled, saying so. */}
        <button
          type="button"
          className="rt-stop"
          aria-keyshortcuts="Escape"
          disabled={state.phase === 'stopped' || state.phase === 'done'}
          onClick={() => send({ type: 'stop' })}
        >
          {state.phase === 'stopped' ? 'Stopped' : state.phase === 'done' ? 'Ended' : stopLabel(settings)}
        </button>
      </header>

      <p className="rt-visually-hidden" aria-live="polite">
        {announce(state, step.title)}
      </p>

      {!unlocked && state.phase !== 'done' && state.phase !== 'stopped' ? (
        <p className="rt-notice" role="status">
          The readiness gate is no longer green: one of you may be getting upset. It is fine to pause, use the boundary
          reset, or stop.
        </p>
      ) : null}

      {state.phase === 'consent' ? (
        <ConsentScreen state={state} store={store} heading={phaseHeading('Before any touch: ask first')} />
      ) : null}

      {state.phase === 'declined' ? (
        <div className="rt-screen">
          {phaseHeading('That’s okay. No touch will happen.')}
          <p>Either of you may decline, without a reason. Repair can happen in other ways too.</p>
          <OptionButtons
            title="Would something gentler be welcome?"
            exclude={state.refused}
            verb="Try"
            onChoose={(option) => send({ type: 'choose-option', option })}
          />
          <OtherWays />
          <div className="rt-actions">
            <button type="button" onClick={() => send({ type: 'end', aftercare: 'space' })}>
              Take some space
            </button>
            <button type="button" onClick={() => send({ type: 'end', aftercare: 'other-ways' })}>
              End here
            </button>
          </div>
        </div>
      ) : null}

      {state.phase === 'running' || state.phase === 'paused' ? (
        <StepScreen
          store={store}
          state={state}
          now={now}
          heading={phaseHeading(step.title)}
          sound={
            <button type="button" aria-pressed={chimeOn} onClick={() => setChimeOn((on) => !on)}>
              Step chime
            </button>
          }
        />
      ) : null}

      {state.phase === 'boundary' ? (
        <div className="rt-screen">
          {phaseHeading('Boundary reset: touch has stopped')}
          <blockquote className="rt-quote">
            <p>{SAFETY.boundaryLine}</p>
          </blockquote>
          <p>Giver: stop any touch now, and do not ask why. The timer is holding.</p>
          {state.refused.includes('hands-only') ? null : (
            <div className="rt-actions">
              <button type="button" className="rt-primary" onClick={() => send({ type: 'choose-option', option: 'hands-only' })}>
                Switch to holding hands
              </button>
            </div>
          )}
          <OptionButtons
            title="Or carry on another way (after a new yes):"
            exclude={['hands-only', ...state.refused]}
            verb="Carry on"
            current={state.option}
            onChoose={(option) => send({ type: 'choose-option', option })}
          />
        </div>
      ) : null}

      {state.phase === 'stopped' ? (
        <div className="rt-screen">
          {state.firstStepAtMs === null ? (
            <>
              {phaseHeading('Stopped. Nothing has started.')}
              <p>Would you like to hold hands instead, or take some space?</p>
            </>
          ) : (
            <>
              {phaseHeading('Stopped. Touch has ended.')}
              <p>Hands off, gently. Would you like to hold hands instead, or take some space?</p>
            </>
          )}
          <div className="rt-actions">
            <button type="button" className="rt-primary" onClick={() => send({ type: 'end', aftercare: 'hold-hands' })}>
              Hold hands instead
            </button>
            <button type="button" onClick={() => send({ type: 'end', aftercare: 'space' })}>
              Take some space
            </button>
          </div>
          <OptionButtons
            title={
              state.firstStepAtMs === null
                ? 'Or begin another way (after a yes):'
                : 'Or carry on more gently, from where you stopped (after a new yes):'
            }
            exclude={state.refused}
            verb="Carry on"
            current={state.option}
            onChoose={(option) => send({ type: 'choose-option', option })}
          />
        </div>
      ) : null}

      {state.phase === 'done' ? <DoneScreen state={state} store={store} heading={phaseHeading} onClose={onClose} /> : null}
    </section>
  );
}

function announce(state: PlayerState, stepTitle: string): string {
  switch (state.phase) {
    case 'consent':
      return 'Waiting for the receiver’s answer.';
    case 'declined':
      return 'No touch. Other options are offered.';
    case 'running':
      return `Now: ${stepTitle}.`;
    case 'paused':
      return 'Paused.';
    case 'boundary':
      return 'Boundary reset. Touch has stopped.';
    case 'stopped':
      return 'Stopped. Touch has ended.';
    case 'done':
      return state.outcome === 'completed' ? 'Finished.' : 'Ended.';
  }
}

function ConsentScreen({ state, store, heading }: { state: PlayerState; store: PlayerStore; heading: ReactNode }) {
  const consent = consentFor(store.plan.routine, state.option, store.plan.warmUp);
  return (
    <div className="rt-screen">
      {heading}
      <p className="rt-role">Giver, ask slowly:</p>
      <blockquote className="rt-quote">
        <p>{consent.question}</p>
      </blockquote>
      <p>
        <span className="rt-muted">What the yes is to: </span>
        {consent.agreeingTo}
      </p>
      <p className="rt-role">Receiver: only a clear yes starts. “No” or “not now” is always fine.</p>
      <div className="rt-actions">
        <button type="button" className="rt-primary" onClick={() => store.send({ type: 'consent', answer: 'yes' })}>
          Receiver: yes, I agree
        </button>
        <button type="button" onClick={() => store.send({ type: 'consent', answer: 'no' })}>
          Receiver: no, not now
        </button>
      </div>
    </div>
  );
}

function StepScreen({
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
        <BreathingPacer elapsedMs={left.stepElapsedMs - breathe.atSec * 1000} pattern={{ ...GROUNDING_BREATH, cycles: 2 }} moving={!paused} />
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

function OptionButtons({
  title,
  exclude,
  verb,
  current,
  onChoose,
}: {
  title: string;
  exclude: readonly GentlerOptionId[];
  verb: string;
  current?: GentlerOptionId;
  onChoose: (option: GentlerOptionId) => void;
}) {
  const options = GENTLER_OPTIONS.filter((option) => !exclude.includes(option.id));
  if (options.length === 0) return null;
  return (
    <div className="rt-options">
      <p>{title}</p>
      <ul>
        {options.map((option) => (
          <li key={option.id}>
            <button type="button" onClick={() => onChoose(option.id)}>
              {option.id === current ? `${verb} as before (${option.label.toLowerCase()})` : `${verb}: ${option.label.toLowerCase()}`}
            </button>
            <span className="rt-muted"> {option.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function OtherWays() {
  return (
    <div className="rt-other-ways">
      <p>Other ways to repair:</p>
      <ul>
        {SAFETY.otherWays.map((way) => (
          <li key={way}>{way}</li>
        ))}
      </ul>
    </div>
  );
}

function DoneScreen({
  state,
  store,
  heading,
  onClose,
}: {
  state: PlayerState;
  store: PlayerStore;
  heading: (text: string) => ReactNode;
  onClose: () => void;
}) {
  const routine = store.plan.routine;
  const [handsSince] = useState(() => store.clock.nowMs());
  const now = useClockTicks(store, state.aftercare === 'hold-hands');
  return (
    <div className="rt-screen">
      {state.outcome === 'completed' && state.aftercare !== 'space' ? heading('Finished. Thank you both.') : null}
      {state.aftercare === 'space' ? heading('Take the space you need.') : null}
      {state.aftercare === 'hold-hands' ? heading('Hold hands, and breathe slowly together.') : null}
      {state.outcome === 'stopped' && state.aftercare === 'other-ways' ? heading('Ended here. That is okay.') : null}

      {state.aftercare === 'hold-hands' ? (
        <>
          <p>Nothing else needs to happen now. Follow the circle if it helps.</p>
          <BreathingPacer elapsedMs={now - handsSince} pattern={{ inSec: 4, holdSec: 1, outSec: 6 }} moving />
        </>
      ) : null}
      {state.aftercare === 'space' ? (
        <p>Agree when you will come back to it, and keep to it. Repair can also happen in writing, in therapy, or with time.</p>
      ) : null}
      {state.aftercare === 'other-ways' ? <OtherWays /> : null}
      {state.outcome === 'completed' && routine.closing ? <p>{routine.closing}</p> : null}
      <div className="rt-actions">
        <button type="button" className="rt-primary" onClick={onClose}>
          Back to the routines
        </button>
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import {
  SAFETY,
  activePrompts,
  currentStep,
  gentlerOption,
  stepTouch,
  summariseRun,
  type Chime,
  type PlayerState,
  type PlayerStore,
  type RoutineRunSummary,
  type SpeechGuide,
  type VoiceClipStore,
} from '../../routines';
import type { RunSettings } from './guidance';
import { ConsentScreen, DoneScreen, OptionButtons, OtherWays } from './player-screens';
import { StepScreen } from './step-screen';
import { useClockTicks } from './use-clock-ticks';
import { useVoiceGuide } from './use-voice-guide';
import { useWakeLock } from './use-wake-lock';
import { usePromptCues } from './use-prompt-cues';

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
          The readiness gate is no longer green: one of you may be getting upset. It is fine to pause, use the boundary reset, or stop.
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

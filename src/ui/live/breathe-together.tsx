import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createChime, createSpeechGuide, type Chime, type SpeechGuide } from '../../routines';
import { formatPace, GROUNDING_BREATHS_PER_MIN, PACER_MAX_PER_MIN, PACER_MIN_PER_MIN, type SharedPacer } from '../../session/shared-pacer';
import type { PartnerId } from '../../signal/types';
import type { TogetherReadings } from '../../session/together-state';
import { PacerFocus } from './pacer-focus';
import { paceWords, SILENT, StablePacerVisual, vibrationAvailable, type PacerCues } from './pacer-visual';
import { useObservable } from './use-observable';
import { useWakeLock } from './wake-lock';

export interface BreatheTogetherProps {
  readonly pacer: SharedPacer;
  /** Why the pacer cannot start now (a calibration records natural breathing), or null. */
  readonly blockedBecause: string | null;
  /** A flooded break is on: the pacer stays, for each of you to breathe with on your own. */
  readonly duringBreak?: boolean;
  /** The shared co-regulation reading, placed under the pacer by the view. */
  readonly children?: React.ReactNode;
  /** The focus view is open (the view opens it from its "Breathe together" control). */
  readonly focusOpen?: boolean;
  /** Closes the focus view (Back, Escape); the pacer keeps running. */
  readonly onCloseFocus?: () => void;
  /** The session's readings, for the focus view's marks and co-regulation line. */
  readonly together?: TogetherReadings;
  /** The partners' names, for the focus view's marks. */
  readonly names?: Readonly<Record<PartnerId, string>>;
}

const DEFAULT_NAMES: Readonly<Record<PartnerId, string>> = { a: 'Partner A', b: 'Partner B' };

type PaceChoice = 'grounding' | 'six' | 'own';

function choiceOf(breathsPerMin: number): PaceChoice {
  if (Math.abs(breathsPerMin - GROUNDING_BREATHS_PER_MIN) < 1e-9) return 'grounding';
  return breathsPerMin === 6 ? 'six' : 'own';
}

/**
 * Breathe together: one breathing pacer for both partners on the settle screen — the article's
 * 4-1-6 grounding breath by default, 6 a minute, or the couple's own pace from 4 to 7 a minute —
 * with an optional soft chime at each phase and an optional spoken count. The pacer lives in the
 * session; this only shows it and sends the couple's choices. It never changes what opens the gate.
 */
export function BreatheTogether({
  pacer,
  blockedBecause,
  duringBreak = false,
  children,
  focusOpen = false,
  onCloseFocus,
  together,
  names = DEFAULT_NAMES,
}: BreatheTogetherProps) {
  const state = useObservable(pacer.state$, pacer.current());
  const headingId = useId();
  const hintId = useId();
  const [choice, setChoice] = useState<PaceChoice>(() => choiceOf(state.breathsPerMin));
  const [ownPace, setOwnPace] = useState(() => (choiceOf(state.breathsPerMin) === 'own' ? state.breathsPerMin : 5));
  const [chimeOn, setChimeOn] = useState(false);
  const [countOn, setCountOn] = useState(false);
  const [vibrateOn, setVibrateOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chime = useRef<Chime | null>(null);
  const voice = useRef<SpeechGuide | null>(null);

  useEffect(
    () => () => {
      chime.current?.close();
      voice.current?.cancel();
    },
    [],
  );

  const choose = (next: PaceChoice, own = ownPace) => {
    setChoice(next);
    const pace = next === 'grounding' ? GROUNDING_BREATHS_PER_MIN : next === 'six' ? 6 : own;
    try {
      pacer.setRate(pace);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const toggleChime = (on: boolean) => {
    setChimeOn(on);
    if (on) {
      // Web Audio may sound only after a gesture: this click primes it.
      chime.current ??= createChime();
      chime.current.prime();
    }
  };
  const toggleCount = (on: boolean) => {
    setCountOn(on);
    if (on) voice.current ??= createSpeechGuide();
    else voice.current?.cancel();
  };
  const startStop = () => {
    if (state.running) {
      pacer.stop();
      voice.current?.cancel();
      return;
    }
    if (chimeOn) chime.current?.prime();
    pacer.start();
  };
  const speechAvailable = typeof globalThis.speechSynthesis !== 'undefined';
  // While the pacer runs the screen stays awake, in the focus view or not.
  useWakeLock(state.running);
  // One set of cues at a time: the focus view's while it is open, else the card's.
  const cues = useMemo<PacerCues>(
    () => ({ chime: chimeOn ? chime.current : null, voice: countOn ? voice.current : null, vibrate: vibrateOn }),
    [chimeOn, countOn, vibrateOn],
  );

  return (
    <section
      className="together-pacer"
      aria-labelledby={headingId}
      data-testid="pacer"
      data-rate={formatPace(state.breathsPerMin)}
      data-running={String(state.running)}
    >
      <h2 id={headingId}>{duringBreak ? 'Slow breathing during the break' : 'Breathe together'}</h2>
      <p className="together-pacer__intro" id={hintId}>
        {duringBreak
          ? 'During the break, breathe with the pacer on your own if it helps. Breathing together is for after the break.'
          : 'One slow breath for both of you, side by side. It is optional: the routines open when each of you is calm, paced or not.'}
      </p>
      <StablePacerVisual state={state} cues={focusOpen ? SILENT : cues} />
      <fieldset className="together-pacer__pace">
        <legend>Pace</legend>
        <label>
          <input type="radio" name={`${headingId}-pace`} checked={choice === 'grounding'} onChange={() => choose('grounding')} /> In 4, hold
          1, out 6 (about 5.5 a minute)
        </label>
        <label>
          <input type="radio" name={`${headingId}-pace`} checked={choice === 'six'} onChange={() => choose('six')} /> 6 a minute (in 4, out
          6)
        </label>
        <label>
          <input type="radio" name={`${headingId}-pace`} checked={choice === 'own'} onChange={() => choose('own')} /> Your own pace
        </label>
        <label className="together-pacer__own">
          <span>
            Your pace: {paceWords(ownPace)} ({PACER_MIN_PER_MIN}–{PACER_MAX_PER_MIN})
          </span>
          <input
            type="range"
            min={PACER_MIN_PER_MIN}
            max={PACER_MAX_PER_MIN}
            step={0.5}
            value={ownPace}
            disabled={choice !== 'own'}
            aria-valuetext={paceWords(ownPace)}
            onChange={(event) => {
              const pace = Number(event.target.value);
              setOwnPace(pace);
              choose('own', pace);
            }}
          />
        </label>
      </fieldset>
      <div className="together-pacer__options">
        <label>
          <input type="checkbox" checked={chimeOn} onChange={(event) => toggleChime(event.target.checked)} /> Soft chime at each breath
        </label>
        {speechAvailable ? (
          <label>
            <input type="checkbox" checked={countOn} onChange={(event) => toggleCount(event.target.checked)} /> Count aloud
          </label>
        ) : null}
        {vibrationAvailable() ? (
          <label>
            <input type="checkbox" checked={vibrateOn} onChange={(event) => setVibrateOn(event.target.checked)} /> Vibrate at each breath
          </label>
        ) : null}
      </div>
      <button
        type="button"
        className={state.running ? undefined : 'primary'}
        onClick={startStop}
        disabled={!state.running && blockedBecause !== null}
        aria-describedby={hintId}
      >
        {state.running ? 'Stop the pacer' : duringBreak ? 'Start the pacer' : 'Start breathing together'}
      </button>
      {blockedBecause !== null && !state.running ? <p className="together-pacer__note">{blockedBecause}</p> : null}
      <p role="status" className="visually-hidden">
        {state.running ? `Pacer on, ${paceWords(state.breathsPerMin)}.` : 'Pacer off.'}
      </p>
      {error ? (
        <p role="alert" className="together-pacer__error">
          {error}
        </p>
      ) : null}
      {children}
      {focusOpen ? (
        <PacerFocus
          state={state}
          cues={cues}
          together={together}
          names={names}
          blockedBecause={blockedBecause}
          vibrate={vibrateOn}
          onVibrate={setVibrateOn}
          onStartStop={startStop}
          onBack={() => onCloseFocus?.()}
        />
      ) : null}
    </section>
  );
}

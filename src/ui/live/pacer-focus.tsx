import { useEffect, useId, useRef } from 'react';
import type { Observable } from 'rxjs';
import type { RhythmState } from '../../signal/coherence';
import { PARTNERS, type PartnerId } from '../../signal/types';
import type { PacerState } from '../../session/shared-pacer';
import type { CoregulationView, RhythmView, TogetherReadings } from '../../session/together-state';
import { paceWords, StablePacerVisual, vibrationAvailable, type PacerCues } from './pacer-visual';
import { describeCoregulation } from './together-readings';
import { useObservable } from './use-observable';

/** A partner's rhythm as a quiet mark beside the orb: a shape and two or three words. */
const MARKS: Record<RhythmState, { symbol: string; words: string }> = {
  following: { symbol: '●', words: 'following' },
  'not-following': { symbol: '○', words: 'not yet' },
  unknown: { symbol: '◌', words: "can't tell" },
};

function RhythmMark({ id, name, rhythm$, initial }: { id: PartnerId; name: string; rhythm$: Observable<RhythmView>; initial: RhythmView }) {
  const view = useObservable(rhythm$, initial);
  const mark = MARKS[view.state];
  return (
    <li className={`pacer-focus__mark pacer-focus__mark--${id}`} data-testid={`rhythm-${id}`} data-state={view.state}>
      <span className="pacer-focus__mark-symbol" aria-hidden="true">
        {mark.symbol}
      </span>{' '}
      <span className="pacer-focus__mark-name">{name}</span>: {mark.words}
      {view.hrOnly ? <span className="visually-hidden"> (heart rate only)</span> : null}
    </li>
  );
}

function CoregulationLine({ coregulation$, initial }: { coregulation$: Observable<CoregulationView>; initial: CoregulationView }) {
  const view = useObservable(coregulation$, initial);
  return (
    <p className="pacer-focus__together" data-testid="focus-coregulation" data-state={view.state}>
      The two of you: <strong>{describeCoregulation(view).label}</strong>
    </p>
  );
}

export interface PacerFocusProps {
  readonly state: PacerState;
  readonly cues: PacerCues;
  /** The session's readings: each partner's rhythm and the pair's co-regulation; absent, none shown. */
  readonly together?: TogetherReadings;
  readonly names: Readonly<Record<PartnerId, string>>;
  /** Why the pacer cannot start now, or null. */
  readonly blockedBecause: string | null;
  readonly vibrate: boolean;
  readonly onVibrate: (on: boolean) => void;
  readonly onStartStop: () => void;
  /** Leaves the focus view; the pacer keeps running. */
  readonly onBack: () => void;
}

/**
 * Breathing together as the whole screen: a large orb (or, under reduced motion, only words), the
 * phase and count in words, each partner's rhythm as a quiet mark, co-regulation in one line, and
 * Stop and Back always in view at the bottom. A modal dialog: the rest of the page is inert while
 * it is open, Escape goes back, and focus returns where it was. Going back leaves the pacer running.
 */
export function PacerFocus({ state, cues, together, names, blockedBecause, vibrate, onVibrate, onStartStop, onBack }: PacerFocusProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const back = useRef(onBack);
  back.current = onBack;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // showModal puts the dialog in the top layer and makes the page behind it inert; where it is
    // missing (older test DOMs) the dialog is simply open.
    if (typeof element.showModal === 'function' && !element.open) element.showModal();
    else element.setAttribute('open', '');
    // The one action most wanted here first: focus starts on Stop (or Start).
    primary.current?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      back.current();
    };
    element.addEventListener('cancel', onCancel);
    return () => {
      element.removeEventListener('cancel', onCancel);
      if (element.open && typeof element.close === 'function') element.close();
      before?.focus();
    };
  }, []);

  const running = state.running;
  return (
    <dialog ref={dialog} className="pacer-focus" data-testid="pacer-focus" aria-labelledby={titleId}>
      <div className="pacer-focus__top">
        <h2 id={titleId}>Breathe together</h2>
        <p className="pacer-focus__pace">{running ? paceWords(state.breathsPerMin) : 'Pacer off'}</p>
      </div>
      <div className="pacer-focus__main">
        <StablePacerVisual state={state} cues={cues} focus />
        {together ? (
          <ul className="pacer-focus__marks" aria-label="Each of you with the pacer">
            {PARTNERS.map((id) => (
              <RhythmMark key={id} id={id} name={names[id]} rhythm$={together.rhythm$[id]} initial={together.currentRhythm(id)} />
            ))}
          </ul>
        ) : null}
        {together ? <CoregulationLine coregulation$={together.coregulation$} initial={together.currentCoregulation()} /> : null}
        {blockedBecause !== null && !running ? <p className="pacer-focus__note">{blockedBecause}</p> : null}
      </div>
      <div className="pacer-focus__bar">
        {vibrationAvailable() ? (
          <label className="pacer-focus__vibrate">
            <input type="checkbox" checked={vibrate} onChange={(event) => onVibrate(event.target.checked)} /> Vibrate at each breath
          </label>
        ) : null}
        <button
          type="button"
          className={running ? undefined : 'primary'}
          onClick={onStartStop}
          disabled={!running && blockedBecause !== null}
          ref={primary}
        >
          {running ? 'Stop' : 'Start'}
        </button>
        <button type="button" onClick={onBack}>
          Back
        </button>
      </div>
    </dialog>
  );
}

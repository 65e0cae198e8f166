import { useState, type ReactNode } from 'react';
import { GENTLER_OPTIONS, SAFETY, consentFor, type GentlerOptionId, type PlayerState, type PlayerStore } from '../../routines';
import { BreathingPacer } from './breathing-pacer';
import { useClockTicks } from './use-clock-ticks';

/** The consent question: the giver asks, and only the receiver's clear yes starts. */
export function ConsentScreen({ state, store, heading }: { state: PlayerState; store: PlayerStore; heading: ReactNode }) {
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

/** Gentler ways to go on, each a button, leaving out the ones already refused. */
export function OptionButtons({
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

export function OtherWays() {
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

/** The end of a run: thanks, or the aftercare chosen (holding hands, space, other ways to repair). */
export function DoneScreen({
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

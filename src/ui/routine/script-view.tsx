import { useEffect, useId, useRef } from 'react';
import {
  CALM_RESPONSES,
  SAFETY,
  consentFor,
  gentlerOption,
  resolveTouch,
  scriptLines,
  type GentlerOptionId,
  type Routine,
} from '../../routines';
import { SPEAKER_LABEL, formatClock, formatMinutes } from './routine-format';

export interface ScriptViewProps {
  readonly routine: Routine;
  /** The named behaviour, already checked; empty shows the slot for writing in by hand. */
  readonly behaviour: string;
  readonly option: GentlerOptionId;
  readonly onClose: () => void;
}

/**
 * The whole script on one page, to read ahead or print (print CSS shows only this view, in black on
 * white). Times are from the first step.
 */
export function ScriptView({ routine, behaviour, option, onClose }: ScriptViewProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const lines = scriptLines(routine, behaviour);
  const consent = consentFor(routine, option);
  let offsetSec = 0;
  return (
    <article className="rt-script" aria-labelledby={headingId}>
      <div className="rt-actions rt-no-print">
        <button type="button" className="rt-primary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close the script
        </button>
      </div>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {routine.title}: the script
      </h2>
      <p>
        {formatMinutes(routine.minutes)} · {routine.position} · Touch: {gentlerOption(option).label.toLowerCase()}
      </p>
      <p>{routine.summary}</p>
      {routine.prep.length > 0 ? (
        <ul>
          {routine.prep.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
      <h3>First, ask</h3>
      <p>
        <strong>Giver:</strong> <q>{consent.question}</q> Wait for a clear yes. No is always fine.
      </p>
      <ol className="rt-script-steps">
        {routine.steps.map((step) => {
          const from = offsetSec;
          offsetSec += step.durationSec;
          const touch = resolveTouch(step.touch, option);
          return (
            <li key={step.id}>
              <h3>
                {formatClock(from * 1000)}–{formatClock(offsetSec * 1000)} {step.title}
              </h3>
              <p>
                <strong>Touch:</strong> {touch ? touch.instruction : 'none'}
              </p>
              {step.note ? <p>{step.note}</p> : null}
              <ul>
                {lines
                  .filter((line) => line.id.startsWith(`${routine.id}/${step.id}/`))
                  .map((line) => (
                    <li key={line.id}>
                      <strong>{SPEAKER_LABEL[line.speaker]}:</strong> {line.kind === 'say' ? <q>{line.text}</q> : line.text}
                    </li>
                  ))}
                {step.prompts.map((prompt) => (
                  <li key={`${prompt.kind}-${prompt.atSec}`}>
                    <em>At {formatClock((from + prompt.atSec) * 1000)}:</em> {prompt.text}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      {routine.why ? <p>{routine.why}</p> : null}
      {routine.closing ? <p>{routine.closing}</p> : null}
      <h3>Two calm responses</h3>
      <ul>
        {CALM_RESPONSES.map((response) => (
          <li key={response.id}>
            <strong>{response.title}:</strong> {response.phrases.map((phrase) => `“${phrase}”`).join(' or ')} {response.guidance}
          </li>
        ))}
      </ul>
      <h3>If it becomes too much</h3>
      <p>
        Say the safe word, or: <q>{SAFETY.boundaryLine}</q> Touch stops at once.
      </p>
      <h3>When not to</h3>
      <ul>
        {SAFETY.contraindications.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h3>Rules</h3>
      <ul>
        {SAFETY.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </article>
  );
}

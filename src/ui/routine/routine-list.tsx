import type { Ref } from 'react';
import { CALM_RESPONSES, ROOM_SETUP, ROUTINES, SAFETY, type LineRecorder, type Routine, type VoiceClipStore } from '../../routines';
import { formatMinutes } from './routine-format';
import { VoiceRecordings } from './voice-recordings';

/** Safety first, the room, and the two calm responses: what to know before any routine. */
export function BeforeYouBegin() {
  return (
    <div className="rt-before">
      <h3>Before you begin</h3>
      <details open>
        <summary>Safety first: when not to, and the rules</summary>
        <ul>
          {SAFETY.contraindications.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <ul>
          {SAFETY.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </details>
      <details>
        <summary>
          {ROOM_SETUP.title} ({ROOM_SETUP.minutes} minutes)
        </summary>
        <ul className="rt-checklist">
          {ROOM_SETUP.items.map((item) => (
            <li key={item}>
              <label>
                <input type="checkbox" /> {item}
              </label>
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Two calm responses that prevent defensiveness</summary>
        <dl>
          {CALM_RESPONSES.map((response) => (
            <div key={response.id}>
              <dt>{response.title}</dt>
              <dd>
                {response.phrases.map((phrase) => `“${phrase}”`).join(' or ')} {response.guidance}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

export interface RoutineListProps {
  readonly listRef: Ref<HTMLDivElement>;
  readonly unlocked: boolean;
  /** Id of the text saying why the Start buttons are locked (or not). */
  readonly lockId: string;
  /** The behaviour the scripts name, checked; '' when there is none yet. */
  readonly behaviour: string;
  readonly voiceClips: VoiceClipStore | undefined;
  readonly createRecorder: () => LineRecorder;
  /** Id of the routine whose voice recordings are open, if any. */
  readonly recordFor: string | null;
  readonly onRecordFor: (routineId: string | null) => void;
  readonly onStart: (routine: Routine) => void;
  readonly onScript: (routine: Routine) => void;
}

/** The routines and the mini practices, each with its Start, printable script and voice recording buttons. */
export function RoutineList({
  listRef,
  unlocked,
  lockId,
  behaviour,
  voiceClips,
  createRecorder,
  recordFor,
  onRecordFor,
  onStart,
  onScript,
}: RoutineListProps) {
  const groups: { title: string; routines: Routine[] }[] = [
    { title: 'Routines', routines: ROUTINES.filter((routine) => routine.kind !== 'mini') },
    { title: 'Mini practices', routines: ROUTINES.filter((routine) => routine.kind === 'mini') },
  ];

  return (
    <div ref={listRef} className="rt-list">
      {groups.map((group) => (
        <div key={group.title}>
          <h3>{group.title}</h3>
          <ul className="rt-cards">
            {group.routines.map((routine) => (
              <li key={routine.id} className="rt-card">
                <h4>{routine.title}</h4>
                <p className="rt-muted">
                  {formatMinutes(routine.minutes)} · {routine.position}
                </p>
                <p>{routine.summary}</p>
                <div className="rt-actions">
                  <button
                    type="button"
                    className="rt-primary"
                    disabled={!unlocked}
                    aria-describedby={lockId}
                    onClick={() => onStart(routine)}
                  >
                    {`Start ${routine.title}`}
                  </button>
                  <button type="button" aria-label={`Printable script: ${routine.title}`} onClick={() => onScript(routine)}>
                    Printable script
                  </button>
                  {voiceClips ? (
                    <button
                      type="button"
                      aria-label={`Record your voice: ${routine.title}`}
                      aria-expanded={recordFor === routine.id}
                      onClick={() => onRecordFor(recordFor === routine.id ? null : routine.id)}
                    >
                      Record your voice
                    </button>
                  ) : null}
                </div>
                {voiceClips && recordFor === routine.id ? (
                  <VoiceRecordings routine={routine} behaviour={behaviour} voiceClips={voiceClips} createRecorder={createRecorder} />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

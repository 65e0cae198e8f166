/**
 * The couple's own 0–10 check-in, before a session and after it: how intense the fight was (or
 * feels now) and how close each of them feels. Optional, per partner, and labelled as what it is —
 * a self-report, kept beside what the straps measure, never mixed into it.
 */
import { useId, useState } from 'react';
import type { AttuneStore, CheckInRecord } from '../../store';
import { PARTNERS, type PartnerId } from '../../signal/types';
import { errorText } from './rituals';

export interface CheckInFormProps {
  readonly store: AttuneStore;
  readonly moment: CheckInRecord['moment'];
  /** The session it belongs to, read when saving (the recording may start after the form shows). */
  readonly sessionId: () => string | null;
  readonly names: Readonly<Record<PartnerId, string>>;
  readonly headingLevel?: 2 | 3;
}

const SCALE = Array.from({ length: 11 }, (_, i) => i);

type Answers = Record<'intensity' | 'closeness', Record<PartnerId, number | null>>;

const QUESTIONS = {
  before: { intensity: 'How intense was the fight?', closeness: 'How close do you feel now?' },
  after: { intensity: 'How intense does the fight feel now?', closeness: 'How close do you feel now?' },
} as const;

const ENDS = {
  intensity: ['0 — not at all', '10 — the most intense'],
  closeness: ['0 — far apart', '10 — very close'],
} as const;

export function CheckInForm({ store, moment, sessionId, names, headingLevel = 2 }: CheckInFormProps) {
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const [answers, setAnswers] = useState<Answers>({ intensity: { a: null, b: null }, closeness: { a: null, b: null } });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const any = PARTNERS.some((p) => answers.intensity[p] !== null || answers.closeness[p] !== null);

  return (
    <form
      className="practice-check-in"
      aria-labelledby={`${id}-title`}
      data-testid={`check-in-${moment}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!any) {
          setMessage({ kind: 'error', text: 'Choose at least one number, or skip this check-in.' });
          return;
        }
        setBusy(true);
        store.checkIns.save({ sessionId: sessionId(), moment, ...answers }).then(
          () => {
            setBusy(false);
            setMessage({ kind: 'ok', text: 'Check-in saved on this device.' });
          },
          (error: unknown) => {
            setBusy(false);
            setMessage({ kind: 'error', text: errorText(error) });
          },
        );
      }}
    >
      <Heading id={`${id}-title`}>{moment === 'before' ? 'Before you begin: a quick check-in' : 'And now: the same check-in'}</Heading>
      <p className="practice-hint">Optional, 0 to 10, each of you. Your own sense of it — not a measurement, and not a score.</p>
      <div className="practice-check-in-grid">
        {PARTNERS.map((partner) => (
          <fieldset key={partner}>
            <legend>{names[partner]}</legend>
            {(['intensity', 'closeness'] as const).map((question) => {
              const fieldId = `${id}-${partner}-${question}`;
              return (
                <div key={question}>
                  <label htmlFor={fieldId}>{QUESTIONS[moment][question]}</label>
                  <select
                    id={fieldId}
                    value={answers[question][partner] ?? ''}
                    aria-label={`${names[partner]}: ${QUESTIONS[moment][question]}`}
                    onChange={(e) => {
                      setMessage(null);
                      const value = e.target.value === '' ? null : Number(e.target.value);
                      setAnswers({ ...answers, [question]: { ...answers[question], [partner]: value } });
                    }}
                  >
                    <option value="">Skip</option>
                    {SCALE.map((n) => (
                      <option key={n} value={n}>
                        {n === 0 ? ENDS[question][0] : n === 10 ? ENDS[question][1] : n}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <button type="submit" disabled={busy}>
        Save check-in
      </button>
      <p role={message?.kind === 'error' ? 'alert' : 'status'} className={message?.kind === 'error' ? 'practice-error' : 'practice-status'}>
        {message?.text}
      </p>
    </form>
  );
}

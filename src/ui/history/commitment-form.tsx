/**
 * A commitment: something specific one of you (or both) will do, by a day, with a day to check in on
 * it together. Vague promises ("be nicer") are gently turned back with an example.
 */
import { useId, useState } from 'react';
import { localDay } from '../../store';
import { AuthorChoice } from './author-choice';
import { resolveSession } from './resolve-session';
import { usePartnerNames } from './use-partner-names';
import type { AttuneStore, CommitmentRecord } from './store-types';
import { addDays } from './history-format';

export interface CommitmentFormProps {
  readonly store: AttuneStore;
  /** The session this commitment came from; null for none; left out, the most recent session. */
  readonly sessionId?: string | null;
  /** Names to show; by default the names the couple saved. */
  readonly partnerNames?: { readonly a: string; readonly b: string };
  /** Level of the form's heading (2 on a page of its own, 3 inside a section). Default 2. */
  readonly headingLevel?: 2 | 3;
  readonly onSaved?: (commitment: CommitmentRecord) => void;
  /** Today's date; tests pass a fixed one. */
  readonly now?: () => Date;
}

/** Fewer words than this is rarely specific enough to check in on. */
const MIN_WORDS = 4;

export function specificityProblem(text: string): string | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Write what you will do.';
  if (words.length < MIN_WORDS) {
    return 'Make it specific: what exactly, and when — for example “Put our phones away at dinner every evening this week”.';
  }
  return null;
}

export function CommitmentForm({
  store,
  sessionId,
  partnerNames: givenNames,
  headingLevel = 2,
  onSaved,
  now = () => new Date(),
}: CommitmentFormProps) {
  const partnerNames = usePartnerNames(store, givenNames);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = useId();
  const today = localDay(now());
  const [author, setAuthor] = useState<CommitmentRecord['author']>('both');
  const [text, setText] = useState('');
  const [byDay, setByDay] = useState(addDays(today, 7));
  const [checkInDay, setCheckInDay] = useState(addDays(today, 7));
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="history-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        const problem = specificityProblem(text);
        if (problem) {
          setStatus({ kind: 'error', text: problem });
          return;
        }
        setBusy(true);
        resolveSession(store, sessionId)
          .then((id) => store.commitments.add({ sessionId: id, author, text: text.trim(), byDay, checkInDay }))
          .then(
            (saved) => {
              setBusy(false);
              setText('');
              setStatus({
                kind: 'ok',
                text: `Saved. We’ll remind you to check in on ${new Date(`${saved.checkInDay}T12:00:00`).toLocaleDateString()}.`,
              });
              onSaved?.(saved);
            },
            (error: unknown) => {
              setBusy(false);
              const message = error instanceof Error ? error.message : String(error);
              setStatus({ kind: 'error', text: message.replace(/^save commitment: /, '') });
            },
          );
      }}
    >
      <Heading id={`${id}-title`}>A commitment</Heading>
      <AuthorChoice legend="Who commits?" name={`${id}-author`} partnerNames={partnerNames} value={author} onChange={setAuthor} />
      <label htmlFor={`${id}-text`}>What exactly will you do?</label>
      <p className="history-hint" id={`${id}-text-hint`}>
        Something you could both recognise as done — what, how often, when.
      </p>
      <textarea
        id={`${id}-text`}
        aria-describedby={`${id}-text-hint`}
        aria-invalid={status?.kind === 'error'}
        value={text}
        rows={3}
        maxLength={500}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="history-dates">
        <div>
          <label htmlFor={`${id}-by`}>Done by</label>
          <input
            id={`${id}-by`}
            type="date"
            required
            min={today}
            value={byDay}
            onChange={(e) => {
              setByDay(e.target.value);
              if (checkInDay < e.target.value) setCheckInDay(e.target.value);
            }}
          />
        </div>
        <div>
          <label htmlFor={`${id}-check`}>Check in together on</label>
          <input id={`${id}-check`} type="date" required min={byDay} value={checkInDay} onChange={(e) => setCheckInDay(e.target.value)} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Save commitment
      </button>
      <p role={status?.kind === 'error' ? 'alert' : 'status'} className={status?.kind === 'error' ? 'history-error' : 'history-status'}>
        {status?.text}
      </p>
    </form>
  );
}

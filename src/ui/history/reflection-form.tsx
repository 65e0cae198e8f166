/** After a routine: "what felt reparative?", kept with the session. */
import { useId, useState } from 'react';
import { AuthorChoice } from './author-choice';
import { resolveSession } from './resolve-session';
import { usePartnerNames } from './use-partner-names';
import type { AttuneStore, ReflectionRecord } from './store-types';

export interface ReflectionFormProps {
  readonly store: AttuneStore;
  /**
   * The session this reflection belongs to; null for none (no-wearable mode); left out, the most
   * recent session.
   */
  readonly sessionId?: string | null;
  /** Names to show; by default the names the couple saved. */
  readonly partnerNames?: { readonly a: string; readonly b: string };
  /** Level of the form's heading (2 on a page of its own, 3 inside a section). Default 2. */
  readonly headingLevel?: 2 | 3;
  readonly onSaved?: (reflection: ReflectionRecord) => void;
}

export function ReflectionForm({ store, sessionId, partnerNames: givenNames, headingLevel = 2, onSaved }: ReflectionFormProps) {
  const partnerNames = usePartnerNames(store, givenNames);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = useId();
  const [author, setAuthor] = useState<ReflectionRecord['author']>('both');
  const [reparative, setReparative] = useState('');
  const [notes, setNotes] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="history-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (reparative.trim() === '') {
          setStatus({ kind: 'error', text: 'Write a few words about what felt reparative — even one thing is enough.' });
          return;
        }
        setBusy(true);
        resolveSession(store, sessionId)
          .then((id) => store.reflections.add({ sessionId: id, author, reparative: reparative.trim(), notes: notes.trim() }))
          .then(
            (saved) => {
              setBusy(false);
              setReparative('');
              setNotes('');
              setStatus({ kind: 'ok', text: 'Saved on this device.' });
              onSaved?.(saved);
            },
            (error: unknown) => {
              setBusy(false);
              setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
            },
          );
      }}
    >
      <Heading id={`${id}-title`}>A short reflection</Heading>
      <AuthorChoice legend="Who is writing?" name={`${id}-author`} partnerNames={partnerNames} value={author} onChange={setAuthor} />
      <label htmlFor={`${id}-reparative`}>What felt reparative?</label>
      <p className="history-hint" id={`${id}-reparative-hint`}>
        A moment, a sentence, a touch — whatever helped you feel closer again.
      </p>
      <textarea
        id={`${id}-reparative`}
        aria-describedby={`${id}-reparative-hint`}
        aria-invalid={status?.kind === 'error' && reparative.trim() === ''}
        value={reparative}
        rows={4}
        maxLength={4000}
        onChange={(e) => setReparative(e.target.value)}
      />
      <label htmlFor={`${id}-notes`}>Anything else to remember (optional)</label>
      <textarea id={`${id}-notes`} value={notes} rows={2} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="primary" disabled={busy}>
        Save reflection
      </button>
      <p role={status?.kind === 'error' ? 'alert' : 'status'} className={status?.kind === 'error' ? 'history-error' : 'history-status'}>
        {status?.text}
      </p>
    </form>
  );
}

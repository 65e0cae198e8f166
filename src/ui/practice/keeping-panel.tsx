/**
 * In History: whether the browser keeps the data until the couple deletes it, a backup reminder after
 * a few sessions without an export, and a plain message when the browser cleared the history.
 */
import { useId } from 'react';
import { BACKUP_REMINDER_SESSIONS, type AttuneStore, type PersistenceState } from '../../store';
import { useAsync } from '../common/use-async';

export interface KeepingPanelProps {
  readonly store: AttuneStore;
  /** Change to reload (after an export, an import or a delete). */
  readonly refreshKey?: unknown;
}

const WORDS: Record<PersistenceState, string> = {
  persisted: 'Kept until you delete it: this browser has agreed to keep your history.',
  'best-effort': 'The browser may clear this when space is low — export a backup now and then.',
  unsupported: 'This browser cannot promise to keep it; it may clear it when space is low — export a backup now and then.',
};

export function KeepingPanel({ store, refreshKey }: KeepingPanelProps) {
  const id = useId();
  const status = useAsync(() => store.durability.status(), refreshKey);
  if (!status.data) return null;
  const s = status.data;
  return (
    <section className="practice-keeping" aria-labelledby={`${id}-title`} data-testid="storage-state" data-state={s.persistence}>
      <h2 id={`${id}-title`}>Keeping your history</h2>
      <p>{WORDS[s.persistence]}</p>
      {s.requestedAt && s.persistence !== 'persisted' && (
        <p className="practice-hint">Attune asked the browser to keep it when your first session was recorded; the browser decides.</p>
      )}
      {s.clearedByBrowser && (
        <p role="alert" className="practice-error">
          Your saved sessions are gone: the browser cleared them to free space. If you have a backup, import it below.
        </p>
      )}
      {s.backupDue ? (
        <p role="status" className="practice-reminder" data-testid="backup-reminder">
          {s.sessionsSinceExport} sessions since {s.lastExportAt ? 'your last backup' : 'you started'} — export a copy below (“Export all my
          data”) and keep it somewhere safe.
        </p>
      ) : (
        <p className="practice-hint">
          {s.lastExportAt
            ? `Last backup: ${new Date(s.lastExportAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' })}.`
            : `No backup yet. Attune reminds you after ${BACKUP_REMINDER_SESSIONS} sessions.`}
        </p>
      )}
    </section>
  );
}

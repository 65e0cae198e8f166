/**
 * Offered when the app opens and a session was left recording by a reload or crash: resume it (the
 * next beats continue it) or close it (kept in history as interrupted).
 */
import { useId, useState } from 'react';
import type { AttuneStore, SessionRecord } from './store-types';
import { formatDateTime, formatDuration } from './history-format';
import { useAsync } from '../common/use-async';

export interface ResumePromptProps {
  readonly store: AttuneStore;
  /**
   * The couple chose to continue this session: the caller opens the next live session to record
   * into it, by id.
   */
  readonly onResume: (session: SessionRecord) => void;
  /** The session was closed as interrupted. */
  readonly onClosed?: (session: SessionRecord) => void;
}

export function ResumePrompt({ store, onResume, onClosed }: ResumePromptProps) {
  const headingId = useId();
  const found = useAsync(() => store.findInterruptedSession(), null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const session = found.data;
  if (done || !session) return null;
  return (
    <aside className="history-reminder" role="region" aria-labelledby={headingId} data-testid="resume-prompt">
      <h2 id={headingId}>Your last session was interrupted</h2>
      <p>
        The session from {formatDateTime(session.startedAt)} stopped unexpectedly. {formatDuration(session.recordedSec)} of it were saved.
      </p>
      <div className="history-actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setDone(true);
            onResume(session);
          }}
        >
          Resume the session
        </button>
        <button
          type="button"
          onClick={() => {
            store.closeInterruptedSession(session.id).then(
              () => {
                setDone(true);
                onClosed?.(session);
              },
              (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
            );
          }}
        >
          Close it
        </button>
      </div>
      {error && (
        <p role="alert" className="history-error">
          {error}
        </p>
      )}
    </aside>
  );
}

/**
 * Shows storage problems in plain words (no room, private mode, another tab), and that recording
 * continues in memory, with a way to keep what is unsaved. Damaged records that were left out are
 * mentioned calmly, apart from the urgent problems.
 */
import { useEffect, useState } from 'react';
import type { AttuneStore, StorageProblem } from '../../store';
import type { SessionRecording } from './session-recording';
import { downloadText, fileStamp } from './format';

export interface StorageNoticeProps {
  readonly store: AttuneStore;
  /** The live recording, if any: offers its unsaved data for download when storage fails. */
  readonly recording?: SessionRecording | null;
}

const urgent = (p: StorageProblem) => p.kind !== 'corrupt-record';

export function StorageNotice({ store, recording }: StorageNoticeProps) {
  const [problem, setProblem] = useState<StorageProblem | null>(() => store.problems().filter(urgent).at(-1) ?? null);
  const [damaged, setDamaged] = useState<string | null>(() => store.problems().find((p) => !urgent(p))?.message ?? null);
  const [memoryOnly, setMemoryOnly] = useState(false);
  useEffect(
    () =>
      store.onProblem((p) => {
        if (urgent(p)) setProblem(p);
        else setDamaged(p.message);
      }),
    [store],
  );
  useEffect(() => {
    if (!recording) return undefined;
    return recording.onStatus((s) => {
      setMemoryOnly(s?.saving === 'memory-only');
      if (s?.saving === 'saving') setProblem(null);
    });
  }, [recording]);
  return (
    <>
      {(problem || memoryOnly) && (
        <div className="history-warning" role="alert" data-testid="storage-notice">
          <p>{problem?.message ?? 'Saving is paused; recording continues in memory.'}</p>
          {recording && memoryOnly && (
            <button
              type="button"
              onClick={() => {
                const data = recording.unsaved();
                if (data) downloadText(`attune-unsaved-${fileStamp(data.session.startedAt)}.json`, JSON.stringify(data), 'application/json');
              }}
            >
              Download the unsaved recording
            </button>
          )}
        </div>
      )}
      {damaged && (
        <p className="history-hint" role="status">
          {damaged}
        </p>
      )}
    </>
  );
}

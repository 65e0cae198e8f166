/**
 * Shows storage problems in plain words (no room, private mode, another tab) and that recording
 * continues in memory; offers to try saving again and to download what is not saved yet (as an
 * ordinary export, to import later), so nothing is lost silently. Damaged records that were left out are mentioned calmly, apart from the rest.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { unsavedExport, type AttuneStore, type StorageProblem } from '../../store';
import { fileStamp } from './history-format';
import { downloadText } from '../common/download';

export interface StorageNoticeProps {
  readonly store: AttuneStore;
}

const urgent = (p: StorageProblem) => p.kind !== 'corrupt-record';

export function StorageNotice({ store }: StorageNoticeProps) {
  const [problem, setProblem] = useState<StorageProblem | null>(() => store.problems().filter(urgent).at(-1) ?? null);
  const [damaged, setDamaged] = useState<string | null>(() => store.problems().find((p) => !urgent(p))?.message ?? null);
  useEffect(
    () =>
      store.onProblem((p) => {
        if (urgent(p)) setProblem(p);
        else setDamaged(p.message);
      }),
    [store],
  );
  // Whether some recording holds data storage refused; a string so the snapshot compares by value.
  const memoryOnly =
    useSyncExternalStore(
      (changed) => store.onRecordingChange(changed),
      () => String(store.activeRecorders().some((r) => r.status().saving === 'memory-only')),
    ) === 'true';
  const [wasMemoryOnly, setWasMemoryOnly] = useState(false);
  useEffect(() => {
    if (memoryOnly) setWasMemoryOnly(true);
    // Saving works again: the earlier problem is over.
    else if (wasMemoryOnly) {
      setWasMemoryOnly(false);
      setProblem(null);
    }
  }, [memoryOnly, wasMemoryOnly]);

  return (
    <>
      {(problem || memoryOnly) && (
        <div className="history-warning" role="alert" data-testid="storage-notice">
          <p>{problem?.message ?? 'Saving is paused; recording continues in memory.'}</p>
          {memoryOnly && (
            <div className="history-actions">
              <button type="button" onClick={() => store.activeRecorders().forEach((r) => void r.flush())}>
                Try saving again
              </button>
              <button
                type="button"
                onClick={() => {
                  // An ordinary Attune export: it can be imported once storage works again.
                  const unsaved = store.activeRecorders().map((r) => r.unsaved());
                  const stamp = fileStamp(unsaved[0]?.session.startedAt ?? new Date().toISOString());
                  try {
                    downloadText(`attune-unsaved-${stamp}.json`, JSON.stringify(unsavedExport(unsaved, new Date())), 'application/json');
                  } catch (error) {
                    // Should never happen; the raw data is still better than nothing.
                    console.error(error);
                    downloadText(`attune-unsaved-${stamp}-raw.json`, JSON.stringify(unsaved), 'application/json');
                  }
                }}
              >
                Download what is not saved yet
              </button>
            </div>
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

/**
 * The couple's data is theirs: export all of it as one JSON file, export a session's RR intervals
 * for other HRV tools (Kubios / Elite HRV text, HRV Logger CSV, CSV, both partners on one timeline),
 * import an export (checked in full first; a bad file changes nothing and says why), and delete
 * everything after a clear confirmation.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { MAX_IMPORT_CHARS } from '../../store';
import type { AttuneStore, PartnerId } from './store-types';
import { fileStamp, formatDateTime } from './history-format';
import { downloadText } from '../common/download';
import { useAsync } from '../common/use-async';
import { HISTORY_RR_FORMATS, exportSessionRr, isSinglePartner } from './rr-export';
import type { RrWriteFormat } from '../../sources/recordings/rr-write';

export interface DataControlsProps {
  readonly store: AttuneStore;
  /** Called after an import or a delete, so lists can reload. */
  readonly onChanged?: () => void;
  readonly refreshKey?: unknown;
  readonly now?: () => Date;
  /** Forgets what is remembered outside the store (device preferences), after a delete-all succeeds. */
  readonly forgetPreferences?: () => void;
}

type Message = { kind: 'ok' | 'error'; text: string } | null;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function Feedback({ message }: { message: Message }) {
  return (
    <p role={message?.kind === 'error' ? 'alert' : 'status'} className={message?.kind === 'error' ? 'history-error' : 'history-status'}>
      {message?.text}
    </p>
  );
}

export function DataControls({ store, onChanged, refreshKey, now = () => new Date(), forgetPreferences }: DataControlsProps) {
  const id = useId();
  const [exportMessage, setExportMessage] = useState<Message>(null);
  const [rrMessage, setRrMessage] = useState<Message>(null);
  const [importMessage, setImportMessage] = useState<Message>(null);
  const [deleteMessage, setDeleteMessage] = useState<Message>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const sessions = useAsync(() => store.sessions.list(), refreshKey);
  const [sessionId, setSessionId] = useState('');
  const [partner, setPartner] = useState<PartnerId>('a');
  const [rrFormat, setRrFormat] = useState<RrWriteFormat>('text');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const chosen = sessions.data?.find((s) => s.id === sessionId) ?? sessions.data?.[0];

  return (
    <section className="history-data" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your data</h2>
      <p className="history-hint">Everything Attune keeps stays in this browser on this device. Nothing is sent anywhere.</p>

      <div className="history-data-block">
        <h3>Export everything</h3>
        <button
          type="button"
          onClick={() => {
            setExportMessage(null);
            store.exportJson().then(
              (json) => {
                downloadText(`attune-export-${fileStamp(now().toISOString())}.json`, json, 'application/json');
                setExportMessage({ kind: 'ok', text: 'Your export is downloading.' });
                // The export counts as a backup: what shows the backup reminder reloads.
                onChanged?.();
              },
              (e: unknown) => setExportMessage({ kind: 'error', text: errorText(e) }),
            );
          }}
        >
          Export all my data (JSON)
        </button>
        <Feedback message={exportMessage} />
      </div>

      {sessions.data && sessions.data.length > 0 && (
        <div className="history-data-block">
          <h3>RR intervals for other HRV tools</h3>
          <p className="history-hint" id={`${id}-rr-hint`}>
            For Kubios, Elite HRV, HRV Logger's tools, spreadsheets and research scripts. Every file reads back into Attune.
          </p>
          <div className="history-dates">
            <div>
              <label htmlFor={`${id}-session`}>Session</label>
              <select id={`${id}-session`} value={chosen?.id ?? ''} onChange={(e) => setSessionId(e.target.value)}>
                {sessions.data.map((s) => (
                  <option key={s.id} value={s.id}>
                    {formatDateTime(s.startedAt)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-rr-format`}>Format</label>
              <select id={`${id}-rr-format`} value={rrFormat} onChange={(e) => setRrFormat(e.target.value as RrWriteFormat)}>
                {HISTORY_RR_FORMATS.map((f) => (
                  <option key={f.format} value={f.format}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-partner`}>Partner</label>
              <select
                id={`${id}-partner`}
                value={partner}
                disabled={!isSinglePartner(rrFormat)}
                onChange={(e) => setPartner(e.target.value as PartnerId)}
              >
                <option value="a">{chosen?.partnerNames.a ?? 'Partner A'}</option>
                <option value="b">{chosen?.partnerNames.b ?? 'Partner B'}</option>
              </select>
            </div>
          </div>
          <button
            type="button"
            disabled={!chosen}
            onClick={() => {
              if (!chosen) return;
              setRrMessage(null);
              exportSessionRr(store, chosen, rrFormat, partner).then(
                (file) => {
                  downloadText(file.name, file.text, file.type);
                  setRrMessage({ kind: 'ok', text: `The RR file (${file.name}) is downloading.` });
                },
                (e: unknown) => setRrMessage({ kind: 'error', text: errorText(e) }),
              );
            }}
          >
            Export RR intervals
          </button>
          <Feedback message={rrMessage} />
        </div>
      )}

      <div className="history-data-block">
        <h3>Import an export</h3>
        <p className="history-hint" id={`${id}-import-hint`}>
          Adds what the file holds to what is here; nothing is overwritten or doubled. A damaged file is refused and nothing changes.
        </p>
        <label htmlFor={`${id}-import`}>Choose an Attune export file</label>
        <input
          ref={fileRef}
          id={`${id}-import`}
          type="file"
          accept=".json,application/json"
          aria-describedby={`${id}-import-hint`}
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            setImportMessage(null);
            if (file.size > MAX_IMPORT_CHARS) {
              const mb = (n: number) => Math.round(n / (1024 * 1024));
              setImportMessage({
                kind: 'error',
                text: `import: the file is about ${mb(file.size)} MB; the largest file Attune imports is ${mb(MAX_IMPORT_CHARS)} MB`,
              });
              event.target.value = '';
              return;
            }
            setBusy(true);
            file
              .text()
              .then((text) => store.importJson(text))
              .then(
                (summary) => {
                  const added = Object.values(summary.added).reduce((sum, n) => sum + n, 0);
                  setImportMessage({
                    kind: 'ok',
                    text:
                      `Imported ${summary.added.sessions} session${summary.added.sessions === 1 ? '' : 's'} (${added} records in all)` +
                      (summary.alreadyPresent > 0
                        ? `; ${summary.alreadyPresent} records were already here and were kept as they were.`
                        : '.'),
                  });
                  onChanged?.();
                },
                (e: unknown) => setImportMessage({ kind: 'error', text: `${errorText(e)}. Nothing was changed.` }),
              )
              .finally(() => {
                setBusy(false);
                if (fileRef.current) fileRef.current.value = '';
              });
          }}
        />
        <Feedback message={importMessage} />
      </div>

      <div className="history-data-block">
        <h3>Delete all my data</h3>
        {!confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete all my data…
          </button>
        ) : (
          <div className="history-confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>
              This deletes every session, baseline, reflection, commitment, check-in, voice clip and the weekly plan on this device, and the
              routine settings remembered here. It cannot be undone. Export first if you want a copy.
            </p>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                store.deleteAll().then(
                  () => {
                    forgetPreferences?.();
                    setBusy(false);
                    setConfirming(false);
                    setDeleteMessage({ kind: 'ok', text: 'All your data was deleted from this device.' });
                    onChanged?.();
                  },
                  (e: unknown) => {
                    setBusy(false);
                    setDeleteMessage({ kind: 'error', text: errorText(e) });
                  },
                );
              }}
            >
              Yes, delete everything
            </button>
            <button type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
              Keep my data
            </button>
          </div>
        )}
        <Feedback message={deleteMessage} />
      </div>
    </section>
  );
}

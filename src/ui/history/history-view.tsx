/**
 * Past sessions, newest first: date, routine, duration and how it ended; opening one shows each
 * partner's measures before and after the routine (chart and table), the gate timeline, the
 * reflections and notes, and the RR export per partner.
 */
import { useId, useState } from 'react';
import type { AttuneStore, GateEntry, PartnerId, SessionRecord } from './store-types';
import { summarizeSession } from '../../store';
import { SessionChart } from './session-chart';
import { SessionStoryPanel } from './session-story-view';
import { fileStamp, formatDateTime, formatDuration } from './history-format';
import { downloadText } from '../common/download';
import { useAsync } from '../common/use-async';
import { PARTNERS } from '../../signal/types';

const GATE_WORDS: Record<GateEntry['state'], string> = {
  'no-signal': 'No signal',
  calibrating: 'Calibrating',
  settling: 'Settling',
  ready: 'Ready together',
  flooded: 'Flooded — break',
};

const OUTCOME_WORDS: Record<NonNullable<SessionRecord['outcome']>, string> = {
  finished: 'Finished',
  // Closed by the app (the live view ended) rather than marked finished by the couple: said neutrally.
  stopped: 'Ended',
  interrupted: 'Interrupted',
};

function clock(tSec: number): string {
  const s = Math.max(0, Math.round(tSec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function GateTimeline({ entries }: { entries: readonly GateEntry[] }) {
  if (entries.length === 0) return <p className="history-hint">No readiness changes were recorded.</p>;
  return (
    <ol className="history-timeline" aria-label="Readiness timeline">
      {entries.map((e) => (
        <li key={`${e.segment}-${e.seq}`} data-state={e.state}>
          <span className="history-time">
            {clock(e.tSec)}
            {e.segment > 0 ? ` (after resuming${e.segment > 1 ? ` ${e.segment}×` : ''})` : ''}
          </span>{' '}
          <strong>{GATE_WORDS[e.state]}</strong>
          {e.reasons.length > 0 && <span className="history-reasons"> — {e.reasons.join('; ')}</span>}
        </li>
      ))}
    </ol>
  );
}

function Notes({ store, session, onSaved }: { store: AttuneStore; session: SessionRecord; onSaved: () => void }) {
  const [text, setText] = useState(session.notes);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="history-notes"
      onSubmit={(event) => {
        event.preventDefault();
        store.sessions.setNotes(session.id, text).then(
          () => {
            setMessage('Notes saved.');
            onSaved();
          },
          (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
        );
      }}
    >
      <label htmlFor={id}>Notes</label>
      <textarea id={id} value={text} rows={3} maxLength={10_000} onChange={(e) => setText(e.target.value)} />
      <button type="submit">Save notes</button>
      <p role="status" className="history-status">
        {message}
      </p>
    </form>
  );
}

function RrExport({ store, session }: { store: AttuneStore; session: SessionRecord }) {
  const [error, setError] = useState<string | null>(null);
  const save = (partner: PartnerId) => {
    setError(null);
    store.exportRrText(session.id, partner).then(
      (text) => downloadText(`attune-${fileStamp(session.startedAt)}-${partner}-rr.txt`, text, 'text/plain'),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div className="history-actions" role="group" aria-label="Export RR intervals">
      {PARTNERS.map((p) => (
        <button key={p} type="button" onClick={() => save(p)}>
          Export {session.partnerNames[p]}’s RR intervals (text)
        </button>
      ))}
      {error && (
        <p role="alert" className="history-error">
          {error}
        </p>
      )}
    </div>
  );
}

function SessionDetail({ store, session, onChanged }: { store: AttuneStore; session: SessionRecord; onChanged: () => void }) {
  const detail = useAsync(async () => {
    const [metrics, gate, runs, reflections] = await Promise.all([
      store.recordings.metricChunks(session.id),
      store.recordings.gate(session.id),
      store.routineRuns.list(session.id),
      store.reflections.list(session.id),
    ]);
    return { summary: summarizeSession(session, metrics, gate, runs), reflections };
  }, session);
  if (detail.error)
    return (
      <p role="alert" className="history-error">
        {detail.error}
      </p>
    );
  if (!detail.data) return <p className="history-hint">Loading…</p>;
  const { summary, reflections } = detail.data;
  const names = session.partnerNames;
  return (
    <div className="history-detail">
      <SessionChart summary={summary} />
      <h4>The session’s story</h4>
      <SessionStoryPanel store={store} session={session} summary={summary} />
      <h4>Readiness</h4>
      <GateTimeline entries={summary.gate} />
      {reflections.length > 0 && (
        <>
          <h4>What felt reparative</h4>
          <ul className="history-reflections">
            {reflections.map((r) => (
              <li key={r.id}>
                <span className="history-who">{r.author === 'both' ? 'Both' : names[r.author]}:</span> {r.reparative}
                {r.notes && <span className="history-hint"> ({r.notes})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <Notes store={store} session={session} onSaved={onChanged} />
      <RrExport store={store} session={session} />
    </div>
  );
}

function SessionItem({ store, session, onChanged }: { store: AttuneStore; session: SessionRecord; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const runs = useAsync(() => store.routineRuns.list(session.id), session.id);
  const routineTitles = (runs.data ?? []).map((r) => r.title);
  const marked = session.marks.filter((m) => m.kind === 'routine-start').map((m) => m.label);
  const routines = routineTitles.length > 0 ? routineTitles : marked;
  const live = store.activeRecorders().find((r) => r.sessionId === session.id && !r.status().closed);
  const outcome =
    session.status === 'recording'
      ? live
        ? 'Recording now'
        : 'Interrupted, not closed yet'
      : session.outcome
        ? OUTCOME_WORDS[session.outcome]
        : '';
  const [ending, setEnding] = useState<string | null>(null);
  const end = () => {
    setEnding(null);
    const done = live ? live.close('finished') : store.closeInterruptedSession(session.id);
    done.then(onChanged, (e: unknown) => setEnding(e instanceof Error ? e.message : String(e)));
  };
  return (
    <li className="history-session" data-testid="history-session" data-session-id={session.id}>
      <article aria-labelledby={`${detailId}-title`}>
        <h3 id={`${detailId}-title`}>{formatDateTime(session.startedAt)}</h3>
        <dl className="history-facts">
          <div>
            <dt>Routine</dt>
            <dd>{routines.length > 0 ? [...new Set(routines)].join(', ') : 'None'}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(session.recordedSec)}</dd>
          </div>
          <div>
            <dt>Ended</dt>
            <dd>{outcome}</dd>
          </div>
          {session.source === 'demo' && (
            <div>
              <dt>Data</dt>
              <dd>Demo{session.scenario ? ` (${session.scenario})` : ''}</dd>
            </div>
          )}
        </dl>
        {session.notes && <p className="history-note-preview">{session.notes}</p>}
        {session.status === 'recording' && (
          <button type="button" className="quiet" onClick={end}>
            {live ? 'End this session' : 'Close this session'}
          </button>
        )}
        {ending && (
          <p role="alert" className="history-error">
            {ending}
          </p>
        )}
        <button type="button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide details' : 'Show details'}
        </button>
        <div id={detailId} hidden={!open}>
          {open && <SessionDetail store={store} session={session} onChanged={onChanged} />}
        </div>
      </article>
    </li>
  );
}

export interface HistoryViewProps {
  readonly store: AttuneStore;
  /** Change to reload (e.g. after an import). */
  readonly refreshKey?: unknown;
}

export function HistoryView({ store, refreshKey }: HistoryViewProps) {
  const sessions = useAsync(() => store.sessions.list(), refreshKey);
  const headingId = useId();
  return (
    <section className="history" aria-labelledby={headingId} data-testid="history">
      <h2 id={headingId}>Past sessions</h2>
      {sessions.error && (
        <p role="alert" className="history-error">
          {sessions.error}
        </p>
      )}
      {sessions.data && sessions.data.length === 0 && (
        <p className="history-hint">No sessions yet. They appear here after your first one.</p>
      )}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="history-list">
          {sessions.data.map((s) => (
            <SessionItem key={`${s.id}-${s.lastSavedAt}`} store={store} session={s} onChanged={sessions.reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

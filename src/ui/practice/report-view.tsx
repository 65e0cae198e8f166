/**
 * A report to share (with a therapist, or each other): the couple picks a period and the sections —
 * sessions, trends, commitments, and reflections only if they tick them — and prints it or saves it
 * as a PDF through the browser's own print. Titled and dated, with what the figures are and are
 * not. Nothing leaves the device unless they print or save it.
 */
import { useId, useState } from 'react';
import type { AttuneStore } from '../../store';
import { describeTrend, weeklyProgress } from '../../practice/progress';
import { addDays, localDayOf } from '../../practice/week';
import { loadProgress } from './load-progress';
import { DEFINITIONS, SessionTable, WeekTable } from './progress-tables';
import { formatDay } from './rituals';
import { useAsync } from '../common/use-async';

type Section = 'sessions' | 'trends' | 'commitments' | 'reflections';

const SECTIONS: readonly { key: Section; label: string; hint?: string }[] = [
  { key: 'sessions', label: 'Sessions' },
  { key: 'trends', label: 'Trends over the weeks' },
  { key: 'commitments', label: 'Commitments and check-ins' },
  { key: 'reflections', label: 'Reflections', hint: 'What you wrote about what felt reparative — private unless you tick it.' },
];

const STATUS_WORDS = { open: 'Open', done: 'Kept', missed: 'Missed' } as const;
const longDay = (day: string) => formatDay(day, { day: 'numeric', month: 'long', year: 'numeric' });

export const NOT_MEDICAL =
  'What these figures are: heart rate and heart-rate variability from consumer straps, and your own 0–10 check-ins. ' +
  'Attune is not a medical device: the figures are not a diagnosis, a clinical measurement or an assessment of your relationship.';

export function ReportView({ store, now = () => new Date() }: { readonly store: AttuneStore; readonly now?: () => Date }) {
  const id = useId();
  const today = localDayOf(now());
  const [from, setFrom] = useState(addDays(today, -27));
  const [to, setTo] = useState(today);
  const [chosen, setChosen] = useState<Record<Section, boolean>>({ sessions: true, trends: true, commitments: true, reflections: false });
  const data = useAsync(() => loadProgress(store), 'report');
  const periodOk = from <= to;

  if (data.error) {
    return (
      <p role="alert" className="practice-error">
        {data.error}
      </p>
    );
  }
  if (!data.data) return <p className="practice-hint">Reading your sessions…</p>;
  const inPeriod = (day: string) => day >= from && day <= to;
  const sessions = data.data.sessions.filter((s) => inPeriod(s.day));
  const weeks = weeklyProgress(sessions);
  const ids = new Set(sessions.map((s) => s.sessionId));
  const commitments = data.data.commitments.filter((c) => inPeriod(localDayOf(new Date(c.createdAt))) || inPeriod(c.checkInDay));
  const reflections = data.data.reflections.filter(
    (r) => (r.sessionId !== null && ids.has(r.sessionId)) || inPeriod(localDayOf(new Date(r.createdAt))),
  );
  const { names } = data.data;

  return (
    <>
      <form className="practice-report-controls" aria-labelledby={`${id}-controls`} onSubmit={(e) => e.preventDefault()}>
        <h2 id={`${id}-controls`}>What goes in the report</h2>
        <div className="practice-fields">
          <div>
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
          </div>
          <div>
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
          </div>
        </div>
        <fieldset className="practice-sections">
          <legend>Sections</legend>
          {SECTIONS.map((s) => (
            <label key={s.key}>
              <input type="checkbox" checked={chosen[s.key]} onChange={(e) => setChosen({ ...chosen, [s.key]: e.target.checked })} />
              {s.label}
              {s.hint && <span className="practice-hint"> — {s.hint}</span>}
            </label>
          ))}
        </fieldset>
        {!periodOk && (
          <p role="alert" className="practice-error">
            The period ends before it starts: choose a “From” day on or before the “To” day.
          </p>
        )}
        <button type="button" className="primary" disabled={!periodOk} onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <p className="practice-hint">Your browser’s print dialog can save it as a PDF. Nothing is sent anywhere.</p>
      </form>

      {/* Focusable: on a phone the sheet scrolls sideways, and the keyboard can scroll it too. */}
      <article className="practice-report-sheet" aria-labelledby={`${id}-sheet`} data-testid="report" tabIndex={0}>
        <header>
          <h2 id={`${id}-sheet`}>
            Attune practice report: {names.a} and {names.b}
          </h2>
          <p data-testid="report-period">
            Period: {longDay(from)} – {longDay(to)}
          </p>
          <p>Made on {longDay(today)}</p>
        </header>
        {sessions.length === 0 && <p>No sessions were recorded in this period.</p>}
        {chosen.sessions && sessions.length > 0 && (
          <section data-section="sessions">
            <h3>Sessions ({sessions.length})</h3>
            <SessionTable sessions={sessions} names={names} />
          </section>
        )}
        {chosen.trends && (
          <section data-section="trends">
            <h3>Trends over the weeks</h3>
            {describeTrend(sessions, weeks).map((line) => (
              <p key={line}>{line}</p>
            ))}
            {weeks.length > 0 && <WeekTable weeks={weeks} />}
          </section>
        )}
        {chosen.commitments && (
          <section data-section="commitments">
            <h3>Commitments and check-ins</h3>
            {commitments.length === 0 ? (
              <p>No commitments in this period.</p>
            ) : (
              <ul>
                {commitments.map((c) => (
                  <li key={c.id}>
                    {c.author === 'both' ? 'Both' : names[c.author]}: {c.text} — check-in {longDay(c.checkInDay)}: {STATUS_WORDS[c.status]}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {chosen.reflections && (
          <section data-section="reflections">
            <h3>Reflections</h3>
            {reflections.length === 0 ? (
              <p>No reflections in this period.</p>
            ) : (
              <ul>
                {reflections.map((r) => (
                  <li key={r.id}>
                    {r.author === 'both' ? 'Both' : names[r.author]} ({longDay(localDayOf(new Date(r.createdAt)))}): {r.reparative}
                    {r.notes ? ` (${r.notes})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        <footer>
          <p className="practice-hint">{DEFINITIONS}</p>
          <p data-testid="report-disclaimer">{NOT_MEDICAL}</p>
        </footer>
      </article>
    </>
  );
}

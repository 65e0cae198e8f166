/**
 * The weekly plan: which rituals, on which days, at what time, with what reminder — the article's
 * "what to practice this week" as a plan the couple edits. "Add to calendar" writes the saved plan
 * (and the open commitments' check-in days) as an iCalendar file on the device and downloads it.
 */
import { useId, useState } from 'react';
import { PLAN_RITUALS, WEEKDAYS, type AttuneStore, type PlanItem, type PlanRecord, type PlanRitual, type Weekday } from '../../store';
import { writePlanCalendar } from '../../practice/icalendar';
import { localDayOf } from '../../practice/week';
import { RITUALS, RITUAL_TITLES, WEEKDAY_NAMES, errorText } from './rituals';
import { downloadText } from '../common/download';
import { useAsync } from '../common/use-async';

type Draft = Record<PlanRitual, { id: string; days: Weekday[]; time: string; alarmMinutesBefore: number | null }>;

const newId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The article's week, offered before a plan is saved: nothing is planned until the couple saves. */
function suggested(): Draft {
  return {
    'grounding-handhold': { id: newId(), days: ['MO', 'WE', 'FR'], time: '21:00', alarmMinutesBefore: 10 },
    'apology-reset': { id: newId(), days: [], time: '20:00', alarmMinutesBefore: null },
    'reconnect-flow': { id: newId(), days: ['SU'], time: '19:00', alarmMinutesBefore: 10 },
    'check-in': { id: newId(), days: ['SU'], time: '19:30', alarmMinutesBefore: 10 },
  };
}

function fromPlan(plan: PlanRecord): Draft {
  const draft = suggested();
  for (const ritual of PLAN_RITUALS) {
    const item = plan.items.find((i) => i.ritual === ritual);
    // A ritual left out of a saved plan stays out: no days.
    draft[ritual] = item
      ? { id: item.id, days: [...item.days], time: item.time, alarmMinutesBefore: item.alarmMinutesBefore }
      : { ...draft[ritual], days: [] };
  }
  return draft;
}

function toItems(draft: Draft): PlanItem[] {
  return PLAN_RITUALS.map((ritual) => ({
    ...draft[ritual],
    ritual,
    days: WEEKDAYS.filter((d) => draft[ritual].days.includes(d)),
    minutes: RITUALS[ritual].minutes,
  }));
}

const ALARMS: readonly { value: string; label: string }[] = [
  { value: 'none', label: 'No reminder' },
  { value: '0', label: 'At the start' },
  { value: '5', label: '5 minutes before' },
  { value: '10', label: '10 minutes before' },
  { value: '30', label: '30 minutes before' },
  { value: '60', label: '1 hour before' },
];

function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export interface PlanEditorProps {
  readonly store: AttuneStore;
  readonly now?: () => Date;
}

type Message = { kind: 'ok' | 'error'; text: string } | null;

export function PlanEditor({ store, now = () => new Date() }: PlanEditorProps) {
  const id = useId();
  const saved = useAsync(() => store.plans.get(), 'plan');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  if (saved.error) {
    return (
      <p role="alert" className="practice-error">
        {saved.error}
      </p>
    );
  }
  if (!saved.loaded) return <p className="practice-hint">Opening your plan…</p>;
  const current = draft ?? (saved.data ? fromPlan(saved.data) : suggested());
  const edit = (ritual: PlanRitual, change: Partial<Draft[PlanRitual]>) => {
    setMessage(null);
    setDraft({ ...current, [ritual]: { ...current[ritual], ...change } });
  };

  const save = async (): Promise<PlanRecord> =>
    store.plans.save({ items: toItems(current), startsOn: saved.data?.startsOn ?? localDayOf(now()), timeZone: deviceTimeZone() });

  const onSave = () => {
    setBusy(true);
    save().then(
      (plan) => {
        setBusy(false);
        setDraft(fromPlan(plan));
        saved.reload();
        setMessage({ kind: 'ok', text: 'Your week is saved on this device. Attune reminds you when you open it on a planned day.' });
      },
      (error: unknown) => {
        setBusy(false);
        setMessage({ kind: 'error', text: errorText(error) });
      },
    );
  };

  const onCalendar = () => {
    setBusy(true);
    // The calendar always holds what is saved: unsaved changes are saved first.
    (draft !== null || !saved.data ? save() : Promise.resolve(saved.data))
      .then(async (plan) => {
        const commitments = await store.commitments.list();
        const text = writePlanCalendar({ plan, commitments, titles: RITUAL_TITLES, now: now() });
        downloadText('attune-week.ics', text, 'text/calendar');
        setDraft(fromPlan(plan));
        saved.reload();
        const open = commitments.filter((c) => c.status === 'open').length;
        setMessage({
          kind: 'ok',
          text:
            `Your calendar file is downloading (attune-week.ics): open it with your calendar app.` +
            (open > 0 ? ` It includes ${open === 1 ? 'one check-in day' : `${open} check-in days`} of your commitments.` : '') +
            ' Adding it again later updates the same events.',
        });
        setBusy(false);
      })
      .catch((error: unknown) => {
        setBusy(false);
        setMessage({ kind: 'error', text: errorText(error) });
      });
  };

  return (
    <section className="practice-plan" aria-labelledby={`${id}-title`} data-testid="plan-editor">
      <h2 id={`${id}-title`}>What to practise this week</h2>
      <p className="practice-hint">
        Short, regular rituals make repair a habit. Choose the days and a time for each; leave the days empty for “when needed”.
        {saved.data ? '' : ' This is a suggestion — nothing is planned until you save it.'}
      </p>
      {PLAN_RITUALS.map((ritual) => {
        const info = RITUALS[ritual];
        const row = current[ritual];
        const rowId = `${id}-${ritual}`;
        return (
          <fieldset key={ritual} className="practice-ritual" data-ritual={ritual}>
            <legend>
              {info.title} <span className="practice-hint">({info.minutes} min)</span>
            </legend>
            <p className="practice-hint" id={`${rowId}-hint`}>
              {info.hint}
            </p>
            <div className="practice-days" role="group" aria-label={`Days for ${info.title}`} aria-describedby={`${rowId}-hint`}>
              {WEEKDAYS.map((day) => (
                <label key={day} className="practice-day">
                  <input
                    type="checkbox"
                    checked={row.days.includes(day)}
                    aria-label={WEEKDAY_NAMES[day].long}
                    onChange={(e) => edit(ritual, { days: e.target.checked ? [...row.days, day] : row.days.filter((d) => d !== day) })}
                  />
                  <span aria-hidden="true">{WEEKDAY_NAMES[day].short}</span>
                </label>
              ))}
            </div>
            <div className="practice-fields">
              <div>
                <label htmlFor={`${rowId}-time`}>Time</label>
                <input
                  id={`${rowId}-time`}
                  type="time"
                  required
                  value={row.time}
                  aria-label={`Time for ${info.title}`}
                  onChange={(e) => e.target.value && edit(ritual, { time: e.target.value.slice(0, 5) })}
                />
              </div>
              <div>
                <label htmlFor={`${rowId}-alarm`}>Calendar reminder</label>
                <select
                  id={`${rowId}-alarm`}
                  aria-label={`Calendar reminder for ${info.title}`}
                  value={row.alarmMinutesBefore === null ? 'none' : String(row.alarmMinutesBefore)}
                  onChange={(e) => edit(ritual, { alarmMinutesBefore: e.target.value === 'none' ? null : Number(e.target.value) })}
                >
                  {ALARMS.map((a) => (
                    <option key={a.value} value={a.value}>
                      {a.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p className="practice-hint">{row.days.length === 0 ? 'When needed — not in the calendar.' : summary(row.days, row.time)}</p>
          </fieldset>
        );
      })}
      <div className="practice-actions">
        <button type="button" className="primary" disabled={busy} onClick={onSave}>
          Save plan
        </button>
        <button type="button" disabled={busy} onClick={onCalendar} aria-describedby={`${id}-calendar-hint`}>
          Add to calendar
        </button>
      </div>
      <p className="practice-hint" id={`${id}-calendar-hint`}>
        The calendar file is made on this device; no calendar account and nothing sent anywhere. A ritual you take out of the plan stays in
        a calendar that already has it: delete it there.
      </p>
      <p role={message?.kind === 'error' ? 'alert' : 'status'} className={message?.kind === 'error' ? 'practice-error' : 'practice-status'}>
        {message?.text}
      </p>
    </section>
  );
}

function summary(days: readonly Weekday[], time: string): string {
  const ordered = WEEKDAYS.filter((d) => days.includes(d)).map((d) => WEEKDAY_NAMES[d].long);
  const list = ordered.length === 7 ? 'Every day' : ordered.length === 1 ? `Every ${ordered[0]}` : ordered.join(', ');
  return `${list} at ${time}.`;
}

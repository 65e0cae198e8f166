/**
 * On the welcome screen: a history the browser cleared (said plainly, with the way back), today's
 * planned rituals as a gentle reminder, and the next one — or an invitation to plan the week.
 */
import { useId, useState } from 'react';
import type { AttuneStore } from '../../store';
import { nextRitual, todaysRituals } from '../../practice/next-ritual';
import { localDayOf } from '../../practice/week';
import { RITUALS, formatDay } from './rituals';
import { useAsync } from '../common/use-async';

export interface NextRitualCardProps {
  readonly store: AttuneStore;
  /** Opens the weekly plan. */
  readonly onPlan: () => void;
  readonly now?: () => Date;
}

export function NextRitualCard({ store, onPlan, now = () => new Date() }: NextRitualCardProps) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  const loaded = useAsync(async () => {
    const [plan, status, runs] = await Promise.all([store.plans.get(), store.durability.status(), store.routineRuns.list()]);
    return { plan, status, runs };
  }, 'welcome');
  if (!loaded.data) return null;
  const { plan, status, runs } = loaded.data;
  const at = now();
  const today = localDayOf(at);
  const doneToday = new Set(
    runs.filter((r) => r.outcome === 'completed' && localDayOf(new Date(r.startedAt)) === today).map((r) => r.routineId),
  );
  const todays = todaysRituals(plan, at).filter((o) => !doneToday.has(o.item.ritual));
  const next = nextRitual(plan, at);
  return (
    <>
      {status.clearedByBrowser && !dismissed && (
        <aside className="practice-warning" role="alert" aria-labelledby={`${id}-cleared`} data-testid="storage-cleared">
          <h2 id={`${id}-cleared`}>Your saved sessions are gone from this browser</h2>
          <p>
            Attune had kept sessions here, and the browser has since cleared them — browsers do this to free space when storage is “best
            effort”. If you exported a backup, import it in History to get everything back.
          </p>
          <button
            type="button"
            className="quiet"
            onClick={() => {
              store.durability.forget();
              setDismissed(true);
            }}
          >
            Understood
          </button>
        </aside>
      )}
      <aside className="practice-next card" aria-labelledby={`${id}-next`} data-testid="next-ritual">
        {todays.length > 0 ? (
          <>
            <h2 id={`${id}-next`}>Planned for today</h2>
            <ul className="practice-list">
              {todays.map((o) => (
                <li key={o.item.id}>
                  {RITUALS[o.item.ritual].title} at {o.time}
                </li>
              ))}
            </ul>
            <p className="practice-hint">Only when you are both up for it — a plan is an invitation, not an obligation.</p>
          </>
        ) : next ? (
          <>
            <h2 id={`${id}-next`}>Next planned</h2>
            <p>
              {RITUALS[next.item.ritual].title}, {next.day === today ? 'today' : formatDay(next.day)} at {next.time}
            </p>
          </>
        ) : (
          <>
            <h2 id={`${id}-next`}>Make repair a habit</h2>
            <p>Plan a few short rituals for the week — a handhold, a weekly Reconnect Flow, a check-in on what you agreed.</p>
          </>
        )}
        <button type="button" onClick={onPlan}>
          {plan ? 'Your week' : 'Plan your week'}
        </button>
      </aside>
    </>
  );
}

/**
 * The next planned ritual and today's reminders, for the welcome screen. Times are the plan's local
 * wall-clock times read on the device's clock and calendar.
 */
import type { PlanItem, PlanRecord } from '../store/records';
import { addDays, firstDayOn, localDayOf, minutesOfDay } from './week';

export interface PlannedOccurrence {
  readonly item: PlanItem;
  /** Local calendar day, YYYY-MM-DD. */
  readonly day: string;
  /** Local time, HH:MM. */
  readonly time: string;
}

function occurrencesFrom(plan: PlanRecord, from: string): PlannedOccurrence[] {
  const start = from < plan.startsOn ? plan.startsOn : from;
  return plan.items.flatMap((item) => {
    const day = firstDayOn(start, item.days);
    return day === undefined ? [] : [{ item, day, time: item.time }];
  });
}

const byTime = (x: PlannedOccurrence, y: PlannedOccurrence) => x.day.localeCompare(y.day) || x.time.localeCompare(y.time);

/**
 * The next planned ritual that has not started yet at `now` (one that started earlier today is
 * today's reminder, not the next). Undefined when nothing is planned on any day.
 */
export function nextRitual(plan: PlanRecord | undefined, now: Date): PlannedOccurrence | undefined {
  if (!plan) return undefined;
  const today = localDayOf(now);
  const nowMin = now.getHours() * 60 + now.getMinutes();
  const candidates = [
    ...occurrencesFrom(plan, today).filter((o) => o.day !== today || minutesOfDay(o.time) >= nowMin),
    ...occurrencesFrom(plan, addDays(today, 1)),
  ];
  return candidates.sort(byTime)[0];
}

/** Rituals planned for today (on or after the plan's start), in order of time. */
export function todaysRituals(plan: PlanRecord | undefined, now: Date): PlannedOccurrence[] {
  if (!plan) return [];
  const today = localDayOf(now);
  if (today < plan.startsOn) return [];
  return occurrencesFrom(plan, today)
    .filter((o) => o.day === today)
    .sort(byTime);
}

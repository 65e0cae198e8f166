/**
 * Calendar arithmetic on plain days (`YYYY-MM-DD`) and weekdays, without time zones: a day string
 * names a date in the couple's own calendar, and its weekday does not depend on where it is read.
 */
import { WEEKDAYS, type Weekday } from '../store/records';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(day: string): [number, number, number] {
  const match = DAY.exec(day);
  if (!match) throw new Error(`day: expected YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(day: string): number {
  const [y, m, d] = parse(day);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** The calendar day `n` days after 1970-01-01. */
export function dayFromNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** The day `days` after `day` (negative goes back). */
export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** The weekday of a calendar day, in iCalendar's spelling. */
export function weekdayOf(day: string): Weekday {
  // 1970-01-01 was a Thursday (index 3 from Monday).
  return WEEKDAYS[(((dayNumber(day) + 3) % 7) + 7) % 7]!;
}

/** The Monday starting the week that holds `day` (ISO 8601 weeks start on Monday). */
export function weekStart(day: string): string {
  return addDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));
}

/** The first day on or after `from` that falls on one of `days`; undefined when `days` is empty. */
export function firstDayOn(from: string, days: readonly Weekday[]): string | undefined {
  if (days.length === 0) return undefined;
  for (let i = 0; i < 7; i++) {
    const day = addDays(from, i);
    if (days.includes(weekdayOf(day))) return day;
  }
  return undefined;
}

/** The local calendar day of a moment, in the device's time zone. */
export function localDayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Minutes after local midnight of `HH:MM`. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The weekly plan as an iCalendar file (RFC 5545), written on the device.
 *
 * - Planned rituals are weekly recurring events (`RRULE:FREQ=WEEKLY;BYDAY=…`, 3.3.10) starting on
 *   the first planned day on or after the plan's start, at the plan's local time in its time zone
 *   (`DTSTART;TZID=…`, 3.2.19, with the `VTIMEZONE` 3.6.5 requires for every TZID used), or in UTC
 *   (`…Z`, form #2 of 3.3.5) when the plan's zone is UTC. Rituals planned "when needed" (no day)
 *   are left out.
 * - Open commitments become a check-in event on their check-in day: at the plan's check-in time
 *   when the plan has one, else an all-day event (`VALUE=DATE`).
 * - Each event has a gentle display alarm (`VALARM`, 3.6.6) when the plan asks for one.
 * - UIDs (3.8.4.7) come from the plan item's or commitment's own id, so importing a newer file
 *   updates events instead of adding copies; `SEQUENCE` (3.8.7.4) is the plan's revision.
 * - Content lines end in CRLF and are folded at 75 octets (3.1), never inside a UTF-8 character;
 *   TEXT values escape backslash, semicolon, comma and newlines (3.3.11).
 *
 * Known limitation: a ritual removed from the plan is not removed from a calendar that imported an
 * earlier file (a published file cannot cancel an event it no longer lists); the couple deletes it
 * there.
 */
import type { CommitmentRecord, PlanRecord, PlanRitual } from '../store/records';
import { dayNumber, firstDayOn } from './week';
import { vtimezone } from './time-zone';

/** Right-hand side of every UID: a reserved name (RFC 2606), since the events belong to no server. */
export const UID_DOMAIN = 'attune.invalid';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * Folds one content line (RFC 5545, 3.1): no line longer than 75 octets without its CRLF; each
 * continuation starts with one space. A multi-octet UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = out.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** Escapes a TEXT value (RFC 5545, 3.3.11): `\` `;` `,` and line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `YYYYMMDD` of a `YYYY-MM-DD` day. */
function dateValue(day: string): string {
  return day.replace(/-/g, '');
}

/** `YYYYMMDDTHHMMSSZ` of a moment (DATE-TIME in UTC, RFC 5545 3.3.5 form #2). */
export function utcDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** `YYYYMMDDTHHMM00` of a local day and `HH:MM` time. */
function localDateTime(day: string, time: string): string {
  return `${dateValue(day)}T${time.replace(':', '')}00`;
}

/** A duration in minutes as RFC 5545 3.3.6 (`PT15M`, `PT1H30M`). */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

export interface CalendarInput {
  readonly plan: PlanRecord;
  /** Commitments; the open ones become check-in events. */
  readonly commitments: readonly CommitmentRecord[];
  /** What each ritual is called in the calendar. */
  readonly titles: Readonly<Record<PlanRitual, string>>;
  /** When the file is written (DTSTAMP). */
  readonly now: Date;
}

const isUtc = (zone: string) => zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/GMT' || zone === 'GMT';

/** Writes the plan (and the open commitments' check-ins) as one iCalendar object. */
export function writePlanCalendar({ plan, commitments, titles, now }: CalendarInput): string {
  const lines: string[] = [];
  const utc = isUtc(plan.timeZone);
  const stamp = utcDateTime(now);
  const at = (day: string, time: string) =>
    utc ? `DTSTART:${localDateTime(day, time)}Z` : `DTSTART;TZID=${plan.timeZone}:${localDateTime(day, time)}`;
  const alarm = (minutesBefore: number | null, description: string, trigger?: string) => {
    if (minutesBefore === null && trigger === undefined) return;
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(description)}`,
      `TRIGGER:${trigger ?? (minutesBefore === 0 ? 'PT0M' : `-${duration(minutesBefore!)}`)}`,
      'END:VALARM',
    );
  };

  const planned = plan.items.flatMap((item) => {
    const first = firstDayOn(plan.startsOn, item.days);
    return first === undefined ? [] : [{ item, first }];
  });
  const checkInItem = plan.items.find((i) => i.ritual === 'check-in');
  const openCommitments = commitments.filter((c) => c.status === 'open');
  const timedCheckIns = checkInItem !== undefined && openCommitments.length > 0;

  lines.push('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Attune//Weekly repair practice//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH');
  if (!utc && (planned.length > 0 || timedCheckIns)) {
    const days = [...planned.map((p) => p.first), ...(timedCheckIns ? openCommitments.map((c) => c.checkInDay) : [])];
    const from = Math.min(...days.map(dayNumber));
    lines.push(...vtimezone(plan.timeZone, from * 86_400_000 - 86_400_000));
  }

  for (const { item, first } of planned) {
    const title = titles[item.ritual];
    lines.push(
      'BEGIN:VEVENT',
      `UID:plan-${item.id}@${UID_DOMAIN}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${plan.revision}`,
      at(first, item.time),
      `DURATION:${duration(item.minutes)}`,
      `RRULE:FREQ=WEEKLY;BYDAY=${item.days.join(',')}`,
      `SUMMARY:${escapeText(title)}`,
      `DESCRIPTION:${escapeText(`Your planned ${title} with Attune. Open Attune when you are both ready; there is no need to rush.`)}`,
    );
    alarm(item.alarmMinutesBefore, `${title} in a little while`);
    lines.push('END:VEVENT');
  }

  for (const commitment of openCommitments) {
    const summary = `Check in together: ${commitment.text}`;
    lines.push('BEGIN:VEVENT', `UID:check-in-${commitment.id}@${UID_DOMAIN}`, `DTSTAMP:${stamp}`, `SEQUENCE:${plan.revision}`);
    if (timedCheckIns) {
      lines.push(at(commitment.checkInDay, checkInItem.time), `DURATION:${duration(checkInItem.minutes)}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${dateValue(commitment.checkInDay)}`, 'DURATION:P1D');
    }
    lines.push(
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(`What you agreed: ${commitment.text}\nNo score — just notice together how it went.`)}`,
    );
    // An all-day check-in reminds at nine in the morning of its day.
    if (timedCheckIns) alarm(checkInItem.alarmMinutesBefore, summary);
    else alarm(null, summary, 'PT9H');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * A `VTIMEZONE` component (RFC 5545, 3.6.5) for an IANA time zone, built from the device's own
 * time-zone data (`Intl.DateTimeFormat`): the offset changes from a year before the calendar's first
 * event to three years after it are found to the minute, and written as yearly rules
 * (`RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…`) where every year follows the same rule, else as the list
 * of dates (`RDATE`). A zone without changes gets one STANDARD observance.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at a moment, in minutes (east positive: Berlin in winter is +60). */
export function offsetMinutes(zone: string, ms: number): number {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), 0);
  return Math.round((local - Math.floor(ms / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

export interface Transition {
  /** The moment the new offset starts, ms since the epoch (whole minutes). */
  readonly atMs: number;
  readonly fromMin: number;
  readonly toMin: number;
}

/** Every offset change of the zone between two moments, found to the minute. */
export function transitions(zone: string, fromMs: number, toMs: number): Transition[] {
  const out: Transition[] = [];
  let t = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  let offset = offsetMinutes(zone, t);
  while (t < toMs) {
    const next = t + DAY_MS;
    const nextOffset = offsetMinutes(zone, next);
    if (nextOffset !== offset) {
      // Offsets change at most once a day: the first minute with the new offset lies in (t, next].
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetMinutes(zone, mid) === offset) lo = mid;
        else hi = mid;
      }
      out.push({ atMs: hi, fromMin: offset, toMin: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return out;
}

/** `+0100`, `-0330`. */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** Local wall time of a transition (in the offset before it, as RFC 5545 asks), as its parts. */
function localParts(t: Transition) {
  const d = new Date(t.atMs + t.fromMin * MINUTE_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const stamp = d.toISOString().slice(0, 19).replace(/[-:]/g, '');
  return {
    year,
    month,
    day,
    weekday: WEEKDAY_CODES[d.getUTCDay()]!,
    last: day + 7 > daysInMonth,
    nth: Math.ceil(day / 7),
    stamp,
    time: stamp.slice(9),
  };
}

/**
 * The yearly rule all these transitions follow, or undefined when they follow none: one a year,
 * every year up to the last year scanned, on the same weekday of the same month (the n-th, or the
 * last) at the same local time.
 */
function yearlyRule(group: readonly Transition[], lastYear: number): string | undefined {
  const parts = group.map(localParts);
  const first = parts[0]!;
  const sameShape = parts.every((p) => p.month === first.month && p.weekday === first.weekday && p.time === first.time);
  const everyYear = parts.every((p, i) => p.year === first.year + i) && parts.at(-1)!.year >= lastYear - 1;
  if (!sameShape || !everyYear || parts.length < 2) return undefined;
  if (parts.every((p) => p.last)) return `RRULE:FREQ=YEARLY;BYMONTH=${first.month};BYDAY=-1${first.weekday}`;
  if (parts.every((p) => p.nth === first.nth)) return `RRULE:FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${first.nth}${first.weekday}`;
  return undefined;
}

/**
 * The VTIMEZONE component's content lines for `zone`, covering a year before `fromMs` to three
 * years after it (later events keep the last rule, which holds for as long as the zone's rules do).
 */
export function vtimezone(zone: string, fromMs: number): string[] {
  const start = fromMs - 366 * DAY_MS;
  const end = fromMs + 3 * 366 * DAY_MS;
  const found = transitions(zone, start, end);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  if (found.length === 0) {
    const offset = utcOffset(offsetMinutes(zone, fromMs));
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
    lines.push('END:VTIMEZONE');
    return lines;
  }
  const groups = new Map<string, Transition[]>();
  for (const t of found) {
    const key = `${t.fromMin}/${t.toMin}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const lastYear = new Date(end).getUTCFullYear();
  for (const group of groups.values()) {
    const { fromMin, toMin } = group[0]!;
    const kind = toMin > fromMin ? 'DAYLIGHT' : 'STANDARD';
    const parts = group.map(localParts);
    const rule = yearlyRule(group, lastYear);
    lines.push(`BEGIN:${kind}`, `DTSTART:${parts[0]!.stamp}`, `TZOFFSETFROM:${utcOffset(fromMin)}`, `TZOFFSETTO:${utcOffset(toMin)}`);
    if (rule) lines.push(rule);
    else if (parts.length > 1)
      lines.push(
        `RDATE:${parts
          .slice(1)
          .map((p) => p.stamp)
          .join(',')}`,
      );
    lines.push(`END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

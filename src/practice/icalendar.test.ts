import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import type { CommitmentRecord, PlanRecord } from '../store/records';
import { duration, escapeText, foldLine, utcDateTime, writePlanCalendar, UID_DOMAIN } from './icalendar';

const TITLES = {
  'grounding-handhold': '2-Minute Grounding Handhold',
  'apology-reset': '5-Minute Apology Reset',
  'reconnect-flow': '15-Minute Reconnect Flow',
  'check-in': 'Commitment check-in',
} as const;

const plan: PlanRecord = {
  id: 'current',
  // A Monday.
  startsOn: '2026-03-02',
  timeZone: 'Europe/Berlin',
  revision: 3,
  updatedAt: '2026-03-02T18:00:00.000Z',
  items: [
    { id: 'handhold', ritual: 'grounding-handhold', days: ['MO', 'WE', 'FR'], time: '21:00', minutes: 2, alarmMinutesBefore: null },
    { id: 'reconnect', ritual: 'reconnect-flow', days: ['TH'], time: '19:30', minutes: 15, alarmMinutesBefore: 10 },
    { id: 'reset', ritual: 'apology-reset', days: [], time: '20:00', minutes: 5, alarmMinutesBefore: 5 },
    { id: 'weekly', ritual: 'check-in', days: ['SU'], time: '18:00', minutes: 15, alarmMinutesBefore: 30 },
  ],
};

const commitment: CommitmentRecord = {
  id: 'c1',
  sessionId: null,
  createdAt: '2026-03-02T19:00:00.000Z',
  author: 'both',
  text: 'Phones away at dinner, every evening; ask "how was your day?"\nbefore logistics',
  byDay: '2026-03-08',
  checkInDay: '2026-03-09',
  status: 'open',
  resolvedAt: null,
};

const now = new Date('2026-03-02T19:30:00.000Z');

function write(overrides: Partial<PlanRecord> = {}, commitments: readonly CommitmentRecord[] = [commitment]): string {
  return writePlanCalendar({ plan: { ...plan, ...overrides }, commitments, titles: TITLES, now });
}

/** Parses with ical.js, registering the file's own time zones, as a calendar app would. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  return { calendar, events };
}

/** The first `n` occurrences of an event as UTC ISO strings. */
function occurrences(event: ICAL.Event, n: number): string[] {
  const it = event.iterator();
  const out: string[] = [];
  for (let next = it.next(); next && out.length < n; next = it.next()) out.push(next.toJSDate().toISOString());
  return out;
}

describe('foldLine(line)', () => {
  it('foldLine(line) leaves a line of 75 octets as it is and folds the 76th octet onto a line starting with a space', () => {
    const exactly = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldLine(exactly)).toBe(exactly);
    expect(foldLine(`${exactly}y`)).toBe(`${exactly}\r\n y`);
  });

  it('foldLine(line) counts octets, not characters, and never splits a UTF-8 character', () => {
    // "é" is two octets: 8 + 33 × 2 = 74 octets fit, the next "é" would make 76.
    const line = `SUMMARY:${'é'.repeat(40)}`;
    const folded = foldLine(line);
    const [first, ...rest] = folded.split('\r\n');
    expect(new TextEncoder().encode(first).length).toBe(74);
    expect(first).toBe(`SUMMARY:${'é'.repeat(33)}`);
    expect(rest).toEqual([` ${'é'.repeat(7)}`]);
  });

  it('foldLine(line): every physical line is at most 75 octets and unfolding gives the line back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${text.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        for (const physical of folded.split('\r\n')) expect(new TextEncoder().encode(physical).length).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });
});

describe('escapeText(text)', () => {
  it('escapeText(text) escapes backslash, semicolon, comma and every kind of newline, and leaves colons', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg: h')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng: h');
  });
});

describe('duration(minutes) and utcDateTime(date)', () => {
  it('duration(minutes) writes RFC 5545 durations', () => {
    expect([duration(2), duration(15), duration(60), duration(90), duration(0)]).toEqual(['PT2M', 'PT15M', 'PT1H', 'PT1H30M', 'PT0M']);
  });

  it('utcDateTime(date) writes form #2 (UTC) of DATE-TIME', () => {
    expect(utcDateTime(new Date('2026-03-02T19:30:05.250Z'))).toBe('20260302T193005Z');
  });
});

describe('writePlanCalendar({ plan, commitments, titles, now })', () => {
  it('writePlanCalendar() ends every line with CRLF and keeps each within 75 octets', () => {
    const text = write();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
  });

  it('writePlanCalendar() writes each planned ritual as a weekly RRULE with BYDAY, from its first planned day, at the local time with TZID', () => {
    const unfolded = write().replace(/\r\n /g, '');
    const reconnect = unfolded.slice(unfolded.indexOf('UID:plan-reconnect@'));
    expect(reconnect).toMatch(/^UID:plan-reconnect@attune\.invalid\r\nDTSTAMP:20260302T193000Z\r\nSEQUENCE:3\r\n/);
    // The plan starts on Monday 2 March; the first Thursday is 5 March.
    expect(reconnect).toContain('DTSTART;TZID=Europe/Berlin:20260305T193000\r\nDURATION:PT15M\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\n');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Berlin:20260302T210000\r\nDURATION:PT2M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n');
    // Every TZID used has its VTIMEZONE, with Berlin's rules.
    expect(unfolded).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
    expect(unfolded).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(unfolded).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  });

  it('writePlanCalendar() writes DTSTART in UTC (with Z, no TZID and no VTIMEZONE) when the plan is in UTC', () => {
    const text = write({ timeZone: 'UTC' });
    expect(text).toContain('DTSTART:20260305T193000Z\r\n');
    expect(text).not.toContain('TZID');
    expect(text).not.toContain('VTIMEZONE');
  });

  it('writePlanCalendar() leaves out rituals planned "when needed" (no day)', () => {
    expect(write()).not.toContain('plan-reset@');
  });

  it('writePlanCalendar() gives each event a display alarm when the plan asks for one, and none otherwise', () => {
    const { events } = parse(write());
    const alarms = Object.fromEntries(
      events.map((e) => [e.uid, e.component.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('trigger')?.toString())]),
    );
    expect(alarms[`plan-reconnect@${UID_DOMAIN}`]).toEqual(['-PT10M']);
    expect(alarms[`plan-handhold@${UID_DOMAIN}`]).toEqual([]);
    expect(alarms[`check-in-c1@${UID_DOMAIN}`]).toEqual(['-PT30M']);
    for (const alarm of events.flatMap((e) => e.component.getAllSubcomponents('valarm'))) {
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm.getFirstPropertyValue('description')).toBeTruthy();
    }
  });

  it('writePlanCalendar() parses with ical.js and round-trips the plan: titles, weekdays, local times across the DST change, durations', () => {
    const { events } = parse(write());
    const planned = events.filter((e) => e.uid.startsWith('plan-'));
    expect(planned.map((e) => [e.uid, e.summary, e.isRecurring()])).toEqual([
      [`plan-handhold@${UID_DOMAIN}`, '2-Minute Grounding Handhold', true],
      [`plan-reconnect@${UID_DOMAIN}`, '15-Minute Reconnect Flow', true],
      [`plan-weekly@${UID_DOMAIN}`, 'Commitment check-in', true],
    ]);
    const reconnect = planned[1]!;
    expect(reconnect.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(reconnect.duration.toSeconds()).toBe(15 * 60);
    const rule = reconnect.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect([rule.freq, rule.parts.BYDAY]).toEqual(['WEEKLY', ['TH']]);
    // 19:30 in Berlin: 18:30 UTC in winter, 17:30 UTC after the change on 29 March.
    expect(occurrences(reconnect, 6)).toEqual([
      '2026-03-05T18:30:00.000Z',
      '2026-03-12T18:30:00.000Z',
      '2026-03-19T18:30:00.000Z',
      '2026-03-26T18:30:00.000Z',
      '2026-04-02T17:30:00.000Z',
      '2026-04-09T17:30:00.000Z',
    ]);
    expect(occurrences(planned[0]!, 4)).toEqual([
      '2026-03-02T20:00:00.000Z',
      '2026-03-04T20:00:00.000Z',
      '2026-03-06T20:00:00.000Z',
      '2026-03-09T20:00:00.000Z',
    ]);
    // The plan read back from the file is the plan that was written.
    const days = (e: ICAL.Event) => (e.component.getFirstPropertyValue('rrule') as ICAL.Recur).parts.BYDAY;
    const time = (e: ICAL.Event) => `${String(e.startDate.hour).padStart(2, '0')}:${String(e.startDate.minute).padStart(2, '0')}`;
    expect(planned.map((e) => [days(e), time(e), e.duration.toSeconds() / 60])).toEqual(
      plan.items.filter((i) => i.days.length > 0).map((i) => [i.days, i.time, i.minutes]),
    );
  });

  it('writePlanCalendar() writes an open commitment as a check-in on its day, with the text unescaped intact', () => {
    const { events } = parse(write());
    const checkIn = events.find((e) => e.uid === `check-in-c1@${UID_DOMAIN}`)!;
    expect(checkIn.summary).toBe(`Check in together: ${commitment.text}`);
    expect(checkIn.description).toContain(commitment.text);
    // At the plan's weekly check-in time (18:00 Berlin, UTC+1 on 9 March).
    expect(checkIn.startDate.toJSDate().toISOString()).toBe('2026-03-09T17:00:00.000Z');
    expect(checkIn.isRecurring()).toBe(false);
  });

  it('writePlanCalendar() without a check-in in the plan writes commitments as all-day events (VALUE=DATE) reminding at nine', () => {
    const text = write({ items: plan.items.filter((i) => i.ritual !== 'check-in') });
    expect(text).toContain('DTSTART;VALUE=DATE:20260309\r\nDURATION:P1D\r\n');
    const checkIn = parse(text).events.find((e) => e.uid.startsWith('check-in-'))!;
    expect(checkIn.startDate.isDate).toBe(true);
    expect(checkIn.component.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString()).toBe('PT9H');
  });

  it('writePlanCalendar() leaves out commitments already done or missed', () => {
    expect(write({}, [{ ...commitment, status: 'done', resolvedAt: '2026-03-09T19:00:00.000Z' }])).not.toContain('check-in-c1@');
  });

  it('writePlanCalendar() keeps UIDs stable across revisions and raises SEQUENCE, so a newer file updates the same events', () => {
    const before = parse(write()).events;
    const after = parse(
      write({ revision: 4, items: plan.items.map((i) => (i.id === 'reconnect' ? { ...i, days: ['SA'], time: '10:00' } : i)) }),
    ).events;
    expect(after.map((e) => e.uid)).toEqual(before.map((e) => e.uid));
    expect(after.map((e) => e.sequence)).toEqual(after.map(() => 4));
    expect(after.find((e) => e.uid.startsWith('plan-reconnect'))!.startDate.toString()).toBe('2026-03-07T10:00:00');
  });

  it('writePlanCalendar() for a zone without daylight saving writes one STANDARD observance', () => {
    const text = write({ timeZone: 'Asia/Tokyo' });
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD');
    const reconnect = parse(text).events.find((e) => e.uid.startsWith('plan-reconnect'))!;
    expect(reconnect.startDate.toJSDate().toISOString()).toBe('2026-03-05T10:30:00.000Z');
  });

  it('writePlanCalendar() for a southern-hemisphere zone gets its rules right (Sydney: daylight time until April)', () => {
    const reconnect = parse(write({ timeZone: 'Australia/Sydney' })).events.find((e) => e.uid.startsWith('plan-reconnect'))!;
    // 19:30 AEDT (+11) on 5 March; 19:30 AEST (+10) after the first Sunday of April.
    expect(occurrences(reconnect, 6).at(0)).toBe('2026-03-05T08:30:00.000Z');
    expect(occurrences(reconnect, 6).at(-1)).toBe('2026-04-09T09:30:00.000Z');
  });
});

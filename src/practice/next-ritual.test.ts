import { describe, expect, it } from 'vitest';
import type { PlanRecord } from '../store/records';
import { nextRitual, todaysRituals } from './next-ritual';
import { addDays, firstDayOn, weekdayOf, weekStart } from './week';

const plan: PlanRecord = {
  id: 'current',
  startsOn: '2026-03-02',
  timeZone: 'UTC',
  revision: 0,
  updatedAt: '2026-03-02T08:00:00.000Z',
  items: [
    { id: 'h', ritual: 'grounding-handhold', days: ['MO', 'WE'], time: '21:00', minutes: 2, alarmMinutesBefore: null },
    { id: 'r', ritual: 'reconnect-flow', days: ['TH'], time: '19:30', minutes: 15, alarmMinutesBefore: 10 },
    { id: 'n', ritual: 'apology-reset', days: [], time: '20:00', minutes: 5, alarmMinutesBefore: null },
  ],
};

/** A local time on a day (the device's zone, as the app reads it). */
const at = (day: string, time: string) => new Date(`${day}T${time}:00`);

describe('week arithmetic', () => {
  it('weekdayOf(day), weekStart(day), addDays(day, n) and firstDayOn(from, days) follow the calendar', () => {
    expect([weekdayOf('1970-01-01'), weekdayOf('2026-03-02'), weekdayOf('2024-02-29')]).toEqual(['TH', 'MO', 'TH']);
    expect([weekStart('2026-03-08'), weekStart('2026-03-02')]).toEqual(['2026-03-02', '2026-03-02']);
    expect([addDays('2026-02-28', 1), addDays('2024-02-28', 1), addDays('2026-01-01', -1)]).toEqual([
      '2026-03-01',
      '2024-02-29',
      '2025-12-31',
    ]);
    expect([firstDayOn('2026-03-02', ['TH']), firstDayOn('2026-03-06', ['MO', 'TH']), firstDayOn('2026-03-02', [])]).toEqual([
      '2026-03-05',
      '2026-03-09',
      undefined,
    ]);
  });
});

describe('nextRitual(plan, now) and todaysRituals(plan, now)', () => {
  it('nextRitual() is the earliest planned ritual not yet started, skipping "when needed" ones', () => {
    expect(nextRitual(plan, at('2026-03-02', '09:00'))).toMatchObject({ day: '2026-03-02', time: '21:00', item: { id: 'h' } });
    // Monday after 21:00: Wednesday's handhold comes before Thursday's flow.
    expect(nextRitual(plan, at('2026-03-02', '21:30'))).toMatchObject({ day: '2026-03-04', item: { id: 'h' } });
    expect(nextRitual(plan, at('2026-03-04', '22:00'))).toMatchObject({ day: '2026-03-05', time: '19:30', item: { id: 'r' } });
  });

  it('nextRitual() waits for the plan to start and is undefined without a plan or without planned days', () => {
    expect(nextRitual(plan, at('2026-02-20', '12:00'))).toMatchObject({ day: '2026-03-02' });
    expect(nextRitual(undefined, at('2026-03-02', '12:00'))).toBeUndefined();
    expect(nextRitual({ ...plan, items: [plan.items[2]!] }, at('2026-03-02', '12:00'))).toBeUndefined();
  });

  it("todaysRituals() lists today's planned rituals in time order, including those already past", () => {
    expect(todaysRituals(plan, at('2026-03-02', '22:00')).map((o) => o.item.id)).toEqual(['h']);
    expect(todaysRituals(plan, at('2026-03-03', '08:00'))).toEqual([]);
    expect(todaysRituals(plan, at('2026-02-23', '08:00'))).toEqual([]);
  });
});

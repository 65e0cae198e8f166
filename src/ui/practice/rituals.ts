/**
 * What each plannable ritual is called and how long it takes, and the check-in. The routines' titles
 * and minutes are written here again rather than imported from their content, which would bring
 * every step of three routines onto the welcome screen (its plan card); `rituals.test.ts` checks they
 * match the content.
 */
import type { PlanRitual, Weekday } from '../../store';

export interface RitualInfo {
  readonly title: string;
  readonly minutes: number;
  /** When the article suggests it. */
  readonly hint: string;
}

export const RITUALS: Readonly<Record<PlanRitual, RitualInfo>> = {
  'grounding-handhold': {
    title: '2-Minute Grounding Handhold',
    minutes: 2,
    hint: 'A short daily practice, best after a low-conflict moment.',
  },
  'apology-reset': {
    title: '5-Minute Apology Reset',
    minutes: 5,
    hint: 'When a small argument happens, within 48 hours. Leave the days empty to keep it for "when needed".',
  },
  'reconnect-flow': {
    title: '15-Minute Reconnect Flow',
    minutes: 15,
    hint: 'Once a week, when you are both calm.',
  },
  'check-in': {
    title: 'Commitment check-in',
    minutes: 15,
    hint: 'A short weekly look at what you agreed. Your commitments’ check-in days go in the calendar too.',
  },
};

export const RITUAL_TITLES: Readonly<Record<PlanRitual, string>> = Object.fromEntries(
  Object.entries(RITUALS).map(([k, v]) => [k, v.title]),
) as Record<PlanRitual, string>;

export const WEEKDAY_NAMES: Readonly<Record<Weekday, { short: string; long: string }>> = {
  MO: { short: 'Mon', long: 'Monday' },
  TU: { short: 'Tue', long: 'Tuesday' },
  WE: { short: 'Wed', long: 'Wednesday' },
  TH: { short: 'Thu', long: 'Thursday' },
  FR: { short: 'Fri', long: 'Friday' },
  SA: { short: 'Sat', long: 'Saturday' },
  SU: { short: 'Sun', long: 'Sunday' },
};

/** "Thursday 5 March" for a YYYY-MM-DD day, in the reader's language. */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' }): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString(undefined, options);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

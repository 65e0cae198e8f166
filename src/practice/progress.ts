/**
 * Progress over weeks: what each session showed, and how the weeks compare.
 *
 * Per session (from what the store kept):
 * - **minutes until both were calm**: event time of the first `ready` of the two-person gate in the
 *   session's first recording segment (a resumed session restarts its clock, so later segments
 *   cannot say); null when the gate never opened (or nothing was measured);
 * - **peak heart rate** per partner: the highest 1-minute heart rate of the recorded windows whose
 *   artifact rate is at most 10 % (the gate's own quality bar), so one mis-detected beat cannot
 *   make a peak; null without such a window;
 * - **flooding episodes**: how many times the gate entered `flooded`;
 * - **routine**: finished (a run completed), stopped (a run stopped early), a break, or none;
 * - **commitments** made in the session, and how many were kept (done) or missed;
 * - the couple's own 0–10 check-ins before and after (a self-report, not a measurement): those saved
 *   with the session, or saved without one (before its recording began) from half an hour before
 *   it started to its end.
 *
 * Per week (Monday to Sunday, local calendar): the median minutes until calm, flooding episodes,
 * the average check-ins, and commitments kept. Trends are described in words only when there is
 * enough to describe (`describeTrend`).
 */
import type { CheckInRecord, CommitmentRecord, GateEntry, MetricChunk, RoutineRunRecord, SessionRecord } from '../store/records';
import { PARTNERS, type PartnerId } from '../signal/types';
import { mean, median } from '../stats/descriptive';
import { localDayOf, weekStart } from './week';

/** The artifact rate above which a window's heart rate is not used for a peak (as the gate's quality bar). */
export const PEAK_MAX_ARTIFACT_RATE = 0.1;

export type RoutineEnd = 'finished' | 'stopped' | 'break' | 'none';

export interface Ratings {
  /** Mean of the partners who answered, 0–10; null when neither did. */
  readonly intensity: number | null;
  readonly closeness: number | null;
}

export interface SessionProgress {
  readonly sessionId: string;
  readonly startedAt: string;
  /** Local calendar day the session started. */
  readonly day: string;
  readonly names: Readonly<Record<PartnerId, string>>;
  readonly demo: boolean;
  readonly minutesToCalm: number | null;
  readonly peakHrBpm: Readonly<Record<PartnerId, number | null>>;
  readonly floodingEpisodes: number;
  readonly routine: RoutineEnd;
  readonly commitments: { readonly made: number; readonly kept: number; readonly missed: number };
  readonly before: Ratings | null;
  readonly after: Ratings | null;
}

export interface SessionRecords {
  readonly session: SessionRecord;
  readonly metricChunks: readonly MetricChunk[];
  readonly gate: readonly GateEntry[];
  readonly runs: readonly RoutineRunRecord[];
}

/** The mean of the values present, or null when none is. */
function meanPresent(values: readonly (number | null)[]): number | null {
  return mean(values.filter((v): v is number => v !== null)) ?? null;
}

function ratings(checkIn: CheckInRecord | undefined): Ratings | null {
  if (!checkIn) return null;
  return {
    intensity: meanPresent([checkIn.intensity.a, checkIn.intensity.b]),
    closeness: meanPresent([checkIn.closeness.a, checkIn.closeness.b]),
  };
}

function routineEnd(runs: readonly RoutineRunRecord[]): RoutineEnd {
  if (runs.some((r) => r.outcome === 'completed')) return 'finished';
  if (runs.some((r) => r.outcome === 'stopped')) return 'stopped';
  if (runs.some((r) => r.outcome === 'break')) return 'break';
  return 'none';
}

/** A check-in saved before the recording had begun belongs to the session that began within this. */
export const CHECK_IN_LEAD_MS = 30 * 60_000;

function during(session: SessionRecord, iso: string): boolean {
  const t = Date.parse(iso);
  const end = Date.parse(session.endedAt ?? session.lastSavedAt);
  return t >= Date.parse(session.startedAt) - CHECK_IN_LEAD_MS && t <= end;
}

/** What one session showed (see the module's comment for each figure's definition). */
export function sessionProgress(
  records: SessionRecords,
  commitments: readonly CommitmentRecord[],
  checkIns: readonly CheckInRecord[],
): SessionProgress {
  const { session, metricChunks, gate, runs } = records;
  const ordered = [...gate].sort((x, y) => x.segment - y.segment || x.seq - y.seq);
  const firstReady = ordered.find((e) => e.state === 'ready');
  const minutesToCalm = firstReady && firstReady.segment === 0 ? firstReady.tSec / 60 : null;
  let floodingEpisodes = 0;
  let previous: GateEntry['state'] | null = null;
  for (const entry of ordered) {
    if (entry.state === 'flooded' && previous !== 'flooded') floodingEpisodes++;
    previous = entry.state;
  }
  const peakHrBpm = Object.fromEntries(
    PARTNERS.map((p) => {
      const rates = metricChunks
        .filter((c) => c.partner === p)
        .flatMap((c) => c.metrics)
        .filter((m) => m.hrBpm !== null && m.artifactRate <= PEAK_MAX_ARTIFACT_RATE)
        .map((m) => m.hrBpm!);
      return [p, rates.length === 0 ? null : Math.max(...rates)];
    }),
  ) as Record<PartnerId, number | null>;
  const made = commitments.filter((c) => c.sessionId === session.id);
  const own = checkIns.filter((c) => c.sessionId === session.id || (c.sessionId === null && during(session, c.at)));
  return {
    sessionId: session.id,
    startedAt: session.startedAt,
    day: localDayOf(new Date(session.startedAt)),
    names: session.partnerNames,
    demo: session.source === 'demo',
    minutesToCalm,
    peakHrBpm,
    floodingEpisodes,
    routine: routineEnd(runs),
    commitments: {
      made: made.length,
      kept: made.filter((c) => c.status === 'done').length,
      missed: made.filter((c) => c.status === 'missed').length,
    },
    before: ratings(own.filter((c) => c.moment === 'before').at(-1)),
    after: ratings(own.filter((c) => c.moment === 'after').at(-1)),
  };
}

export interface WeekProgress {
  /** The Monday the week starts. */
  readonly weekStart: string;
  readonly sessions: number;
  /** Median over the sessions where both became calm; null when none did. */
  readonly medianMinutesToCalm: number | null;
  /** Sessions in which both became calm. */
  readonly calmSessions: number;
  readonly floodingEpisodes: number;
  readonly meanIntensityBefore: number | null;
  readonly meanClosenessAfter: number | null;
  readonly commitmentsKept: number;
  readonly commitmentsResolved: number;
}

/** The sessions grouped by week (Monday first), oldest week first; weeks without sessions are left out. */
export function weeklyProgress(sessions: readonly SessionProgress[]): WeekProgress[] {
  const weeks = new Map<string, SessionProgress[]>();
  for (const s of sessions) {
    const key = weekStart(s.day);
    weeks.set(key, [...(weeks.get(key) ?? []), s]);
  }
  return [...weeks.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([start, list]) => {
      const calm = list.flatMap((s) => (s.minutesToCalm === null ? [] : [s.minutesToCalm]));
      return {
        weekStart: start,
        sessions: list.length,
        medianMinutesToCalm: median(calm) ?? null,
        calmSessions: calm.length,
        floodingEpisodes: list.reduce((n, s) => n + s.floodingEpisodes, 0),
        meanIntensityBefore: meanPresent(list.map((s) => s.before?.intensity ?? null)),
        meanClosenessAfter: meanPresent(list.map((s) => s.after?.closeness ?? null)),
        commitmentsKept: list.reduce((n, s) => n + s.commitments.kept, 0),
        commitmentsResolved: list.reduce((n, s) => n + s.commitments.kept + s.commitments.missed, 0),
      };
    });
}

/** Sessions needed before the progress view draws a line at all. */
export const MIN_SESSIONS_FOR_TREND = 3;
/** Weeks with sessions needed before the first and the latest weeks are compared in words. */
export const MIN_WEEKS_FOR_COMPARISON = 4;

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Plain words about the trend, honest about how little a few sessions say: no comparison before
 * there are MIN_WEEKS_FOR_COMPARISON weeks with sessions, and then only the first two weeks against
 * the latest two, as numbers, with no claim about why.
 */
export function describeTrend(sessions: readonly SessionProgress[], weeks: readonly WeekProgress[]): string[] {
  if (sessions.length === 0) return ['No sessions yet. Each session you record adds a point here.'];
  if (sessions.length < MIN_SESSIONS_FOR_TREND) {
    return [
      `${sessions.length === 1 ? 'One session' : `${sessions.length} sessions`} so far: too few to see a trend. The points below show each session; a trend needs at least ${MIN_SESSIONS_FOR_TREND}.`,
    ];
  }
  if (weeks.length < MIN_WEEKS_FOR_COMPARISON) {
    return [
      `${sessions.length} sessions over ${weeks.length === 1 ? 'one week' : `${weeks.length} weeks`}: too few weeks to tell whether things are changing. Keep going; from the ${MIN_WEEKS_FOR_COMPARISON}th week on, the first weeks are compared with the latest.`,
    ];
  }
  const early = weeks.slice(0, 2);
  const late = weeks.slice(-2);
  const lines: string[] = [];
  const calm = (list: readonly WeekProgress[]) =>
    median(list.flatMap((w) => (w.medianMinutesToCalm === null ? [] : [w.medianMinutesToCalm]))) ?? null;
  const [calmEarly, calmLate] = [calm(early), calm(late)];
  if (calmEarly !== null && calmLate !== null) {
    lines.push(
      `Minutes until you were both calm: about ${round(calmEarly)} in your first two weeks, about ${round(calmLate)} in the latest two.`,
    );
  }
  const intensity = (list: readonly WeekProgress[]) => meanPresent(list.map((w) => w.meanIntensityBefore));
  const [intensityEarly, intensityLate] = [intensity(early), intensity(late)];
  if (intensityEarly !== null && intensityLate !== null) {
    lines.push(
      `How intense the fights felt (your own 0–10): ${round(intensityEarly)} in the first two weeks, ${round(intensityLate)} in the latest two.`,
    );
  }
  if (lines.length === 0)
    lines.push(
      `${sessions.length} sessions over ${weeks.length} weeks, but too few figures in them to compare the first weeks with the latest.`,
    );
  lines.push('These are your own sessions, not a study: many things change a week. Read them together, not as a score.');
  return lines;
}

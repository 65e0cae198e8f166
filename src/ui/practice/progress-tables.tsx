/** The progress figures as tables: per session and per week (read by screen readers, and printed). */
import type { RoutineEnd, SessionProgress, WeekProgress } from '../../practice/progress';
import { formatDay } from './rituals';

const ROUTINE_WORDS: Record<RoutineEnd, string> = { finished: 'Finished', stopped: 'Stopped early', break: 'Took a break', none: 'None' };

const num = (x: number | null, digits = 0) => (x === null ? '—' : x.toFixed(digits));
const shortDay = (day: string) => formatDay(day, { weekday: 'short', day: 'numeric', month: 'short' });

export function SessionTable({ sessions, names }: { sessions: readonly SessionProgress[]; names: { a: string; b: string } }) {
  return (
    <table className="practice-table" data-testid="progress-sessions">
      <caption>Each session</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Minutes until both calm</th>
          <th scope="col">Peak heart rate {names.a}</th>
          <th scope="col">Peak heart rate {names.b}</th>
          <th scope="col">Flooding episodes</th>
          <th scope="col">Routine</th>
          <th scope="col">Commitments kept</th>
          <th scope="col">Intensity before → after</th>
          <th scope="col">Closeness before → after</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.sessionId}>
            <th scope="row">
              {shortDay(s.day)}
              {s.demo ? ' (demo)' : ''}
            </th>
            <td>{s.minutesToCalm === null ? 'not reached' : num(s.minutesToCalm, 1)}</td>
            <td>{num(s.peakHrBpm.a)}</td>
            <td>{num(s.peakHrBpm.b)}</td>
            <td>{s.floodingEpisodes}</td>
            <td>{ROUTINE_WORDS[s.routine]}</td>
            <td>
              {s.commitments.kept + s.commitments.missed === 0
                ? '—'
                : `${s.commitments.kept} of ${s.commitments.kept + s.commitments.missed}`}
            </td>
            <td>
              {num(s.before?.intensity ?? null, 1)} → {num(s.after?.intensity ?? null, 1)}
            </td>
            <td>
              {num(s.before?.closeness ?? null, 1)} → {num(s.after?.closeness ?? null, 1)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WeekTable({ weeks }: { weeks: readonly WeekProgress[] }) {
  return (
    <table className="practice-table" data-testid="progress-weeks">
      <caption>Week by week</caption>
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col">Sessions</th>
          <th scope="col">Median minutes until both calm</th>
          <th scope="col">Flooding episodes</th>
          <th scope="col">Intensity before (0–10)</th>
          <th scope="col">Closeness after (0–10)</th>
          <th scope="col">Commitments kept</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.weekStart}>
            <th scope="row">{shortDay(w.weekStart)}</th>
            <td>{w.sessions}</td>
            <td>{w.medianMinutesToCalm === null ? 'not reached' : `${num(w.medianMinutesToCalm, 1)} (of ${w.calmSessions})`}</td>
            <td>{w.floodingEpisodes}</td>
            <td>{num(w.meanIntensityBefore, 1)}</td>
            <td>{num(w.meanClosenessAfter, 1)}</td>
            <td>{w.commitmentsResolved === 0 ? '—' : `${w.commitmentsKept} of ${w.commitmentsResolved}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const DEFINITIONS =
  'Minutes until both calm: from the start of a session to the first moment Attune’s gate saw you both near your own calm (“not reached” when it did not). ' +
  'Peak heart rate: the highest one-minute average with clean beats. Flooding episodes: times either of you was flooded (heart rate at or above 100, or 20 above your usual, for 20 seconds). ' +
  'Intensity and closeness: your own 0–10 check-ins, a self-report.';

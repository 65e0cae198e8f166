/**
 * Progress over weeks: one point per session and the week's median as a line, so a person sees at a
 * glance whether getting calm takes less time and whether the fights feel less intense; honest words
 * when there are too few sessions or weeks; the same figures in tables.
 */
import { useEffect, useId, useRef } from 'react';
import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { cssVar, pastChartLook } from '../common/chart-theme';
import type { AttuneStore } from '../../store';
import { describeTrend, type SessionProgress, type WeekProgress } from '../../practice/progress';
import { weekStart } from '../../practice/week';
import { loadProgress } from './load-progress';
import { DEFINITIONS, SessionTable, WeekTable } from './progress-tables';
import { formatDay } from './rituals';
import { useAsync } from '../common/use-async';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  /** Points only (each session), or a line (the week's median). */
  readonly line: boolean;
}

function TrendChart({
  title,
  unit,
  labels,
  series,
  max,
}: {
  title: string;
  unit: string;
  labels: string[];
  series: Series[];
  max?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([labels, series]);
  useEffect(() => {
    const element = canvas.current;
    // No 2D context (a test DOM): the tables carry the numbers.
    if (!element || !element.getContext('2d')) return undefined;
    const { text, grid, options } = pastChartLook();
    const chart = new Chart(element, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: [...s.values],
          borderColor: cssVar(s.color, '#5b8def'),
          backgroundColor: cssVar(s.color, '#5b8def'),
          showLine: s.line,
          stepped: s.line ? ('middle' as const) : false,
          pointRadius: s.line ? 0 : 5,
          spanGaps: false,
        })),
      },
      options: {
        ...options,
        scales: {
          x: { ticks: { color: text }, grid: { color: grid } },
          // From zero: a cut axis would make a small change look dramatic.
          y: {
            beginAtZero: true,
            ...(max === undefined ? {} : { max }),
            title: { display: true, text: unit, color: text },
            ticks: { color: text },
            grid: { color: grid },
          },
        },
      },
    });
    return () => chart.destroy();
    // Rebuilt only when the figures change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const points = series.filter((s) => !s.line).reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
  const described = series
    .filter((s) => !s.line)
    .map((s) => `${s.label}: ${s.values.map((v, i) => `${labels[i]} ${v === null ? 'none' : Math.round(v * 10) / 10}`).join(', ')}`)
    .join('; ');
  return (
    <figure className="practice-chart" data-points={points}>
      <figcaption>
        {title} <span className="practice-hint">({unit})</span>
      </figcaption>
      <div className="practice-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${described}`} />
      </div>
    </figure>
  );
}

function weekMedians(sessions: readonly SessionProgress[], weeks: readonly WeekProgress[], pick: (w: WeekProgress) => number | null) {
  const byWeek = new Map(weeks.map((w) => [w.weekStart, pick(w)]));
  return sessions.map((s) => byWeek.get(weekStart(s.day)) ?? null);
}

export function ProgressView({ store }: { readonly store: AttuneStore }) {
  const id = useId();
  const progress = useAsync(() => loadProgress(store), 'progress');
  if (progress.error) {
    return (
      <p role="alert" className="practice-error">
        {progress.error}
      </p>
    );
  }
  if (!progress.data) return <p className="practice-hint">Reading your sessions…</p>;
  const { sessions, weeks, names } = progress.data;
  const labels = sessions.map((s) => formatDay(s.day, { day: 'numeric', month: 'short' }));
  return (
    <section className="practice-progress" aria-labelledby={`${id}-title`} data-testid="progress" data-sessions={sessions.length}>
      <h2 id={`${id}-title`}>How it is going</h2>
      <div className="practice-trend" data-testid="trend-words">
        {describeTrend(sessions, weeks).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {sessions.length > 0 && (
        <>
          <div className="practice-charts">
            <TrendChart
              title="Minutes until you were both calm"
              unit="minutes"
              labels={labels}
              series={[
                { label: 'Each session', values: sessions.map((s) => s.minutesToCalm), color: '--chart-a', line: false },
                {
                  label: 'Week’s median',
                  values: weekMedians(sessions, weeks, (w) => w.medianMinutesToCalm),
                  color: '--muted',
                  line: true,
                },
              ]}
            />
            <TrendChart
              title="Your check-ins"
              unit="0–10, your own sense"
              labels={labels}
              max={10}
              series={[
                {
                  label: 'How intense (before)',
                  values: sessions.map((s) => s.before?.intensity ?? null),
                  color: '--flooded',
                  line: false,
                },
                { label: 'How close (after)', values: sessions.map((s) => s.after?.closeness ?? null), color: '--ready', line: false },
              ]}
            />
          </div>
          <p className="practice-hint">{DEFINITIONS}</p>
          {/* Wide tables scroll sideways on a phone: focusable, so the keyboard can scroll them too. */}
          <div className="practice-table-wrap" tabIndex={0} role="region" aria-label="Each session, as a table">
            <SessionTable sessions={sessions} names={names} />
          </div>
          <div className="practice-table-wrap" tabIndex={0} role="region" aria-label="Week by week, as a table">
            <WeekTable weeks={weeks} />
          </div>
        </>
      )}
    </section>
  );
}

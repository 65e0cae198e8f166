/**
 * Each partner's heart rate, RMSSD and breathing before and after the routine, as three small bar
 * charts (one per measure, since their units differ) with the same numbers in a table for screen
 * readers and for anyone who prefers numbers.
 */
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { cssVar, pastChartLook } from '../common/chart-theme';
import type { PartnerFigures, SessionSummary } from '../../store';
import { formatValue } from './history-format';
import { WideTable } from './wide-table';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Measure = 'hrBpm' | 'rmssdMs' | 'breathsPerMin';

const MEASURES: readonly { key: Measure; title: string; unit: string; digits: number }[] = [
  { key: 'hrBpm', title: 'Heart rate', unit: 'beats/min', digits: 0 },
  { key: 'rmssdMs', title: 'RMSSD (heart-rate variability)', unit: 'ms', digits: 0 },
  { key: 'breathsPerMin', title: 'Breathing', unit: 'breaths/min', digits: 1 },
];

function value(s: PartnerFigures | null, key: Measure): number | null {
  return s ? s[key] : null;
}

function MeasureChart({ summary, measure }: { summary: SessionSummary; measure: (typeof MEASURES)[number] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const names = summary.session.partnerNames;
  const before = [value(summary.before.a, measure.key), value(summary.before.b, measure.key)];
  const after = [value(summary.after.a, measure.key), value(summary.after.b, measure.key)];
  const key = JSON.stringify([before, after, names]);

  useEffect(() => {
    const element = canvas.current;
    // No 2D context (old browser, or a test DOM): the table below carries the numbers.
    if (!element || !element.getContext('2d')) return undefined;
    // Colours follow the theme (dim or light) at the moment the chart is drawn.
    const { text, grid, options } = pastChartLook();
    const chart = new Chart(element, {
      type: 'bar',
      data: {
        labels: [names.a, names.b],
        datasets: [
          { label: 'Before', data: before, backgroundColor: cssVar('--muted', '#8a94a6') },
          { label: 'After', data: after, backgroundColor: cssVar('--accent', '#5b8def') },
        ],
      },
      options: {
        ...options,
        // Bars start at zero: a cut axis would make a change of one beat look dramatic.
        scales: {
          x: { ticks: { color: text }, grid: { color: grid } },
          y: {
            beginAtZero: true,
            title: { display: true, text: measure.unit, color: text },
            ticks: { color: text },
            grid: { color: grid },
          },
        },
      },
    });
    return () => chart.destroy();
    // The chart is rebuilt only when its numbers change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const describe = (i: 0 | 1) =>
    `${[names.a, names.b][i]} ${formatValue(before[i], measure.digits)} before, ${formatValue(after[i], measure.digits)} after`;
  return (
    <figure className="history-chart">
      <figcaption>
        {measure.title} <span className="history-unit">({measure.unit})</span>
      </figcaption>
      <div className="history-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${measure.title}, ${measure.unit}: ${describe(0)}; ${describe(1)}`} />
      </div>
    </figure>
  );
}

export interface SessionChartProps {
  readonly summary: SessionSummary;
}

export function SessionChart({ summary }: SessionChartProps) {
  const names = summary.session.partnerNames;
  const when = summary.comparison === 'routine' ? 'before and after the routine' : 'at the start and end of the session';
  return (
    <section className="history-comparison" aria-label={`Body measures ${when}`} data-testid="session-chart">
      <p className="history-hint">Each partner {when}.</p>
      <div className="history-charts">
        {MEASURES.map((m) => (
          <MeasureChart key={m.key} summary={summary} measure={m} />
        ))}
      </div>
      <WideTable label={`The same numbers, ${when}`}>
        <table className="history-table">
          <caption>The same numbers, {when}</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">{names.a} before</th>
              <th scope="col">{names.a} after</th>
              <th scope="col">{names.b} before</th>
              <th scope="col">{names.b} after</th>
            </tr>
          </thead>
          <tbody>
            {MEASURES.map((m) => (
              <tr key={m.key}>
                <th scope="row">
                  {m.title} ({m.unit})
                </th>
                <td>{formatValue(value(summary.before.a, m.key), m.digits)}</td>
                <td>{formatValue(value(summary.after.a, m.key), m.digits)}</td>
                <td>{formatValue(value(summary.before.b, m.key), m.digits)}</td>
                <td>{formatValue(value(summary.after.b, m.key), m.digits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
    </section>
  );
}

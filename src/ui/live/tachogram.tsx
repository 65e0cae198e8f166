import { useEffect, useRef } from 'react';
import type { PartnerModel } from '../../session/partner-model';
import { TACHOGRAM_SPAN_SEC } from '../../session/partner-view';
import { canvasShown, chartTheme, createLineChart, liveChartBase, PARTNER_DASH, themedLinearAxis } from './charts';
import { useThemeVersion } from './use-theme-version';

export interface TachogramProps {
  readonly partner: PartnerModel;
  /** The partner's name, for the chart's accessible label. */
  readonly name: string;
}

/**
 * Beat-by-beat RR intervals of the last two minutes (heart rate for a device that sends no RR).
 * Drawn outside React: the chart redraws at most four times a second from the partner's buffer,
 * without animation, so two live partners cost a fraction of a frame per beat; not at all while hidden.
 */
export function Tachogram({ partner, name }: TachogramProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const themeVersion = useThemeVersion();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const make = () => {
      const theme = chartTheme(canvas);
      const colour = theme.partner[partner.id];
      return createLineChart(canvas, {
        type: 'line',
        data: {
          datasets: [
            {
              label: 'RR interval (ms)',
              data: [],
              borderColor: colour.line,
              borderDash: PARTNER_DASH[partner.id],
              borderWidth: 1.5,
              pointRadius: 0,
              tension: 0,
              spanGaps: false,
            },
          ],
        },
        options: {
          ...liveChartBase(),
          plugins: {
            legend: { display: false },
            tooltip: { enabled: false },
            decimation: { enabled: true, algorithm: 'min-max' },
          },
          scales: {
            x: themedLinearAxis('seconds ago', theme, { min: -TACHOGRAM_SPAN_SEC, max: 0, ticks: { maxTicksLimit: 5 } }),
            y: themedLinearAxis('RR (ms)', theme, { ticks: { maxTicksLimit: 5 } }),
          },
        },
      });
    };
    // Made at the first beat, not before: there is nothing to draw until then, and making a chart is
    // the largest piece of work of the live view's first paint (the Connect step would wait for it).
    let chart: ReturnType<typeof make> | undefined;
    let drawnVersion = -1;
    const draw = () => {
      const buffer = partner.tachogram;
      if (buffer.version === drawnVersion || !canvasShown(canvas)) return;
      if (chart === undefined) {
        if (buffer.size === 0) return;
        chart = make();
      }
      if (!chart) return;
      drawnVersion = buffer.version;
      const beats = buffer.toArray();
      const nowSec = beats.at(-1)?.tSec ?? 0;
      const hrOnly = partner.current().hrOnly;
      const dataset = chart.data.datasets[0]!;
      dataset.label = hrOnly ? 'Heart rate (bpm)' : 'RR interval (ms)';
      // A gap breaks the line: beats on either side are not consecutive.
      const points: { x: number; y: number | null }[] = [];
      for (const beat of beats) {
        if (beat.afterGap && points.length > 0) points.push({ x: beat.tSec - nowSec - 1e-3, y: null });
        points.push({ x: beat.tSec - nowSec, y: hrOnly ? beat.hrBpm : beat.rrMs });
      }
      dataset.data = points;
      const yScale = chart.options.scales?.y;
      if (yScale && 'title' in yScale && yScale.title) yScale.title.text = hrOnly ? 'bpm' : 'RR (ms)';
      chart.update('none');
    };
    draw();
    const subscription = partner.chartTick$.subscribe(draw);
    return () => {
      subscription.unsubscribe();
      chart?.destroy();
    };
    // The theme version is a dependency on purpose: the chart is rebuilt in the new colours.
  }, [partner, themeVersion]);

  return (
    <figure className="tachogram">
      <div className="tachogram__canvas">
        <canvas ref={canvasRef} role="img" aria-label={`${name}: beat-by-beat intervals of the last two minutes`} />
      </div>
    </figure>
  );
}

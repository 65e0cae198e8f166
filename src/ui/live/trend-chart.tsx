import { useEffect, useRef } from 'react';
import { auditTime, merge } from 'rxjs';
import type { Chart, ChartDataset } from 'chart.js';
import { READINESS_PARAMS } from '../../signal/readiness-params';
import { type Baseline, type PartnerId, PARTNERS } from '../../signal/types';
import type { PartnerModel, TrendPoint } from '../../session/partner-model';
import { TREND_SPAN_SEC, UI_REFRESH_MS } from '../../session/partner-view';
import { canvasShown, chartTheme, createLineChart, liveChartBase, PARTNER_DASH, themedLinearAxis } from './charts';
import { useThemeVersion } from './use-theme-version';

export interface TrendChartProps {
  readonly partners: Readonly<Record<PartnerId, PartnerModel>>;
  readonly names: Readonly<Record<PartnerId, string>>;
}

type Point = { x: number; y: number | null };
type Measure = 'lnRmssd' | 'breathsPerMin';

/** The band a partner counts as "near baseline" in, per measure (DESIGN.md, Readiness gate). */
export function baselineBand(baseline: Baseline | null, measure: Measure): { low: number; high: number } | null {
  if (!baseline) return null;
  if (measure === 'lnRmssd') {
    if (baseline.lnRmssdMean === null) return null;
    const halfWidth = READINESS_PARAMS.lnRmssdSdMultiplier * Math.max(baseline.lnRmssdSd ?? 0, READINESS_PARAMS.minLnRmssdSd);
    return { low: baseline.lnRmssdMean - halfWidth, high: baseline.lnRmssdMean + halfWidth };
  }
  if (baseline.breathsPerMin === null) return null;
  const margin = READINESS_PARAMS.maxBreathsAboveBaselinePerMin;
  return { low: Math.max(0, baseline.breathsPerMin - margin), high: baseline.breathsPerMin + margin };
}

/** Three datasets per partner: band low, band high (filled down to low), the measured line. */
function datasetsFor(names: Readonly<Record<PartnerId, string>>, theme: ReturnType<typeof chartTheme>): ChartDataset<'line', Point[]>[] {
  return PARTNERS.flatMap((id) => {
    const colour = theme.partner[id];
    const band = { data: [] as Point[], pointRadius: 0, borderWidth: 0, borderColor: 'transparent', backgroundColor: colour.band };
    return [
      { ...band, label: `${names[id]} usual range (low)`, fill: false },
      { ...band, label: `${names[id]} usual range`, fill: '-1' },
      {
        label: names[id],
        data: [] as Point[],
        borderColor: colour.line,
        borderDash: PARTNER_DASH[id],
        backgroundColor: colour.line,
        borderWidth: 2,
        pointRadius: 0,
        tension: 0.2,
        spanGaps: false,
        fill: false,
      },
    ];
  });
}

function makeChart(canvas: HTMLCanvasElement, measure: Measure, names: Readonly<Record<PartnerId, string>>): Chart<'line', Point[]> | null {
  const theme = chartTheme(canvas);
  return createLineChart(canvas, {
    type: 'line',
    data: { datasets: datasetsFor(names, theme) },
    options: {
      ...liveChartBase(),
      plugins: {
        legend: {
          display: true,
          position: 'bottom',
          labels: { boxHeight: 2, color: theme.text, filter: (item) => !String(item.text).endsWith('(low)') },
        },
        tooltip: { enabled: false },
      },
      scales: {
        x: themedLinearAxis('minutes ago', theme, { min: -TREND_SPAN_SEC / 60, max: 0, ticks: { stepSize: 2 } }),
        y: themedLinearAxis(measure === 'lnRmssd' ? 'ln RMSSD' : 'breaths / min', theme, { ticks: { maxTicksLimit: 5 } }),
      },
    },
  });
}

function fill(
  chart: Chart<'line', Point[]>,
  measure: Measure,
  partners: Readonly<Record<PartnerId, PartnerModel>>,
  names: Readonly<Record<PartnerId, string>>,
): void {
  PARTNERS.forEach((id, index) => {
    const partner = partners[id];
    const points: readonly TrendPoint[] = partner.trend.toArray();
    const nowSec = points.at(-1)?.tSec ?? 0;
    const line: Point[] = points.map((p) => ({ x: (p.tSec - nowSec) / 60, y: p[measure] }));
    // No HRV or breathing is known for a heart-rate-only device: no band for it either.
    const band = partner.current().hrOnly ? null : baselineBand(partner.current().baseline, measure);
    const edge = (y: number): Point[] => [
      { x: -TREND_SPAN_SEC / 60, y },
      { x: 0, y },
    ];
    const [low, high, measured] = chart.data.datasets.slice(index * 3, index * 3 + 3);
    low!.data = band ? edge(band.low) : [];
    high!.data = band ? edge(band.high) : [];
    high!.label = `${names[id]} usual range`;
    measured!.data = line;
    measured!.label = names[id];
  });
  chart.update('none');
}

/**
 * lnRMSSD and breathing rate of both partners over the last ten minutes, each with the partner's
 * usual range (baseline band). Lines differ in colour and dash; the figures in the partner panels
 * carry the same facts for screen readers. Redraws at most four times a second.
 */
export function TrendChart({ partners, names }: TrendChartProps) {
  const hrvRef = useRef<HTMLCanvasElement>(null);
  const breathingRef = useRef<HTMLCanvasElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const namesRef = useRef(names);
  namesRef.current = names;
  const themeVersion = useThemeVersion();

  useEffect(() => {
    const charts: { chart: Chart<'line', Point[]>; measure: Measure }[] = [];
    let made = false;
    const make = () => {
      made = true;
      const hrv = hrvRef.current && makeChart(hrvRef.current, 'lnRmssd', namesRef.current);
      if (hrv) charts.push({ chart: hrv, measure: 'lnRmssd' });
      const breathing = breathingRef.current && makeChart(breathingRef.current, 'breathsPerMin', namesRef.current);
      if (breathing) charts.push({ chart: breathing, measure: 'breathsPerMin' });
    };
    // Trend points come every 5 s of event time: redraw only when a point, a baseline or a name changed.
    let drawnKey = '';
    const draw = () => {
      if (!made) return;
      const key = [partners.a, partners.b]
        .map(
          (p) =>
            `${p.trend.version}|${p.current().baseline?.recordedAt ?? ''}|${p.current().baseline?.hrBpm ?? ''}|${p.current().hrOnly}|${namesRef.current[p.id]}`,
        )
        .join('/');
      if (key === drawnKey) return;
      // Hidden (a routine on screen, the page in the background): catch up once shown again.
      if (!charts.some(({ chart }) => canvasShown(chart.canvas))) return;
      drawnKey = key;
      charts.forEach(({ chart, measure }) => fill(chart, measure, partners, namesRef.current));
    };
    // The charts are made when their section first comes into view, not with the live view: making
    // them is the largest piece of work of its first paint, which the Connect step would wait for
    // (on a phone the section starts below the partners).
    const section = sectionRef.current;
    let watch: IntersectionObserver | null = null;
    if (section && typeof IntersectionObserver === 'function') {
      watch = new IntersectionObserver((entries) => {
        if (made || !entries.some((entry) => entry.isIntersecting)) return;
        watch?.disconnect();
        make();
        draw();
      });
      watch.observe(section);
    } else {
      make();
      draw();
    }
    const subscription = merge(partners.a.chartTick$, partners.b.chartTick$).pipe(auditTime(UI_REFRESH_MS)).subscribe(draw);
    return () => {
      watch?.disconnect();
      subscription.unsubscribe();
      charts.forEach(({ chart }) => chart.destroy());
    };
    // The theme version is a dependency on purpose: the charts are rebuilt in the new colours.
  }, [partners, themeVersion]);

  return (
    <section ref={sectionRef} className="trend" aria-labelledby="trend-heading">
      <h2 id="trend-heading">The last ten minutes</h2>
      <p className="trend__hint">The shaded bands are each partner&rsquo;s usual calm range.</p>
      <div className="trend__charts">
        <figure className="trend__figure">
          <figcaption>Heart-rate variability (higher is calmer)</figcaption>
          <div className="trend__canvas">
            <canvas
              ref={hrvRef}
              role="img"
              aria-label="Heart-rate variability of both partners over the last ten minutes, with each usual range"
            />
          </div>
        </figure>
        <figure className="trend__figure">
          <figcaption>Breathing rate (slower is calmer)</figcaption>
          <div className="trend__canvas">
            <canvas
              ref={breathingRef}
              role="img"
              aria-label="Breathing rate of both partners over the last ten minutes, with each usual range"
            />
          </div>
        </figure>
      </div>
    </section>
  );
}

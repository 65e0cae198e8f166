/**
 * What the charts of past sessions read of the page when they are drawn: the theme's colours (dim
 * or light, from the CSS custom properties) and whether the person asked for less motion (then no
 * animation).
 */

/** A CSS custom property of the page's root, or `fallback` when it is unset or there is no page. */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** True when the system asks for reduced motion, at this moment. */
function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * What the charts of past sessions share (a session's chart and story, progress over weeks): the
 * theme's colours for text and grid lines, and options that fill the chart's box, animate only
 * when motion is welcome, and put the legend below in the text colour. Read when a chart is drawn.
 */
export function pastChartLook() {
  const text = cssVar('--muted', '#5a6275');
  const grid = cssVar('--border', '#d8dce6');
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: prefersReducedMotion() ? (false as const) : { duration: 300 },
    plugins: { legend: { position: 'bottom' as const, labels: { color: text } }, tooltip: { enabled: true } },
  };
  return { text, grid, options };
}

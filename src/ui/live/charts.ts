import { Chart, Decimation, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';

let registered = false;

/** Registers the few chart.js parts the live view uses (tree-shaken build; idempotent). */
function ensureRegistered(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Decimation, Legend, Tooltip);
  registered = true;
}

function contextOf(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

/**
 * Options every live chart shares: drawn without animation or pointer events, from pre-parsed,
 * pre-sorted points, so a redraw stays a few milliseconds even with both partners live.
 */
export function liveChartBase() {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    events: [],
  } satisfies NonNullable<ChartConfiguration<'line'>['options']>;
}

/**
 * A titled linear axis in the theme's text and grid colours, the way every live chart draws its
 * axes; `extra` adds the axis's own range and tick rules.
 */
export function themedLinearAxis(
  title: string,
  theme: Pick<ReturnType<typeof chartTheme>, 'text' | 'grid'>,
  extra: {
    readonly min?: number;
    readonly max?: number;
    readonly ticks?: { readonly maxTicksLimit?: number; readonly stepSize?: number };
  } = {},
) {
  return {
    type: 'linear' as const,
    ...(extra.min === undefined ? {} : { min: extra.min }),
    ...(extra.max === undefined ? {} : { max: extra.max }),
    title: { display: true, text: title, color: theme.text },
    ticks: { ...extra.ticks, color: theme.text },
    grid: { color: theme.grid },
  };
}

/**
 * Creates a chart on `canvas`, or returns null where the canvas has no 2D context (a DOM without
 * canvas support, as in component tests): the figures beside every chart carry the same facts.
 */
export function createLineChart(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<'line', { x: number; y: number | null }[]>,
): Chart<'line', { x: number; y: number | null }[]> | null {
  const context = contextOf(canvas);
  if (!context) return null;
  ensureRegistered();
  return new Chart(context, config);
}

/**
 * False while the canvas cannot be seen: the page is in the background, or the live view is kept
 * mounted but hidden (during a routine). Charts skip their redraws then and catch up on the next
 * tick once shown, so a long routine costs no chart work (and no battery) at all.
 */
export function canvasShown(canvas: HTMLCanvasElement): boolean {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return false;
  // Not rendered (an ancestor is display: none, e.g. a hidden screen): no offset parent.
  return canvas.offsetParent !== null;
}

/** Fallback colours of the two partners when the theme's `--chart-a` / `--chart-b` are absent. */
const FALLBACK_COLOURS = { a: '#8fb8d8', b: '#d7a6c9' } as const;

/** A colour with alpha from a hex colour (#rgb or #rrggbb); other forms are returned unchanged. */
function withAlpha(colour: string, alpha: number): string {
  const hex = colour.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return colour;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Theme colours read from CSS custom properties where the canvas sits (dim or light theme). */
export function chartTheme(canvas: HTMLCanvasElement) {
  const style = typeof getComputedStyle === 'function' ? getComputedStyle(canvas) : null;
  const read = (name: string, fallback: string): string => style?.getPropertyValue(name).trim() || fallback;
  const a = read('--chart-a', FALLBACK_COLOURS.a);
  const b = read('--chart-b', FALLBACK_COLOURS.b);
  return {
    partner: { a: { line: a, band: withAlpha(a, 0.16) }, b: { line: b, band: withAlpha(b, 0.16) } },
    text: read('--muted', '#a7b0b9'),
    grid: read('--border', '#2e3842'),
  };
}

/** Partner b's lines are dashed so the two stay apart without colour. */
export const PARTNER_DASH = { a: [] as number[], b: [6, 4] };

/**
 * Calls `onChange` when the page's colours may have changed: the theme toggle (`data-theme` or
 * `class` on <html>) or the system's light/dark preference. Returns the function that stops it.
 */
export function watchTheme(onChange: () => void): () => void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return () => undefined;
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : null;
  media?.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', onChange);
  };
}

import {
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
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
 * Creates a chart on `canvas`, or returns null where the canvas has no 2D context (a DOM without
 * canvas support, as in component tests): the figures beside every chart carry the same facts.
 */
export function createLineChart(canvas: HTMLCanvasElement, config: ChartConfiguration<'line', { x: number; y: number | null }[]>): Chart<'line', { x: number; y: number | null }[]> | null {
  const context = contextOf(canvas);
  if (!context) return null;
  ensureRegistered();
  return new Chart(context, config);
}

/** Colours of the two partners: distinct in hue and lightness; lines also differ in dash. */
export const PARTNER_COLOURS = {
  a: { line: '#2f6db5', band: 'rgba(47, 109, 181, 0.14)' },
  b: { line: '#b5562f', band: 'rgba(181, 86, 47, 0.14)' },
} as const;

/** Partner b's lines are dashed so the two stay apart without colour. */
export const PARTNER_DASH = { a: [] as number[], b: [6, 4] };

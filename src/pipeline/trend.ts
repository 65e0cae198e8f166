/**
 * `toTrend`: slopes of lnRMSSD and breathing rate over the last few minutes of window metrics.
 */
import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';
import type { Trend, WindowMetrics } from '../signal/types';

/** Options of {@link toTrend}. */
export interface TrendOptions {
  /** Span the slope is fitted over, seconds of event time, 120–300 (2–5 min). Default 120. */
  readonly spanSec?: number;
  /**
   * Windows with fewer clean successive pairs than this (`WindowMetrics.pairs`) are left out of the
   * lnRMSSD fit: an RMSSD from a handful of pairs (a device that drops beats) would make the slope
   * noise. Default 0 (every window with an lnRMSSD counts).
   */
  readonly minPairs?: number;
}

/** Named limits of the trend fit. */
export const TREND_PARAMS = {
  /** Least share of the span the points must cover before a slope is reported. */
  minCoverage: 0.5,
  /** Fewest points for a slope. */
  minPoints: 10,
} as const;

/**
 * Running least-squares fit of y on x over a sliding span, with O(1) add and remove: sums of x,
 * y, x², xy kept relative to a fixed origin so the squares stay small.
 */
function createSlidingFit() {
  const points: { x: number; y: number }[] = [];
  let head = 0;
  let origin: number | undefined;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  return {
    add(x: number, y: number) {
      origin ??= x;
      const u = x - origin;
      points.push({ x, y });
      n += 1;
      sx += u;
      sy += y;
      sxx += u * u;
      sxy += u * y;
    },
    dropBefore(minX: number) {
      while (head < points.length && points[head].x < minX) {
        const u = points[head].x - (origin as number);
        const { y } = points[head];
        n -= 1;
        sx -= u;
        sy -= y;
        sxx -= u * u;
        sxy -= u * y;
        head += 1;
      }
      if (head > 1024 && head * 2 > points.length) {
        points.splice(0, head);
        head = 0;
      }
    },
    /** Slope per unit x, or null with too few points or too short a spread. */
    slope(minPoints: number, minSpan: number): number | null {
      if (n < minPoints || points[points.length - 1].x - points[head].x < minSpan) return null;
      const den = n * sxx - sx * sx;
      return den > 0 ? (n * sxy - sx * sy) / den : null;
    },
  };
}

/**
 * Emits, for each `WindowMetrics`, the least-squares slope of lnRMSSD and of the breathing rate
 * against window end time over the last `spanSec`, per minute (e.g. −0.1 lnRMSSD/min: HRV
 * falling). Null metrics are skipped, and lnRMSSD from windows with fewer than `minPairs` pairs; a slope is null until its points cover half the span and
 * number at least 10. Event time only; one fit per subscription (cold). A span outside 120–300 s
 * errors on subscription ("toTrend: …").
 */
export function toTrend(options: TrendOptions = {}): OperatorFunction<WindowMetrics, Trend> {
  const spanSec = options.spanSec ?? 120;
  const minPairs = options.minPairs ?? 0;
  return (source) =>
    new Observable<Trend>((subscriber) => {
      if (!(spanSec >= 120 && spanSec <= 300)) {
        subscriber.error(new Error(`toTrend: spanSec must be between 120 and 300 seconds, got ${spanSec}`));
        return undefined;
      }
      const ln = createSlidingFit();
      const breathing = createSlidingFit();
      const minSpan = TREND_PARAMS.minCoverage * spanSec;
      return source.subscribe({
        next: (m) => {
          const t = m.endSec;
          if (m.lnRmssd !== null && (m.pairs ?? Infinity) >= minPairs) ln.add(t, m.lnRmssd);
          if (m.breathsPerMin !== null) breathing.add(t, m.breathsPerMin);
          ln.dropBefore(t - spanSec);
          breathing.dropBefore(t - spanSec);
          const perMin = (s: number | null) => (s === null ? null : s * 60);
          subscriber.next({
            tSec: t,
            lnRmssdPerMin: perMin(ln.slope(TREND_PARAMS.minPoints, minSpan)),
            breathsPerMinPerMin: perMin(breathing.slope(TREND_PARAMS.minPoints, minSpan)),
          });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

/**
 * `toMetrics`: a partner's beats in, live window metrics out (DESIGN.md, Data flow).
 */
import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs';
import type { Beat, WindowMetrics } from '../signal/types';
import type { MetricsWindowOptions } from '../signal/metrics-window';
import { createMetricsWindow } from '../signal/metrics-window';

/**
 * Turns a partner's `Beat` stream into `WindowMetrics` over the last `windowSec` (default 60 s)
 * of event time, emitting once per beat, synchronously. Each subscription has its own window
 * (cold: nothing is shared or replayed); errors and completion pass through; unsubscribing stops
 * the source. Heart-rate-only samples (`rrMs` null) give `hrOnly` metrics with null HRV and
 * breathing; `afterGap` breaks the successive-difference pair. Invalid options throw on
 * subscription with an "toMetrics: …" error. See {@link createMetricsWindow} for the cost per beat.
 */
export function toMetrics(options: MetricsWindowOptions = {}): OperatorFunction<Beat, WindowMetrics> {
  return (source) =>
    new Observable<WindowMetrics>((subscriber) => {
      const window = createMetricsWindow(options);
      return source.subscribe({
        next: (beat) => subscriber.next(window.push(beat)),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

import { Observable, share } from 'rxjs';
import type { HeartRateSource } from '../../ble/heart-rate-source';
import type { Beat } from '../../signal/types';
import type { LiveDependencies, RememberedStrap } from '../compose/live-dependencies';

/** Performance mark left for every beat the app receives (notification handled). */
export const BEAT_MARK = 'attune:beat';
/**
 * Performance measure from a beat's mark to the readiness gauge's next DOM update. Its start is the
 * earliest beat not yet reflected on screen, so every beat's wait is counted, throttling included.
 */
export const BEAT_TO_SCREEN_MEASURE = 'attune:beat-to-screen';
/**
 * Like BEAT_TO_SCREEN_MEASURE but from the newest beat the update reflects: the cost of processing
 * and rendering alone, without any deliberate refresh interval.
 */
export const NEWEST_BEAT_TO_SCREEN_MEASURE = 'attune:newest-beat-to-screen';

/**
 * Performance measure of the synchronous work one beat causes (pipelines, gate, recorder buffers)
 * before the browser is free again: the processing cost, apart from any waiting for the screen.
 */
export const BEAT_HANDLED_MEASURE = 'attune:beat-handled';

/** Entries are cleared after this many, so a long session never grows the performance timeline. */
const MAX_ENTRIES = 500;

/**
 * Times beats from their arrival to the gauge on screen, with `performance.mark`/`measure` (cheap,
 * production-safe, visible to a PerformanceObserver such as the UI bench's). Nothing is recorded
 * or sent anywhere.
 */
export class BeatToScreenProbe {
  private earliestPendingMs: number | null = null;
  private newestPendingMs: number | null = null;
  private marks = 0;
  private measures = 0;
  private handled = 0;

  /** A beat arrived; returns its time, for `handled`. */
  beat(): number {
    const mark = performance.mark(BEAT_MARK);
    if (this.earliestPendingMs === null) this.earliestPendingMs = mark.startTime;
    this.newestPendingMs = mark.startTime;
    this.marks += 1;
    if (this.marks >= MAX_ENTRIES) {
      performance.clearMarks(BEAT_MARK);
      this.marks = 0;
    }
    return mark.startTime;
  }

  /** Everything downstream has seen the beat that arrived at `arrivedMs`. */
  beatHandled(arrivedMs: number): void {
    performance.measure(BEAT_HANDLED_MEASURE, { start: arrivedMs, end: performance.now() });
    this.handled += 1;
    if (this.handled >= MAX_ENTRIES) {
      performance.clearMeasures(BEAT_HANDLED_MEASURE);
      this.handled = 0;
    }
  }

  /** The gauge's DOM changed: every beat since the last change is now on screen. */
  screenUpdated(): void {
    if (this.earliestPendingMs === null || this.newestPendingMs === null) return;
    const end = performance.now();
    performance.measure(BEAT_TO_SCREEN_MEASURE, { start: this.earliestPendingMs, end });
    performance.measure(NEWEST_BEAT_TO_SCREEN_MEASURE, { start: this.newestPendingMs, end });
    this.earliestPendingMs = null;
    this.newestPendingMs = null;
    this.measures += 1;
    if (this.measures >= MAX_ENTRIES) {
      performance.clearMeasures(BEAT_TO_SCREEN_MEASURE);
      performance.clearMeasures(NEWEST_BEAT_TO_SCREEN_MEASURE);
      this.measures = 0;
    }
  }

  /**
   * Watches the gauge inside `root` (the element holding the `gate` test id and both meters) and
   * reports each DOM update. Returns the disconnect.
   */
  observeGauge(root: HTMLElement): () => void {
    const observer = new MutationObserver((records) => {
      const gauge = root.querySelector('[data-testid="gate"]')?.parentElement;
      if (gauge && records.some((record) => gauge.contains(record.target))) this.screenUpdated();
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    return () => observer.disconnect();
  }
}

/**
 * The same source, with a mark per beat before anything downstream sees it and a measure once all
 * of downstream has handled it.
 */
export function markBeats(source: HeartRateSource, probe: BeatToScreenProbe): HeartRateSource {
  const timed$ = new Observable<Beat>((subscriber) =>
    source.beats$.subscribe({
      next(beat) {
        const arrivedMs = probe.beat();
        subscriber.next(beat);
        probe.beatHandled(arrivedMs);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );
  // share(): one mark per beat however many subscribers the session has; the source is hot anyway.
  const beats$ = timed$.pipe(share());
  return {
    kind: source.kind,
    beats$,
    status$: source.status$,
    connect: () => source.connect(),
    disconnect: () => source.disconnect(),
  };
}

/** The live dependencies with every source they make marked (simulator, replay, straps). */
export function withBeatMarks(dependencies: LiveDependencies, probe: BeatToScreenProbe): LiveDependencies {
  return {
    ...dependencies,
    simulator: (options) => markBeats(dependencies.simulator(options), probe),
    replay: (options) => markBeats(dependencies.replay(options), probe),
    bluetooth: () => markBeats(dependencies.bluetooth(), probe),
    rememberedStraps: async () =>
      (await dependencies.rememberedStraps()).map(
        (strap): RememberedStrap => ({ ...strap, open: () => markBeats(strap.open(), probe) }),
      ),
  };
}

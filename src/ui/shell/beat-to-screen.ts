/**
 * The beat-to-screen probe: how long each beat takes from its arrival to the gauge on screen. The
 * sources are marked by beat-marks.ts, which loads with the session.
 */

/** Performance mark left for every beat the app receives (notification handled). */
export const BEAT_MARK = 'attune:beat';
/**
 * Performance measure, one per beat: from the beat's mark to the moment the gauge shows it — the
 * gauge's DOM updated with everything the beat changed, or, when the beat changes nothing the gauge
 * shows (same rounded figures), the moment the view's synchronous render after it is done. Its
 * `detail` says which: `{ changed: true | false }`.
 */
export const BEAT_TO_SCREEN_MEASURE = 'attune:beat-to-screen';
/**
 * Performance mark for a gauge DOM update that followed no pending beat (a name typed, a source
 * connected, or a render that came later than the beat's own): the bench expects none while the
 * beats stream, as every beat-driven update must land with its beat.
 */
export const LATE_GAUGE_UPDATE_MARK = 'attune:gauge-update-without-beat';

/**
 * Performance measure of the synchronous work one beat causes (pipelines, gate, recorder buffers,
 * the gauge's stores) before the browser is free again: the processing cost alone.
 */
export const BEAT_HANDLED_MEASURE = 'attune:beat-handled';

/** Entries are cleared after this many, so a long session never grows the performance timeline. */
const MAX_ENTRIES = 500;

/** The parts of the page that follow every beat carry this attribute (gauge, figures, partner state). */
const GAUGE_SELECTOR = '[data-gauge]';

function touchesGauge(records: readonly MutationRecord[]): boolean {
  return records.some((record) => {
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    return target?.closest(GAUGE_SELECTOR) != null;
  });
}

/**
 * Times every beat from its arrival to the gauge on screen, with `performance.mark`/`measure`
 * (cheap, production-safe, visible to a PerformanceObserver such as the UI bench's). Nothing is
 * recorded or sent anywhere.
 *
 * How "on screen" is decided: the gauge's components read the session through
 * `useSyncExternalStore`, whose updates React renders synchronously in a microtask queued while the
 * beat is handled. The probe queues its own check after the beat's handling, so it runs after that
 * render: pending DOM changes in the gauge (taken from the MutationObserver's queue) mean the beat
 * is now shown; none mean the beat changed nothing the gauge shows. A gauge change that arrives
 * later, with no beat pending, is counted as a late update rather than hidden.
 */
export class BeatToScreenProbe {
  private pendingMs: number[] = [];
  private observer: MutationObserver | null = null;
  private marks = 0;
  private measures = 0;
  private handled = 0;

  /** A beat arrived; returns its time, for `beatHandled`. */
  beat(): number {
    const mark = performance.mark(BEAT_MARK);
    this.pendingMs.push(mark.startTime);
    this.marks += 1;
    if (this.marks >= MAX_ENTRIES) {
      performance.clearMarks(BEAT_MARK);
      performance.clearMarks(LATE_GAUGE_UPDATE_MARK);
      this.marks = 0;
    }
    return mark.startTime;
  }

  /** Everything downstream has seen the beat that arrived at `arrivedMs`; the screen check follows. */
  beatHandled(arrivedMs: number): void {
    performance.measure(BEAT_HANDLED_MEASURE, { start: arrivedMs, end: performance.now() });
    this.handled += 1;
    if (this.handled >= MAX_ENTRIES) {
      performance.clearMeasures(BEAT_HANDLED_MEASURE);
      this.handled = 0;
    }
    queueMicrotask(() => this.settle());
  }

  /** The view's render after the beats has run: each pending beat is on screen now. */
  private settle(): void {
    if (this.pendingMs.length === 0) return;
    // Nothing on screen is watched (the gauge is not mounted): there is nothing to measure against.
    if (!this.observer) {
      this.pendingMs = [];
      return;
    }
    const records = this.observer.takeRecords();
    this.screenUpdated(touchesGauge(records));
  }

  /** Every pending beat is on screen: `changed` says whether the gauge's DOM changed for them. */
  screenUpdated(changed = true): void {
    if (this.pendingMs.length === 0) {
      if (changed) performance.mark(LATE_GAUGE_UPDATE_MARK);
      return;
    }
    const end = performance.now();
    for (const start of this.pendingMs) performance.measure(BEAT_TO_SCREEN_MEASURE, { start, end, detail: { changed } });
    this.measures += this.pendingMs.length;
    this.pendingMs = [];
    if (this.measures >= MAX_ENTRIES) {
      performance.clearMeasures(BEAT_TO_SCREEN_MEASURE);
      this.measures = 0;
    }
  }

  /**
   * Watches the gauge inside `root` (the elements marked `data-gauge`: meters, gate light, figures,
   * partner states) and reports each DOM update. Returns the disconnect.
   */
  observeGauge(root: HTMLElement): () => void {
    this.observer?.disconnect();
    const observer = new MutationObserver((records) => {
      if (touchesGauge(records)) this.screenUpdated(true);
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    this.observer = observer;
    return () => {
      observer.disconnect();
      if (this.observer === observer) this.observer = null;
    };
  }
}

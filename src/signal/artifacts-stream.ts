/**
 * Streaming artifact detection for the live pipeline: the rules of {@link classifyBeat}
 * (Lipponen & Tarvainen 2019, doi:10.1080/03091902.2019.1640306) applied beat by beat with
 * trailing instead of centred windows, so each beat costs a constant amount of work however long
 * the session runs.
 *
 * Differences from the batch {@link detectArtifacts}: thresholds use the previous 91 beats and the
 * running median the previous 11 (causal), and a beat is classified once the 3 beats after it have
 * arrived (the rules look ahead that far). Early in a session the windows are shorter; the 20 ms
 * threshold floor keeps them from firing on ordinary variability.
 */
import type { ArtifactKind } from './artifacts';
import { ARTIFACT_PARAMS, classifyBeat } from './artifacts';
import { SortedWindow } from '../stats/descriptive';

/** How many beats after a beat must arrive before it is classified. */
export const STREAM_LOOKAHEAD_BEATS = 3;

/** One beat's verdict: its sequence number (0 for the first pushed) and kind (undefined: normal). */
export interface StreamVerdict {
  readonly index: number;
  readonly kind: ArtifactKind | undefined;
}

/** State of a streaming detector; create with {@link createArtifactStream}. */
export interface ArtifactStream {
  /**
   * Adds the next RR interval and returns the verdicts that became final (at most a few).
   * @param rrMs - RR interval, ms
   * @param breakBefore - beats are missing just before this one (its difference is not evidence)
   */
  push(rrMs: number, breakBefore: boolean): StreamVerdict[];
}

/** Creates a streaming detector with its own bounded history. */
export function createArtifactStream(): ArtifactStream {
  const p = ARTIFACT_PARAMS;
  const keep = p.thresholdBeats + 10;
  // Index-aligned buffers; `offset` is the sequence number of element 0.
  let offset = 0;
  let rr: number[] = [];
  let absDrr: number[] = [];
  let absMrr: number[] = [];
  let dN: number[] = [];
  let mN: number[] = [];
  let medRr: number[] = [];
  let th2: number[] = [];
  let kinds: (ArtifactKind | undefined)[] = [];
  let nextToClassify = 0;
  let lastPlausible: number | undefined;
  // Trailing windows as sorted multisets; the value leaving is read from the buffers before pruning.
  const drrWindow = new SortedWindow();
  const mrrWindow = new SortedWindow();
  const rrWindow = new SortedWindow();
  const slide = (window: SortedWindow, buffer: readonly number[], width: number, value: number) => {
    window.insert(value);
    if (buffer.length > width) window.remove(buffer[buffer.length - 1 - width]);
  };

  return {
    push(rrMs, breakBefore) {
      let kind: ArtifactKind | undefined;
      let value = rrMs;
      if (!(Number.isFinite(rrMs) && rrMs >= p.minRrMs && rrMs <= p.maxRrMs)) {
        kind = 'implausible';
        value = medRr[medRr.length - 1] ?? lastPlausible ?? 1000;
      } else {
        lastPlausible = rrMs;
      }
      const previous = rr[rr.length - 1];
      const drr = previous === undefined || breakBefore ? 0 : value - previous;
      rr.push(value);
      kinds.push(kind);
      slide(rrWindow, rr, p.medianBeats, value);
      absDrr.push(Math.abs(drr));
      slide(drrWindow, absDrr, p.thresholdBeats, Math.abs(drr));
      const th1 = Math.max(p.alpha * (drrWindow.quartileDeviation() ?? 0), p.minThresholdMs);
      dN.push(drr / th1);
      const med = rrWindow.quantile(0.5) ?? value;
      medRr.push(med);
      const mrr = value - med < 0 ? 2 * (value - med) : value - med;
      absMrr.push(Math.abs(mrr));
      slide(mrrWindow, absMrr, p.thresholdBeats, Math.abs(mrr));
      const t2 = Math.max(p.alpha * (mrrWindow.quartileDeviation() ?? 0), p.minThresholdMs);
      th2.push(t2);
      mN.push(mrr / t2);

      const verdicts: StreamVerdict[] = [];
      const series = { rr, dN, mN, medRr, th2 };
      while (nextToClassify + STREAM_LOOKAHEAD_BEATS < offset + rr.length) {
        const local = nextToClassify - offset;
        classifyBeat(local, series, kinds, p);
        verdicts.push({ index: nextToClassify, kind: kinds[local] });
        nextToClassify += 1;
      }
      // Drop history no rule reads any more (amortised O(1): only every `keep` beats).
      if (rr.length > 2 * keep) {
        const drop = rr.length - keep;
        offset += drop;
        rr = rr.slice(drop);
        absDrr = absDrr.slice(drop);
        absMrr = absMrr.slice(drop);
        dN = dN.slice(drop);
        mN = mN.slice(drop);
        medRr = medRr.slice(drop);
        th2 = th2.slice(drop);
        kinds = kinds.slice(drop);
      }
      return verdicts;
    },
  };
}

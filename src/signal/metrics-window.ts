/**
 * The live 60 s metrics window as a plain incremental state machine (no RxJS), driven one beat at
 * a time by {@link toMetrics}. Event time only: the window is defined by the beats' own `tSec`.
 *
 * Per beat the work is constant, independent of how long the session has run:
 * - artifacts: the streaming Lipponen & Tarvainen detector (bounded trailing history);
 * - heart rate and RMSSD: running sums (Σ NN, Σ of squared successive differences over valid
 *   pairs) that beats add on entry and subtract on leaving the window;
 * - breathing: {@link estimateBreathingRate} over the window's confirmed genuine beats, at most
 *   every `breathingEverySec` of event time (default 5 s) — one estimate costs about as much as
 *   a few dozen beat updates, and a 60 s estimate moves little in 5 s — and carried in between;
 * - rhythm ({@link assessRhythm}) at the same cadence; while it is irregular, RMSSD and breathing
 *   are null.
 *
 * Differences from the batch {@link computeWindowMetrics} (used by `attune analyze`): the detector
 * uses trailing thresholds, and a beat enters HRV once the 3 beats after it have confirmed it
 * (the newest ~3 s count in `beats` and heart-rate fallback but not yet in RMSSD).
 */
import { createArtifactStream } from './artifacts-stream';
import type { ArtifactKind } from './artifacts';
import type { Beat, WindowMetrics } from './types';
import type { BreathingEstimate } from './breathing';
import { estimateBreathingRate } from './breathing';
import { MIN_RMSSD_PAIRS } from './window-metrics';
import type { IrregularRhythm } from './rhythm';
import { RHYTHM_KINDS, assessRhythm } from './rhythm';

/** Options of the live window. */
export interface MetricsWindowOptions {
  /** Window length, seconds of event time. Default 60 (DESIGN.md). */
  readonly windowSec?: number;
  /** Least event time between two breathing estimates, seconds. Default 5. */
  readonly breathingEverySec?: number;
}

interface Entry {
  readonly beat: Beat;
  /** Sequence number among RR beats, or -1 for a heart-rate-only sample. */
  readonly seq: number;
  /** True when this RR beat directly follows the previous RR beat (no gap, no hr-only sample between). */
  readonly consecutive: boolean;
  classified: boolean;
  kind: ArtifactKind | undefined;
  /** Squared difference with the previous RR beat while that pair counts, ms². */
  pairSq: number | undefined;
  inWindow: boolean;
  /** True for a heart-rate-only sample whose hrBpm is in the running sum. */
  readonly countedHr: boolean;
}

/** A live metrics window: feed beats in event-time order, get the metrics after each. */
export interface MetricsWindow {
  push(beat: Beat): WindowMetrics;
}

function checkOptions(options: MetricsWindowOptions): Required<MetricsWindowOptions> {
  const windowSec = options.windowSec ?? 60;
  const breathingEverySec = options.breathingEverySec ?? 5;
  if (!(Number.isFinite(windowSec) && windowSec > 0))
    throw new Error(`toMetrics: windowSec must be a positive number of seconds, got ${windowSec}`);
  if (!(Number.isFinite(breathingEverySec) && breathingEverySec >= 0)) {
    throw new Error(`toMetrics: breathingEverySec must be zero or a positive number of seconds, got ${breathingEverySec}`);
  }
  return { windowSec, breathingEverySec };
}

/** Creates an empty live window. */
export function createMetricsWindow(options: MetricsWindowOptions = {}): MetricsWindow {
  const { windowSec, breathingEverySec } = checkOptions(options);
  const detector = createArtifactStream();
  // Deque of entries in the window: `entries[head…]`; compacted now and then (amortised O(1)).
  let entries: Entry[] = [];
  let head = 0;
  const bySeq = new Map<number, Entry>();
  let nextSeq = 0;
  let previousWasRr = false;
  // Running sums over the window.
  let sumNnMs = 0;
  let genuine = 0;
  let classifiedRr = 0;
  let artifacts = 0;
  /** Artifacts in the window that are rhythm events ({@link RHYTHM_KINDS}). */
  let rhythmEvents = 0;
  let sumSq = 0;
  let pairs = 0;
  let rrBeats = 0;
  let sumHrBpm = 0;
  let hrSamples = 0;
  let lastBreathingAt = Number.NEGATIVE_INFINITY;
  let breathing: BreathingEstimate = { breathsPerMin: null, confidence: 0 };
  let irregular: IrregularRhythm | null = null;

  const removePair = (entry: Entry | undefined) => {
    if (entry?.pairSq === undefined) return;
    sumSq -= entry.pairSq;
    pairs -= 1;
    entry.pairSq = undefined;
  };

  const onVerdict = (seq: number, kind: ArtifactKind | undefined) => {
    const entry = bySeq.get(seq);
    if (entry === undefined) return;
    entry.classified = true;
    entry.kind = kind;
    if (!entry.inWindow) {
      // It left the window before its verdict (a long gap): nothing will read it again.
      bySeq.delete(seq);
      return;
    }
    classifiedRr += 1;
    if (kind !== undefined) {
      artifacts += 1;
      if (RHYTHM_KINDS.includes(kind)) rhythmEvents += 1;
      return;
    }
    genuine += 1;
    sumNnMs += entry.beat.rrMs as number;
    const previous = bySeq.get(seq - 1);
    if (entry.consecutive && previous !== undefined && previous.inWindow && previous.classified && previous.kind === undefined) {
      entry.pairSq = ((entry.beat.rrMs as number) - (previous.beat.rrMs as number)) ** 2;
      sumSq += entry.pairSq;
      pairs += 1;
    }
  };

  const evict = (entry: Entry) => {
    entry.inWindow = false;
    if (entry.seq < 0) {
      if (entry.countedHr) {
        sumHrBpm -= entry.beat.hrBpm;
        hrSamples -= 1;
      }
      return;
    }
    rrBeats -= 1;
    removePair(entry);
    removePair(bySeq.get(entry.seq + 1));
    if (entry.classified) {
      classifiedRr -= 1;
      if (entry.kind === undefined) {
        genuine -= 1;
        sumNnMs -= entry.beat.rrMs as number;
      } else {
        artifacts -= 1;
        if (RHYTHM_KINDS.includes(entry.kind)) rhythmEvents -= 1;
      }
    }
    // Once classified and out of the window nothing reads it again; an unclassified one waits in
    // bySeq for its verdict (a few beats away) and is dropped then.
    if (entry.classified) bySeq.delete(entry.seq);
  };

  return {
    push(beat) {
      const endSec = beat.tSec;
      const hasRr = beat.rrMs !== null && Number.isFinite(beat.rrMs);
      const countedHr = !hasRr && Number.isFinite(beat.hrBpm) && beat.hrBpm > 0;
      const entry: Entry = {
        beat,
        seq: hasRr ? nextSeq : -1,
        consecutive: hasRr && previousWasRr && !beat.afterGap,
        classified: false,
        kind: undefined,
        pairSq: undefined,
        inWindow: true,
        countedHr,
      };
      entries.push(entry);
      if (hasRr) {
        bySeq.set(nextSeq, entry);
        nextSeq += 1;
        rrBeats += 1;
        for (const verdict of detector.push(beat.rrMs as number, !entry.consecutive && entry.seq > 0)) {
          onVerdict(verdict.index, verdict.kind);
        }
      } else if (countedHr) {
        sumHrBpm += beat.hrBpm;
        hrSamples += 1;
      }
      previousWasRr = hasRr;

      const startSec = Math.max(0, endSec - windowSec);
      while (head < entries.length && entries[head].beat.tSec <= endSec - windowSec) {
        evict(entries[head]);
        head += 1;
      }
      if (head > 1024 && head * 2 > entries.length) {
        entries = entries.slice(head);
        head = 0;
      }
      const beats = entries.length - head;

      const pairRmssdMs = pairs >= MIN_RMSSD_PAIRS ? Math.sqrt(Math.max(0, sumSq) / pairs) : null;
      const artifactRate = classifiedRr > 0 ? artifacts / classifiedRr : 0;
      if (rrBeats === 0) {
        lastBreathingAt = Number.NEGATIVE_INFINITY;
        breathing = { breathsPerMin: null, confidence: 0 };
        irregular = null;
      } else if (endSec - lastBreathingAt >= breathingEverySec || endSec < lastBreathingAt) {
        // The rhythm check reads the whole window, so it runs at the breathing cadence too.
        irregular = assessRhythm(genuineOf(entries, head), classifiedRr > 0 ? rhythmEvents / classifiedRr : 0, pairRmssdMs);
        breathing = irregular === null ? breathingOf(entries, head) : { breathsPerMin: null, confidence: 0 };
        lastBreathingAt = endSec;
      }

      const rmssdMs = irregular === null ? pairRmssdMs : null;
      const hrBpm = genuine > 0 ? (60_000 * genuine) / sumNnMs : hrSamples > 0 ? sumHrBpm / hrSamples : fallbackHr(entries, head);
      return {
        startSec,
        endSec,
        beats,
        hrBpm,
        rmssdMs,
        lnRmssd: rmssdMs !== null && rmssdMs > 0 ? Math.log(rmssdMs) : null,
        breathsPerMin: breathing.breathsPerMin,
        breathingConfidence: breathing.confidence,
        artifactRate,
        hrOnly: rrBeats === 0 && hrSamples > 0,
        irregular,
        pairs,
      };
    },
  };
}

/**
 * Breathing over the window from the confirmed genuine beats of its longest stretch without a
 * gap: artifacts are left out and the spline bridges them, so the detector's verdicts are reused
 * instead of correcting the window again.
 */
function breathingOf(entries: readonly Entry[], head: number): BreathingEstimate {
  let best: Entry[] = [];
  let current: Entry[] = [];
  for (let i = head; i < entries.length; i += 1) {
    const e = entries[i];
    if (e.seq < 0 || !e.consecutive) {
      if (current.length > best.length) best = current;
      current = [];
    }
    if (e.seq >= 0 && e.classified && e.kind === undefined) current.push(e);
  }
  if (current.length > best.length) best = current;
  return estimateBreathingRate(
    best.map((e) => e.beat.tSec),
    best.map((e) => e.beat.rrMs as number),
  );
}

/** The window's confirmed genuine RR intervals, in order. */
function genuineOf(entries: readonly Entry[], head: number): number[] {
  const out: number[] = [];
  for (let i = head; i < entries.length; i += 1) {
    const e = entries[i];
    if (e.seq >= 0 && e.classified && e.kind === undefined) out.push(e.beat.rrMs as number);
  }
  return out;
}

/** Heart rate before any RR beat is confirmed: the device's own reports in the window. */
function fallbackHr(entries: readonly Entry[], head: number): number | null {
  let sum = 0;
  let count = 0;
  for (let i = head; i < entries.length; i += 1) {
    const hr = entries[i].beat.hrBpm;
    if (Number.isFinite(hr) && hr > 0) {
      sum += hr;
      count += 1;
    }
  }
  return count > 0 ? sum / count : null;
}

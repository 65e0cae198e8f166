/**
 * The integration entry between the live session and the store. `createSessionRecording` gives an
 * object with the live view's recorder shape (`addBeat`, `addMetrics`, `addGate`, `close`), so
 * wiring it is one line: pass it as `recorder` in the live dependencies.
 *
 * A session record is created only when the first beat arrives (opening the live view alone records
 * nothing). Gate statuses are kept as plain sentences (the same `describeReason` the live view
 * shows). The page being hidden or closed flushes what is buffered.
 */
import type { GateStatus } from '../../pipeline/gate';
import type { Baseline, Beat, PartnerId, WindowMetrics } from '../../signal/types';
import { describeReason } from '../../signal/readiness-describe';
import type { AttuneStore, GateSample, Recorder, RecorderStatus, RoutineMark, SessionSource, UnsavedData } from '../../store';

export interface SessionRecordingOptions {
  readonly source: SessionSource;
  readonly scenario?: string | null;
  readonly partnerNames?: { readonly a: string; readonly b: string };
  /** Continue this interrupted session instead of starting a new one. */
  readonly resumeSessionId?: string;
  /** Wall-clock flush interval, ms (see `RecorderOptions.flushIntervalMs`). */
  readonly flushIntervalMs?: number;
}

export interface SessionRecording {
  addBeat(partner: PartnerId, beat: Beat): void;
  addMetrics(partner: PartnerId, metrics: WindowMetrics): void;
  addGate(status: GateStatus): void;
  /** Marks the start or end of a routine (for the before/after comparison in history). */
  markRoutine(kind: RoutineMark['kind'], label: string): void;
  /** Flushes what is buffered (the live view calls this when it closes); the session stays open. */
  close(): Promise<void>;
  /** Ends the session for good; later beats are not recorded until `startNew()`. */
  finish(outcome: 'finished' | 'stopped'): Promise<void>;
  /** After `finish`, lets the next beat start a new session (or resume the given one). */
  startNew(resumeSessionId?: string): void;
  /** Id of the session being recorded, once one has started. */
  sessionId(): string | null;
  status(): RecorderStatus | null;
  /** Data held only in memory after storage failures (null before the first beat). */
  unsaved(): UnsavedData | null;
  /** Listens to saving status changes (memory-only after a storage failure); returns unsubscribe. */
  onStatus(listener: (status: RecorderStatus | null) => void): () => void;
  /** Stops listening to the page's lifecycle; call when the app shell goes away. */
  dispose(): void;
}

/** The gate's reasons in plain words, per partner, for the timeline. */
export function gateSample(status: GateStatus, names: { readonly a: string; readonly b: string }): GateSample {
  const reasons: string[] = [];
  for (const partner of ['a', 'b'] as const) {
    for (const reason of status.partners[partner]?.reasons ?? []) reasons.push(describeReason(reason, names[partner]));
  }
  return { state: status.state, tSec: status.tSec, reasons: [...new Set(reasons)] };
}

export function createSessionRecording(store: AttuneStore, options: SessionRecordingOptions): SessionRecording {
  const names = options.partnerNames ?? { a: 'Partner A', b: 'Partner B' };
  let recorder: Recorder | null = null;
  // Kept after finishing, so data that could not be saved can still be offered for download.
  let finished: Recorder | null = null;
  let ended = false;
  let resumeId = options.resumeSessionId;
  let stopStatus: () => void = () => {};
  const listeners = new Set<(s: RecorderStatus | null) => void>();
  const emit = (s: RecorderStatus | null) => listeners.forEach((l) => l(s));

  function current(): Recorder {
    if (recorder) return recorder;
    recorder = store.createRecorder({
      source: options.source,
      scenario: options.scenario ?? null,
      partnerNames: names,
      flushIntervalMs: options.flushIntervalMs,
      ...(resumeId ? { sessionId: resumeId, resume: true } : {}),
    });
    resumeId = undefined;
    stopStatus = recorder.onStatus(emit);
    emit(recorder.status());
    return recorder;
  }

  // A hidden page may be killed without warning (mobile browsers): save what is buffered first.
  const onHide = () => {
    if (document.visibilityState === 'hidden') void recorder?.flush();
  };
  const onPageHide = () => void recorder?.flush();
  const hasDocument = typeof document !== 'undefined';
  if (hasDocument) {
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
  }

  return {
    addBeat: (partner, beat) => {
      if (!ended) current().addBeat(partner, beat);
    },
    addMetrics: (partner, metrics) => recorder?.addMetrics(partner, metrics),
    addGate: (status) => recorder?.addGate(gateSample(status, names)),
    markRoutine: (kind, label) => {
      if (!ended) current().markRoutine(kind, label);
    },
    close: async () => {
      await recorder?.flush();
    },
    async finish(outcome) {
      const r = recorder;
      ended = true;
      if (!r) return;
      await r.close(outcome);
      stopStatus();
      recorder = null;
      finished = r;
      emit(r.status());
    },
    startNew(resumeSessionId) {
      ended = false;
      resumeId = resumeSessionId;
    },
    sessionId: () => recorder?.sessionId ?? null,
    status: () => (recorder ?? finished)?.status() ?? null,
    unsaved: () => (recorder ?? finished)?.unsaved() ?? null,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (hasDocument) {
        document.removeEventListener('visibilitychange', onHide);
        window.removeEventListener('pagehide', onPageHide);
      }
    },
  };
}

/**
 * The store's baselines in the live view's shape: real baselines persist (every calibration kept);
 * demo baselines are never written here, the demo brings its own.
 */
export function baselineStoreFor(store: AttuneStore) {
  return {
    load: (partner: PartnerId): Promise<Baseline | undefined> => store.baselines.latest(partner),
    save: async (partner: PartnerId, baseline: Baseline): Promise<void> => {
      if (baseline.demo) return;
      await store.baselines.add(partner, baseline);
    },
  };
}

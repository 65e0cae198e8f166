/**
 * The recording as a subscriber of the live session (DESIGN.md, Data flow): it listens to both
 * partners' beats and metrics and to the gate, starts a recorder on the first beat (so a page opened
 * without a source records nothing), and keeps the gate's changes of state with their reasons in
 * words. Nothing pushes into it; ending it is closing it.
 */
import { Subscription, type Observable } from 'rxjs';
import { PARTNERS, type Beat, type PartnerId, type WindowMetrics } from '../signal/types';
import type { LiveRecorder, RecordingInfo, RecordingOutcome } from './dependencies';
import type { GateStatusView } from './readiness-types';
import type { PacerEvent, PacerState } from './shared-pacer';

/** What the recording listens to. */
export interface RecordedStreams {
  readonly beats: Readonly<Record<PartnerId, Observable<Beat>>>;
  readonly metrics: Readonly<Record<PartnerId, Observable<WindowMetrics>>>;
  readonly gate$: Observable<GateStatusView>;
  /** The shared pacer's starts, stops and changes of pace (hot), and its state now. */
  readonly pacer?: { readonly events$: Observable<PacerEvent>; readonly current: () => PacerState };
}

export interface RecordingOptions {
  /** Opens the recorder on the first beat, told what is being recorded; absent → nothing is recorded. */
  readonly start?: (info: RecordingInfo) => LiveRecorder;
  /** What the recording is of, read when the first beat arrives (sources and names by then). */
  readonly describe: () => Omit<RecordingInfo, 'resumeSessionId'>;
  /** Continue this interrupted session (a new segment of it) instead of starting a new one. */
  readonly resumeSessionId?: string;
  /** A gate reason in words, for the partner's shown name. */
  readonly reasonsOf: (gate: GateStatusView) => readonly string[];
}

export interface SessionRecording {
  /** The recorded session's id, once the first beat started it (null before, or without storage). */
  id(): string | null;
  /**
   * Stops listening and closes the recorder as `outcome`. The first call decides the outcome; later
   * calls return the same promise.
   */
  close(outcome: RecordingOutcome): Promise<void>;
}

/** Subscribes the recording to the session's streams; see the module comment. */
export function recordSession(streams: RecordedStreams, options: RecordingOptions): SessionRecording {
  let recorder: LiveRecorder | null = null;
  let lastGateState: GateStatusView['state'] | null = null;
  let closing: Promise<void> | null = null;
  const { start } = options;

  let subscription: Subscription | null = null;
  if (start) {
    subscription = new Subscription();
    for (const partner of PARTNERS) {
      subscription.add(
        streams.beats[partner].subscribe((beat) => {
          if (recorder === null) {
            recorder = start({
              ...options.describe(),
              ...(options.resumeSessionId === undefined ? {} : { resumeSessionId: options.resumeSessionId }),
            });
            // A pacer started before the first beat (a demo link starts it at once) counts from here.
            const pacer = streams.pacer?.current();
            if (pacer?.running) recorder.addPacer?.({ kind: 'start', breathsPerMin: pacer.breathsPerMin, tSec: beat.tSec });
          }
          recorder.addBeat(partner, beat);
        }),
      );
      subscription.add(streams.metrics[partner].subscribe((metrics) => recorder?.addMetrics(partner, metrics)));
    }
    if (streams.pacer) subscription.add(streams.pacer.events$.subscribe((event) => recorder?.addPacer?.(event)));
    subscription.add(
      streams.gate$.subscribe((gate) => {
        // The recording keeps the changes of state, each with its reasons at that moment.
        if (recorder === null || gate.state === lastGateState) return;
        lastGateState = gate.state;
        recorder.addGate({ state: gate.state, tSec: gate.tSec, reasons: options.reasonsOf(gate) });
      }),
    );
  }

  return {
    id: () => recorder?.sessionId?.() ?? null,
    close(outcome) {
      subscription?.unsubscribe();
      closing ??= recorder ? recorder.close(outcome) : Promise.resolve();
      return closing;
    },
  };
}

/**
 * Records live streams into a session: the one-line integration for code that holds Observables.
 *
 *   const status = useRecording(recording, { a: { beats$, metrics$ }, b: { beats$, metrics$ }, gate$ });
 *
 * Subscribes while mounted (and while `recording` is given), feeds every beat, metrics row and gate
 * status to the recording, and returns the saving status (null before the first beat), so the view
 * can warn when recording continues in memory only. Unsubscribes and flushes on unmount.
 */
import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';
import type { GateStatus } from '../../pipeline/gate';
import type { Beat, PartnerId, WindowMetrics } from '../../signal/types';
import type { RecorderStatus } from '../../store';
import type { SessionRecording } from './session-recording';

export interface RecordedStreams {
  readonly a?: { readonly beats$?: Observable<Beat>; readonly metrics$?: Observable<WindowMetrics> };
  readonly b?: { readonly beats$?: Observable<Beat>; readonly metrics$?: Observable<WindowMetrics> };
  readonly gate$?: Observable<GateStatus>;
}

export function useRecording(recording: SessionRecording | null, streams: RecordedStreams): RecorderStatus | null {
  const [status, setStatus] = useState<RecorderStatus | null>(() => recording?.status() ?? null);
  const { a, b, gate$ } = streams;
  const aBeats = a?.beats$;
  const aMetrics = a?.metrics$;
  const bBeats = b?.beats$;
  const bMetrics = b?.metrics$;

  useEffect(() => {
    if (!recording) return undefined;
    const stopStatus = recording.onStatus(setStatus);
    const subscriptions = [
      ...(
        [
          ['a', aBeats, aMetrics],
          ['b', bBeats, bMetrics],
        ] as const
      ).flatMap(([partner, beats$, metrics$]: readonly [PartnerId, Observable<Beat> | undefined, Observable<WindowMetrics> | undefined]) => [
        beats$?.subscribe((beat) => recording.addBeat(partner, beat)),
        metrics$?.subscribe((m) => recording.addMetrics(partner, m)),
      ]),
      gate$?.subscribe((g) => recording.addGate(g)),
    ];
    return () => {
      for (const s of subscriptions) s?.unsubscribe();
      stopStatus();
      void recording.close();
    };
  }, [recording, aBeats, aMetrics, bBeats, bMetrics, gate$]);

  return status;
}

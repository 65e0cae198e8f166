/**
 * Marks every beat of the live session's sources for the beat-to-screen probe (beat-to-screen.ts).
 * Loaded with the session, since it needs RxJS; the probe itself loads with the welcome screen.
 */
import { Observable, share } from 'rxjs';
import type { HeartRateSource } from '../../sources/heart-rate-source';
import type { RememberedStrap, LiveDependencies } from '../../session/dependencies';
import type { Beat } from '../../signal/types';
import type { BeatToScreenProbe } from './beat-to-screen';

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
    bluetooth: (options) => markBeats(dependencies.bluetooth(options), probe),
    rememberedStraps: async () =>
      (await dependencies.rememberedStraps()).map((strap): RememberedStrap => ({
        ...strap,
        open: (knownName) => markBeats(strap.open(knownName), probe),
      })),
  };
}

import { Suspense, useState } from 'react';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { RegionBoundary } from '../region-boundary';
import { RoutinesPart } from '../parts';
import type { AttuneStore } from '../../../store';

export interface RoutineScreenProps {
  readonly store: Promise<AttuneStore>;
  readonly focusOnShow: boolean;
  readonly gateReady: boolean;
  readonly selfReportComplete: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

/**
 * Choosing and following a routine. The routine player (with its Stop and Pause, always on screen)
 * comes from the routines area; the shell adds the heading and the way on to the reflection.
 */
export function RoutineScreen({ store, focusOnShow, gateReady, selfReportComplete, onBack, onNext }: RoutineScreenProps) {
  const [finished, setFinished] = useState(false);
  const unlocked = gateReady || selfReportComplete;
  return (
    <ScreenFrame
      title={finished ? 'Well done' : 'Routine together'}
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the live view', onClick: onBack }}
          primary={
            finished ? (
              <button type="button" className="primary" onClick={onNext}>
                Reflect together
              </button>
            ) : (
              <button type="button" className="quiet" onClick={onNext}>
                Skip to reflection
              </button>
            )
          }
          hint={
            finished
              ? 'Next: a few words about how it went, and one small promise each.'
              : unlocked
                ? 'Pick one routine together. You can pause or stop at any moment.'
                : 'Routines start once you are both calm. The live view keeps listening meanwhile.'
          }
        />
      }
    >
      <RegionBoundary region="The routine player">
        <Suspense fallback={<p className="loading">Opening the routines…</p>}>
          <RoutinesPart store={store} gateReady={gateReady} noWearableCheckedIn={selfReportComplete} onRunFinished={() => setFinished(true)} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}

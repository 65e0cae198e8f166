import { Suspense, useCallback, useState } from 'react';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { RegionBoundary } from '../../common/region-boundary';
import { RoutinesPart } from '../parts';
import type { AttuneStore } from '../../../store';
import type { RoutineAccess } from '../../../session/routine-access';

export interface RoutineScreenProps {
  readonly store: Promise<AttuneStore>;
  readonly focusOnShow: boolean;
  /** How the routines stand (`routineAccess`, decided once by the app shell). */
  readonly access: RoutineAccess;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

/** Said when Back is pressed while a routine plays. */
export const STOP_FIRST = 'A routine is still open. Stop it first (the Stop button, or Escape) and choose how to end it, then go back.';

/**
 * Choosing and following a routine. The routine player (with its Stop and Pause, always on screen)
 * comes from the routines area; the shell adds the heading and the way on to the reflection. While
 * a routine plays the shell's own ways out wait: "Skip to reflection" is hidden, and Back asks for
 * the routine to be stopped first (focus goes to Stop), so a run is never lost by a stray tap.
 */
export function RoutineScreen({ store, focusOnShow, access, onBack, onNext }: RoutineScreenProps) {
  const [finished, setFinished] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [stopFirst, setStopFirst] = useState(false);
  const unlocked = access !== 'locked';
  const onActiveChange = useCallback((active: boolean) => {
    setPlaying(active);
    if (!active) setStopFirst(false);
  }, []);
  const back = () => {
    if (!playing) {
      onBack();
      return;
    }
    setStopFirst(true);
    // Stop when it can still be pressed; once stopped, the player's own ending choices come next.
    const stop = document.querySelector<HTMLButtonElement>('.rt-player .rt-stop:not(:disabled)');
    const ending = document.querySelector<HTMLButtonElement>('.rt-player button:not(.rt-stop):not(:disabled)');
    (stop ?? ending)?.focus();
  };
  // While the routines are open and none has run yet, choosing one is the step's action: the list
  // sits below the safety notes, so the footer brings it into view with focus on its first Start.
  const choosing = unlocked && !playing && !finished;
  const toList = () => {
    // The list arrives with the routines' own code; a tap before it has loaded is honoured once it
    // is there (for about two seconds of frames), not lost.
    let frames = 0;
    const bringList = () => {
      const list = document.querySelector<HTMLElement>('.rt-list');
      const start = list?.querySelector<HTMLButtonElement>('button.rt-primary:not(:disabled)');
      if (!list || !start) {
        if (++frames < 120) requestAnimationFrame(bringList);
        return;
      }
      list.scrollIntoView({ block: 'start' });
      start.focus({ preventScroll: true });
    };
    bringList();
  };
  return (
    <ScreenFrame
      title={finished ? 'Well done' : 'Routine together'}
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the live view', onClick: back }}
          primary={
            playing ? undefined : finished ? (
              <button type="button" className="primary" onClick={onNext}>
                Reflect together
              </button>
            ) : choosing ? (
              <button type="button" className="primary" onClick={toList}>
                Choose a routine
              </button>
            ) : (
              <button type="button" className="quiet" onClick={onNext}>
                Skip to reflection
              </button>
            )
          }
          hint={
            stopFirst ? (
              STOP_FIRST
            ) : playing ? (
              'Follow the routine together. Stop or pause it at any moment.'
            ) : finished ? (
              'Next: a few words about how it went, and one small promise each.'
            ) : unlocked ? (
              <>
                Pick one routine together. You can pause or stop at any moment.{' '}
                <button type="button" className="link" onClick={onNext}>
                  Skip to reflection
                </button>
              </>
            ) : (
              'Routines start once you are both calm. The live view keeps listening meanwhile.'
            )
          }
        />
      }
    >
      <RegionBoundary region="The routine player">
        <Suspense fallback={<p className="loading">Opening the routines…</p>}>
          <RoutinesPart store={store} access={access} onRunFinished={() => setFinished(true)} onActiveChange={onActiveChange} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}

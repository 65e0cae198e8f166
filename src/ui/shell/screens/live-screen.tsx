import type { ReactNode } from 'react';
import type { GateState } from '../../../pipeline/dyad';
import type { DemoUrl } from '../../../session/demo-url';
import type { LiveSessionModel } from '../../../session/live-session';
import type { BeatToScreenProbe } from '../beat-to-screen';
import type { RoutineAccess } from '../../../session/routine-access';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { LivePart } from '../parts';

export interface LiveScreenProps {
  /** The running live session; null while it opens. */
  readonly session: LiveSessionModel | null;
  readonly demo: DemoUrl;
  readonly probe: BeatToScreenProbe;
  /** False while the couple is on a later screen: the session stays mounted and keeps streaming. */
  readonly visible: boolean;
  readonly focusOnShow: boolean;
  readonly gate: GateState | null;
  /**
   * How the routines stand (`routineAccess`): opened by the gate, by a no-wearable hand check-in
   * (a self-report, not a measurement), or locked.
   */
  readonly access: RoutineAccess;
  readonly onBack: () => void;
  readonly onNext: () => void;
  /** Above the live view: the couple's optional check-in before the session. */
  readonly before?: ReactNode;
}

/** Heading and "what next" line for each moment of the live view. */
function wording(gate: GateState | null, access: RoutineAccess): { title: string; hint: string } {
  // A flooded partner comes first whatever else is true: the break, never a routine.
  if (gate === 'flooded') {
    return { title: 'Take a break', hint: 'One of you is flooded. Take the 20-minute break apart; routines wait until you are both calm.' };
  }
  if (access === 'self-report') {
    return {
      title: 'You both checked in',
      hint: 'You both said you feel calm enough (a self-report, not a measurement). Choose a routine when ready.',
    };
  }
  if (access === 'gate') {
    return { title: 'You are both calm', hint: 'Your bodies have settled. Choose a routine when you are ready.' };
  }
  switch (gate) {
    case null:
    case 'no-signal':
      return {
        title: 'Connect',
        hint: 'Connect a strap for each of you, use the simulator, or check in by hand without straps.',
      };
    case 'calibrating':
      return { title: 'Calibrate', hint: 'Sit quietly for a few minutes while Attune learns what calm looks like for each of you.' };
    case 'settling':
    case 'ready':
      return { title: 'Settle together', hint: 'Breathe slowly. Routines open when both of you are calm.' };
  }
}

/**
 * The live view: pairing, first-time calibration and the wait for calm all happen here, on the
 * live session the composition root keeps. The shell adds the heading, the step and the way on.
 */
export function LiveScreen({ session, demo, probe, visible, focusOnShow, gate, access, onBack, onNext, before }: LiveScreenProps) {
  const { title, hint } = wording(gate, access);
  // The primary "Choose a routine" only when a routine may start, and never on the flooded break.
  const offerRoutine = access !== 'locked' && gate !== 'flooded';
  return (
    <ScreenFrame
      title={title}
      visible={visible}
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the welcome', onClick: onBack }}
          primary={
            offerRoutine ? (
              <button type="button" className="primary" onClick={onNext}>
                Choose a routine
              </button>
            ) : (
              <button type="button" className="quiet" onClick={onNext}>
                See the routines
              </button>
            )
          }
          hint={hint}
        />
      }
    >
      {before}
      <LivePart session={session} demo={demo} probe={probe} />
    </ScreenFrame>
  );
}

import type { ReactNode } from 'react';
import type { GateState } from '../../../pipeline/dyad';
import type { DemoUrl } from '../../../session/demo-url';
import type { LiveSessionModel, SelfReport } from '../../../session/live-session';
import type { BeatToScreenProbe } from '../beat-to-screen';
import type { RoutineAccess } from '../../../session/routine-access';
import type { PartnerView } from '../../../session/partner-model';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { LivePart } from '../parts';
import { useObservable, useSelected } from '../../live/use-observable';
import { liveAction, type LiveAction, type PartnerStepView } from '../live-action';

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
  /** The couple came for a calm check (from the welcome): the way on leads through one each. */
  readonly calmCheck?: boolean;
}

/** Heading and "what next" line for each moment of the live view. */
function wording(gate: GateState | null, access: RoutineAccess, calmCheck: boolean): { title: string; hint: string } {
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
  if (calmCheck) {
    return {
      title: 'Calm check',
      hint: 'At a quiet moment, ideally in the morning: connect, then sit still for two minutes each. Each check teaches Attune your calm.',
    };
  }
  switch (gate) {
    case null:
    case 'no-signal':
      return {
        title: 'Connect',
        hint: 'One of you at a time: connect your strap, or use the simulator, a recording, or go without straps.',
      };
    case 'calibrating':
      return { title: 'Calibrate', hint: 'Sit together for a minute or two while Attune gets a first reading of each of you.' };
    case 'settling':
    case 'ready':
      return { title: 'Settle together', hint: 'Breathe slowly. Routines open when both of you are calm.' };
  }
}

/**
 * The live view: pairing, first-time calibration and the wait for calm all happen here, on the
 * live session the composition root keeps. The shell adds the heading, the step and the way on.
 */
export function LiveScreen({
  session,
  demo,
  probe,
  visible,
  focusOnShow,
  gate,
  access,
  onBack,
  onNext,
  before,
  calmCheck = false,
}: LiveScreenProps) {
  const { title, hint } = wording(gate, access, calmCheck);
  return (
    <ScreenFrame
      title={title}
      visible={visible}
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the welcome', onClick: onBack }}
          primary={
            session ? (
              <StepAction session={session} gate={gate} access={access} onNext={onNext} calmCheck={calmCheck} />
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

const selectStep = (view: PartnerView): PartnerStepView => ({
  id: view.id,
  displayName: view.displayName,
  hasSource: view.origin !== null,
  connected: view.status.kind === 'connected',
  calibrating: view.calibration?.phase === 'recording' || view.calibration?.phase === 'waiting-for-beats',
  checked: view.calibration?.phase === 'done' || view.calibration?.phase === 'refused',
  rememberedStrap: view.rememberedStrap?.name ?? null,
});
const NOT_SELF_REPORTING: SelfReport = { active: false, calm: { a: false, b: false } };

/**
 * The footer's primary action, following the step (`liveAction`): connect A, connect B (a calm
 * check each, when the couple came for one), then the routines. Connecting runs in the click
 * itself, as the browser's strap chooser requires.
 */
function StepAction({
  session,
  gate,
  access,
  onNext,
  calmCheck,
}: {
  session: LiveSessionModel;
  gate: GateState | null;
  access: RoutineAccess;
  onNext: () => void;
  calmCheck: boolean;
}) {
  const a = useSelected(session.partners.a.live$, session.partners.a.current(), selectStep);
  const b = useSelected(session.partners.b.live$, session.partners.b.current(), selectStep);
  const selfReport = useObservable(session.selfReport$, NOT_SELF_REPORTING);
  const action = liveAction({
    partners: [a, b],
    bluetoothAvailable: session.partners.a.bluetoothSupport().available,
    gate,
    access,
    selfReportActive: selfReport.active,
    calmCheck,
  });
  const run = (next: LiveAction) => {
    switch (next.kind) {
      case 'connect':
        void (next.own ? session.partners[next.partner].connectOwnStrap() : session.partners[next.partner].connectStrap());
        return;
      case 'simulator':
        void session.partners[next.partner].useSimulator('calm');
        return;
      case 'without-straps':
        session.setSelfReportMode(true);
        return;
      case 'calm-check':
        session.partners[next.partner].startCalmCheck();
        return;
      case 'choose-routine':
      case 'see-routines':
        onNext();
    }
  };
  return (
    <button type="button" className={action.kind === 'see-routines' ? 'quiet' : 'primary'} onClick={() => run(action)}>
      {action.label}
    </button>
  );
}

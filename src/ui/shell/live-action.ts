/**
 * The live screen's one primary action, following the step the couple is on: connect partner A,
 * then partner B, then calibrate whoever has no baseline yet, then (once a routine may start)
 * choose a routine. Pure, so its order is tested on its own; the screen turns it into a button.
 */
import type { GateState } from '../../pipeline/dyad';
import type { RoutineAccess } from '../../session/routine-access';
import type { PartnerId } from '../../signal/types';

/** What the action needs to know of one partner. */
export interface PartnerStepView {
  readonly id: PartnerId;
  readonly displayName: string;
  /** A strap, the simulator or a recording is attached. */
  readonly hasSource: boolean;
  /** The source is connected and delivering (calibration can start). */
  readonly connected: boolean;
  /** The partner has a baseline to compare with (their own, or the demo's for simulated data). */
  readonly hasBaseline: boolean;
  readonly calibrating: boolean;
  /** The strap this partner used last time, when remembered. */
  readonly rememberedStrap: string | null;
}

export interface LiveStepInput {
  readonly partners: readonly [PartnerStepView, PartnerStepView];
  readonly bluetoothAvailable: boolean;
  readonly gate: GateState | null;
  readonly access: RoutineAccess;
  /** No-wearable mode is on (the partners check in by hand). */
  readonly selfReportActive: boolean;
}

export type LiveAction =
  /** Connect this partner: their remembered strap (`own`), else the chooser. */
  | { readonly kind: 'connect'; readonly partner: PartnerId; readonly own: boolean; readonly label: string }
  /** Without Web Bluetooth: the simulator for a partner still without a source. */
  | { readonly kind: 'simulator'; readonly partner: PartnerId; readonly label: string }
  /** Nothing connected and no Bluetooth here: check in by hand. */
  | { readonly kind: 'without-straps'; readonly label: string }
  | { readonly kind: 'calibrate'; readonly partner: PartnerId; readonly label: string }
  /** A routine may start. */
  | { readonly kind: 'choose-routine'; readonly label: string }
  /** Waiting for calm (or on the break): the routines can be looked at, not started. */
  | { readonly kind: 'see-routines'; readonly label: string };

export function liveAction({ partners, bluetoothAvailable, gate, access, selfReportActive }: LiveStepInput): LiveAction {
  // A flooded partner comes first: the break, never a routine.
  if (gate === 'flooded') return { kind: 'see-routines', label: 'See the routines' };
  if (access !== 'locked') return { kind: 'choose-routine', label: 'Choose a routine' };
  if (selfReportActive) return { kind: 'see-routines', label: 'See the routines' };
  const missing = partners.find((p) => !p.hasSource);
  if (missing) {
    if (bluetoothAvailable) {
      return missing.rememberedStrap === null
        ? { kind: 'connect', partner: missing.id, own: false, label: `Connect a strap for ${missing.displayName}` }
        : { kind: 'connect', partner: missing.id, own: true, label: `Connect ${missing.displayName}’s strap` };
    }
    if (partners.every((p) => !p.hasSource)) return { kind: 'without-straps', label: 'Go without straps' };
    return { kind: 'simulator', partner: missing.id, label: `Use the simulator for ${missing.displayName}` };
  }
  const uncalibrated = partners.find((p) => p.connected && !p.hasBaseline && !p.calibrating);
  if (uncalibrated) {
    return { kind: 'calibrate', partner: uncalibrated.id, label: `Calibrate ${uncalibrated.displayName} (3 minutes)` };
  }
  return { kind: 'see-routines', label: 'See the routines' };
}

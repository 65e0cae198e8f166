/**
 * The live screen's one primary action, following the step the couple is on: connect partner A,
 * then partner B, then (once a routine may start) choose a routine. A partner without a baseline is
 * never asked to calibrate here: the couple may well be upset, and a reading taken then would store
 * their upset as their calm; they are judged by how they settle instead (the first night). Only a
 * couple who came for a calm check (from the welcome, at a quiet moment) is led through one each.
 * Pure, so its order is tested on its own; the screen turns it into a button.
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
  /** A calibration or calm check is running. */
  readonly calibrating: boolean;
  /** A calm check or calibration of this visit has finished (kept or refused). */
  readonly checked: boolean;
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
  /** The couple came for a calm check (started from the welcome), not for a session after a fight. */
  readonly calmCheck?: boolean;
}

export type LiveAction =
  /** Connect this partner: their remembered strap (`own`), else the chooser. */
  | { readonly kind: 'connect'; readonly partner: PartnerId; readonly own: boolean; readonly label: string }
  /** Without Web Bluetooth: the simulator for a partner still without a source. */
  | { readonly kind: 'simulator'; readonly partner: PartnerId; readonly label: string }
  /** Nothing connected and no Bluetooth here: check in by hand. */
  | { readonly kind: 'without-straps'; readonly label: string }
  /** A calm check for this partner (only when the couple came for one). */
  | { readonly kind: 'calm-check'; readonly partner: PartnerId; readonly label: string }
  /** A routine may start. */
  | { readonly kind: 'choose-routine'; readonly label: string }
  /** Waiting for calm (or on the break): the routines can be looked at, not started. */
  | { readonly kind: 'see-routines'; readonly label: string };

export function liveAction({ partners, bluetoothAvailable, gate, access, selfReportActive, calmCheck = false }: LiveStepInput): LiveAction {
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
  const unchecked = calmCheck ? partners.find((p) => p.connected && !p.calibrating && !p.checked) : undefined;
  if (unchecked) {
    return { kind: 'calm-check', partner: unchecked.id, label: `Start ${unchecked.displayName}’s calm check (2 minutes)` };
  }
  return { kind: 'see-routines', label: 'See the routines' };
}

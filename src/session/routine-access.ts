/**
 * The one rule that decides whether the guided routines may start (DESIGN.md, Readiness gate).
 *
 * Routines open when the measured two-person gate is `ready`. Without sensors the couple may use
 * no-wearable mode instead: both partners check in by hand, and that self-report opens the routines
 * only while nothing is measuring them. As soon as any source is connected for either partner (a
 * strap, the simulator or a replayed recording) the measured gate decides alone: a hand check-in
 * never overrides `flooded`, `settling` or `calibrating`, and connecting a source after a check-in
 * withdraws it.
 *
 * Pure: no React, no RxJS, no clock. The shell, the live view and the routines panel all ask here.
 */

import type { GateState } from '../pipeline/dyad';

/** What the rule looks at. */
export interface RoutineAccessInput {
  /** The measured gate's state; null before its first decision. */
  readonly gate: GateState | null;
  /** Both partners ticked "I feel calm enough" in the hand check-in. */
  readonly selfReportComplete: boolean;
  /** Either partner has a source attached: a strap (even while it reconnects), the simulator or a replay. */
  readonly anySourceConnected: boolean;
}

/**
 * How the routines stand: opened by the measured gate, opened by the couple's own check-in
 * (a self-report, to be labelled as such), or locked.
 */
export type RoutineAccess = 'gate' | 'self-report' | 'locked';

/**
 * Whether the hand check-in may be offered at all: only when no partner has a source connected,
 * so there is no measurement it could contradict.
 */
export function selfReportAllowed(anySourceConnected: boolean): boolean {
  return !anySourceConnected;
}

/** Whether `gate` is a measured state a hand check-in must never override. */
function measuredGateSaysNo(gate: GateState | null): boolean {
  return gate === 'flooded' || gate === 'settling' || gate === 'calibrating';
}

/**
 * Whether a completed hand check-in counts at all: only in genuine no-wearable mode, with no
 * source connected and no measured "not yet" (`flooded`, `settling`, `calibrating`) from the gate.
 */
export function selfReportCounts({ gate, anySourceConnected }: Omit<RoutineAccessInput, 'selfReportComplete'>): boolean {
  return selfReportAllowed(anySourceConnected) && !measuredGateSaysNo(gate);
}

/**
 * Decides how the routines stand.
 *
 * - gate `ready` → `gate`;
 * - otherwise a complete hand check-in → `self-report`, but only when no source is connected and
 *   the gate is not a measured "not yet" (`flooded`, `settling`, `calibrating`);
 * - anything else → `locked`.
 */
export function routineAccess({ gate, selfReportComplete, anySourceConnected }: RoutineAccessInput): RoutineAccess {
  if (gate === 'ready') return 'gate';
  if (selfReportComplete && selfReportCounts({ gate, anySourceConnected })) return 'self-report';
  return 'locked';
}

/** True when a routine may start: the measured gate is ready, or a genuine no-wearable check-in is done. */
export function routinesUnlocked(input: RoutineAccessInput): boolean {
  return routineAccess(input) !== 'locked';
}

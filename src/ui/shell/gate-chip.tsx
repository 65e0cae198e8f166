import type { GateState } from '../../pipeline/dyad';

const WORDS: Readonly<Record<GateState, string>> = {
  'no-signal': 'No signal',
  calibrating: 'Calibrating',
  settling: 'Settling',
  ready: 'Both calm',
  flooded: 'Take a break',
};

/**
 * The gate at a glance, in the header of the screens after the live view: the couple can see the
 * straps are still being listened to while they follow a routine. Colour is never the only cue.
 */
export function GateChip({ gate, selfReport }: { readonly gate: GateState | null; readonly selfReport: boolean }) {
  // `selfReport`: the routines are open by a genuine no-wearable hand check-in (nothing connected).
  const words = selfReport ? 'Checked in by hand (self-report)' : gate === null ? 'Not connected' : WORDS[gate];
  return (
    <span className="gate-chip" data-state={gate ?? 'no-signal'}>
      <span className="visually-hidden">Readiness: </span>
      {words}
    </span>
  );
}

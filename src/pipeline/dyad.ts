/**
 * What the two-person gate can say: the one declaration of the gate's states (DESIGN.md, Readiness
 * gate). A plain constant without streams, so the store's schemas and every UI area can use it too;
 * the partner ids are declared with the domain types (`PARTNERS` in src/signal/types.ts).
 */

/** What the gate light shows, from "nothing measured" to "both calm". */
export const GATE_STATES = ['no-signal', 'calibrating', 'settling', 'ready', 'flooded'] as const;
export type GateState = (typeof GATE_STATES)[number];

/**
 * Who the two-person gate is about and what it can say: the one declaration of the gate's states
 * (DESIGN.md, Readiness gate), beside the partner ids (declared once in src/signal/types.ts). Plain
 * constants without streams, so the store's schemas and every UI area can use them too.
 */
/** The two partners, in the order the app shows them (declared with the domain types). */
export { PARTNERS } from '../signal/types';

/** What the gate light shows, from "nothing measured" to "both calm". */
export const GATE_STATES = ['no-signal', 'calibrating', 'settling', 'ready', 'flooded'] as const;
export type GateState = (typeof GATE_STATES)[number];

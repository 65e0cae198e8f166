/**
 * Who the two-person gate is about and what it can say: the one declaration of the partner ids and
 * of the gate's states (DESIGN.md, Readiness gate). Plain constants without streams, so the store's
 * schemas and every UI area can use them too.
 */
import type { PartnerId } from '../signal/types';

/** The two partners, in the order the app shows them. */
export const PARTNERS = ['a', 'b'] as const satisfies readonly PartnerId[];

/** What the gate light shows, from "nothing measured" to "both calm". */
export const GATE_STATES = ['no-signal', 'calibrating', 'settling', 'ready', 'flooded'] as const;
export type GateState = (typeof GATE_STATES)[number];

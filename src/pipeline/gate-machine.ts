/**
 * The two-person gate as a pure state machine over partner readiness updates in event time
 * (DESIGN.md, Readiness gate). `combineGate` feeds it in event-time order; tests can drive it
 * directly. Timed transitions (dwell complete, hysteresis expired) are placed at the exact event
 * time they happen, even when the next update arrives later, so the transitions do not depend on
 * how often updates arrive.
 */
import type { PartnerReadiness, PartnerState } from '../signal/readiness';
import { READINESS_PARAMS } from '../signal/readiness-params';
import { type PartnerId, PARTNERS } from '../signal/types';
import { type GateState } from './dyad';

export type { GateState };

/** Why the gate is in its state; per-partner detail is in `GateStatus.partners[p].reasons`. */
export type GateReason =
  /** A partner whose state keeps the gate from `ready` (or, when `flooded`, the flooded one). */
  | { readonly kind: 'partner'; readonly partner: PartnerId; readonly state: PartnerState | 'unknown' }
  /** Both near baseline; the dwell is running. */
  | { readonly kind: 'dwell'; readonly heldSec: number; readonly needSec: number }
  /** Ready, but a partner is out: the gate holds for the grace period before closing. */
  | { readonly kind: 'holding'; readonly partner: PartnerId; readonly outSec: number; readonly graceSec: number }
  /** Ready: both near baseline (for `heldSec` at least as long as the dwell when it opened). */
  | { readonly kind: 'both-near-baseline' };

/** One gate decision. */
export interface GateStatus {
  readonly state: GateState;
  /** Event time of this decision, seconds (the partners' shared clock). */
  readonly tSec: number;
  /** Latest readiness of each partner; `no-signal` with a `not-connected` reason before any update. */
  readonly partners: Readonly<Record<PartnerId, PartnerReadiness>>;
  /** Never empty. */
  readonly reasons: readonly GateReason[];
}

/** Gate timing, seconds; defaults from `READINESS_PARAMS`. */
export interface GateOptions {
  readonly dwellSec?: number;
  readonly hysteresisSec?: number;
  /** How far one partner may run ahead of a silent or unheard one, event seconds (`combineGate`). */
  readonly quietLagSec?: number;
}

/** Internal state of the machine; opaque to callers. */
export interface GateMachine {
  readonly tSec: number | null;
  readonly partners: Readonly<Record<PartnerId, PartnerReadiness | null>>;
  /** Start of each partner's current near-baseline run, event seconds. */
  readonly nearSinceSec: Readonly<Record<PartnerId, number | null>>;
  /** Start of each partner's current `out` run, event seconds. */
  readonly outSinceSec: Readonly<Record<PartnerId, number | null>>;
  readonly ready: boolean;
}

/** The machine before any update. */
export function initialGate(): GateMachine {
  return {
    tSec: null,
    partners: { a: null, b: null },
    nearSinceSec: { a: null, b: null },
    outSinceSec: { a: null, b: null },
    ready: false,
  };
}

/** Placeholder readiness for a partner not heard from yet: no signal, never ready. */
export function unknownPartner(tSec: number): PartnerReadiness {
  return { tSec, state: 'no-signal', reasons: [{ kind: 'not-connected', status: 'idle', detail: null }] };
}

function resolved(options: GateOptions): Required<Omit<GateOptions, 'quietLagSec'>> {
  const dwellSec = options.dwellSec ?? READINESS_PARAMS.gateDwellSec;
  const hysteresisSec = options.hysteresisSec ?? READINESS_PARAMS.gateHysteresisSec;
  if (!(dwellSec >= 0) || !(hysteresisSec >= 0)) {
    throw new Error(`combineGate: dwellSec and hysteresisSec must be ≥ 0 (got ${dwellSec}, ${hysteresisSec})`);
  }
  return { dwellSec, hysteresisSec };
}

const bothNear = (m: GateMachine): boolean => PARTNERS.every((p) => m.partners[p]?.state === 'near-baseline' && m.nearSinceSec[p] !== null);

/** When the dwell completes under the current partner states, or null when it is not running. */
function readyAtSec(m: GateMachine, dwellSec: number): number | null {
  if (m.ready || !bothNear(m)) return null;
  return Math.max(m.nearSinceSec.a!, m.nearSinceSec.b!) + dwellSec;
}

/** When the hysteresis expires under the current partner states, or null when it is not running. */
function closeAtSec(m: GateMachine, hysteresisSec: number): number | null {
  if (!m.ready) return null;
  let earliest: number | null = null;
  for (const p of PARTNERS) {
    const since = m.outSinceSec[p];
    if (m.partners[p]?.state === 'out' && since !== null) {
      const at = since + hysteresisSec;
      earliest = earliest === null ? at : Math.min(earliest, at);
    }
  }
  return earliest;
}

/** Status of the machine at `tSec`, assuming `ready` already settled for that moment. */
function statusOf(m: GateMachine, tSec: number, opts: Required<Omit<GateOptions, 'quietLagSec'>>): GateStatus {
  const partners = { a: m.partners.a ?? unknownPartner(tSec), b: m.partners.b ?? unknownPartner(tSec) };
  const blocking = (state: PartnerState): GateReason[] =>
    PARTNERS.filter((p) => partners[p].state === state).map((p) => ({
      kind: 'partner' as const,
      partner: p,
      state: m.partners[p] === null ? ('unknown' as const) : state,
    }));
  const flooded = blocking('flooded');
  if (flooded.length > 0) return { state: 'flooded', tSec, partners, reasons: flooded };
  const silent = blocking('no-signal');
  if (silent.length > 0) return { state: 'no-signal', tSec, partners, reasons: silent };
  const calibrating = blocking('calibrating');
  if (calibrating.length > 0) return { state: 'calibrating', tSec, partners, reasons: calibrating };
  if (m.ready) {
    const holding: GateReason[] = PARTNERS.filter((p) => partners[p].state === 'out').map((p) => ({
      kind: 'holding',
      partner: p,
      outSec: tSec - (m.outSinceSec[p] ?? tSec),
      graceSec: opts.hysteresisSec,
    }));
    return { state: 'ready', tSec, partners, reasons: holding.length > 0 ? holding : [{ kind: 'both-near-baseline' }] };
  }
  if (bothNear(m)) {
    const heldSec = tSec - Math.max(m.nearSinceSec.a!, m.nearSinceSec.b!);
    return { state: 'settling', tSec, partners, reasons: [{ kind: 'dwell', heldSec, needSec: opts.dwellSec }] };
  }
  return { state: 'settling', tSec, partners, reasons: blocking('out') };
}

/** Whether the partner states alone rule `ready` out (missing data or flooding). */
const blocked = (m: GateMachine): boolean =>
  PARTNERS.some((p) => {
    const s = m.partners[p]?.state;
    return s === undefined || s === 'flooded' || s === 'no-signal' || s === 'calibrating';
  });

/**
 * Applies one partner update and returns the new machine with the statuses to emit, in event-time
 * order: first any timed transition that happened between the previous update and this one (at
 * its exact time), then the status at this update.
 *
 * Updates are expected in event-time order; an update older than the machine's time is applied at
 * the machine's time (the gate's clock never runs backwards).
 */
export function stepGate(
  machine: GateMachine,
  partner: PartnerId,
  update: PartnerReadiness,
  options: GateOptions = {},
): { machine: GateMachine; statuses: GateStatus[] } {
  const opts = resolved(options);
  const statuses: GateStatus[] = [];
  const tSec = machine.tSec === null ? update.tSec : Math.max(machine.tSec, update.tSec);
  let m = machine;

  // 1. Timed transitions strictly between the previous update and this one, under the old states.
  const readyAt = readyAtSec(m, opts.dwellSec);
  if (readyAt !== null && readyAt < tSec && (m.tSec === null || readyAt > m.tSec)) {
    m = { ...m, ready: true };
    statuses.push(statusOf(m, readyAt, opts));
  }
  const closeAt = closeAtSec(m, opts.hysteresisSec);
  if (closeAt !== null && closeAt < tSec && (m.tSec === null || closeAt > m.tSec)) {
    m = { ...m, ready: false };
    statuses.push(statusOf(m, closeAt, opts));
  }

  // 2. Apply the update.
  const before = m.partners[partner];
  const wasNear = before?.state === 'near-baseline';
  const wasOut = before?.state === 'out';
  m = {
    tSec,
    partners: { ...m.partners, [partner]: { ...update, tSec } },
    nearSinceSec: {
      ...m.nearSinceSec,
      [partner]: update.state === 'near-baseline' ? (wasNear ? m.nearSinceSec[partner] : tSec) : null,
    },
    outSinceSec: {
      ...m.outSinceSec,
      [partner]: update.state === 'out' ? (wasOut ? m.outSinceSec[partner] : tSec) : null,
    },
    ready: m.ready,
  };

  // 3. Settle `ready` at this moment.
  if (blocked(m)) {
    m = { ...m, ready: false };
  } else if (m.ready) {
    const at = closeAtSec(m, opts.hysteresisSec);
    if (at !== null && at <= tSec) m = { ...m, ready: false };
  } else {
    const at = readyAtSec(m, opts.dwellSec);
    if (at !== null && at <= tSec) m = { ...m, ready: true };
  }
  statuses.push(statusOf(m, tSec, opts));
  return { machine: m, statuses };
}

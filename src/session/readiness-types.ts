/**
 * The readiness shapes the live view renders, under the names the view uses. The readiness rules
 * (src/signal/readiness.ts) and the gate (src/pipeline/gate.ts) own them.
 */
export type { PartnerState as PartnerStateName, PartnerReadiness as PartnerReadinessView, ReadinessReason } from '../signal/readiness';
export type { GateStatus as GateStatusView } from '../pipeline/gate';

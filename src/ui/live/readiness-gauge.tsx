import type { PartnerId } from '../../signal/types';
import type { PartnerSnapshot } from '../compose/partner-model';
import type { GateStatusView, ReadinessReason } from '../compose/readiness-types';
import { closenessToBaseline, GATE_STATE_WORDS, PARTNER_STATE_WORDS } from './readiness-words';

export interface ReadinessGaugeProps {
  readonly gate: GateStatusView | null;
  readonly partners: Readonly<Record<PartnerId, PartnerSnapshot>>;
  /** True when the live figures are simulated (demo). */
  readonly demo: boolean;
  /** Plain words for a readiness reason (`describeReason`). */
  readonly describe: (reason: ReadinessReason, partnerName: string) => string;
}

/** The reason that matters most for a partner, in words: the first one the rules give. */
function mainReason(snapshot: PartnerSnapshot, describe: ReadinessGaugeProps['describe']): string | null {
  const reason = snapshot.readiness?.reasons.find((r) => r.kind !== 'heart-rate-only');
  return reason ? describe(reason, snapshot.displayName) : null;
}

/** One partner's meter: how close to their usual calm, with the "calm line" at the middle. */
function Meter({ snapshot, reason }: { snapshot: PartnerSnapshot; reason: string | null }) {
  const state = snapshot.readiness?.state ?? 'no-signal';
  const words = PARTNER_STATE_WORDS[state];
  const closeness = state === 'no-signal' ? null : closenessToBaseline(snapshot.metrics, snapshot.baseline);
  const percent = closeness === null ? null : Math.round(closeness * 100);
  const valueText = `${snapshot.displayName}: ${words.label}${percent === null ? '' : `, ${percent} % of the way to usual calm`}`;
  return (
    <div className={`meter meter--${snapshot.id}`} data-testid={`meter-${snapshot.id}`} data-state={state}>
      <p className="meter__name">
        <span className={`shape shape--${state}`} aria-hidden="true">
          {words.symbol}
        </span>{' '}
        {snapshot.displayName}
      </p>
      <div
        className="meter__track"
        role="meter"
        aria-label={`How close ${snapshot.displayName} is to usual calm`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
        aria-valuetext={valueText}
      >
        <div className={`meter__fill meter__fill--${state}`} style={{ transform: `scaleX(${(percent ?? 0) / 100})` }} />
        <div className="meter__line" aria-hidden="true" />
      </div>
      <p className="meter__label">
        {words.label}
        {snapshot.hrOnly ? ' · heart rate only' : ''}
      </p>
      {reason ? <p className="meter__reason">{reason}</p> : null}
    </div>
  );
}

/** The gate's timing in words: the calm half-minute filling up, or the grace before it closes. */
export function describeGateProgress(gate: GateStatusView, partners: Readonly<Record<PartnerId, PartnerSnapshot>>): string | null {
  for (const reason of gate.reasons) {
    if (reason.kind === 'dwell') {
      const left = Math.max(0, Math.ceil(reason.needSec - reason.heldSec));
      return `Both near usual calm — opening in ${left} s if it holds.`;
    }
    if (reason.kind === 'holding') {
      return `${partners[reason.partner].displayName} has drifted; the gate stays open a few more seconds.`;
    }
  }
  return null;
}

/**
 * The dual readiness gauge: one meter per partner and one gate light between them. The light's
 * state is written out and has its own shape, so it reads without colour; the state text is a
 * polite live region, announced when it changes and not on every beat.
 */
export function ReadinessGauge({ gate, partners, demo, describe }: ReadinessGaugeProps) {
  const state = gate?.state ?? 'no-signal';
  const words = GATE_STATE_WORDS[state];
  const progress = gate ? describeGateProgress(gate, partners) : null;
  return (
    <section className="gauge" aria-label="Readiness of both partners">
      <Meter snapshot={partners.a} reason={mainReason(partners.a, describe)} />
      <div className={`gate gate--${state}`} data-testid="gate" data-state={state}>
        <div className="gate__light" aria-hidden="true">
          <span className="gate__symbol">{words.symbol}</span>
        </div>
        <p className="gate__label" aria-live="polite" aria-atomic="true">
          <span className="visually-hidden">Gate: </span>
          {words.label}
          {demo ? <span className="gate__demo"> (demo)</span> : null}
        </p>
        <p className="gate__detail">{words.detail}</p>
        {progress ? <p className="gate__progress">{progress}</p> : null}
      </div>
      <Meter snapshot={partners.b} reason={mainReason(partners.b, describe)} />
    </section>
  );
}

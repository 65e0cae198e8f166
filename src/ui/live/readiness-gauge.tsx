import { useCallback } from 'react';
import type { Observable } from 'rxjs';
import type { PartnerId } from '../../signal/types';
import type { PartnerModel, PartnerView } from '../../session/partner-model';
import type { GateStatusView, ReadinessReason } from '../../session/readiness-types';
import { closenessToBaseline, GATE_STATE_WORDS, PARTNER_STATE_WORDS } from './readiness-words';
import { useSelected } from './use-observable';

export interface ReadinessGaugeProps {
  /** Every gate decision, unthrottled, replaying the latest (the session's `gate$`). */
  readonly gate$: Observable<GateStatusView | null>;
  /** The latest gate decision, shown until the stream replays it. */
  readonly gate: GateStatusView | null;
  readonly partners: Readonly<Record<PartnerId, PartnerModel>>;
  /** The names to show, for the gate's timing text. */
  readonly names: Readonly<Record<PartnerId, string>>;
  /** True when the live figures are simulated (demo). */
  readonly demo: boolean;
  /** Plain words for a readiness reason (`describeReason`). */
  readonly describe: (reason: ReadinessReason, partnerName: string) => string;
}

/**
 * The reason that matters most for a partner, in words: the first one the rules give, leaving out
 * how the partner is judged (heart rate only, a first night), which the view says elsewhere.
 */
function mainReason(snapshot: PartnerView, describe: ReadinessGaugeProps['describe']): string | null {
  const reason = snapshot.readiness?.reasons.find((r) => r.kind !== 'heart-rate-only' && r.kind !== 'first-night');
  return reason ? describe(reason, snapshot.displayName) : null;
}

/** What one meter shows: plain values, so a beat that changes none of them costs no render. */
interface MeterView {
  readonly state: keyof typeof PARTNER_STATE_WORDS;
  readonly percent: number | null;
  readonly name: string;
  readonly hrOnly: boolean;
  readonly reason: string | null;
}

/** One partner's meter: how close to their usual calm, with the "calm line" at the middle. */
function Meter({ partner, describe }: { partner: PartnerModel; describe: ReadinessGaugeProps['describe'] }) {
  const select = useCallback(
    (snapshot: PartnerView): MeterView => {
      const state = snapshot.readiness?.state ?? 'no-signal';
      const closeness = state === 'no-signal' ? null : closenessToBaseline(snapshot.metrics, snapshot.baseline);
      return {
        state,
        percent: closeness === null ? null : Math.round(closeness * 100),
        name: snapshot.displayName,
        hrOnly: snapshot.hrOnly,
        reason: mainReason(snapshot, describe),
      };
    },
    [describe],
  );
  const view = useSelected(partner.live$, partner.current(), select);
  const words = PARTNER_STATE_WORDS[view.state];
  const valueText = `${view.name}: ${words.label}${view.percent === null ? '' : `, ${view.percent} % of the way to usual calm`}`;
  return (
    <div className={`meter meter--${partner.id}`} data-testid={`meter-${partner.id}`} data-state={view.state}>
      <p className="meter__name">
        <span className={`shape shape--${view.state}`} aria-hidden="true">
          {words.symbol}
        </span>{' '}
        {view.name}
      </p>
      <div
        className="meter__track"
        role="meter"
        aria-label={`How close ${view.name} is to usual calm`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent ?? 0}
        aria-valuetext={valueText}
      >
        <div className={`meter__fill meter__fill--${view.state}`} style={{ transform: `scaleX(${(view.percent ?? 0) / 100})` }} />
        <div className="meter__line" aria-hidden="true" />
      </div>
      <p className="meter__label">
        {words.label}
        {view.hrOnly ? ' · heart rate only' : ''}
      </p>
      {view.reason ? <p className="meter__reason">{view.reason}</p> : null}
    </div>
  );
}

/** The gate's timing, as plain values: seconds left of the calm half-minute, or who has drifted. */
export interface GateProgress {
  readonly openingInSec: number | null;
  readonly drifted: PartnerId | null;
}

/** The gate's timing from its reasons: the calm half-minute filling up, or the grace before it closes. */
export function gateProgress(gate: GateStatusView): GateProgress {
  for (const reason of gate.reasons) {
    if (reason.kind === 'dwell') return { openingInSec: Math.max(0, Math.ceil(reason.needSec - reason.heldSec)), drifted: null };
    if (reason.kind === 'holding') return { openingInSec: null, drifted: reason.partner };
  }
  return { openingInSec: null, drifted: null };
}

/** The gate's timing in words, or null when there is nothing to count. */
export function describeGateProgress(progress: GateProgress, names: Readonly<Record<PartnerId, string>>): string | null {
  if (progress.openingInSec !== null) return `Both near usual calm — opening in ${progress.openingInSec} s if it holds.`;
  if (progress.drifted !== null) return `${names[progress.drifted]} has drifted; the gate stays open a few more seconds.`;
  return null;
}

interface GateView extends GateProgress {
  readonly state: keyof typeof GATE_STATE_WORDS;
}

function selectGate(gate: GateStatusView | null): GateView {
  return { state: gate?.state ?? 'no-signal', ...(gate ? gateProgress(gate) : { openingInSec: null, drifted: null }) };
}

/** The gate light between the meters; re-renders only when its state or its timing text changes. */
function GateLight({ gate$, gate, names, demo }: Pick<ReadinessGaugeProps, 'gate$' | 'gate' | 'names' | 'demo'>) {
  const view = useSelected(gate$, gate, selectGate);
  const words = GATE_STATE_WORDS[view.state];
  const progress = describeGateProgress(view, names);
  return (
    <div className={`gate gate--${view.state}`} data-testid="gate" data-state={view.state}>
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
  );
}

/**
 * The dual readiness gauge: one meter per partner and one gate light between them. The light's
 * state is written out and has its own shape, so it reads without colour; the state text is a
 * polite live region, announced when it changes and not on every beat. Each part follows its own
 * stream and re-renders alone, only when what it shows changes, so the gauge keeps up with every
 * beat of both partners at a small cost per beat.
 */
export function ReadinessGauge({ gate$, gate, partners, names, demo, describe }: ReadinessGaugeProps) {
  return (
    <section className="gauge" aria-label="Readiness of both partners" data-gauge="">
      <Meter partner={partners.a} describe={describe} />
      <GateLight gate$={gate$} gate={gate} names={names} demo={demo} />
      <Meter partner={partners.b} describe={describe} />
    </section>
  );
}

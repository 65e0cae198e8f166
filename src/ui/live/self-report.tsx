import { type PartnerId, PARTNERS } from '../../signal/types';
import type { SelfReport } from '../../session/live-session';

export interface SelfReportPanelProps {
  readonly selfReport: SelfReport;
  /**
   * Whether the hand check-in may be offered: only when no partner has a source connected
   * (`selfReportAllowed`). Otherwise the panel says why it is not offered.
   */
  readonly available: boolean;
  readonly names: Readonly<Record<PartnerId, string>>;
  readonly onActive: (active: boolean) => void;
  readonly onCalm: (partner: PartnerId, calm: boolean) => void;
}

/**
 * No-wearable mode: without straps each partner checks in by hand. Always labelled as a
 * self-report, never presented as a measurement. Offered only while nothing is connected: once a
 * strap, the simulator or a recording is on, the measured gate decides and the panel says so.
 */
export function SelfReportPanel({ selfReport, names, available, onActive, onCalm }: SelfReportPanelProps) {
  if (!available) {
    return (
      <section className="self-report self-report--off" data-testid="self-report-unavailable" aria-labelledby="self-report-heading">
        <h2 id="self-report-heading">Checking in by hand</h2>
        <p>
          {selfReport.withdrawn ? 'Your hand check-in was set aside when a source connected. ' : ''}
          While a strap, the simulator or a recording is connected, the readiness gate decides when the routines open. Checking in by hand
          is for when neither of you has a strap.
        </p>
      </section>
    );
  }
  if (!selfReport.active) {
    return (
      <section className="self-report self-report--off" aria-labelledby="self-report-heading">
        <h2 id="self-report-heading">No straps?</h2>
        <p>You can check in by hand instead. It is a self-report, not a measurement: be honest with yourselves.</p>
        <button type="button" onClick={() => onActive(true)}>
          Check in by hand
        </button>
      </section>
    );
  }
  const both = selfReport.calm.a && selfReport.calm.b;
  return (
    <section className="self-report" data-testid="self-report" aria-labelledby="self-report-heading">
      <h2 id="self-report-heading">Check in by hand</h2>
      <p className="self-report__label">
        <span className="badge badge--self-report">Self-report</span> Not a measurement. Each of you decides for yourself; take your time.
      </p>
      <div className="self-report__partners">
        {PARTNERS.map((id) => (
          <label key={id} className="self-report__check">
            <input type="checkbox" checked={selfReport.calm[id]} onChange={(event) => onCalm(id, event.target.checked)} /> {names[id]}: I
            feel calm enough
          </label>
        ))}
      </div>
      <p role="status" className="self-report__status">
        {both ? 'You both said you feel calm enough (self-report). You can start a routine.' : 'Waiting for both of you to check in.'}
      </p>
      <button type="button" onClick={() => onActive(false)}>
        Leave hand check-in
      </button>
    </section>
  );
}

/**
 * Each partner's calm readings, newest first: date, kind, heart rate, RMSSD, and whether it counts
 * (accepted, or refused with the sentence the person was told). Refused readings are shown here
 * and nowhere else: they never enter the baseline (issue 20).
 */
import { useId } from 'react';
import type { AttuneStore, PartnerId, ReadingRecord } from './store-types';
import { formatDateTime } from './history-format';
import { useAsync } from '../common/use-async';
import { usePartnerNames } from './use-partner-names';
import { WideTable } from './wide-table';
import { PARTNERS } from '../../signal/types';

const KIND_WORDS: Record<ReadingRecord['reading']['kind'], string> = {
  calibration: 'Calibration',
  'calm-check': 'Calm check',
  'session-end': 'Calm end of a session',
  migrated: 'Earlier baseline',
};

/** RMSSD in ms from its natural log, rounded; "—" without HRV (a heart-rate-only device). */
function rmssdWords(lnRmssd: number | null): string {
  return lnRmssd === null ? '—' : `${Math.round(Math.exp(lnRmssd))} ms`;
}

function PartnerReadings({ name, records }: { name: string; records: readonly ReadingRecord[] }) {
  const headingId = useId();
  const accepted = records.filter((r) => r.verdict.accepted).length;
  return (
    <section className="history-readings__partner" aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      {records.length === 0 ? (
        <p className="history-hint">No readings yet. A calm check from the welcome screen takes two minutes.</p>
      ) : (
        <>
          <p className="history-hint">
            {accepted} accepted of {records.length}
            {accepted < 3 ? ` — learning (${accepted} of 3)` : ''}.
          </p>
          <WideTable label={`${name}’s calm readings`}>
            <table className="history-table">
              <caption>{name}’s calm readings, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Heart rate</th>
                  <th scope="col">RMSSD</th>
                  <th scope="col">Used</th>
                </tr>
              </thead>
              <tbody>
                {[...records].reverse().map((r) => (
                  <tr key={r.id} data-testid="reading-row" data-verdict={r.verdict.accepted ? 'accepted' : 'refused'}>
                    <td>{formatDateTime(r.recordedAt)}</td>
                    <td>{KIND_WORDS[r.reading.kind]}</td>
                    <td>{Math.round(r.reading.hrBpm)} bpm</td>
                    <td>{rmssdWords(r.reading.lnRmssd)}</td>
                    <td>{r.verdict.accepted ? 'Accepted' : `Refused: ${r.verdict.message}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        </>
      )}
    </section>
  );
}

export interface ReadingsListProps {
  readonly store: AttuneStore;
  /** Change to reload (e.g. after an import). */
  readonly refreshKey?: unknown;
}

/** Both partners' calm readings, under their saved names. */
export function ReadingsList({ store, refreshKey }: ReadingsListProps) {
  const names = usePartnerNames(store, undefined);
  const readings = useAsync(
    async () => Object.fromEntries(await Promise.all(PARTNERS.map(async (p) => [p, await store.readings.history(p)] as const))),
    refreshKey,
  );
  const headingId = useId();
  return (
    <section className="history-readings" aria-labelledby={headingId} data-testid="readings">
      <h2 id={headingId}>Calm readings</h2>
      <p className="history-hint">
        Your usual calm is made from your last accepted readings (up to 14). A reading taken while still settling or upset is kept here but
        not used.
      </p>
      {readings.error && (
        <p role="alert" className="history-error">
          {readings.error}
        </p>
      )}
      {readings.data && PARTNERS.map((p: PartnerId) => <PartnerReadings key={p} name={names[p]} records={readings.data?.[p] ?? []} />)}
    </section>
  );
}

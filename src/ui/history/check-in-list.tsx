/** Commitments by check-in day: upcoming ones, and a done/missed choice once the day has come. */
import { useId, useState } from 'react';
import { usePartnerNames } from './use-partner-names';
import type { AttuneStore, CommitmentRecord } from './store-types';
import { formatDay } from './history-format';
import { useAsync } from '../common/use-async';

const STATUS_WORDS: Record<CommitmentRecord['status'], string> = { open: 'Open', done: 'Done', missed: 'Missed' };

function who(c: CommitmentRecord, names: { a: string; b: string }): string {
  return c.author === 'both' ? 'Both' : names[c.author];
}

export function CheckInItem({
  store,
  commitment,
  names,
  today,
  onChanged,
}: {
  store: AttuneStore;
  commitment: CommitmentRecord;
  names: { a: string; b: string };
  today: string;
  onChanged: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const set = (status: CommitmentRecord['status']) => {
    setError(null);
    store.commitments
      .setStatus(commitment.id, status)
      .then(onChanged, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const due = commitment.checkInDay <= today;
  return (
    <li className="history-checkin" data-status={commitment.status}>
      <p>
        <span className="history-who">{who(commitment, names)}:</span> {commitment.text}
      </p>
      <p className="history-hint">
        Done by {formatDay(commitment.byDay)} · check in {commitment.checkInDay === today ? 'today' : formatDay(commitment.checkInDay)} ·{' '}
        <span>{STATUS_WORDS[commitment.status]}</span>
      </p>
      {commitment.status === 'open' ? (
        due && (
          <div className="history-actions" role="group" aria-label={`How did it go: ${commitment.text}`}>
            <button type="button" onClick={() => set('done')}>
              Done
            </button>
            <button type="button" className="quiet" onClick={() => set('missed')}>
              Missed
            </button>
          </div>
        )
      ) : (
        <button type="button" className="quiet" onClick={() => set('open')}>
          Undo
        </button>
      )}
      {error && (
        <p role="alert" className="history-error">
          {error}
        </p>
      )}
    </li>
  );
}

export interface CheckInListProps {
  readonly store: AttuneStore;
  /** Names to show; by default the names the couple saved. */
  readonly partnerNames?: { readonly a: string; readonly b: string };
  readonly refreshKey?: unknown;
}

export function CheckInList({ store, partnerNames: givenNames, refreshKey }: CheckInListProps) {
  const partnerNames = usePartnerNames(store, givenNames);
  const headingId = useId();
  const list = useAsync(() => store.commitments.list(), refreshKey);
  const today = store.today();
  const open = (list.data ?? []).filter((c) => c.status === 'open');
  const resolved = (list.data ?? []).filter((c) => c.status !== 'open').reverse();
  return (
    <section className="history-checkins" aria-labelledby={headingId}>
      <h2 id={headingId}>Check-ins</h2>
      {list.error && (
        <p role="alert" className="history-error">
          {list.error}
        </p>
      )}
      {list.data && open.length === 0 && <p className="history-hint">No open commitments.</p>}
      {open.length > 0 && (
        <ul className="history-checkin-list" aria-label="Upcoming check-ins">
          {open.map((c) => (
            <CheckInItem key={c.id} store={store} commitment={c} names={partnerNames} today={today} onChanged={list.reload} />
          ))}
        </ul>
      )}
      {resolved.length > 0 && (
        <details>
          <summary>Earlier commitments ({resolved.length})</summary>
          <ul className="history-checkin-list">
            {resolved.map((c) => (
              <CheckInItem key={c.id} store={store} commitment={c} names={partnerNames} today={today} onChanged={list.reload} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

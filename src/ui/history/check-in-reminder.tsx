/**
 * A gentle reminder when the app opens on or after a check-in day: what you agreed, and a calm way
 * to say how it went — or to leave it for later.
 */
import { useId, useState } from 'react';
import { usePartnerNames } from './use-partner-names';
import type { AttuneStore } from './store-types';
import { CheckInItem } from './check-in-list';
import { useAsync } from '../common/use-async';

export interface CheckInReminderProps {
  readonly store: AttuneStore;
  /** Names to show; by default the names the couple saved. */
  readonly partnerNames?: { readonly a: string; readonly b: string };
  /** Called after a check-in was answered, so other lists can reload. */
  readonly onChanged?: () => void;
}

export function CheckInReminder({ store, partnerNames: givenNames, onChanged }: CheckInReminderProps) {
  const partnerNames = usePartnerNames(store, givenNames);
  const headingId = useId();
  const due = useAsync(() => store.commitments.due(), null);
  const [later, setLater] = useState(false);
  if (later || !due.data || due.data.length === 0) return null;
  const count = due.data.length;
  return (
    <aside className="history-reminder" role="region" aria-labelledby={headingId} data-testid="check-in-reminder">
      <h2 id={headingId}>Time to check in</h2>
      <p>
        {count === 1 ? 'You agreed on something' : `You agreed on ${count} things`} to look at together around now. There’s no score — just
        notice how it went.
      </p>
      <ul className="history-checkin-list">
        {due.data.map((c) => (
          <CheckInItem
            key={c.id}
            store={store}
            commitment={c}
            names={partnerNames}
            today={store.today()}
            onChanged={() => {
              due.reload();
              onChanged?.();
            }}
          />
        ))}
      </ul>
      <button type="button" className="quiet" onClick={() => setLater(true)}>
        Later
      </button>
    </aside>
  );
}

import { use, useCallback, useState } from 'react';
import type { AttuneStore } from '../../store';
import type { EndedSession } from '../../session/session-host';
import {
  CheckInList,
  CheckInReminder,
  CommitmentForm,
  DataControls,
  EndedSessionStory,
  FirstReadingOffer,
  HistoryView,
  ReadingsList,
  ReflectionForm,
} from '../history';
import { clearRoutineSettings } from '../routine/settings-storage';
import { CheckInForm, KeepingPanel } from '../practice';

interface StoreProps {
  readonly store: Promise<AttuneStore>;
}

export interface ReflectPartsProps extends StoreProps {
  /** The session just ended: its names and id; left out, the saved names and the latest session. */
  readonly ended?: EndedSession | null;
}

/** The reflection step: a few words about how it went and one specific commitment. */
export function ReflectParts({ store, ended }: ReflectPartsProps) {
  const resolved = use(store);
  const about = ended ? { partnerNames: ended.names, sessionId: ended.sessionId } : {};
  return (
    <>
      {ended?.sessionId ? <EndedSessionStory store={resolved} sessionId={ended.sessionId} /> : null}
      {ended?.calmEnds ? <FirstReadingOffer store={resolved} offers={ended.calmEnds} names={ended.names} /> : null}
      <CheckInForm
        store={resolved}
        moment="after"
        sessionId={() => ended?.sessionId ?? null}
        names={ended?.names ?? { a: 'Partner A', b: 'Partner B' }}
      />
      <ReflectionForm store={resolved} {...about} />
      <CommitmentForm store={resolved} {...about} />
    </>
  );
}

/** The history step: check-ins due, past sessions, each partner's calm readings, open commitments, and the data controls. */
export function HistoryParts({ store }: StoreProps) {
  const resolved = use(store);
  // Any change (a check-in answered, an import, delete-all) reloads every list.
  const [revision, setRevision] = useState(0);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  return (
    <>
      <CheckInReminder store={resolved} onChanged={changed} />
      <KeepingPanel store={resolved} refreshKey={revision} />
      <HistoryView store={resolved} refreshKey={revision} />
      <ReadingsList store={resolved} refreshKey={revision} />
      <CheckInList store={resolved} refreshKey={revision} />
      <DataControls store={resolved} onChanged={changed} refreshKey={revision} forgetPreferences={clearRoutineSettings} />
    </>
  );
}

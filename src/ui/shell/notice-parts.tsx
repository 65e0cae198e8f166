import { use } from 'react';
import type { AttuneStore, SessionRecord } from '../../store';
// Straight from their modules rather than the history index, which would bring the history's
// charts (chart.js) onto the welcome screen; the styles come along explicitly.
import { CheckInReminder } from '../history/check-in-reminder';
import { ResumePrompt } from '../history/resume-prompt';
import { StorageNotice } from '../history/storage-notice';
import '../history/history.css';

interface StoreProps {
  readonly store: Promise<AttuneStore>;
}

/** On the welcome screen: offered when a session was cut off by a reload or a crash. */
export function ResumeParts({ store, onResume }: StoreProps & { readonly onResume: (session: SessionRecord) => void }) {
  const resolved = use(store);
  return <ResumePrompt store={resolved} onResume={onResume} />;
}

/** Storage trouble (full, blocked, private mode), shown above every screen. */
export function StorageParts({ store }: StoreProps) {
  const resolved = use(store);
  return <StorageNotice store={resolved} />;
}

/** On the welcome screen: when the app opens on or after a check-in day, the gentle reminder. */
export function CheckInParts({ store }: StoreProps) {
  const resolved = use(store);
  return <CheckInReminder store={resolved} />;
}

/**
 * The practice area's parts, loaded on demand: the weekly plan, progress over weeks, the report, and
 * the check-in before a session (the welcome's card is in practice-welcome-part.tsx, without charts).
 */
import { use } from 'react';
import type { AttuneStore } from '../../store';
import type { PartnerId } from '../../signal/types';
import { CheckInForm, PlanEditor, ProgressView, ReportView } from '../practice';

interface StoreProps {
  readonly store: Promise<AttuneStore>;
}

export function PlanParts({ store }: StoreProps) {
  return <PlanEditor store={use(store)} />;
}

export function ProgressParts({ store }: StoreProps) {
  return <ProgressView store={use(store)} />;
}

export function ReportParts({ store }: StoreProps) {
  return <ReportView store={use(store)} />;
}

export interface BeforeCheckInPartsProps extends StoreProps {
  /** The live session's recording, read when the check-in is saved. */
  readonly sessionId: () => string | null;
  readonly names: Readonly<Record<PartnerId, string>>;
}

/** On the live view: the couple's 0–10 check-in before the session, folded away until opened. */
export function BeforeCheckInParts({ store, sessionId, names }: BeforeCheckInPartsProps) {
  const resolved = use(store);
  return (
    <details className="card practice-before">
      <summary>Before you begin: a quick check-in (optional)</summary>
      <CheckInForm store={resolved} moment="before" sessionId={sessionId} names={names} headingLevel={2} />
    </details>
  );
}

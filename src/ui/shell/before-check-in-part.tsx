/**
 * On the live view: the couple's check-in before the session. Apart from the practice's other parts
 * (practice-parts.tsx), whose progress charts would bring the chart library into the Connect step's
 * code, fetched while the welcome is read.
 */
import { use } from 'react';
import type { AttuneStore } from '../../store';
import type { PartnerId } from '../../signal/types';
// Straight from its module rather than the practice index, which would bring chart.js along.
import { CheckInForm } from '../practice/check-in-form';
import '../practice/practice.css';

export interface BeforeCheckInPartsProps {
  readonly store: Promise<AttuneStore>;
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

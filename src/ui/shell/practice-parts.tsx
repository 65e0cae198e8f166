/**
 * The practice area's parts, loaded on demand: the weekly plan, progress over weeks, the report, and
 * the check-in before a session (the welcome's card is in practice-welcome-part.tsx and the check-in
 * before a session in before-check-in-part.tsx, both without charts).
 */
import { use } from 'react';
import type { AttuneStore } from '../../store';
import { PlanEditor, ProgressView, ReportView } from '../practice';

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

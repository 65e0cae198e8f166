/**
 * The one place the shell reaches into the other areas' components (live view, routines, store).
 * Everything heavy is loaded on demand so the first screen stays small; preloading starts while the
 * welcome screen is read.
 */
import { lazy } from 'react';
import type { AttuneStore } from '../../store';
import type { LivePartProps } from './live-part';

/** Opens the app's store (IndexedDB) with its code loaded on demand; the shell calls this once. */
export function openStore(): Promise<AttuneStore> {
  return import('../../store').then(({ createStore }) => createStore());
}

const loadLive = () => import('./live-part');
const LazyLive = lazy(loadLive);

/** Starts fetching the live view's code (charts included) before it is needed. */
export function preloadLive(): void {
  loadLive().catch(() => undefined);
}

export function LivePart(props: LivePartProps) {
  return <LazyLive {...props} />;
}

// Integration in progress: the live view, routines and history components are being written.
function Pending({ what }: { readonly what: string }) {
  return (
    <section className="card">
      <p>{what} is not part of this build yet.</p>
    </section>
  );
}

export interface RoutinesPartProps {
  readonly gateReady: boolean;
  readonly noWearableCheckedIn: boolean;
  readonly onRunFinished: () => void;
}

export function RoutinesPart(_props: RoutinesPartProps) {
  return <Pending what="The routine player" />;
}

export function ReflectPart() {
  return <Pending what="The reflection" />;
}

export function HistoryPart() {
  return <Pending what="History" />;
}

export function ResumePart() {
  return null;
}

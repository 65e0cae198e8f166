/**
 * The one place the shell reaches into the other areas' components (live view, routines, store).
 * Everything heavy is loaded on demand so the first screen stays small; preloading starts while the
 * welcome screen is read.
 */
import type { LiveSummary } from './journey';

export interface LivePartProps {
  readonly onLive: (summary: LiveSummary) => void;
}

// Integration in progress: the live view, routines and history components are being written.
function Pending({ what }: { readonly what: string }) {
  return (
    <section className="card">
      <p>{what} is not part of this build yet.</p>
    </section>
  );
}

export function preloadLive(): void {}

export function LivePart(_props: LivePartProps) {
  return <Pending what="The live view" />;
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

import { useEffect, useRef } from 'react';
import type { DemoUrl } from '../../session/demo-url';
import type { LiveSessionModel } from '../../session/live-session';
import { LiveSessionView } from '../live/live-session-view';
import type { BeatToScreenProbe } from './beat-to-screen';

export interface LivePartProps {
  /** The running live session; null while it opens. */
  readonly session: LiveSessionModel | null;
  /** What the page's address asked for (a demo, or a link that cannot run). */
  readonly demo: DemoUrl;
  /** Watches the gauge, so beat-to-screen latency can be measured (see beat-to-screen.ts). */
  readonly probe: BeatToScreenProbe;
}

/** The live view as the shell places it, on the session the composition root keeps. Loaded on demand. */
export default function LivePart({ session, demo, probe }: LivePartProps) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => (root.current ? probe.observeGauge(root.current) : undefined), [probe]);

  return (
    <div ref={root}>
      <LiveSessionView session={session} demo={demo} />
    </div>
  );
}

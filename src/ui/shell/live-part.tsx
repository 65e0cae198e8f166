import { use, useEffect, useMemo, useRef, useState } from 'react';
import type { AttuneStore } from '../../store';
import { createDefaultLiveDependencies } from '../../session/default-dependencies';
import { LiveSession } from '../live/live-session';
import { BeatToScreenProbe, withBeatMarks } from './beat-to-screen';
import type { LiveSessionHandle, LiveSummary } from '../../session/live-session';

export interface LivePartProps {
  readonly store: Promise<AttuneStore>;
  readonly onLive: (summary: LiveSummary) => void;
  /** Continue this interrupted session (the resume prompt's answer). */
  readonly resumeSessionId?: string;
  /** Given the running session's controls when it starts, and null when it ends. */
  readonly onSession?: (session: LiveSessionHandle | null) => void;
}

/**
 * The live session as the shell places it: the app's store for baselines and recording, and every
 * source marked so beat-to-screen latency can be measured (see beat-to-screen.ts). Loaded on demand.
 */
export default function LivePart({ store, onLive, resumeSessionId, onSession }: LivePartProps) {
  const resolved = use(store);
  const [probe] = useState(() => new BeatToScreenProbe());
  const dependencies = useMemo(() => withBeatMarks(createDefaultLiveDependencies({ store: resolved, browser: { navigator, isSecureContext: window.isSecureContext, userAgent: navigator.userAgent } }), probe), [resolved, probe]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => (root.current ? probe.observeGauge(root.current) : undefined), [probe]);

  return (
    <div ref={root}>
      <LiveSession
        store={resolved}
        dependencies={dependencies}
        onLive={onLive}
        {...(resumeSessionId === undefined ? {} : { resumeSessionId })}
        {...(onSession ? { onSession } : {})}
      />
    </div>
  );
}

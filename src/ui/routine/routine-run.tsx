import { Component, useCallback, useEffect, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import { summariseRun, type Chime, type PlayerStore, type RoutineRunSummary, type SpeechGuide, type VoiceClipStore } from '../../routines';
import type { RunSettings } from './guidance';
import { RoutinePlayer } from './routine-player';

/** A routine under way: its player's store and the settings it started with. */
export interface ActiveRun {
  readonly store: PlayerStore;
  readonly settings: RunSettings;
}

export interface RoutineRunState {
  /** The run shown, from its start until its player is closed; null on the list. */
  readonly active: ActiveRun | null;
  /** Shows and starts a run. */
  begin(run: ActiveRun): void;
  /** The player reports the run ended (done); it stays shown until closed. */
  finished(run: RoutineRunSummary): void;
  /** Back to the list. */
  close(): void;
}

/**
 * The life of a run as the page around the panel sees it: `onActiveChange` while it plays, and
 * `onRunFinished` once when it ends, also when the panel goes away mid-run.
 */
export function useRoutineRun(
  onRunFinished: ((run: RoutineRunSummary) => void) | undefined,
  onActiveChange: ((active: boolean) => void) | undefined,
): RoutineRunState {
  const [active, setActive] = useState<ActiveRun | null>(null);
  // A run is playing from its start until it ends (done) or its player is closed.
  const [running, setRunning] = useState(false);
  const begin = useCallback((run: ActiveRun) => {
    setActive(run);
    setRunning(true);
  }, []);
  const finished = useCallback(
    (run: RoutineRunSummary) => {
      setRunning(false);
      onRunFinished?.(run);
    },
    [onRunFinished],
  );
  const close = useCallback(() => {
    setRunning(false);
    setActive(null);
  }, []);

  const onActiveChangeRef = useRef(onActiveChange);
  onActiveChangeRef.current = onActiveChange;
  useEffect(() => {
    onActiveChangeRef.current?.(running);
  }, [running]);

  // Leaving mid-run (the browser's back gesture, the app moving on): the run ends as stopped and
  // its summary is reported, rather than vanishing with the player.
  const leaving = useRef({ active, running, onRunFinished });
  leaving.current = { active, running, onRunFinished };
  useEffect(
    () => () => {
      const { active: current, running: playing, onRunFinished: report } = leaving.current;
      if (!current || !playing) return;
      const state = current.store.send({ type: 'abandon' });
      if (state.phase === 'done') report?.(summariseRun(current.store.plan, state));
      onActiveChangeRef.current?.(false);
    },
    [],
  );

  return { active, begin, finished, close };
}

export interface RoutineRunProps {
  readonly run: ActiveRun;
  readonly unlocked: boolean;
  readonly speech: SpeechGuide;
  readonly chime: Chime;
  readonly voiceClips: VoiceClipStore | undefined;
  readonly onFinished: (run: RoutineRunSummary) => void;
  readonly onClose: () => void;
}

/** The player of a run, inside its own error boundary. */
export function RoutineRun({ run, unlocked, speech, chime, voiceClips, onFinished, onClose }: RoutineRunProps) {
  return (
    <div className="rt-panel">
      <PlayerBoundary onReset={onClose}>
        <RoutinePlayer
          store={run.store}
          settings={run.settings}
          unlocked={unlocked}
          speech={speech}
          chime={chime}
          {...(voiceClips ? { voiceClips } : {})}
          onFinished={onFinished}
          onClose={onClose}
        />
      </PlayerBoundary>
    </div>
  );
}

interface BoundaryProps {
  readonly children: ReactNode;
  readonly onReset: () => void;
}

/**
 * If the player itself fails, say so plainly and make sure nobody keeps waiting on a frozen screen:
 * touch ends here, and the way back is one button.
 */
class PlayerBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('routine player:', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="rt-screen" role="alert">
        <h2>The routine stopped because of a problem in the app.</h2>
        <p>Touch ends here. Hold hands or take some space; you can start again when you are ready.</p>
        <button
          type="button"
          onClick={() => {
            this.setState({ failed: false });
            this.props.onReset();
          }}
        >
          Back to the routines
        </button>
      </div>
    );
  }
}

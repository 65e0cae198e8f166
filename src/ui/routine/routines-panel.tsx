import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  buildPlan,
  checkBehaviour,
  createChime,
  createLineRecorder,
  createPlayerStore,
  createSpeechGuide,
  routineById,
  routineNeedsBehaviour,
  systemClock,
  type Chime,
  type Clock,
  type LineRecorder,
  type Routine,
  type RoutineRunSummary,
  type RoutineSettingsStore,
  type SpeechGuide,
  type VoiceClipStore,
} from '../../routines';
import type { RoutineAccess } from '../../session/routine-access';
import type { RunSettings as RoutineSettings } from './guidance';
import { BeforeYouBegin, RoutineList } from './routine-list';
import { RoutineRun, useRoutineRun } from './routine-run';
import { RoutineSettingsForm, initialSettings, useRememberedSettings } from './routine-settings-form';
import { ScriptView } from './script-view';
import './routine.css';

export type { RoutineRunSummary, RoutineSettingsStore, VoiceClipStore } from '../../routines';

export interface RoutinesPanelProps {
  /**
   * How the routines stand, as `routineAccess` decides: opened by the measured gate, by a genuine
   * no-wearable hand check-in (labelled as a self-report), or locked.
   */
  readonly access: RoutineAccess;
  /** Where a partner's own recordings of the lines are kept; without it, recording is not offered. */
  readonly voiceClips?: VoiceClipStore;
  /** Called once when a run ends, completed or stopped (also when the panel goes away mid-run). */
  readonly onRunFinished?: (run: RoutineRunSummary) => void;
  /**
   * Told when a run starts (true) and when it ends or its player closes (false), so the page around
   * the panel can hold its own navigation while a routine plays.
   */
  readonly onActiveChange?: (active: boolean) => void;
  /** The player's clock; the wall clock by default (tests pass a virtual one). */
  readonly clock?: Clock;
  /** Spoken guidance; the browser's Web Speech API by default. */
  readonly speech?: SpeechGuide;
  /** The step chime; Web Audio by default. */
  readonly chime?: Chime;
  /** Makes a line recorder; MediaRecorder by default. */
  readonly createRecorder?: () => LineRecorder;
  /**
   * Where the couple's choices (how much touch, safe word, warm-up, voice, chime) are remembered
   * between visits; without it they start from the defaults each time. The named behaviour is
   * never remembered, and consent is asked again at every start.
   */
  readonly settings?: RoutineSettingsStore;
}

/**
 * Guided routines: what to know before starting (safety, the room, the calm responses), how to run
 * (how much touch, the named behaviour, safe word, warm-up, voice), the list of routines with their
 * Start buttons (locked until both partners are calm), and the player once one starts.
 */
export function RoutinesPanel(props: RoutinesPanelProps) {
  const { access, voiceClips, onRunFinished, onActiveChange } = props;
  const clock = props.clock ?? systemClock;
  const speech = useMemo(() => props.speech ?? createSpeechGuide(), [props.speech]);
  const chime = useMemo(() => props.chime ?? createChime(), [props.chime]);
  const createRecorder = props.createRecorder ?? defaultRecorder;
  useEffect(() => () => chime.close(), [chime]);

  const settingsStore = props.settings;
  const [settings, setSettings] = useState<RoutineSettings>(() =>
    initialSettings(settingsStore, speech.available, voiceClips !== undefined),
  );
  const [scriptFor, setScriptFor] = useState<Routine | null>(null);
  const [recordFor, setRecordFor] = useState<string | null>(null);
  const [behaviourProblem, setBehaviourProblem] = useState<string | null>(null);
  const behaviourInput = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<string | null>(null);

  const unlocked = access !== 'locked';
  const lockId = useId();
  const headingId = useId();
  const behaviour = checkBehaviour(settings.behaviour);

  const update = useCallback(<K extends keyof RoutineSettings>(key: K, value: RoutineSettings[K]) => {
    setSettings((previous) => ({ ...previous, [key]: value }));
  }, []);
  const behaviourEdited = useCallback(() => setBehaviourProblem(null), []);

  useRememberedSettings(settingsStore, settings);

  const { active, begin, finished, close } = useRoutineRun(onRunFinished, onActiveChange);

  const start = (routine: Routine) => {
    if (!unlocked) return;
    if (routineNeedsBehaviour(routine) && !behaviour.ok) {
      setBehaviourProblem(`${routine.title} names what happened. ${behaviour.reason}`);
      behaviourInput.current?.focus();
      return;
    }
    setBehaviourProblem(null);
    // Web Audio may only start from a click: prime the chime now.
    if (settings.chime) chime.prime();
    const plan = buildPlan(routine, {
      behaviour: behaviour.ok ? behaviour.value : '',
      ...(settings.warmUp && routine.kind === 'routine' ? { warmUp: routineById('warm-up') } : {}),
    });
    returnFocus.current = `Start ${routine.title}`;
    begin({ store: createPlayerStore(plan, clock, settings.option), settings });
  };

  // Back on the list, put focus on the Start button the run began from.
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (active !== null || scriptFor !== null || returnFocus.current === null) return;
    const name = returnFocus.current;
    returnFocus.current = null;
    const button = [...(listRef.current?.querySelectorAll('button') ?? [])].find(
      (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent) === name,
    );
    button?.focus();
  }, [active, scriptFor]);

  if (active) {
    return (
      <RoutineRun
        run={active}
        unlocked={unlocked}
        speech={speech}
        chime={chime}
        voiceClips={voiceClips}
        onFinished={finished}
        onClose={close}
      />
    );
  }

  if (scriptFor) {
    return (
      <div className="rt-panel rt-script-printing">
        <ScriptView
          routine={scriptFor}
          behaviour={behaviour.ok ? behaviour.value : ''}
          option={settings.option}
          onClose={() => {
            returnFocus.current = `Printable script: ${scriptFor.title}`;
            setScriptFor(null);
          }}
        />
      </div>
    );
  }

  return (
    <section className="rt-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Guided routines</h2>
      <p id={lockId} className={unlocked ? 'rt-unlocked' : 'rt-locked'} role="status">
        {access === 'gate'
          ? 'You are both calm. Choose a routine together.'
          : access === 'self-report'
            ? 'Unlocked by your hand check-in (a self-report): this is how you both said you feel, not a measurement.'
            : 'Locked until you are both calm: the routines open when the readiness gate turns green (or, without straps, when you have both checked in by hand).'}
      </p>

      <BeforeYouBegin />

      <RoutineSettingsForm
        idPrefix={headingId}
        settings={settings}
        update={update}
        behaviourProblem={behaviourProblem}
        onBehaviourEdited={behaviourEdited}
        behaviourInput={behaviourInput}
        speech={speech}
        canRecord={voiceClips !== undefined}
      />

      <RoutineList
        listRef={listRef}
        unlocked={unlocked}
        lockId={lockId}
        behaviour={behaviour.ok ? behaviour.value : ''}
        voiceClips={voiceClips}
        createRecorder={createRecorder}
        recordFor={recordFor}
        onRecordFor={setRecordFor}
        onStart={start}
        onScript={setScriptFor}
      />
    </section>
  );
}

export default RoutinesPanel;

function defaultRecorder(): LineRecorder {
  return createLineRecorder();
}

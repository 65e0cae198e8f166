import { Component, useCallback, useEffect, useId, useMemo, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import {
  CALM_RESPONSES,
  DEFAULT_ROUTINE_SETTINGS,
  GENTLER_OPTIONS,
  MAX_SPEECH_RATE,
  MIN_SPEECH_RATE,
  ROOM_SETUP,
  ROUTINES,
  SAFETY,
  buildPlan,
  checkBehaviour,
  createChime,
  createLineRecorder,
  createPlayerStore,
  createSpeechGuide,
  knownVoice,
  routineById,
  routineNeedsBehaviour,
  summariseRun,
  systemClock,
  type Chime,
  type Clock,
  type GentlerOptionId,
  type GuideVoice,
  type LineRecorder,
  type PlayerStore,
  type Routine,
  type RoutineRunSummary,
  type RoutineSettingsStore,
  type SpeechGuide,
  type VoiceClipStore,
} from '../../routines';
import type { RoutineAccess } from '../../session/routine-access';
import { formatMinutes } from './format';
import type { GuideMode, RunSettings as RoutineSettings } from './guidance';
import { RoutinePlayer } from './routine-player';
import { ScriptView } from './script-view';
import { VoiceRecordings } from './voice-recordings';
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
 * The run settings to start from: the remembered ones (or the defaults) and no behaviour yet. A
 * remembered guide this browser cannot give (no speech, nowhere to keep recordings) shows as text
 * only, without overwriting the remembered choice unless someone changes it.
 */
function initialSettings(store: RoutineSettingsStore | undefined, canSpeak: boolean, canRecord: boolean): RoutineSettings {
  const remembered = store?.load() ?? DEFAULT_ROUTINE_SETTINGS;
  const usable = (remembered.guide === 'speech' && !canSpeak) || (remembered.guide === 'recording' && !canRecord) ? 'off' : remembered.guide;
  return { ...remembered, guide: usable, behaviour: '' };
}

interface Active {
  readonly store: PlayerStore;
  readonly settings: RoutineSettings;
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
  const [settings, setSettings] = useState<RoutineSettings>(() => initialSettings(settingsStore, speech.available, voiceClips !== undefined));
  const [active, setActive] = useState<Active | null>(null);
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

  // Remember each change of a remembered choice (the behaviour is left out by the store). What
  // shows at first is what was loaded, so nothing is written until someone changes a choice (a
  // remembered guide shown as text only here stays remembered, even when effects run twice).
  const { option, safeWord, warmUp, guide, voiceUri, rate, chime: chimeOn } = settings;
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const current = { option, safeWord, warmUp, guide, voiceUri, rate, chime: chimeOn };
    const text = JSON.stringify(current);
    if (shown.current === null) {
      shown.current = text;
      return;
    }
    if (shown.current === text) return;
    shown.current = text;
    settingsStore?.save(current);
  }, [settingsStore, option, safeWord, warmUp, guide, voiceUri, rate, chimeOn]);

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
    setActive({ store: createPlayerStore(plan, clock, settings.option), settings });
    setRunning(true);
  };

  // A run is playing from its start until it ends (done) or its player is closed.
  const [running, setRunning] = useState(false);
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
      <div className="rt-panel">
        <PlayerBoundary onReset={close}>
          <RoutinePlayer
            store={active.store}
            settings={active.settings}
            unlocked={unlocked}
            speech={speech}
            chime={chime}
            {...(voiceClips ? { voiceClips } : {})}
            onFinished={finished}
            onClose={close}
          />
        </PlayerBoundary>
      </div>
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

  const groups: { title: string; routines: Routine[] }[] = [
    { title: 'Routines', routines: ROUTINES.filter((routine) => routine.kind !== 'mini') },
    { title: 'Mini practices', routines: ROUTINES.filter((routine) => routine.kind === 'mini') },
  ];

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

      <div className="rt-settings">
        <h3>How you will run it</h3>
        <fieldset>
          <legend>How much touch</legend>
          {GENTLER_OPTIONS.map((option) => (
            <label key={option.id} className="rt-radio">
              <input
                type="radio"
                name={`${headingId}-option`}
                value={option.id}
                checked={settings.option === option.id}
                onChange={() => update('option', option.id as GentlerOptionId)}
              />
              <span>
                {option.label}
                <span className="rt-muted"> — {option.description}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <div className="rt-field">
          <label htmlFor={`${headingId}-behaviour`}>What I did, in a few words (the apologiser names it once)</label>
          <input
            id={`${headingId}-behaviour`}
            ref={behaviourInput}
            type="text"
            maxLength={200}
            value={settings.behaviour}
            aria-describedby={`${headingId}-behaviour-hint${behaviourProblem ? ` ${headingId}-behaviour-problem` : ''}`}
            aria-invalid={behaviourProblem !== null}
            placeholder="e.g. checking my phone while you were talking"
            onChange={(event) => {
              update('behaviour', event.target.value);
              setBehaviourProblem(null);
            }}
          />
          <p id={`${headingId}-behaviour-hint`} className="rt-muted">
            The 15- and 30-minute scripts use it: “I’m sorry for {behaviour.ok ? `${behaviour.value}.` : '…'}” Name the
            action, not your character.
          </p>
          {behaviourProblem ? (
            <p id={`${headingId}-behaviour-problem`} className="rt-problem" role="alert">
              {behaviourProblem}
            </p>
          ) : null}
        </div>

        <div className="rt-field">
          <label htmlFor={`${headingId}-safeword`}>Your safe word or gesture (optional)</label>
          <input
            id={`${headingId}-safeword`}
            type="text"
            maxLength={40}
            value={settings.safeWord}
            onChange={(event) => update('safeWord', event.target.value)}
          />
          <p className="rt-muted">When either of you says it, touch stops at once. The Stop button and the Escape key do the same.</p>
        </div>

        <label className="rt-check">
          <input type="checkbox" checked={settings.warmUp} onChange={(event) => update('warmUp', event.target.checked)} />
          Begin the routines with the 1½-minute warm-up (three slow breaths, a hand on the heart)
        </label>

        <GuidanceSettings settings={settings} update={update} speech={speech} canRecord={voiceClips !== undefined} />
      </div>

      <div ref={listRef} className="rt-list">
        {groups.map((group) => (
          <div key={group.title}>
            <h3>{group.title}</h3>
            <ul className="rt-cards">
              {group.routines.map((routine) => (
                <li key={routine.id} className="rt-card">
                  <h4>{routine.title}</h4>
                  <p className="rt-muted">
                    {formatMinutes(routine.minutes)} · {routine.position}
                  </p>
                  <p>{routine.summary}</p>
                  <div className="rt-actions">
                    <button
                      type="button"
                      className="rt-primary"
                      disabled={!unlocked}
                      aria-describedby={lockId}
                      onClick={() => start(routine)}
                    >
                      {`Start ${routine.title}`}
                    </button>
                    <button type="button" aria-label={`Printable script: ${routine.title}`} onClick={() => setScriptFor(routine)}>
                      Printable script
                    </button>
                    {voiceClips ? (
                      <button
                        type="button"
                        aria-label={`Record your voice: ${routine.title}`}
                        aria-expanded={recordFor === routine.id}
                        onClick={() => setRecordFor(recordFor === routine.id ? null : routine.id)}
                      >
                        Record your voice
                      </button>
                    ) : null}
                  </div>
                  {voiceClips && recordFor === routine.id ? (
                    <VoiceRecordings
                      routine={routine}
                      behaviour={behaviour.ok ? behaviour.value : ''}
                      voiceClips={voiceClips}
                      createRecorder={createRecorder}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

export default RoutinesPanel;

function defaultRecorder(): LineRecorder {
  return createLineRecorder();
}

function BeforeYouBegin() {
  return (
    <div className="rt-before">
      <h3>Before you begin</h3>
      <details open>
        <summary>Safety first: when not to, and the rules</summary>
        <ul>
          {SAFETY.contraindications.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <ul>
          {SAFETY.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </details>
      <details>
        <summary>
          {ROOM_SETUP.title} ({ROOM_SETUP.minutes} minutes)
        </summary>
        <ul className="rt-checklist">
          {ROOM_SETUP.items.map((item) => (
            <li key={item}>
              <label>
                <input type="checkbox" /> {item}
              </label>
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Two calm responses that prevent defensiveness</summary>
        <dl>
          {CALM_RESPONSES.map((response) => (
            <div key={response.id}>
              <dt>{response.title}</dt>
              <dd>
                {response.phrases.map((phrase) => `“${phrase}”`).join(' or ')} {response.guidance}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

function GuidanceSettings({
  settings,
  update,
  speech,
  canRecord,
}: {
  settings: RoutineSettings;
  update: <K extends keyof RoutineSettings>(key: K, value: RoutineSettings[K]) => void;
  speech: SpeechGuide;
  canRecord: boolean;
}) {
  const id = useId();
  const [voices, setVoices] = useState<GuideVoice[]>(() => speech.voices());
  useEffect(() => {
    setVoices(speech.voices());
    return speech.onVoicesChanged(() => setVoices(speech.voices()));
  }, [speech]);
  const modes: { value: GuideMode; label: string; disabled: boolean }[] = [
    { value: 'off', label: 'Text on screen only', disabled: false },
    { value: 'speech', label: 'A calm computer voice reads each step', disabled: !speech.available },
    { value: 'recording', label: 'Your own recorded voice (record the lines below each routine)', disabled: !canRecord },
  ];
  return (
    <fieldset className="rt-guidance">
      <legend>Voice and sound</legend>
      {modes.map((mode) => (
        <label key={mode.value} className="rt-radio">
          <input
            type="radio"
            name={`${id}-guide`}
            value={mode.value}
            checked={settings.guide === mode.value}
            disabled={mode.disabled}
            onChange={() => update('guide', mode.value)}
          />
          <span>{mode.label}</span>
        </label>
      ))}
      {!speech.available ? <p className="rt-muted">This browser has no spoken voice; the text on screen guides you.</p> : null}
      {speech.available && settings.guide !== 'off' && voices.length === 0 ? (
        <p className="rt-muted">
          No voice is installed on this device yet, so the guide stays quiet. Online voices are not used: your words stay here.
        </p>
      ) : null}
      {speech.available && settings.guide !== 'off' ? (
        <div className="rt-voice">
          <label htmlFor={`${id}-voice`}>Voice</label>
          <select
            id={`${id}-voice`}
            value={knownVoice(settings.voiceUri, voices.map((voice) => voice.uri))}
            onChange={(event) => update('voiceUri', event.target.value)}>
            <option value="">The device’s default</option>
            {voices.map((voice) => (
              <option key={voice.uri} value={voice.uri}>
                {voice.name} ({voice.lang})
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-rate`}>Speed</label>
          <input
            id={`${id}-rate`}
            type="range"
            min={MIN_SPEECH_RATE}
            max={MAX_SPEECH_RATE}
            step={0.1}
            value={settings.rate}
            aria-valuetext={`${settings.rate.toFixed(1)} times normal speed`}
            onChange={(event) => update('rate', Number(event.target.value))}
          />
          <button type="button" onClick={() => speech.speak(['I’m here. I want to understand.'], { voiceUri: settings.voiceUri, rate: settings.rate })}>
            Try the voice
          </button>
        </div>
      ) : null}
      <label className="rt-check">
        <input type="checkbox" checked={settings.chime} onChange={(event) => update('chime', event.target.checked)} />
        A soft chime when the step changes
      </label>
    </fieldset>
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

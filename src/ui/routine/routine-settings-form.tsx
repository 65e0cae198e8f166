import { useEffect, useId, useRef, useState, type Ref } from 'react';
import {
  DEFAULT_ROUTINE_SETTINGS,
  GENTLER_OPTIONS,
  MAX_SPEECH_RATE,
  MIN_SPEECH_RATE,
  checkBehaviour,
  knownVoice,
  type GentlerOptionId,
  type GuideVoice,
  type RoutineSettingsStore,
  type SpeechGuide,
} from '../../routines';
import type { GuideMode, RunSettings as RoutineSettings } from './guidance';

/** Changes one setting of the form. */
export type UpdateSetting = <K extends keyof RoutineSettings>(key: K, value: RoutineSettings[K]) => void;

/**
 * The run settings to start from: the remembered ones (or the defaults) and no behaviour yet. A
 * remembered guide this browser cannot give (no speech, nowhere to keep recordings) shows as text
 * only, without overwriting the remembered choice unless someone changes it.
 */
export function initialSettings(store: RoutineSettingsStore | undefined, canSpeak: boolean, canRecord: boolean): RoutineSettings {
  const remembered = store?.load() ?? DEFAULT_ROUTINE_SETTINGS;
  const usable =
    (remembered.guide === 'speech' && !canSpeak) || (remembered.guide === 'recording' && !canRecord) ? 'off' : remembered.guide;
  return { ...remembered, guide: usable, behaviour: '' };
}

/** Writes the remembered choices to `settingsStore` each time one of them changes. */
export function useRememberedSettings(settingsStore: RoutineSettingsStore | undefined, settings: RoutineSettings): void {
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
}

export interface RoutineSettingsFormProps {
  /** Prefix of the fields' ids (the panel's heading id). */
  readonly idPrefix: string;
  readonly settings: RoutineSettings;
  readonly update: UpdateSetting;
  /** Why the named behaviour cannot start the routine chosen, shown under its field; null when fine. */
  readonly behaviourProblem: string | null;
  /** The behaviour was edited: the problem shown is no longer current. */
  readonly onBehaviourEdited: () => void;
  readonly behaviourInput: Ref<HTMLInputElement>;
  readonly speech: SpeechGuide;
  readonly canRecord: boolean;
}

/** How you will run it: how much touch, the named behaviour, safe word, warm-up, voice and sound. */
export function RoutineSettingsForm({
  idPrefix: headingId,
  settings,
  update,
  behaviourProblem,
  onBehaviourEdited,
  behaviourInput,
  speech,
  canRecord,
}: RoutineSettingsFormProps) {
  const behaviour = checkBehaviour(settings.behaviour);
  return (
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
            onBehaviourEdited();
          }}
        />
        <p id={`${headingId}-behaviour-hint`} className="rt-muted">
          The 15- and 30-minute scripts use it: “I’m sorry for {behaviour.ok ? `${behaviour.value}.` : '…'}” Name the action, not your
          character.
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

      <GuidanceSettings settings={settings} update={update} speech={speech} canRecord={canRecord} />
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
  update: UpdateSetting;
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
            value={knownVoice(
              settings.voiceUri,
              voices.map((voice) => voice.uri),
            )}
            onChange={(event) => update('voiceUri', event.target.value)}
          >
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
          <button
            type="button"
            onClick={() => speech.speak(['I’m here. I want to understand.'], { voiceUri: settings.voiceUri, rate: settings.rate })}
          >
            Try the voice
          </button>
        </div>
      ) : null}
      <label className="rt-check">
        <input type="checkbox" checked={settings.chime} onChange={(event) => update('chime', event.target.checked)} />A soft chime when the
        step changes
      </label>
    </fieldset>
  );
}

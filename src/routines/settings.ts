/**
 * How a couple likes to run the routines, remembered on this device between visits: how much
 * touch, the safe word, the warm-up, the guide voice and its speed, and the chime. The named
 * behaviour is not part of it (it belongs to one fight), and neither is consent: the receiver is
 * asked again at the start of every run, whatever option was remembered.
 *
 * Stored preferences can be damaged or come from an older version of the app, so they are read
 * field by field: a field that does not fit falls back to its default and the others are kept.
 */
import { z } from 'zod';
import { GENTLER_OPTION_IDS, type GentlerOptionId } from './routine-schema';
import { DEFAULT_SPEECH_RATE, MAX_SPEECH_RATE, MIN_SPEECH_RATE } from './speech';

/** How the steps are guided: text only, a computer voice, or a partner's own recordings. */
export const GUIDE_MODES = ['off', 'speech', 'recording'] as const;
export type GuideMode = (typeof GUIDE_MODES)[number];

/** The longest safe word or gesture description kept (the form allows the same). */
export const MAX_SAFE_WORD_LENGTH = 40;

/** The remembered choices; every field is always present (defaults fill the gaps). */
export interface RoutineSettings {
  readonly option: GentlerOptionId;
  readonly safeWord: string;
  readonly warmUp: boolean;
  readonly guide: GuideMode;
  /** `voiceURI` of the chosen on-device voice; empty for the device's default. */
  readonly voiceUri: string;
  /** Speaking rate, MIN_SPEECH_RATE–MAX_SPEECH_RATE. */
  readonly rate: number;
  readonly chime: boolean;
}

/** What a first visit starts with: touch as written, no warm-up, text only, chime on. */
export const DEFAULT_ROUTINE_SETTINGS: RoutineSettings = Object.freeze({
  option: 'as-written',
  safeWord: '',
  warmUp: false,
  guide: 'off',
  voiceUri: '',
  rate: DEFAULT_SPEECH_RATE,
  chime: true,
});

/** One schema per field, so a damaged field costs only itself. */
const fieldSchemas = {
  option: z.enum(GENTLER_OPTION_IDS),
  safeWord: z.string().max(MAX_SAFE_WORD_LENGTH),
  warmUp: z.boolean(),
  guide: z.enum(GUIDE_MODES),
  voiceUri: z.string().max(500),
  rate: z.number().finite().min(MIN_SPEECH_RATE).max(MAX_SPEECH_RATE),
  chime: z.boolean(),
} satisfies { [K in keyof RoutineSettings]: z.ZodType<RoutineSettings[K]> };

/** The whole settings object, strictly: every field present and valid. */
export const routineSettingsSchema = z.object(fieldSchemas);

export interface ParseSettingsOptions {
  /**
   * The `voiceURI`s of the voices on this device, when known. A remembered voice that is not among
   * them (uninstalled, or another device's) becomes the device's default. An empty or absent list
   * means "not known yet" (voices often load late) and keeps the remembered voice.
   */
  readonly voices?: readonly string[];
}

/**
 * Settings from anything read back from storage. Never throws: a value that is not an object gives
 * the defaults, and each field that is missing or invalid gives that field's default.
 */
export function parseRoutineSettings(raw: unknown, options: ParseSettingsOptions = {}): RoutineSettings {
  const source: Record<string, unknown> =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const field = <K extends keyof RoutineSettings>(key: K): RoutineSettings[K] => {
    let value: unknown;
    try {
      value = source[key];
    } catch {
      // A getter that throws (not plain JSON): treat the field as missing.
      return DEFAULT_ROUTINE_SETTINGS[key];
    }
    const result = fieldSchemas[key].safeParse(value);
    return result.success ? (result.data as RoutineSettings[K]) : DEFAULT_ROUTINE_SETTINGS[key];
  };
  const voiceUri = field('voiceUri');
  return {
    option: field('option'),
    safeWord: field('safeWord'),
    warmUp: field('warmUp'),
    guide: field('guide'),
    voiceUri: knownVoice(voiceUri, options.voices),
    rate: field('rate'),
    chime: field('chime'),
  };
}

/** The chosen voice if it is on this device (or the list is not known yet); else the default (''). */
export function knownVoice(voiceUri: string, voices: readonly string[] | undefined): string {
  if (voiceUri === '' || voices === undefined || voices.length === 0) return voiceUri;
  return voices.includes(voiceUri) ? voiceUri : DEFAULT_ROUTINE_SETTINGS.voiceUri;
}

/** Only the remembered fields of a larger object (the run's settings also carry the behaviour). */
export function rememberedSettings(settings: RoutineSettings): RoutineSettings {
  const { option, safeWord, warmUp, guide, voiceUri, rate, chime } = settings;
  return { option, safeWord, warmUp, guide, voiceUri, rate, chime };
}

/** Where the settings are kept between visits. Implementations never throw. */
export interface RoutineSettingsStore {
  /** The remembered settings, or the defaults when nothing (usable) is stored. */
  load(): RoutineSettings;
  /** Remembers `settings` (only the fields above; anything else is dropped). */
  save(settings: RoutineSettings): void;
  /** Forgets them, so the next load gives the defaults. */
  clear(): void;
}

import { describe, expect, it } from 'vitest';
import { GENTLER_OPTION_IDS } from './routine-schema';
import {
  DEFAULT_ROUTINE_SETTINGS,
  GUIDE_MODES,
  knownVoice,
  parseRoutineSettings,
  rememberedSettings,
  routineSettingsSchema,
  type RoutineSettings,
} from './settings';
import { DEFAULT_SPEECH_RATE, MAX_SPEECH_RATE, MIN_SPEECH_RATE } from './speech';

const chosen: RoutineSettings = {
  option: 'hands-only',
  safeWord: 'pineapple',
  warmUp: true,
  guide: 'speech',
  voiceUri: 'local:calm',
  rate: 0.8,
  chime: false,
};

describe('routine settings: defaults', () => {
  it('start with touch as written, no safe word or warm-up, text only, the calm speed, and the chime on', () => {
    expect(DEFAULT_ROUTINE_SETTINGS).toEqual({
      option: 'as-written',
      safeWord: '',
      warmUp: false,
      guide: 'off',
      voiceUri: '',
      rate: DEFAULT_SPEECH_RATE,
      chime: true,
    });
    expect(routineSettingsSchema.safeParse(DEFAULT_ROUTINE_SETTINGS).success).toBe(true);
  });

  it('are what nothing stored gives', () => {
    for (const raw of [undefined, null, '', 'dim', 42, true, [], [chosen]]) {
      expect(parseRoutineSettings(raw)).toEqual(DEFAULT_ROUTINE_SETTINGS);
    }
    expect(parseRoutineSettings({})).toEqual(DEFAULT_ROUTINE_SETTINGS);
  });
});

describe('parseRoutineSettings', () => {
  it('keeps every valid choice as it was saved', () => {
    expect(parseRoutineSettings(JSON.parse(JSON.stringify(chosen)))).toEqual(chosen);
  });

  it('accepts every gentler option and every guide mode', () => {
    for (const option of GENTLER_OPTION_IDS) expect(parseRoutineSettings({ option }).option).toBe(option);
    for (const guide of GUIDE_MODES) expect(parseRoutineSettings({ guide }).guide).toBe(guide);
  });

  it('replaces only the damaged fields with their defaults and keeps the rest', () => {
    const parsed = parseRoutineSettings({ ...chosen, option: 'massage-oil', rate: 'fast', chime: 'no' });
    expect(parsed).toEqual({ ...chosen, option: 'as-written', rate: DEFAULT_SPEECH_RATE, chime: true });
  });

  it('fills missing fields (an older, shorter record) with defaults', () => {
    expect(parseRoutineSettings({ option: 'blanket' })).toEqual({ ...DEFAULT_ROUTINE_SETTINGS, option: 'blanket' });
  });

  it('refuses speeds outside what the voice can do, and non-numbers', () => {
    for (const rate of [MIN_SPEECH_RATE - 0.1, MAX_SPEECH_RATE + 0.1, Number.NaN, Infinity, null, '1']) {
      expect(parseRoutineSettings({ rate }).rate).toBe(DEFAULT_SPEECH_RATE);
    }
    expect(parseRoutineSettings({ rate: MIN_SPEECH_RATE }).rate).toBe(MIN_SPEECH_RATE);
    expect(parseRoutineSettings({ rate: MAX_SPEECH_RATE }).rate).toBe(MAX_SPEECH_RATE);
  });

  it('refuses a safe word longer than the form allows, rather than cutting it', () => {
    expect(parseRoutineSettings({ safeWord: 'x'.repeat(41) }).safeWord).toBe('');
    expect(parseRoutineSettings({ safeWord: 'x'.repeat(40) }).safeWord).toBe('x'.repeat(40));
  });

  it('drops anything that is not a setting (the named behaviour is never remembered)', () => {
    const parsed = parseRoutineSettings({ ...chosen, behaviour: 'checking my phone', extra: 1 });
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(DEFAULT_ROUTINE_SETTINGS).sort());
    expect(parsed).not.toHaveProperty('behaviour');
  });

  it('does not throw on hostile input', () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('read: refused');
        },
      },
    );
    expect(() => parseRoutineSettings(trap)).not.toThrow();
    expect(parseRoutineSettings(Object.create(null) as object)).toEqual(DEFAULT_ROUTINE_SETTINGS);
  });
});

describe('the remembered voice', () => {
  it('an unknown voice name becomes the device default once the voices are known', () => {
    expect(parseRoutineSettings({ ...chosen, voiceUri: 'another-device-voice' }, { voices: ['local:calm', 'local:bright'] }).voiceUri).toBe(
      '',
    );
    expect(parseRoutineSettings(chosen, { voices: ['local:calm'] }).voiceUri).toBe('local:calm');
  });

  it('is kept while the device has not listed its voices yet (they often load late)', () => {
    expect(parseRoutineSettings(chosen, { voices: [] }).voiceUri).toBe('local:calm');
    expect(parseRoutineSettings(chosen).voiceUri).toBe('local:calm');
    expect(knownVoice('local:calm', undefined)).toBe('local:calm');
    expect(knownVoice('', ['local:calm'])).toBe('');
  });
});

describe('rememberedSettings', () => {
  it('keeps the remembered fields of the run settings and leaves the behaviour out', () => {
    expect(rememberedSettings({ ...chosen, behaviour: 'raising my voice' } as RoutineSettings)).toEqual(chosen);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROUTINE_SETTINGS, type RoutineSettings } from '../../routines';
import { ROUTINE_SETTINGS_KEY, clearRoutineSettings, createLocalRoutineSettings } from './settings-storage';

const chosen: RoutineSettings = {
  option: 'knee',
  safeWord: 'red',
  warmUp: true,
  guide: 'speech',
  voiceUri: 'local:calm',
  rate: 1.1,
  chime: false,
};

/** Storage that refuses everything, as some private modes and full disks do. */
const refusing: Storage = {
  length: 0,
  clear: () => undefined,
  key: () => null,
  getItem: () => {
    throw new Error('getItem: blocked');
  },
  setItem: () => {
    throw new Error('setItem: quota exceeded');
  },
  removeItem: () => {
    throw new Error('removeItem: blocked');
  },
};

afterEach(() => localStorage.clear());

describe('createLocalRoutineSettings', () => {
  it('gives the defaults when nothing was saved', () => {
    expect(createLocalRoutineSettings().load()).toEqual(DEFAULT_ROUTINE_SETTINGS);
  });

  it('gives back what was saved, under one versioned key', () => {
    createLocalRoutineSettings().save(chosen);
    expect(createLocalRoutineSettings().load()).toEqual(chosen);
    expect(Object.keys(localStorage)).toEqual([ROUTINE_SETTINGS_KEY]);
    expect(ROUTINE_SETTINGS_KEY).toMatch(/\.v\d+$/);
  });

  it('never writes the named behaviour', () => {
    createLocalRoutineSettings().save({ ...chosen, behaviour: 'walking out mid-sentence' } as RoutineSettings);
    expect(localStorage.getItem(ROUTINE_SETTINGS_KEY)).not.toContain('walking out');
  });

  it('gives the defaults for damaged JSON, and keeps the valid fields of a damaged record', () => {
    localStorage.setItem(ROUTINE_SETTINGS_KEY, '{"option":"knee",');
    expect(createLocalRoutineSettings().load()).toEqual(DEFAULT_ROUTINE_SETTINGS);
    localStorage.setItem(ROUTINE_SETTINGS_KEY, JSON.stringify({ ...chosen, guide: 'loud', rate: 9 }));
    expect(createLocalRoutineSettings().load()).toEqual({ ...chosen, guide: 'off', rate: DEFAULT_ROUTINE_SETTINGS.rate });
  });

  it('clear() and clearRoutineSettings() forget the choices', () => {
    const store = createLocalRoutineSettings();
    store.save(chosen);
    store.clear();
    expect(store.load()).toEqual(DEFAULT_ROUTINE_SETTINGS);
    store.save(chosen);
    clearRoutineSettings();
    expect(localStorage.getItem(ROUTINE_SETTINGS_KEY)).toBeNull();
  });

  it('never throws when storage refuses: defaults on load, nothing remembered on save', () => {
    const store = createLocalRoutineSettings(refusing);
    expect(store.load()).toEqual(DEFAULT_ROUTINE_SETTINGS);
    expect(() => store.save(chosen)).not.toThrow();
    expect(() => store.clear()).not.toThrow();
  });
});

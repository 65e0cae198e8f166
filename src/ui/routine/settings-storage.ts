/**
 * The routine settings kept in this browser's localStorage, like the theme choice: a preference of
 * this device, not part of the couple's records (those live in IndexedDB). One versioned key holds
 * them; a later format takes a new key, and an unreadable value simply gives the defaults.
 */
import {
  DEFAULT_ROUTINE_SETTINGS,
  parseRoutineSettings,
  rememberedSettings,
  type RoutineSettings,
  type RoutineSettingsStore,
} from '../../routines/settings';

/** The key the settings are stored under (the version is part of it). */
export const ROUTINE_SETTINGS_KEY = 'attune.routine-settings.v1';

/** The page's localStorage, or undefined where it cannot be reached (some private modes block it). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * A settings store over `given` storage (the page's localStorage by default). Without storage, or when it
 * refuses (full, blocked), choices still apply for this visit; they are just not remembered.
 */
export function createLocalRoutineSettings(given?: Storage): RoutineSettingsStore {
  // The page's storage is looked up at each use, not when the store is made (module load).
  const area = (): Storage | undefined => given ?? pageStorage();
  return {
    load() {
      const storage = area();
      if (!storage) return DEFAULT_ROUTINE_SETTINGS;
      try {
        const text = storage.getItem(ROUTINE_SETTINGS_KEY);
        return text === null ? DEFAULT_ROUTINE_SETTINGS : parseRoutineSettings(JSON.parse(text));
      } catch {
        // Damaged JSON or storage that will not answer: start from the defaults.
        return DEFAULT_ROUTINE_SETTINGS;
      }
    },
    save(settings) {
      try {
        area()?.setItem(ROUTINE_SETTINGS_KEY, JSON.stringify(rememberedSettings(settings)));
      } catch {
        // Not remembered, but applied for this visit.
      }
    },
    clear() {
      try {
        area()?.removeItem(ROUTINE_SETTINGS_KEY);
      } catch {
        // Nothing could be stored there either.
      }
    },
  };
}

/** Forgets the remembered routine settings on this device (part of "Delete all my data"). */
export function clearRoutineSettings(): void {
  createLocalRoutineSettings().clear();
}

export type { RoutineSettings, RoutineSettingsStore };

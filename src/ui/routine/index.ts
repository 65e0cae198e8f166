/** The routines region of the UI: the panel the app shell places once the gate can unlock it. */
export { RoutinesPanel, type RoutinesPanelProps, type RoutineRunSummary, type VoiceClipStore } from './routines-panel';
export {
  ROUTINE_SETTINGS_KEY,
  clearRoutineSettings,
  createLocalRoutineSettings,
  type RoutineSettings,
  type RoutineSettingsStore,
} from './settings-storage';

/** Public API of the store: what the app shell and the UI use. */
export { createStore, type AttuneStore, type CreateStoreOptions } from './store';
export type { Recorder, RecorderOptions, RecorderStatus, GateSample, UnsavedData } from './recorder';
export type { StorageProblem, StorageProblemKind } from './problems';
export { StorageError } from './problems';
export type { VoiceClips } from './repositories';
export { localDay } from './repositories';
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  MAX_IMPORT_CHARS,
  parseExport,
  unsavedExport,
  type ExportFile,
  type ImportSummary,
} from './transfer';
export { DB_NAME, DB_VERSION } from './store-schema';
export { BACKUP_REMINDER_SESSIONS, KEPT_MARKER_KEY, type Durability, type DurabilityStatus, type PersistenceState } from './durability';
export { CHUNK_MAX_SEC, PLAN_RITUALS, WEEKDAYS } from './records';
export type {
  BaselineRecord,
  ReadingRecord,
  ReadingVerdict,
  BeatChunk,
  CheckInRecord,
  CommitmentRecord,
  GateEntry,
  GateStateName,
  MetricChunk,
  PacerEventRecord,
  PartnerRecord,
  PlanItem,
  PlanRecord,
  PlanRitual,
  ReflectionRecord,
  RoutineMark,
  RoutineRunRecord,
  SessionRecord,
  SessionSource,
  Weekday,
} from './records';
export { summarizeSession, type SessionSummary, type PartnerFigures } from './summary';

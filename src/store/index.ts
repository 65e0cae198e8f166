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
export { DB_NAME, DB_VERSION } from './schema';
export { CHUNK_MAX_SEC } from './records';
export type {
  BaselineRecord,
  BeatChunk,
  CommitmentRecord,
  GateEntry,
  GateStateName,
  MetricChunk,
  PacerEventRecord,
  PartnerRecord,
  ReflectionRecord,
  RoutineMark,
  RoutineRunRecord,
  SessionRecord,
  SessionSource,
} from './records';
export { summarizeSession, type SessionSummary, type PartnerFigures } from './summary';

/**
 * The IndexedDB schema of the current version (5). Older versions live only in migrations.ts.
 */
import type { DBSchema } from 'idb';
import type { PartnerId } from '../signal/types';
import type {
  BeatChunk,
  CheckInRecord,
  CommitmentRecord,
  GateEntry,
  MetaRecord,
  MetricChunk,
  PartnerRecord,
  PlanRecord,
  ReadingRecord,
  ReflectionRecord,
  RoutineRunRecord,
  SessionRecord,
  VoiceClipRecord,
} from './records';

/** Name of the database in the browser. */
export const DB_NAME = 'attune';
/** Current schema version; every older one is migrated in `upgrade` (migrations.ts). */
export const DB_VERSION = 5;

export interface AttuneSchema extends DBSchema {
  partners: { key: PartnerId; value: PartnerRecord };
  /** Calm readings (calibrations, calm checks, calm ends of sessions), accepted or refused. */
  readings: {
    key: string;
    value: ReadingRecord;
    indexes: { 'by-partner': [PartnerId, string] };
  };
  sessions: { key: string; value: SessionRecord; indexes: { 'by-startedAt': string; 'by-status': string } };
  beatChunks: { key: [string, PartnerId, number]; value: BeatChunk; indexes: { 'by-session': string } };
  metricChunks: { key: [string, PartnerId, number]; value: MetricChunk; indexes: { 'by-session': string } };
  gate: { key: [string, number]; value: GateEntry; indexes: { 'by-session': string } };
  routineRuns: { key: string; value: RoutineRunRecord; indexes: { 'by-session': string } };
  reflections: { key: string; value: ReflectionRecord; indexes: { 'by-session': string } };
  commitments: {
    key: string;
    value: CommitmentRecord;
    indexes: { 'by-checkIn': string; 'by-session': string };
  };
  voiceClips: { key: string; value: VoiceClipRecord };
  plans: { key: string; value: PlanRecord };
  checkIns: { key: string; value: CheckInRecord; indexes: { 'by-session': string } };
  /** Device-local facts about keeping the data; never exported. */
  meta: { key: MetaRecord['key']; value: MetaRecord };
}

/** Every store of the current version. */
export const STORE_NAMES = [
  'partners',
  'readings',
  'sessions',
  'beatChunks',
  'metricChunks',
  'gate',
  'routineRuns',
  'reflections',
  'commitments',
  'voiceClips',
  'plans',
  'checkIns',
  'meta',
] as const;
export type StoreName = (typeof STORE_NAMES)[number];

/** The stores an export holds, in export order: everything but the device-local `meta`. */
export const EXPORTED_STORES = STORE_NAMES.filter((name): name is Exclude<StoreName, 'meta'> => name !== 'meta');
export type ExportedStore = (typeof EXPORTED_STORES)[number];

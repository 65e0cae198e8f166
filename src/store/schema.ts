/**
 * The IndexedDB schema of the current version (3). Older versions live only in migrations.ts.
 */
import type { DBSchema } from 'idb';
import type { PartnerId } from '../signal/types';
import type {
  BaselineRecord,
  BeatChunk,
  CommitmentRecord,
  GateEntry,
  MetricChunk,
  PartnerRecord,
  ReflectionRecord,
  RoutineRunRecord,
  SessionRecord,
  VoiceClipRecord,
} from './records';

/** Name of the database in the browser. */
export const DB_NAME = 'attune';
/** Current schema version; every older one is migrated in `upgrade` (migrations.ts). */
export const DB_VERSION = 3;

export interface AttuneSchema extends DBSchema {
  partners: { key: PartnerId; value: PartnerRecord };
  baselines: {
    key: string;
    value: BaselineRecord;
    indexes: { 'by-partner': [PartnerId, 'real' | 'demo', string] };
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
}

/** Every store of the current version, in export order. */
export const STORE_NAMES = [
  'partners',
  'baselines',
  'sessions',
  'beatChunks',
  'metricChunks',
  'gate',
  'routineRuns',
  'reflections',
  'commitments',
  'voiceClips',
] as const;
export type StoreName = (typeof STORE_NAMES)[number];

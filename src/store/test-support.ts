/**
 * Shared pieces of the store's unit tests (fake-indexeddb must be loaded by the test first).
 * Not used by the app.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { CalmReading } from '../signal/calm-reading';
import type { Baseline, Beat, WindowMetrics } from '../signal/types';
import { migrate } from './migrations';
import { createStore, type AttuneStore, type CreateStoreOptions } from './store';

let counter = 0;
/** A database name no other test uses. */
export function freshName(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** A fixed clock that can be moved forward. */
export function fixedClock(iso = '2026-03-02T19:30:00.000Z') {
  let ms = Date.parse(iso);
  return { now: () => new Date(ms), advance: (sec: number) => (ms += sec * 1000) };
}

export function testStore(options: CreateStoreOptions = {}): AttuneStore {
  return createStore({ name: freshName(), now: fixedClock().now, ...options });
}

/** Opens a database at an older schema version, built exactly as that version of the app built it. */
export async function openAtVersion(name: string, version: number): Promise<IDBPDatabase<unknown>> {
  return openDB(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      void migrate(db, oldVersion, newVersion ?? version, tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>);
    },
  });
}

/** One strap calibration, as the store keeps it. */
export const strapBaseline: Baseline = {
  lnRmssdMean: 3.6,
  lnRmssdSd: 0.2,
  hrBpm: 64,
  breathsPerMin: 11,
  recordedAt: '2026-03-01T08:00:00.000Z',
  device: 'Polar H10',
  calibrations: 1,
  demo: false,
};

/** One calm check of a strap, as `readingFromBeats` gives it. */
export const strapReading: CalmReading = {
  recordedAt: '2026-03-01T08:00:00.000Z',
  device: 'Polar H10',
  kind: 'calm-check',
  demo: false,
  hrOnly: false,
  durationSec: 120,
  hrBpm: 64,
  lnRmssd: 3.6,
  lnRmssdSd: 0.15,
  breathsPerMin: 11,
  firstMinute: { hrBpm: 65, lnRmssd: 3.55 },
  lastMinute: { hrBpm: 63, lnRmssd: 3.65 },
};

/** A reading refused as still settling, with the numbers and the sentence. */
export const settlingVerdict = {
  accepted: false,
  problem: { kind: 'hr-falling', firstBpm: 84, lastBpm: 76, limitBpm: 5 },
  message: 'Your heart rate was still coming down (from 84 to 76 bpm), so this reading was not used as your calm.',
} as const;

/** A steady beat series: one beat every `rrMs`, from tSec = rrMs/1000. */
export function beats(count: number, rrMs = 1000, startSec = 0): Beat[] {
  return Array.from({ length: count }, (_, i) => ({
    tSec: startSec + ((i + 1) * rrMs) / 1000,
    rrMs,
    hrBpm: 60000 / rrMs,
    afterGap: false,
  }));
}

export function metricsAt(endSec: number, hrBpm = 60): WindowMetrics {
  return {
    startSec: Math.max(0, endSec - 60),
    endSec,
    beats: Math.round(endSec),
    hrBpm,
    rmssdMs: 42,
    lnRmssd: Math.log(42),
    breathsPerMin: 6,
    breathingConfidence: 0.8,
    artifactRate: 0,
    hrOnly: false,
  };
}

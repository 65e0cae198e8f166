/**
 * The public recordings kept beside the project in `../shared/data` (RR plus reference breathing),
 * for tests and benchmarks. Read-only: never write there.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Folder of the recordings; ATTUNE_DATA_DIR overrides it. */
export const recordingsDir = process.env.ATTUNE_DATA_DIR ?? resolve(repoRoot, '..', 'shared', 'data');

/** One reference window of a recording's truth file. */
export interface TruthWindow {
  readonly startSec: number;
  readonly endSec: number;
  readonly breathsPerMin: number;
  readonly rmssdMs: number;
}

export interface Recording {
  readonly name: string;
  /** Path of the `NAME.rr.csv` file. */
  readonly rrPath: string;
  /** Time of each R peak, seconds from the start of the recording. */
  readonly tSec: readonly number[];
  /** RR interval ending at each beat, ms. */
  readonly rrMs: readonly number[];
  readonly truth: readonly TruthWindow[];
}

function rows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
}

/** Names of every recording (`NAME` of `NAME.rr.csv`), sorted. */
export function recordingNames(): string[] {
  return readdirSync(recordingsDir)
    .filter((f) => f.endsWith('.rr.csv'))
    .map((f) => f.slice(0, -'.rr.csv'.length))
    .sort();
}

/** Loads one recording and its truth windows. */
export function loadRecording(name: string): Recording {
  const rrPath = join(recordingsDir, `${name}.rr.csv`);
  const beats = rows(rrPath).map(([t, rr]) => [Number(t), Number(rr)] as const);
  const truth = rows(join(recordingsDir, `${name}.truth.csv`)).map(([s, e, b, r]) => ({
    startSec: Number(s),
    endSec: Number(e),
    breathsPerMin: Number(b),
    rmssdMs: Number(r),
  }));
  return { name, rrPath, tSec: beats.map(([t]) => t), rrMs: beats.map(([, rr]) => rr), truth };
}

/** Every recording, loaded. */
export function loadRecordings(): Recording[] {
  return recordingNames().map(loadRecording);
}

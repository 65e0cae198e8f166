/**
 * The public recordings kept beside the project in `../shared/data` (RR plus reference breathing),
 * for tests and benchmarks. Read-only: never write there.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
  /** Share of the window's intervals the RMSSD reference left out as not NN (`NAME.nnflags.csv`), 0–1. */
  readonly notNnShare?: number;
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
  /** Source group, the name's first part (`neurokit`, `physio`, `bidmc`, `cinc2015`). */
  readonly group: string;
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
  const flagsPath = join(recordingsDir, `${name}.nnflags.csv`);
  const flags = existsSync(flagsPath)
    ? rows(flagsPath).map(([s, , intervals, notNn]) => [Number(s), Number(notNn) / Number(intervals)] as const)
    : [];
  const notNn = new Map(flags);
  const truth = rows(join(recordingsDir, `${name}.truth.csv`)).map(([s, e, b, r]) => ({
    startSec: Number(s),
    endSec: Number(e),
    breathsPerMin: Number(b),
    rmssdMs: Number(r),
    ...(notNn.has(Number(s)) ? { notNnShare: notNn.get(Number(s)) } : {}),
  }));
  const group = name.split('-')[0];
  return { name, rrPath, tSec: beats.map(([t]) => t), rrMs: beats.map(([, rr]) => rr), truth, group };
}

/** Every recording, loaded. */
export function loadRecordings(): Recording[] {
  return recordingNames().map(loadRecording);
}

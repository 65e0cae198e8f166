/**
 * The stress set kept beside the project in `../shared/data/stress` (Empatica E4 `IBI.csv` and
 * `HR.csv` of people in a lab stress study, with the study's spans in `NAME.meta.json`; its README
 * says what the data can and cannot show), for tests and benchmarks. Read-only: never write there.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recordingsDir } from './recordings';

/** Folder of the stress set. */
export const stressDir = join(recordingsDir, 'stress');

/** One span of the study, seconds from the IBI.csv start. */
export interface StressSpan {
  readonly name: string;
  readonly startSec: number;
  readonly endSec: number;
  /** `rest` (the calibration span), `stress` (a task) or `recovery` (the rest after a task). */
  readonly kind: 'rest' | 'stress' | 'recovery';
}

export interface StressPerson {
  readonly name: string;
  readonly ibiPath: string;
  readonly hrPath: string;
  /** Beats in the IBI.csv. */
  readonly ibiCount: number;
  /** Seconds from the IBI.csv start to the HR.csv start (from the two files' start times). */
  readonly hrOffsetSec: number;
  readonly spans: readonly StressSpan[];
}

/** Names of the people in the set (`NAME` of `NAME.meta.json`), sorted. */
export function stressNames(): string[] {
  return readdirSync(stressDir)
    .filter((f) => f.endsWith('.meta.json'))
    .map((f) => f.slice(0, -'.meta.json'.length))
    .sort();
}

/** The first line of an E4 file: its start, Unix seconds. */
const startOf = (path: string): number => Number(readFileSync(path, 'utf8').split(/\r?\n/, 1)[0]!.split(',')[0]);

/** One person's files and spans. */
export function loadStressPerson(name: string): StressPerson {
  const meta = JSON.parse(readFileSync(join(stressDir, `${name}.meta.json`), 'utf8')) as {
    ibi_count: number;
    conditions: { name: string; start_s: number; end_s: number; kind: StressSpan['kind'] }[];
  };
  const ibiPath = join(stressDir, `${name}.IBI.csv`);
  const hrPath = join(stressDir, `${name}.HR.csv`);
  return {
    name,
    ibiPath,
    hrPath,
    ibiCount: meta.ibi_count,
    hrOffsetSec: startOf(hrPath) - startOf(ibiPath),
    spans: meta.conditions.map((c) => ({ name: c.name, startSec: c.start_s, endSec: c.end_s, kind: c.kind })),
  };
}

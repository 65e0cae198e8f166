/**
 * `attune analyze`: window metrics of RR files (DESIGN.md, Contracts), with the same signal code
 * the app runs per window ({@link computeWindowMetrics}).
 */
import type { RrFile } from '../ble/rr-file';
import type { IrregularRhythm } from '../signal/rhythm';
import type { Beat, WindowMetrics } from '../signal/types';
import { computeWindowMetrics } from '../signal/window-metrics';

/** One output row (DESIGN.md column names). */
export interface AnalyzeRow {
  readonly startS: number;
  readonly endS: number;
  readonly beats: number;
  readonly hrBpm: number | null;
  readonly rmssdMs: number | null;
  readonly lnRmssd: number | null;
  readonly breathsPerMin: number | null;
  readonly breathingConfidence: number;
  readonly artifactRate: number;
  /** Why HRV and breathing are not given (`ectopy`, `af-like`, `flat`), or null for a regular rhythm. */
  readonly irregular: IrregularRhythm | null;
}

/** Output columns, in order. */
export const ANALYZE_COLUMNS = [
  'startS',
  'endS',
  'beats',
  'hrBpm',
  'rmssdMs',
  'lnRmssd',
  'breathsPerMin',
  'breathingConfidence',
  'artifactRate',
  'irregular',
] as const;

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

function toRow(m: WindowMetrics): AnalyzeRow {
  return {
    startS: m.startSec,
    endS: m.endSec,
    beats: m.beats,
    hrBpm: round(m.hrBpm, 2),
    rmssdMs: round(m.rmssdMs, 2),
    lnRmssd: round(m.lnRmssd, 4),
    breathsPerMin: round(m.breathsPerMin, 2),
    breathingConfidence: round(m.breathingConfidence, 3) as number,
    artifactRate: round(m.artifactRate, 4) as number,
    irregular: m.irregular ?? null,
  };
}

/**
 * Windows [start, start + windowSec] for start = 0, stepSec, 2·stepSec, … while the window ends
 * within the recording; the recording lasts until its last beat, rounded up to a whole second. A
 * recording shorter than one window still gets its first window.
 */
export function analyzeRecording(file: RrFile, windowSec: number, stepSec: number): AnalyzeRow[] {
  const beats: Beat[] = file.rrMs.map((rrMs, i) => ({ tSec: file.tSec[i], rrMs, hrBpm: 60_000 / rrMs, afterGap: file.afterGap[i] }));
  const durationSec = Math.ceil(file.tSec[file.tSec.length - 1] ?? 0);
  const rows: AnalyzeRow[] = [];
  // Beats are in time order: two cursors hand each window only its own beats, so a long
  // recording costs O(beats × windows per beat), not O(beats × windows).
  let from = 0;
  let to = 0;
  for (let k = 0; k === 0 || k * stepSec + windowSec <= durationSec; k += 1) {
    const start = k * stepSec;
    const end = start + windowSec;
    while (from < beats.length && beats[from].tSec <= start) from += 1;
    if (to < from) to = from;
    while (to < beats.length && beats[to].tSec <= end) to += 1;
    rows.push(toRow(computeWindowMetrics(beats.slice(from, to), start, end)));
  }
  return rows;
}

/** Rows as CSV: a header, then one line per row; null is an empty field. */
export function rowsToCsv(rows: readonly (AnalyzeRow & { file?: string })[], withFile: boolean): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = [...(withFile ? ['file'] : []), ...ANALYZE_COLUMNS].join(',');
  const lines = rows.map((r) =>
    [...(withFile ? [quote(r.file ?? '')] : []), ...ANALYZE_COLUMNS.map((c) => (r[c] === null ? '' : String(r[c])))].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

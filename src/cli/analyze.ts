/**
 * `attune analyze`: window metrics of RR files (DESIGN.md, Contracts), with the same signal code
 * the app runs per window ({@link computeWindowMetrics}).
 */
import type { RrFile } from '../sources/recordings/rr-file';
import { resonanceCoherence } from '../signal/coherence';
import type { IrregularRhythm } from '../signal/rhythm';
import { SYNC_PARAMS, heartRateSynchrony } from '../signal/synchrony';
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
  /**
   * Resonance coherence (docs/together.md) over the 64 s ending at the window's end, 0–1; null when
   * not computable (too few beats, a gap, more than 10 % artifacts, an irregular rhythm).
   */
  readonly coherence: number | null;
}

/** Heart-rate synchrony with a second partner's recording (`--with`), per window. */
export interface SyncColumns {
  /** Peak lagged correlation of the two heart rates over the window, −1…1; null when not computable. */
  readonly syncR: number | null;
  /** Lag of that peak, seconds: positive when this file's partner leads; null with syncR. */
  readonly syncLagSec: number | null;
  /** True only when |syncR| is beyond what chance alone reaches (the null's threshold); null with syncR. */
  readonly syncSignificant: boolean | null;
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
  'coherence',
] as const;

/** The columns `--with` adds, in order. */
export const SYNC_COLUMNS = ['syncR', 'syncLagSec', 'syncSignificant'] as const;

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

function toRow(m: WindowMetrics, coherence: number | null): AnalyzeRow {
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
    coherence: round(coherence, 3),
  };
}

/** The file's beats; a heart-rate-only file's samples are beats without RR (null HRV and breathing). */
const beatsOf = (file: RrFile): Beat[] =>
  file.hrBpm !== undefined
    ? file.hrBpm.map((hrBpm, i) => ({ tSec: file.tSec[i], rrMs: null, hrBpm, afterGap: file.afterGap[i] }))
    : file.rrMs.map((rrMs, i) => ({ tSec: file.tSec[i], rrMs, hrBpm: 60_000 / rrMs, afterGap: file.afterGap[i] }));

/**
 * Windows [start, start + windowSec] for start = 0, stepSec, 2·stepSec, … while the window ends
 * within the recording; the recording lasts until its last beat, rounded up to a whole second. A
 * recording shorter than one window still gets its first window.
 */
export function analyzeRecording(file: RrFile, windowSec: number, stepSec: number): AnalyzeRow[] {
  const beats = beatsOf(file);
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
    const coherence = resonanceCoherence(beats.slice(Math.max(0, from - 200), to), end).coherence;
    rows.push(toRow(computeWindowMetrics(beats.slice(from, to), start, end), coherence));
  }
  return rows;
}

/**
 * Heart-rate synchrony between two recordings on the same time base, for the windows of
 * {@link analyzeRecording}: each window's end and length (which must be 30–120 s), with the
 * {@link SYNC_PARAMS.spanSec} (145 s) before its end as the filtered span, so windows ending
 * earlier than that give nulls (with 120 s windows every reading from 150 s on has one).
 * @throws RangeError for a window outside 30–120 s
 */
export function synchronyRows(file: RrFile, other: RrFile, windowSec: number, stepSec: number): SyncColumns[] {
  const a = beatsOf(file);
  const b = beatsOf(other);
  const durationSec = Math.ceil(file.tSec[file.tSec.length - 1] ?? 0);
  const rows: SyncColumns[] = [];
  for (let k = 0; k === 0 || k * stepSec + windowSec <= durationSec; k += 1) {
    const end = k * stepSec + windowSec;
    const sync = end >= SYNC_PARAMS.spanSec ? heartRateSynchrony(a, b, end, windowSec) : null;
    rows.push(
      sync === null
        ? { syncR: null, syncLagSec: null, syncSignificant: null }
        : { syncR: round(sync.r, 3), syncLagSec: sync.lagSec, syncSignificant: sync.significant },
    );
  }
  return rows;
}

/** Rows as CSV: a header, then one line per row; null is an empty field. */
export function rowsToCsv(
  rows: readonly (AnalyzeRow & Partial<SyncColumns> & { file?: string })[],
  withFile: boolean,
  withSync = false,
): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const columns = [...ANALYZE_COLUMNS, ...(withSync ? SYNC_COLUMNS : [])];
  const header = [...(withFile ? ['file'] : []), ...columns].join(',');
  const lines = rows.map((r) =>
    [...(withFile ? [quote(r.file ?? '')] : []), ...columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c])))].join(
      ',',
    ),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

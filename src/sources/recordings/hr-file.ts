/**
 * Heart-rate-only recordings, read by `readRrFile` (`rr-file.ts`) when a file holds heart rate but
 * no RR intervals:
 * - Empatica E4 `HR.csv`: the session's start (Unix seconds, UTC) on the first line, the sample
 *   rate in Hz on the second, then one heart rate in bpm per line (the E4 gives one a second,
 *   each averaged by the wristband over the seconds before it; Empatica support, "E4 data - HR.csv
 *   explanation");
 * - a CSV, TSV or semicolon table whose header names a heart-rate column (`hr`, `bpm`,
 *   `heart_rate`, `HR (bpm)`, …) and a time column: seconds (`t_s`, `time`, `seconds`) or ISO 8601
 *   date-times (`time`, `timestamp`, `date`, …).
 *
 * The samples replay as a heart-rate-only partner (beats with `rrMs` null and `hrBpm` set), as a
 * strap that sends no RR does: heart rate is shown and judged, HRV and breathing are not.
 * Pure: lines in, arrays out; every problem goes through the reader's `fail` (an `RrFileError`).
 */

/** Heart-rate samples read from a file. */
export interface HrSamples {
  /** Heart rate of each sample, bpm. */
  readonly hrBpm: number[];
  /** Time of each sample, seconds from the file's start (E4) or its first sample (tables). */
  readonly tSec: number[];
  /** True at a sample when samples are missing just before it (a jump in time, or empty readings). */
  readonly afterGap: boolean[];
  readonly warnings: string[];
}

/** A line of the file with content: its 1-based number and its trimmed text. */
export interface ContentLine {
  readonly n: number;
  readonly text: string;
}

type Fail = (reason: string, expected: string, line?: number) => never;

/** Normalised header names of a heart-rate column in bpm (`HR (bpm)` → `hrbpm`). */
const HR_NAMES = new Set(['hr', 'bpm', 'heartrate', 'heartratebpm', 'hrbpm', 'pulse', 'pulsebpm', 'pulserate']);
/** Normalised names of a time column in seconds. */
const SECONDS_NAMES = new Set(['ts', 'tsec', 't', 'time', 'times', 'timesec', 'seconds', 'elapseds', 'elapsedsec']);
/** Normalised names of a column that may hold ISO 8601 date-times. */
const DATE_TIME_NAMES = new Set(['time', 'timestamp', 'date', 'datetime', 'dateandtime', 'isotime', 'utc', 'localtime']);

/** Outside this a heart rate is kept but warned about, bpm. */
const PLAUSIBLE_BPM = { min: 25, max: 240 } as const;
/** A step in time beyond the usual sample spacing by more than this is a gap, seconds. */
const GAP_SLACK_SEC = 1;
/** The first line of an E4 file is a Unix time at or after this (1973): no RR file starts so. */
const MIN_UNIX_SEC = 1e8;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** ISO 8601 date-time, with `T` or a space, optional seconds, fraction and zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const HR_EXPECTED =
  'an Empatica E4 HR.csv (start time, sample rate, one bpm per line) or a table with a heart-rate column (hr, bpm, heart_rate, HR (bpm)) and a time column (t_s in seconds, or ISO date-times)';

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * True when the lines look like an Empatica E4 single-channel file (`HR.csv`, but also `EDA.csv`,
 * `TEMP.csv`, `BVP.csv`): a Unix start time alone on the first line, a sample rate alone on the
 * second. A list of RR intervals never starts with a value of 10⁸ ms.
 */
export function isE4SingleChannel(content: readonly ContentLine[]): boolean {
  const [start, rate] = content;
  return (
    content.length >= 2 &&
    NUMBER.test(start.text) &&
    Number(start.text) >= MIN_UNIX_SEC &&
    NUMBER.test(rate.text) &&
    Number(rate.text) > 0 &&
    Number(rate.text) <= 1000
  );
}

/**
 * Reads an Empatica E4 `HR.csv` (see {@link isE4SingleChannel}): sample k at k / rate seconds from
 * the file's start. The other single-channel E4 files are refused by their rate (HR.csv has 1 Hz).
 */
export function parseE4Hr(content: readonly ContentLine[], fail: Fail): HrSamples {
  const startUnixSec = Number(content[0].text);
  const rateHz = Number(content[1].text);
  if (rateHz > 1) {
    fail(
      `an Empatica E4 file sampled at ${rateHz} Hz, not its heart rate (HR.csv has one value a second; EDA.csv, TEMP.csv and BVP.csv hold other signals)`,
      `${HR_EXPECTED}, or the E4's IBI.csv`,
      content[1].n,
    );
  }
  const samples = collect(
    content.slice(2).map((line, k) => ({ line: line.n, tSec: k / rateHz, raw: line.text })),
    1 / rateHz,
    'a heart rate in bpm (Empatica E4 HR.csv)',
    fail,
  );
  const started = startUnixSec < 1e11 ? `recording started ${new Date(startUnixSec * 1000).toISOString()}, ` : '';
  samples.warnings.unshift(`read as an Empatica E4 HR.csv (${started}${rateHz} Hz): heart rate only, no HRV or breathing`);
  return samples;
}

/** Index of the heart-rate column among header fields, or −1. */
export function heartRateColumn(headFields: readonly string[]): number {
  return headFields.findIndex((f) => HR_NAMES.has(normalise(f)));
}

/**
 * Reads a table with a heart-rate column (see {@link heartRateColumn}) and a time column in
 * seconds or ISO date-times (ISO times count from the first row). Rows with an empty heart rate
 * (or 0, as some watches write when they lost the pulse) are skipped, and the next sample marks a gap.
 */
export function parseHrTable(
  rows: readonly ContentLine[],
  sep: string,
  headFields: readonly string[],
  hrColumn: number,
  fail: Fail,
  headLine: number,
): HrSamples {
  const names = headFields.map(normalise);
  let timeColumn = names.findIndex((n, i) => i !== hrColumn && SECONDS_NAMES.has(n));
  if (timeColumn < 0) timeColumn = names.findIndex((n, i) => i !== hrColumn && DATE_TIME_NAMES.has(n));
  if (timeColumn < 0) {
    fail(
      `a heart-rate column (${headFields[hrColumn]}) but no time column: got ${headFields.map((f) => `"${clip(f)}"`).join(', ')}`,
      'a time column beside the heart rate: t_s (seconds) or ISO date-times (time, timestamp)',
      headLine,
    );
  }
  let originMs: number | null = null;
  const timeOf = (raw: string, line: number): number => {
    if (NUMBER.test(raw)) return Number(raw);
    if (ISO_DATE_TIME.test(raw)) {
      const ms = Date.parse(raw.replace(' ', 'T'));
      if (Number.isFinite(ms)) {
        originMs ??= ms;
        return (ms - originMs) / 1000;
      }
    }
    return fail(
      `expected a time in column ${headFields[timeColumn]}, got "${clip(raw)}"`,
      'seconds (t_s) or an ISO 8601 date-time (2026-03-15T21:04:05Z)',
      line,
    );
  };
  const read = rows.map((row) => {
    const fields = row.text.split(sep).map((f) => f.trim());
    if (fields.length !== headFields.length) {
      fail(
        `${fields.length} value${fields.length === 1 ? '' : 's'} instead of ${headFields.length}`,
        `${headFields.length} values separated by ${sep === '\t' ? 'tab' : `"${sep}"`}, like the header`,
        row.n,
      );
    }
    return { line: row.n, tSec: timeOf(fields[timeColumn], row.n), raw: fields[hrColumn] };
  });
  const steps = read.slice(1).map((r, i) => r.tSec - read[i].tSec);
  const sorted = steps.filter((s) => s > 0).sort((x, y) => x - y);
  const stepSec = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)] : 1;
  return collect(read, stepSec, `a heart rate in bpm in column ${headFields[hrColumn]}`, fail);
}

/** Checks the samples: numbers, times increasing; empty readings skipped; gaps and implausible rates noted. */
function collect(read: readonly { line: number; tSec: number; raw: string }[], stepSec: number, what: string, fail: Fail): HrSamples {
  const samples: HrSamples = { hrBpm: [], tSec: [], afterGap: [], warnings: [] };
  let skipped = 0;
  let gapPending = false;
  let implausible = 0;
  for (const { line, tSec, raw } of read) {
    const previous = samples.tSec.at(-1);
    if (previous !== undefined && !(tSec > previous)) {
      fail(`time ${tSec} s does not come after ${previous} s`, 'sample times increasing line by line', line);
    }
    if (raw === '' || (NUMBER.test(raw) && Number(raw) === 0)) {
      skipped += 1;
      gapPending = true;
      continue;
    }
    if (!NUMBER.test(raw) || !(Number(raw) > 0)) {
      const decimalComma = /^[+-]?\d+,\d+$/.test(raw) ? ' (decimal comma? use a point)' : '';
      fail(`expected ${what}, got "${clip(raw)}"${decimalComma}`, what, line);
    }
    const bpm = Number(raw);
    if (bpm < PLAUSIBLE_BPM.min || bpm > PLAUSIBLE_BPM.max) implausible += 1;
    samples.afterGap.push(previous !== undefined && (gapPending || tSec - previous > stepSec + GAP_SLACK_SEC));
    gapPending = false;
    samples.hrBpm.push(bpm);
    samples.tSec.push(tSec);
  }
  if (skipped > 0) samples.warnings.push(`${skipped} empty heart-rate reading${skipped === 1 ? '' : 's'} skipped (gaps)`);
  if (implausible > 0) {
    samples.warnings.push(
      `${implausible} heart rate${implausible === 1 ? '' : 's'} outside ${PLAUSIBLE_BPM.min}–${PLAUSIBLE_BPM.max} bpm, kept as read`,
    );
  }
  return samples;
}

/**
 * Reader for RR recordings (DESIGN.md, Contracts), shared by the app's "Load a recording" and the
 * `attune` command line. Formats, detected from the content:
 * - one RR interval per line, in ms or in seconds (Kubios, Elite HRV; seconds are detected from
 *   the median and converted, with a note in `warnings`);
 * - CSV, TSV or semicolon-separated text with a header naming an RR column (`rr_ms`, `rr`,
 *   `RR-interval [ms]`, `ibi_ms`, …) and optionally a time column (`t_s`, or `since start` in ms):
 *   HRV Logger (`date,rr,since start`), Polar Sensor Logger (`Phone timestamp;RR-interval [ms]`),
 *   the app's own CSV and its two-partner CSV (`t_s,partner,rr_ms`);
 * - a table of two numbers without a header: elapsed seconds and RR in ms (Polar Flow's RR export);
 * - Empatica E4 `IBI.csv`: a first line `START_UNIX_TIME, IBI`, then `offset s, interval s` rows;
 * - heart rate without RR (`hr-file.ts`): Empatica E4 `HR.csv`, or a table with a heart-rate
 *   column and a time column; the file then has `hrBpm` and no `rrMs`;
 * - JSON: the app's export (`attune-export`), an object with RR arrays per partner, or an array;
 * - FIT files with HRV messages (message 78), through the FIT SDK (`rr-fit.ts`), from bytes only
 *   ({@link readRrFile}).
 *
 * Pure: text in, arrays out. Every problem is an {@link RrFileError} naming the line (or JSON
 * path) and what was expected. Intervals that cannot be intervals (≤ 0, not numbers) are errors;
 * physiologically implausible ones (< 250 ms or > 2500 ms) are kept, listed in `warnings`, and left
 * to artifact correction, which flags them.
 */
import { PARTNERS, type PartnerId } from '../signal/types';
import { HR_EXPECTED, heartRateColumn, isE4SingleChannel, parseE4Hr, parseHrTable, type HrSamples } from './hr-file';

/** A parse failure: where, and what was expected. */
export class RrFileError extends Error {
  override readonly name = 'RrFileError';
  /** 1-based line of the problem, when it has one. */
  readonly line: number | undefined;
  /** What the parser expected there, in words. */
  readonly expected: string;

  constructor(reason: string, expected: string, line?: number, fileName?: string) {
    const where = line === undefined ? '' : `line ${line}: `;
    super(`parse RR file${fileName ? ` ${fileName}` : ''}: ${where}${reason}`);
    this.line = line;
    this.expected = expected;
  }
}

/** A parsed recording. */
export interface RrFile {
  /** RR interval ending at each beat, ms; empty for a heart-rate-only file (see `hrBpm`). */
  readonly rrMs: number[];
  /**
   * Heart rate of each sample, bpm, for a file of heart rate without RR intervals (`hr-file.ts`);
   * absent otherwise. `tSec` and `afterGap` then index these samples.
   */
  readonly hrBpm?: number[];
  /**
   * True for a device that leaves out every beat it cannot detect (Empatica E4 `IBI.csv`), so
   * silences of several seconds are ordinary there rather than a lost connection.
   */
  readonly dropsBeats?: boolean;
  /** Time of each beat, seconds: the file's own when it has them, else the cumulative RR sum. */
  readonly tSec: number[];
  /** True when times came from the file (`t_s` column or the export's beat times). */
  readonly hasTimeColumn: boolean;
  /** True at a beat when beats are missing just before it (a jump in the file's times). */
  readonly afterGap: boolean[];
  /** Non-fatal findings (implausible intervals, which partner or session was read), one sentence each. */
  readonly warnings: string[];
  /** The partners a two-partner file holds (JSON, the app's export, the two-partner CSV); absent for one series. */
  readonly partners?: readonly PartnerId[];
}

/** RR intervals of a FIT file, or why there are none (`rr-fit.ts`). */
export type FitHrv =
  | { readonly ok: true; readonly rrMs: number[]; readonly afterGap: boolean[]; readonly warnings: string[] }
  | { readonly ok: false; readonly reason: string; readonly expected: string };

/** True when the bytes start with a FIT file header: size 12 or 14 and ".FIT" at bytes 8–11. */
export function isFitFile(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 &&
    (bytes[0] === 12 || bytes[0] === 14) &&
    bytes[8] === 0x2e &&
    bytes[9] === 0x46 &&
    bytes[10] === 0x49 &&
    bytes[11] === 0x54
  );
}

/** Options for files holding more than one series, and the FIT reader. */
export interface RrFileOptions {
  /** Which partner to read from a two-partner JSON file. Default: the only one with RR, else `a`. */
  readonly partner?: PartnerId;
  /** Which session of an app export to read. Default: the latest. */
  readonly sessionId?: string;
  /** Reads FIT files: `readFitHrv` of `rr-fit.ts`, passed in so the FIT SDK loads only where needed. */
  readonly readFit?: (bytes: Uint8Array) => FitHrv;
}

/** Physiological range outside which an interval is kept but warned about (and flagged later). */
const PLAUSIBLE_MS = { min: 250, max: 2500 } as const;
/** A jump of the file's time beyond its RR by more than this is a gap, seconds. */
const GAP_SLACK_SEC = 1;

const EXPECTED_FORMAT =
  'one RR interval per line (ms or seconds), a CSV/TSV/semicolon table with an RR column (rr_ms, rr, RR-interval [ms], …) or a heart-rate column (hr, bpm, heart_rate, HR (bpm)) with a time column, a Polar Flow RR export, an Empatica E4 IBI.csv or HR.csv, a FIT file with HRV data, or an Attune JSON export';

/** A median interval below this is taken to be in seconds, not milliseconds. */
const SECONDS_BELOW = 10;

/** Normalised header names of an RR column in ms, and in seconds. */
const RR_MS_NAMES = new Set([
  'rrms',
  'rr',
  'rrinterval',
  'rrintervalms',
  'rri',
  'rrims',
  'ibi',
  'ibims',
  'nn',
  'nnms',
  'nninterval',
  'nnintervalms',
  'interbeatinterval',
  'interbeatintervalms',
]);
const RR_SEC_NAMES = new Set(['rrs', 'rrsec', 'rrintervals', 'ibis', 'nns']);
const TIME_NAMES = new Set(['ts', 'tsec', 'time', 'times', 'timesec', 't', 'elapseds']);
/** Time columns in milliseconds: HRV Logger's `since start` (ms since the recording began). */
const TIME_MS_NAMES = new Set(['sincestart', 'sincestartms', 'tms', 'timems']);

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

interface Series {
  rrMs: number[];
  tSec: number[] | undefined;
  afterGap?: boolean[];
  warnings: string[];
  /** False when `tSec` was computed here rather than read (a FIT file's running sum). Default true. */
  timesFromFile?: boolean;
  partners?: readonly PartnerId[];
  /** Heart-rate samples of a file without RR intervals (`hr-file.ts`); `rrMs` is then empty. */
  hr?: HrSamples;
  dropsBeats?: boolean;
}

/** Byte-order marks of UTF-16 text (a spreadsheet's "Unicode text" export). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Reads an RR recording from its bytes: a FIT file (by its header) through the FIT SDK, anything
 * else as text ({@link parseRrFile}). This is what the app and the command line call.
 * @throws RrFileError as {@link parseRrFile}, and for binary files that are not FIT files
 */
export function readRrFile(bytes: Uint8Array, fileName?: string, options: RrFileOptions = {}): RrFile {
  const fail = (reason: string, expected: string, line?: number): never => {
    throw new RrFileError(reason, expected, line, fileName);
  };
  if (isFitFile(bytes)) {
    if (options.readFit === undefined) return fail('a FIT file, but this reader was not given the FIT SDK', EXPECTED_FORMAT);
    const fit = options.readFit(bytes);
    if (!fit.ok) return fail(fit.reason, fit.expected);
    let t = 0;
    const tSec = fit.rrMs.map((rr) => (t += rr / 1000));
    return finish({ rrMs: fit.rrMs, tSec, afterGap: fit.afterGap, warnings: fit.warnings, timesFromFile: false }, fail);
  }
  const probe = bytes.subarray(0, 4096);
  const utf16 = (probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff);
  if (!utf16 && probe.includes(0)) {
    fail('a binary file that is not a FIT file (no ".FIT" in its header)', EXPECTED_FORMAT);
  }
  return parseRrFile(decodeText(bytes), fileName, options);
}

/**
 * Parses an RR file (format detected from its content; `fileName` only names it in errors).
 * @throws RrFileError for empty input, unknown formats, non-numbers, non-positive intervals,
 *   intervals apparently in seconds, mixed separators and times that go backwards
 */
export function parseRrFile(text: string, fileName?: string, options: RrFileOptions = {}): RrFile {
  const fail = (reason: string, expected: string, line?: number): never => {
    throw new RrFileError(reason, expected, line, fileName);
  };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail('the file is empty', EXPECTED_FORMAT);
  const first = body.trimStart()[0];
  const series = first === '{' || first === '[' ? parseJson(body, fail, options) : parseText(body, fail, options);
  return finish(series, fail);
}

type Fail = (reason: string, expected: string, line?: number) => never;

function finish(series: Series, fail: Fail): RrFile {
  if (series.hr !== undefined) {
    const { hrBpm, tSec, afterGap, warnings } = series.hr;
    if (hrBpm.length === 0) fail('no heart rate found', HR_EXPECTED);
    return { rrMs: [], hrBpm, tSec, hasTimeColumn: true, afterGap, warnings };
  }
  if (series.rrMs.length === 0) fail('no RR intervals found', EXPECTED_FORMAT);
  const warnings = [...series.warnings];
  const partners = {
    ...(series.partners === undefined ? {} : { partners: series.partners }),
    ...(series.dropsBeats === true ? { dropsBeats: true } : {}),
  };
  const sorted = Float64Array.from(series.rrMs).sort();
  const medianRr = sorted[Math.floor(sorted.length / 2)];
  let rrMs = series.rrMs;
  if (medianRr < SECONDS_BELOW) {
    // Kubios and Elite HRV write seconds (0.829); no heart beats 10 ms apart, so these are seconds.
    rrMs = rrMs.map(secondsToMs);
    warnings.push(`the intervals are in seconds (median ${medianRr} s): read as seconds and converted to milliseconds`);
  }
  const unusable = rrMs.findIndex((rr) => !(rr > 0 && Number.isFinite(rr)));
  if (unusable >= 0) {
    fail(
      `beat ${unusable + 1}: ${series.rrMs[unusable]} is not a usable interval once in milliseconds`,
      'RR intervals between 1 ms and a few seconds',
    );
  }
  const implausible = rrMs.flatMap((rr, i) => (rr < PLAUSIBLE_MS.min || rr > PLAUSIBLE_MS.max ? [i] : []));
  if (implausible.length > 0) {
    const shown = implausible
      .slice(0, 5)
      .map((i) => `beat ${i + 1} (${rrMs[i]} ms)`)
      .join(', ');
    warnings.push(
      `${implausible.length} interval${implausible.length === 1 ? '' : 's'} outside ${PLAUSIBLE_MS.min}–${PLAUSIBLE_MS.max} ms, treated as artifacts: ${shown}${implausible.length > 5 ? ', …' : ''}`,
    );
  }
  if (series.tSec === undefined) {
    let t = 0;
    return { rrMs, tSec: rrMs.map((rr) => (t += rr / 1000)), hasTimeColumn: false, afterGap: rrMs.map(() => false), warnings, ...partners };
  }
  const tSec = series.tSec;
  const afterGap = series.afterGap ?? tSec.map((t, i) => i > 0 && t - tSec[i - 1] - rrMs[i] / 1000 > GAP_SLACK_SEC);
  return { rrMs, tSec, hasTimeColumn: series.timesFromFile ?? true, afterGap, warnings, ...partners };
}

/** Seconds to milliseconds without binary noise (0.829 s → 829 ms, not 828.9999999999999). */
const secondsToMs = (sec: number) => {
  const rounded = Math.round(sec * 1e9) / 1e6;
  return rounded > 0 ? rounded : sec * 1000;
};

function parseText(body: string, fail: Fail, options: RrFileOptions): Series {
  const lines = body.split(/\r\n|\r|\n/);
  const content = lines.map((raw, i) => ({ n: i + 1, text: raw.trim() })).filter((l) => l.text !== '' && !l.text.startsWith('#'));
  const head = content[0];
  if (head === undefined) return fail('no RR intervals found, only comments', EXPECTED_FORMAT);
  const separators = ([',', '\t', ';'] as const).filter((s) => head.text.includes(s));
  if (separators.length > 1) {
    fail(`mixed separators (${separators.map(show).join(' and ')})`, 'one separator throughout: comma, tab or semicolon', head.n);
  }
  const sep = separators[0];
  const headFields = sep === undefined ? [head.text] : head.text.split(sep).map((f) => f.trim());
  const isHeader = headFields.some((f) => !NUMBER.test(f));
  if (!isHeader) {
    if (sep === undefined) {
      if (isE4SingleChannel(content)) return { rrMs: [], tSec: undefined, warnings: [], hr: parseE4Hr(content, fail) };
      return { rrMs: content.map((l) => numberAt(l.text, l.n, 'an RR interval in ms', fail, sep)), tSec: undefined, warnings: [] };
    }
    if (headFields.length !== 2) {
      fail(
        `a table of ${headFields.length} columns without a header (${show(sep)}-separated numbers)`,
        'a header line naming the RR column, e.g. t_s,rr_ms, or two columns: elapsed seconds and RR in ms (Polar Flow)',
        head.n,
      );
    }
    return parseTable(content, sep, 1, 1, 0, 1, fail, 'elapsed seconds then an RR interval in ms (Polar Flow RR export)');
  }
  if (sep !== undefined && headFields.length === 2 && NUMBER.test(headFields[0]) && normalise(headFields[1]) === 'ibi') {
    return parseE4(content, sep, Number(headFields[0]), fail);
  }
  const names = headFields.map(normalise);
  let rrColumn = names.findIndex((n) => RR_MS_NAMES.has(n));
  let scale = 1;
  if (rrColumn < 0) {
    rrColumn = names.findIndex((n) => RR_SEC_NAMES.has(n));
    scale = 1000;
  }
  const hrColumn = rrColumn < 0 && sep !== undefined ? heartRateColumn(headFields) : -1;
  if (hrColumn >= 0) {
    return { rrMs: [], tSec: undefined, warnings: [], hr: parseHrTable(content.slice(1), sep!, headFields, hrColumn, fail, head.n) };
  }
  if (rrColumn < 0) {
    const got = headFields.length === 1 ? `"${clip(head.text)}"` : `columns ${headFields.map((f) => `"${clip(f)}"`).join(', ')}`;
    fail(
      `no RR column: got ${got}`,
      'an RR interval in ms, or a header naming an RR column (rr_ms, rr, RR-interval [ms], ibi_ms, …) or a heart-rate column (hr, bpm, heart_rate) with a time column',
      head.n,
    );
  }
  let timeColumn = names.findIndex((n) => TIME_NAMES.has(n));
  let timePerSec = 1;
  if (timeColumn < 0) {
    timeColumn = names.findIndex((n) => TIME_MS_NAMES.has(n));
    timePerSec = 1000;
  }
  const partnerColumn = names.indexOf('partner');
  const rows = content.slice(1);
  let keep: (fields: string[], line: number) => boolean = () => true;
  const warnings: string[] = [];
  let holding: PartnerId[] = [];
  if (partnerColumn >= 0 && rows.length > 0) {
    // The two-partner CSV: one beat per line, each naming its partner.
    const partnerOf = (fields: string[], line: number): PartnerId => {
      const value = fields[partnerColumn].toLowerCase();
      return value === 'a' || value === 'b' ? value : fail(`expected partner a or b, got "${clip(fields[partnerColumn])}"`, 'a or b', line);
    };
    const present = new Set(rows.map((l) => partnerOf(splitLine(l.text, sep, headFields.length, l.n, fail), l.n)));
    const available = PARTNERS.filter((p) => present.has(p));
    holding = available;
    const partner = options.partner ?? (available.length === 1 ? available[0] : 'a');
    if (!present.has(partner))
      fail(`no partner "${partner}" in the file (it has ${available.join(', ')})`, 'a partner present in the file');
    if (available.length > 1 && options.partner === undefined)
      warnings.push(`the file holds partners ${available.join(' and ')}; read partner ${partner}`);
    keep = (fields, line) => partnerOf(fields, line) === partner;
  }
  const series = parseTable(rows, sep, rrColumn, scale, timeColumn, timePerSec, fail, undefined, headFields, keep);
  series.warnings.push(...warnings);
  if (partnerColumn >= 0) series.partners = holding;
  return series;
}

/**
 * Rows of a table: the RR interval in column `rrColumn` (in ms, or in seconds when `rrScale` is
 * 1000) and, when `timeColumn` ≥ 0, the beat time in that column (`timePerSec` units a second). `headerless`
 * describes the rows when the table has no header (their count of columns is then the first row's).
 */
function parseTable(
  rows: readonly { n: number; text: string }[],
  sep: string | undefined,
  rrColumn: number,
  rrScale: number,
  timeColumn: number,
  timePerSec: number,
  fail: Fail,
  headerless?: string,
  headFields?: readonly string[],
  keep: (fields: string[], line: number) => boolean = () => true,
): Series {
  const count = headFields?.length ?? 2;
  const rrWhat = headerless ? 'an RR interval in ms in the second column' : `an RR interval in column ${headFields?.[rrColumn] ?? ''}`;
  const timeWhat = headerless ? 'elapsed seconds in the first column' : `a time in column ${headFields?.[timeColumn] ?? ''}`;
  const rrMs: number[] = [];
  const tSec: number[] = [];
  for (const line of rows) {
    const fields = splitLine(line.text, sep, count, line.n, fail, headerless);
    if (!keep(fields, line.n)) continue;
    const rr = numberAt(fields[rrColumn], line.n, rrWhat, fail);
    rrMs.push(rrScale === 1000 ? secondsToMs(rr) : rr);
    if (timeColumn >= 0) {
      const t = numberAt(fields[timeColumn], line.n, timeWhat, fail, undefined, true) / timePerSec;
      if (tSec.length > 0 && !(t > tSec[tSec.length - 1])) {
        fail(`time ${t} s does not come after ${tSec[tSec.length - 1]} s`, headerless ?? 'beat times increasing line by line', line.n);
      }
      tSec.push(t);
    }
  }
  return { rrMs, tSec: timeColumn >= 0 ? tSec : undefined, warnings: [] };
}

/**
 * Empatica E4 `IBI.csv`: the first line holds the session's start (Unix seconds, UTC) and `IBI`;
 * each row the beat's time since that start and the interval, both in seconds. The E4 leaves out
 * beats it could not detect cleanly, so jumps in time are gaps.
 */
function parseE4(content: readonly { n: number; text: string }[], sep: string, startUnixSec: number, fail: Fail): Series {
  const series = parseTable(
    content.slice(1),
    sep,
    1,
    1000,
    0,
    1,
    fail,
    'the time since the start and the interval, both in seconds (Empatica E4 IBI.csv)',
  );
  const started = startUnixSec > 0 && startUnixSec < 1e11 ? ` (recording started ${new Date(startUnixSec * 1000).toISOString()})` : '';
  series.warnings.push(`read as an Empatica E4 IBI.csv${started}; beats the wristband could not detect are gaps`);
  series.dropsBeats = true;
  return series;
}

function splitLine(text: string, sep: string | undefined, count: number, line: number, fail: Fail, headerless?: string): string[] {
  if (sep === undefined) {
    const other = [',', '\t', ';'].find((s) => text.includes(s));
    if (other !== undefined) fail(`found ${show(other)} but the header has a single column`, 'one value per line, like the header', line);
    return [text];
  }
  const others = [',', '\t', ';'].filter((s) => s !== sep && text.includes(s));
  const fields = text.split(sep).map((f) => f.trim());
  if (fields.length !== count) {
    const hint = others.length > 0 ? ` (found ${others.map(show).join(' and ')}: mixed separators?)` : '';
    fail(
      `${fields.length} value${fields.length === 1 ? '' : 's'} instead of ${count}${hint}`,
      headerless
        ? `${count} values separated by ${show(sep)}: ${headerless}`
        : `${count} values separated by ${show(sep)}, like the header`,
      line,
    );
  }
  return fields;
}

function numberAt(raw: string, line: number, what: string, fail: Fail, sep?: string, allowZero = false): number {
  if (!NUMBER.test(raw)) {
    const decimalComma = /^[+-]?\d+,\d+$/.test(raw) ? ' (decimal comma? use a point)' : '';
    const mixed = sep === undefined && /[,;\t]/.test(raw) && decimalComma === '' ? ' (mixed separators?)' : '';
    fail(`expected ${what}, got "${clip(raw)}"${decimalComma}${mixed}`, what, line);
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || (allowZero ? value < 0 : value <= 0)) {
    fail(`expected ${what} ${allowZero ? '≥ 0' : '> 0'}, got ${raw}`, what, line);
  }
  return value;
}

const show = (sep: string) => (sep === '\t' ? 'tab' : `"${sep}"`);
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

// ---- JSON ----

type Json = unknown;

function parseJson(body: string, fail: Fail, options: RrFileOptions): Series {
  let data: Json;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const line = position ? body.slice(0, Number(position[1])).split('\n').length : undefined;
    return fail(`not valid JSON (${reason})`, 'JSON text (or one RR interval per line)', line);
  }
  if (Array.isArray(data)) return seriesFromArray(data, '$', fail);
  if (!isObject(data)) return fail('the JSON is neither an object nor an array', EXPECTED_FORMAT);
  if (data.format === 'attune-export') return seriesFromExport(data, fail, options);
  if ('rrMs' in data) return seriesFromObject(data, '$', fail);
  const partners = isObject(data.partners) ? data.partners : data;
  const available = PARTNERS.filter((p) => isObject(partners[p]));
  if (available.length === 0) {
    return fail('no RR data found', 'an object with rrMs (and optionally tSec) arrays, per partner under "a" and "b", or an Attune export');
  }
  const withRr = available.filter((p) => hasRr((partners[p] as Record<string, Json>).rrMs));
  const partner = options.partner ?? (withRr.length === 1 ? withRr[0] : 'a');
  if (!isObject(partners[partner]))
    return fail(`no partner "${partner}" in the file (it has ${available.join(', ')})`, 'a partner present in the file');
  const series = seriesFromObject(partners[partner] as Record<string, Json>, `$.${partner}`, fail);
  series.partners = withRr;
  if (available.length > 1 && options.partner === undefined)
    series.warnings.push(`the file holds partners ${available.join(' and ')}; read partner ${partner}`);
  return series;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasRr(value: Json): boolean {
  return Array.isArray(value) && value.some((v) => typeof v === 'number');
}

function checkedNumber(value: Json, path: string, what: string, fail: Fail, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (allowZero ? value < 0 : value <= 0)) {
    return fail(`${path}: expected ${what} ${allowZero ? '≥ 0' : '> 0'}, got ${JSON.stringify(value) ?? String(value)}`, what);
  }
  return value;
}

function seriesFromArray(items: Json[], path: string, fail: Fail): Series {
  if (items.every((v) => typeof v === 'number' || v === null)) {
    return {
      rrMs: items.flatMap((v, i) => (v === null ? [] : [checkedNumber(v, `${path}[${i}]`, 'an RR interval in ms', fail)])),
      tSec: undefined,
      warnings: [],
    };
  }
  return seriesFromBeats(items, path, fail);
}

/** Beat records `{ tSec, rrMs, afterGap? }`; heart-rate-only samples (rrMs null) are skipped. */
function seriesFromBeats(items: Json[], path: string, fail: Fail): Series {
  const rrMs: number[] = [];
  const tSec: number[] = [];
  const afterGap: boolean[] = [];
  let gapPending = false;
  items.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) fail(`${at}: expected a beat object { tSec, rrMs } or a number, got ${JSON.stringify(item)}`, 'a beat record');
    const beat = item as Record<string, Json>;
    if (beat.rrMs === null) {
      gapPending = true;
      return;
    }
    const rr = checkedNumber(beat.rrMs, `${at}.rrMs`, 'an RR interval in ms', fail);
    const t = checkedNumber(beat.tSec, `${at}.tSec`, 'a beat time in seconds', fail, true);
    if (tSec.length > 0 && !(t > tSec[tSec.length - 1]))
      fail(`${at}.tSec: time ${t} s does not come after ${tSec[tSec.length - 1]} s`, 'beat times increasing');
    if (beat.afterGap !== undefined && typeof beat.afterGap !== 'boolean')
      fail(`${at}.afterGap: expected true or false, got ${JSON.stringify(beat.afterGap)}`, 'a boolean');
    afterGap.push(tSec.length > 0 && (beat.afterGap === true || gapPending));
    gapPending = false;
    rrMs.push(rr);
    tSec.push(t);
  });
  return { rrMs, tSec, afterGap, warnings: [] };
}

function seriesFromObject(obj: Record<string, Json>, path: string, fail: Fail): Series {
  if (Array.isArray(obj.beats)) return seriesFromBeats(obj.beats, `${path}.beats`, fail);
  if (!Array.isArray(obj.rrMs))
    return fail(`${path}.rrMs: expected an array of RR intervals in ms, got ${JSON.stringify(obj.rrMs) ?? 'nothing'}`, 'an rrMs array');
  const rrMs = obj.rrMs.map((v, i) => checkedNumber(v, `${path}.rrMs[${i}]`, 'an RR interval in ms', fail));
  if (obj.tSec === undefined || obj.tSec === null) return { rrMs, tSec: undefined, warnings: [] };
  if (!Array.isArray(obj.tSec) || obj.tSec.length !== rrMs.length) {
    return fail(`${path}.tSec: expected an array as long as rrMs (${rrMs.length})`, 'one time per RR interval');
  }
  const tSec = obj.tSec.map((v, i) => checkedNumber(v, `${path}.tSec[${i}]`, 'a beat time in seconds', fail, true));
  tSec.forEach((t, i) => {
    if (i > 0 && !(t > tSec[i - 1])) fail(`${path}.tSec[${i}]: time ${t} s does not come after ${tSec[i - 1]} s`, 'beat times increasing');
  });
  return { rrMs, tSec, warnings: [] };
}

/** The app's export: beats of one partner in one session, chunk by chunk. */
function seriesFromExport(doc: Record<string, Json>, fail: Fail, options: RrFileOptions): Series {
  const data = isObject(doc.data) ? doc.data : fail("$.data: expected the export's data object", 'an Attune export with data.beatChunks');
  const chunks = Array.isArray(data.beatChunks)
    ? data.beatChunks
    : fail('$.data.beatChunks: expected an array of beat chunks', 'an Attune export with data.beatChunks');
  const valid = chunks.map((c, i) => {
    if (
      !isObject(c) ||
      typeof c.sessionId !== 'string' ||
      (c.partner !== 'a' && c.partner !== 'b') ||
      typeof c.seq !== 'number' ||
      !Array.isArray(c.beats)
    ) {
      return fail(`$.data.beatChunks[${i}]: expected { sessionId, partner, seq, beats }`, 'beat chunks as the app exports them');
    }
    return { sessionId: c.sessionId, partner: c.partner as PartnerId, seq: c.seq, beats: c.beats as Json[], index: i };
  });
  if (valid.length === 0) fail('the export holds no recorded beats', 'an export of a session with a heart-rate strap');
  const sessions = [...new Set(valid.map((c) => c.sessionId))];
  const startedAt = (id: string): string => {
    const s = Array.isArray(data.sessions) ? data.sessions.find((x) => isObject(x) && x.id === id) : undefined;
    return isObject(s) && typeof s.startedAt === 'string' ? s.startedAt : '';
  };
  const sessionId =
    options.sessionId ??
    ([...sessions].sort((x, y) => startedAt(x).localeCompare(startedAt(y)) || sessions.indexOf(x) - sessions.indexOf(y)).at(-1) as string);
  if (!sessions.includes(sessionId))
    fail(`no session "${sessionId}" in the export (it has ${sessions.join(', ')})`, 'a session id present in the export');
  const inSession = valid.filter((c) => c.sessionId === sessionId);
  const partners = [...new Set(inSession.map((c) => c.partner))].sort();
  const withRr = partners.filter((p) =>
    inSession.some((c) => c.partner === p && c.beats.some((b) => isObject(b) && typeof b.rrMs === 'number')),
  );
  const partner = options.partner ?? (withRr.length === 1 ? withRr[0] : 'a');
  const mine = inSession.filter((c) => c.partner === partner).sort((x, y) => x.seq - y.seq);
  if (mine.length === 0) fail(`no beats of partner ${partner} in session ${sessionId}`, 'a partner recorded in the session');
  const beats = mine.flatMap((c) => c.beats.map((b, k) => ({ b, path: `$.data.beatChunks[${c.index}].beats[${k}]` })));
  const series: Series = { rrMs: [], tSec: [], afterGap: [], warnings: [] };
  const parsed = seriesFromBeats(
    beats.map((x) => x.b),
    '$.beats',
    (reason, expected, line) => {
      // Re-address the error to the export's own path.
      const m = /^\$\.beats\[(\d+)\](.*)$/.exec(reason);
      return fail(m ? `${beats[Number(m[1])].path}${m[2]}` : reason, expected, line);
    },
  );
  Object.assign(series, parsed);
  series.partners = withRr;
  if (sessions.length > 1 && options.sessionId === undefined)
    series.warnings.push(`the export holds ${sessions.length} sessions; read the latest, ${sessionId}`);
  if (partners.length > 1 && options.partner === undefined)
    series.warnings.push(`the session holds partners ${partners.join(' and ')}; read partner ${partner}`);
  if (series.rrMs.length === 0)
    fail(
      `partner ${partner} has no RR intervals in session ${sessionId} (heart rate only)`,
      'a session recorded with a strap that sends RR intervals',
    );
  return series;
}

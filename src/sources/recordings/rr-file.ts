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
 * - JSON: the app's export (`attune-export`; a partner recorded without RR intervals reads as heart
 *   rate only), an object with RR arrays per partner, or an array;
 * - FIT files with HRV messages (message 78), through the FIT SDK (`rr-fit.ts`), from bytes only
 *   ({@link readRrFile}).
 *
 * Pure: text in, arrays out. Every problem is an {@link RrFileError} naming the line (or JSON
 * path) and what was expected. Intervals that cannot be intervals (≤ 0, not numbers) are errors;
 * physiologically implausible ones (< 250 ms or > 2500 ms) are kept, listed in `warnings`, and left
 * to artifact correction, which flags them.
 */
import type { PartnerId } from '../../signal/types';
import { HR_EXPECTED } from './hr-file';
import { parseJson } from './rr-json';
import { EXPECTED_FORMAT, secondsToMs, type Fail, type Series } from './rr-series';
import { parseText } from './rr-text';

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
  /** Which partner to read from a two-partner JSON file. Default: the only one with RR, else the only one (an export of one partner), else `a`. */
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

/** A median interval below this is taken to be in seconds, not milliseconds. */
const SECONDS_BELOW = 10;

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

function finish(series: Series, fail: Fail): RrFile {
  const partners = {
    ...(series.partners === undefined ? {} : { partners: series.partners }),
    ...(series.dropsBeats === true ? { dropsBeats: true } : {}),
  };
  if (series.hr !== undefined) {
    const { hrBpm, tSec, afterGap } = series.hr;
    if (hrBpm.length === 0) fail('no heart rate found', HR_EXPECTED);
    // The reader's own notes (which session or partner of an export was read) come first.
    return { rrMs: [], hrBpm, tSec, hasTimeColumn: true, afterGap, warnings: [...series.warnings, ...series.hr.warnings], ...partners };
  }
  if (series.rrMs.length === 0) fail('no RR intervals found', EXPECTED_FORMAT);
  const warnings = [...series.warnings];
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

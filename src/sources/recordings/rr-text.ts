/**
 * The text readers of `rr-file.ts`: one RR interval per line, CSV/TSV/semicolon tables with an RR
 * column (and the two-partner CSV), Polar Flow's headerless RR export and Empatica E4 `IBI.csv`;
 * heart-rate-only tables and E4 `HR.csv` are handed on to `hr-file.ts`. Each problem goes through
 * `fail`, naming the line and what was expected.
 */
import { PARTNERS, type PartnerId } from '../../signal/types';
import { heartRateColumn, isE4SingleChannel, parseE4Hr, parseHrTable } from './hr-file';
import type { RrFileOptions } from './rr-file';
import { EXPECTED_FORMAT, secondsToMs, type Fail, type Series } from './rr-series';

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

/** Reads a recording given as text (not JSON): the format is told by its first line of content. */
export function parseText(body: string, fail: Fail, options: RrFileOptions): Series {
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

/**
 * Parser for RR recordings (DESIGN.md, Contracts): one RR interval in ms per line; CSV, TSV or
 * semicolon-separated text with a header naming an RR column (`rr_ms`, `rr`, `RR-interval [ms]`,
 * `ibi_ms`, …) and optionally a time column (`t_s`); or JSON — the app's export
 * (`attune-export`), an object with RR arrays per partner, or a plain array.
 *
 * Pure: text in, arrays out. Every problem is an {@link RrFileError} naming the line (or JSON
 * path) and what was expected. Intervals that cannot be intervals (≤ 0, not numbers) are errors;
 * physiologically implausible ones (< 250 ms or > 2500 ms) are kept, listed in `warnings`, and left
 * to artifact correction, which flags them.
 */
import { PARTNERS, type PartnerId } from '../signal/types';

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
  /** RR interval ending at each beat, ms. */
  readonly rrMs: number[];
  /** Time of each beat, seconds: the file's own when it has them, else the cumulative RR sum. */
  readonly tSec: number[];
  /** True when times came from the file (`t_s` column or the export's beat times). */
  readonly hasTimeColumn: boolean;
  /** True at a beat when beats are missing just before it (a jump in the file's times). */
  readonly afterGap: boolean[];
  /** Non-fatal findings (implausible intervals, which partner or session was read), one sentence each. */
  readonly warnings: string[];
}

/** Options for files holding more than one series. */
export interface RrFileOptions {
  /** Which partner to read from a two-partner JSON file. Default: the only one with RR, else `a`. */
  readonly partner?: PartnerId;
  /** Which session of an app export to read. Default: the latest. */
  readonly sessionId?: string;
}

/** Physiological range outside which an interval is kept but warned about (and flagged later). */
const PLAUSIBLE_MS = { min: 250, max: 2500 } as const;
/** A jump of the file's time beyond its RR by more than this is a gap, seconds. */
const GAP_SLACK_SEC = 1;

const EXPECTED_FORMAT =
  'one RR interval in ms per line, a CSV/TSV/semicolon table with an RR column (rr_ms, rr, RR-interval [ms], …), or an Attune JSON export';

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
const TIME_NAMES = new Set(['ts', 'tsec', 'time', 'times', 'timesec', 't']);

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

interface Series {
  rrMs: number[];
  tSec: number[] | undefined;
  afterGap?: boolean[];
  warnings: string[];
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
  const series = first === '{' || first === '[' ? parseJson(body, fail, options) : parseText(body, fail);
  return finish(series, fail);
}

type Fail = (reason: string, expected: string, line?: number) => never;

function finish(series: Series, fail: Fail): RrFile {
  const { rrMs } = series;
  if (rrMs.length === 0) fail('no RR intervals found', EXPECTED_FORMAT);
  const sorted = [...rrMs].sort((a, b) => a - b);
  const medianRr = sorted[Math.floor(sorted.length / 2)];
  if (medianRr < 10) {
    fail(
      `the intervals look like seconds (median ${medianRr}), not milliseconds`,
      'RR intervals in milliseconds (e.g. 850), or a column named rr_s',
    );
  }
  const warnings = [...series.warnings];
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
    return { rrMs, tSec: rrMs.map((rr) => (t += rr / 1000)), hasTimeColumn: false, afterGap: rrMs.map(() => false), warnings };
  }
  const tSec = series.tSec;
  const afterGap = series.afterGap ?? tSec.map((t, i) => i > 0 && t - tSec[i - 1] - rrMs[i] / 1000 > GAP_SLACK_SEC);
  return { rrMs, tSec, hasTimeColumn: true, afterGap, warnings };
}

function parseText(body: string, fail: Fail): Series {
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
    if (sep !== undefined) {
      fail(`a table without a header (${show(sep)}-separated numbers)`, 'a header line naming the RR column, e.g. t_s,rr_ms', head.n);
    }
    return { rrMs: content.map((l) => numberAt(l.text, l.n, 'an RR interval in ms', fail, sep)), tSec: undefined, warnings: [] };
  }
  const names = headFields.map(normalise);
  let rrColumn = names.findIndex((n) => RR_MS_NAMES.has(n));
  let scale = 1;
  if (rrColumn < 0) {
    rrColumn = names.findIndex((n) => RR_SEC_NAMES.has(n));
    scale = 1000;
  }
  if (rrColumn < 0) {
    const got = headFields.length === 1 ? `"${clip(head.text)}"` : `columns ${headFields.map((f) => `"${clip(f)}"`).join(', ')}`;
    fail(
      `no RR column: got ${got}`,
      'an RR interval in ms, or a header naming an RR column (rr_ms, rr, RR-interval [ms], ibi_ms, …)',
      head.n,
    );
  }
  const timeColumn = names.findIndex((n) => TIME_NAMES.has(n));
  const rrName = headFields[rrColumn];
  const rrMs: number[] = [];
  const tSec: number[] = [];
  for (const line of content.slice(1)) {
    const fields = splitLine(line.text, sep, headFields.length, line.n, fail);
    rrMs.push(scale * numberAt(fields[rrColumn], line.n, `an RR interval in column ${rrName}`, fail));
    if (timeColumn >= 0) {
      const t = numberAt(fields[timeColumn], line.n, `a time in seconds in column ${headFields[timeColumn]}`, fail, undefined, true);
      if (tSec.length > 0 && !(t > tSec[tSec.length - 1])) {
        fail(`time ${t} s does not come after ${tSec[tSec.length - 1]} s`, 'beat times increasing line by line', line.n);
      }
      tSec.push(t);
    }
  }
  return { rrMs, tSec: timeColumn >= 0 ? tSec : undefined, warnings: [] };
}

function splitLine(text: string, sep: string | undefined, count: number, line: number, fail: Fail): string[] {
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
      `${count} values separated by ${show(sep)}, like the header`,
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

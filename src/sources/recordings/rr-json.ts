/**
 * The JSON readers of `rr-file.ts`: an array of RR intervals or beat records, an object with RR
 * arrays (per partner under `a` and `b`), and the app's own export (`attune-export`), one partner of
 * one session (as heart rate only when that partner was recorded without RR intervals). Each problem
 * goes through `fail`, naming the JSON path and what was expected.
 */
import { PARTNERS, type PartnerId } from '../../signal/types';
import type { RrFileOptions } from './rr-file';
import type { HrSamples } from './hr-file';
import { EXPECTED_FORMAT, type Fail, type Series } from './rr-series';

type Json = unknown;
/** Reads a recording given as JSON text. */
export function parseJson(body: string, fail: Fail, options: RrFileOptions): Series {
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

/**
 * Heart-rate samples from an export's beats of a heart-rate-only partner (`{ tSec, rrMs: null, hrBpm,
 * afterGap }`), checked as strictly as RR beats: heart rate > 0, times ≥ 0 and increasing.
 */
function hrSamplesFromBeats(beats: readonly { b: Json; path: string }[], fail: Fail): HrSamples {
  const samples: HrSamples = { hrBpm: [], tSec: [], afterGap: [], warnings: [] };
  for (const { b, path } of beats) {
    const beat = b as Record<string, Json>;
    const hrBpm = checkedNumber(beat.hrBpm, `${path}.hrBpm`, 'a heart rate in bpm', fail);
    const tSec = checkedNumber(beat.tSec, `${path}.tSec`, 'a beat time in seconds', fail, true);
    const previous = samples.tSec.at(-1);
    if (previous !== undefined && !(tSec > previous))
      fail(`${path}.tSec: time ${tSec} s does not come after ${previous} s`, 'beat times increasing');
    if (beat.afterGap !== undefined && typeof beat.afterGap !== 'boolean')
      fail(`${path}.afterGap: expected true or false, got ${JSON.stringify(beat.afterGap)}`, 'a boolean');
    samples.hrBpm.push(hrBpm);
    samples.tSec.push(tSec);
    samples.afterGap.push(previous !== undefined && beat.afterGap === true);
  }
  return samples;
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
  // The only partner with RR, else the only partner recorded (heart rate only), else A.
  const partner = options.partner ?? (withRr.length === 1 ? withRr[0] : partners.length === 1 ? partners[0] : 'a');
  const mine = inSession.filter((c) => c.partner === partner).sort((x, y) => x.seq - y.seq);
  if (mine.length === 0) fail(`no beats of partner ${partner} in session ${sessionId}`, 'a partner recorded in the session');
  const beats = mine.flatMap((c) => c.beats.map((b, k) => ({ b, path: `$.data.beatChunks[${c.index}].beats[${k}]` })));
  const notes: string[] = [];
  if (sessions.length > 1 && options.sessionId === undefined)
    notes.push(`the export holds ${sessions.length} sessions; read the latest, ${sessionId}`);
  if (partners.length > 1 && options.partner === undefined)
    notes.push(`the session holds partners ${partners.join(' and ')}; read partner ${partner}`);
  // A partner whose strap (or recording) gave heart rate without RR: every beat has rrMs null. It
  // replays as heart rate only, as an E4 HR.csv does; a beat with a bad RR still fails below.
  if (beats.length > 0 && beats.every(({ b }) => isObject(b) && b.rrMs === null)) {
    const hr = hrSamplesFromBeats(beats, fail);
    hr.warnings.push(`partner ${partner} of session ${sessionId} was recorded as heart rate only: no HRV or breathing`);
    return { rrMs: [], tSec: undefined, warnings: notes, partners, hr };
  }
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
  series.warnings.push(...notes);
  return series;
}

/**
 * Writers for RR recordings, the other half of `rr-file.ts`: every file written here reads back
 * through {@link readRrFile} to the same intervals (round-trip tests beside this file).
 *
 * - `text`: one RR interval in ms per line, as Kubios HRV and Elite HRV read and write;
 * - `hrv-logger`: HRV Logger's RR file, `date,rr,since start` (local date and time of the beat,
 *   RR in ms, ms since the first beat);
 * - `csv`: `t_s,rr_ms`, the beat's time in seconds and its interval;
 * - `pair-csv`: both partners on the session's shared timeline, one beat per line,
 *   `t_s,partner,rr_ms`, in time order;
 * - `json`: `{ "partners": { "a": { "tSec": […], "rrMs": […] }, … } }`.
 *
 * Pure: arrays in, text out. Values keep 7 decimals of a millisecond, enough for a strap's 1/1024 s
 * steps (0.9765625 ms) to come back exactly.
 */
import { PARTNERS, type PartnerId } from '../../signal/types';

/** One partner's beats: the RR interval ending at each beat (ms) and the beat's time (s). */
export interface RrSeries {
  readonly rrMs: readonly number[];
  readonly tSec: readonly number[];
}

/** The formats `attune convert --to` and History's export offer. */
export const RR_WRITE_FORMATS = ['text', 'hrv-logger', 'csv', 'pair-csv', 'json'] as const;
export type RrWriteFormat = (typeof RR_WRITE_FORMATS)[number];

/** Formats that hold one partner; `pair-csv` and `json` hold both. */
export const SINGLE_PARTNER_FORMATS: readonly RrWriteFormat[] = ['text', 'hrv-logger', 'csv'];

/** What each format is for, in a few words (help texts and the export menu). */
export const RR_FORMAT_LABELS: Record<RrWriteFormat, string> = {
  text: 'Kubios / Elite HRV text: one RR interval in ms per line',
  'hrv-logger': 'HRV Logger CSV: date, rr (ms), since start (ms)',
  csv: 'CSV: t_s, rr_ms',
  'pair-csv': 'both partners on one timeline, CSV: t_s, partner, rr_ms',
  json: 'JSON: times and intervals per partner',
};

/** File name ending of each format. */
export const RR_FORMAT_EXTENSIONS: Record<RrWriteFormat, string> = {
  text: 'txt',
  'hrv-logger': 'csv',
  csv: 'csv',
  'pair-csv': 'csv',
  json: 'json',
};

const ms = (value: number) => String(Math.round(value * 1e7) / 1e7);
const sec = (value: number) => String(Math.round(value * 1e10) / 1e10);

function checked(series: RrSeries, what: string): RrSeries {
  if (series.rrMs.length === 0) throw new Error(`write ${what}: no RR intervals to write`);
  if (series.tSec.length !== series.rrMs.length) {
    throw new Error(`write ${what}: ${series.rrMs.length} intervals but ${series.tSec.length} beat times`);
  }
  return series;
}

/** One RR interval in ms per line (Kubios, Elite HRV). */
export function writeRrText(series: RrSeries): string {
  return `${checked(series, 'RR text').rrMs.map(ms).join('\n')}\n`;
}

/** `t_s,rr_ms`, one beat per line. */
export function writeRrCsv(series: RrSeries): string {
  const { rrMs, tSec } = checked(series, 'RR CSV');
  return `t_s,rr_ms\n${rrMs.map((rr, i) => `${sec(tSec[i])},${ms(rr)}`).join('\n')}\n`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local date and time as HRV Logger writes it: `2026-03-15 09:00:15.123`. */
function localStamp(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}

/**
 * HRV Logger's RR file: `date,rr,since start`. `startedAt` is the wall-clock time of beat time 0
 * (the session's start); each beat's date is that plus its time, in the local time zone.
 */
export function writeHrvLoggerCsv(series: RrSeries, startedAt: Date): string {
  const { rrMs, tSec } = checked(series, 'HRV Logger CSV');
  const t0 = tSec[0];
  const lines = rrMs.map((rr, i) => {
    const at = new Date(startedAt.getTime() + Math.round(tSec[i] * 1000));
    return `${localStamp(at)},${ms(rr)},${ms((tSec[i] - t0) * 1000)}`;
  });
  return `date,rr,since start\n${lines.join('\n')}\n`;
}

/** Both partners on the session's timeline, `t_s,partner,rr_ms`, in time order (a before b on a tie). */
export function writePairCsv(partners: Partial<Record<PartnerId, RrSeries>>): string {
  const rows: { t: number; p: PartnerId; rr: number }[] = [];
  for (const p of PARTNERS) {
    const series = partners[p];
    if (series === undefined || series.rrMs.length === 0) continue;
    const { rrMs, tSec } = checked(series, 'two-partner CSV');
    rrMs.forEach((rr, i) => rows.push({ t: tSec[i], p, rr }));
  }
  if (rows.length === 0) throw new Error('write two-partner CSV: neither partner has RR intervals');
  rows.sort((x, y) => x.t - y.t || (x.p < y.p ? -1 : x.p > y.p ? 1 : 0));
  return `t_s,partner,rr_ms\n${rows.map((r) => `${sec(r.t)},${r.p},${ms(r.rr)}`).join('\n')}\n`;
}

/** `{ "partners": { "a": { "tSec": […], "rrMs": […] } } }`, the partners that have intervals. */
export function writeRrJson(partners: Partial<Record<PartnerId, RrSeries>>): string {
  const out: Record<string, { tSec: number[]; rrMs: number[] }> = {};
  for (const p of PARTNERS) {
    const series = partners[p];
    if (series === undefined || series.rrMs.length === 0) continue;
    const { rrMs, tSec } = checked(series, 'RR JSON');
    out[p] = { tSec: tSec.map((t) => Number(sec(t))), rrMs: rrMs.map((rr) => Number(ms(rr))) };
  }
  if (Object.keys(out).length === 0) throw new Error('write RR JSON: neither partner has RR intervals');
  return `${JSON.stringify({ partners: out })}\n`;
}

/**
 * Writes `partners` in `format`. Single-partner formats take `partner` (default: the only one with
 * intervals, else a); `startedAt` dates HRV Logger rows (default: the Unix epoch).
 */
export function writeRr(
  format: RrWriteFormat,
  partners: Partial<Record<PartnerId, RrSeries>>,
  options: { partner?: PartnerId; startedAt?: Date } = {},
): string {
  if (format === 'pair-csv') return writePairCsv(partners);
  if (format === 'json') return writeRrJson(partners);
  const present = PARTNERS.filter((p) => (partners[p]?.rrMs.length ?? 0) > 0);
  const partner = options.partner ?? (present.length === 1 ? present[0] : 'a');
  const series = partners[partner];
  if (series === undefined || series.rrMs.length === 0) throw new Error(`write ${format}: partner ${partner} has no RR intervals`);
  if (format === 'text') return writeRrText(series);
  if (format === 'csv') return writeRrCsv(series);
  return writeHrvLoggerCsv(series, options.startedAt ?? new Date(0));
}

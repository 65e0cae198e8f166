/**
 * A recorded session's RR intervals as a file for another HRV tool, in any format of
 * `src/sources/recordings/rr-write.ts`. Beat times are seconds on the session's shared timeline (both partners on
 * one clock), so the two-partner CSV lines them up and HRV Logger dates are the session's start
 * plus each beat's time. Heart-rate-only samples (no RR) are left out.
 */
import type { RrSeries, RrWriteFormat } from '../../sources/recordings/rr-write';
import { RR_FORMAT_EXTENSIONS, SINGLE_PARTNER_FORMATS, writeRr } from '../../sources/recordings/rr-write';
import { PARTNERS } from '../../signal/types';
import type { AttuneStore, PartnerId, SessionRecord } from './store-types';
import { fileStamp } from './history-format';

/** The formats History offers, in its menu's order, with their words. */
export const HISTORY_RR_FORMATS: readonly { readonly format: RrWriteFormat; readonly label: string }[] = [
  { format: 'text', label: 'Kubios / Elite HRV text (one interval in ms per line)' },
  { format: 'hrv-logger', label: 'HRV Logger CSV (date, rr, since start)' },
  { format: 'csv', label: 'CSV with beat times (t_s, rr_ms)' },
  { format: 'pair-csv', label: 'Both partners on one timeline (CSV: t_s, partner, rr_ms)' },
];

/** A file ready to download. */
export interface RrExportFile {
  readonly name: string;
  readonly text: string;
  readonly type: string;
}

/** True when `format` holds one partner (the partner choice applies). */
export const isSinglePartner = (format: RrWriteFormat) => SINGLE_PARTNER_FORMATS.includes(format);

/**
 * Writes one session's intervals in `format`; `partner` picks whose for single-partner formats.
 * @throws Error "export RR: …" when there are no intervals to write, saying why
 */
export async function exportSessionRr(
  store: Pick<AttuneStore, 'recordings'>,
  session: Pick<SessionRecord, 'id' | 'startedAt' | 'partnerNames'>,
  format: RrWriteFormat,
  partner: PartnerId,
): Promise<RrExportFile> {
  const chunks = [...(await store.recordings.beatChunks(session.id))].sort((x, y) => x.seq - y.seq);
  const series: Partial<Record<PartnerId, RrSeries>> = {};
  for (const p of PARTNERS) {
    const beats = chunks.filter((c) => c.partner === p).flatMap((c) => c.beats);
    const withRr = beats.filter((b) => b.rrMs !== null);
    if (withRr.length > 0) series[p] = { rrMs: withRr.map((b) => b.rrMs as number), tSec: withRr.map((b) => b.tSec) };
  }
  const single = isSinglePartner(format);
  const missing = single
    ? series[partner] === undefined
      ? [partner]
      : []
    : PARTNERS.every((p) => series[p] === undefined)
      ? PARTNERS
      : [];
  if (missing.length > 0) {
    const recorded = chunks.some((c) => missing.includes(c.partner));
    const why = recorded ? 'the device sent heart rate only, without RR intervals' : 'no beats were recorded';
    const who = single ? `${session.partnerNames[partner]} has no` : 'neither partner has';
    throw new Error(`export RR: ${who} RR intervals in this session (${why})`);
  }
  const text = writeRr(format, series, { partner, startedAt: new Date(session.startedAt) });
  const suffix = single ? `${partner}-${format === 'text' ? 'rr' : format}` : 'both-rr';
  const type = RR_FORMAT_EXTENSIONS[format] === 'txt' ? 'text/plain' : 'text/csv';
  return { name: `attune-${fileStamp(session.startedAt)}-${suffix}.${RR_FORMAT_EXTENSIONS[format]}`, text, type };
}

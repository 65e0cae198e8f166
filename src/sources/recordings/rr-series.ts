/**
 * What each format reader of `rr-file.ts` (`rr-text.ts`, `rr-json.ts`) hands back: a {@link Series},
 * which `rr-file.ts` then checks (units, plausibility, gaps) and turns into an `RrFile`; and the few
 * pieces the readers share with it.
 */
import type { PartnerId } from '../../signal/types';
import type { HrSamples } from './hr-file';

/** How a reader reports a problem; `rr-file.ts` throws it as an `RrFileError`. */
export type Fail = (reason: string, expected: string, line?: number) => never;

/** Every format the reader knows, in words: what an unreadable file was expected to be. */
export const EXPECTED_FORMAT =
  'one RR interval per line (ms or seconds), a CSV/TSV/semicolon table with an RR column (rr_ms, rr, RR-interval [ms], …) or a heart-rate column (hr, bpm, heart_rate, HR (bpm)) with a time column, a Polar Flow RR export, an Empatica E4 IBI.csv or HR.csv, a FIT file with HRV data, or an Attune JSON export';

/** One series as a reader found it, before the checks of `rr-file.ts`. */
export interface Series {
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

/** Seconds to milliseconds without binary noise (0.829 s → 829 ms, not 828.9999999999999). */
export const secondsToMs = (sec: number) => {
  const rounded = Math.round(sec * 1e9) / 1e6;
  return rounded > 0 ? rounded : sec * 1000;
};

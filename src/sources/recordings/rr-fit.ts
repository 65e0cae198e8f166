/**
 * RR intervals from a FIT file (Garmin's Flexible and Interoperable Data Transfer format), read
 * with Garmin's own FIT SDK (`@garmin/fitsdk`), which knows every message and field of the FIT
 * profile and checks the file's CRC.
 *
 * Watches and bike computers that log beat-to-beat data write HRV messages (global message 78,
 * `hrv`): each holds a `time` array of RR intervals, uint16 in 1/1000 s (the SDK applies the scale
 * and gives seconds); 0xFFFF marks a missing value. The messages carry no timestamps, so beat
 * times are the running sum of the intervals. Reference: FIT SDK Profile.xlsx, message `hrv`;
 * developer.garmin.com/fit, "FIT File Types" and "Decoding".
 *
 * Pure: bytes in, arrays out; never throws (a problem is returned with what was expected). Kept
 * apart from `rr-file.ts` so the SDK (about 1 MB of profile) loads only where FIT files are read:
 * callers hand `readFitHrv` to `readRrFile` as `options.readFit`.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { isFitFile, type FitHrv } from './rr-file';

const EXPECTED = 'a FIT file with HRV messages (message 78), recorded with HRV or RR logging turned on';

/** Reads the HRV messages of a FIT file in order; a damaged tail keeps what came before it. */
export function readFitHrv(bytes: Uint8Array): FitHrv {
  if (!isFitFile(bytes)) return { ok: false, reason: 'not a FIT file (no ".FIT" in its header)', expected: EXPECTED };
  let messages: Record<string, unknown[] | undefined>;
  let errors: unknown[];
  try {
    // A copy of exactly these bytes (a Node Buffer may be a view into a larger pool).
    const copy = new Uint8Array(bytes).buffer;
    const decoder = new Decoder(Stream.fromArrayBuffer(copy));
    // Only the raw HRV values are needed: skip the conversions the SDK would do for other messages.
    ({ messages, errors } = decoder.read({
      expandComponents: false,
      expandSubFields: false,
      convertTypesToStrings: false,
      convertDateTimesToDates: false,
      mergeHeartRates: false,
      includeUnknownData: false,
    }) as unknown as { messages: Record<string, unknown[] | undefined>; errors: unknown[] });
  } catch (error) {
    return { ok: false, reason: `the FIT file could not be decoded (${describe(error)})`, expected: EXPECTED };
  }
  const rrMs: number[] = [];
  const afterGap: boolean[] = [];
  let missing = 0;
  let gapPending = false;
  for (const message of messages.hrvMesgs ?? []) {
    const time = (message as { time?: unknown }).time;
    const values = Array.isArray(time) ? (time as unknown[]) : [time];
    for (const value of values) {
      // The SDK gives seconds (scale 1000 applied) and null for the invalid value 0xFFFF.
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        missing += 1;
        gapPending = true;
        continue;
      }
      rrMs.push(Math.round(value * 1000));
      afterGap.push(gapPending && rrMs.length > 1);
      gapPending = false;
    }
  }
  const problem = errors.length > 0 ? describe(errors[0]) : undefined;
  if (rrMs.length === 0) {
    const reason =
      problem !== undefined
        ? `the FIT file is damaged and no HRV data could be read before the damage (${problem})`
        : (messages.hrvMesgs ?? []).length === 0
          ? 'the FIT file holds no HRV messages (message 78): the device did not log beat-to-beat intervals'
          : 'the FIT file has HRV messages but no valid interval in them';
    return { ok: false, reason, expected: EXPECTED };
  }
  const warnings = [`read ${rrMs.length} intervals from ${(messages.hrvMesgs ?? []).length} FIT HRV messages`];
  if (missing > 0) warnings.push(`${missing} missing interval${missing === 1 ? '' : 's'} in the FIT file, treated as gaps`);
  if (problem !== undefined) warnings.push(`the FIT file is damaged (${problem}); read the intervals before the damage`);
  return { ok: true, rrMs, afterGap, warnings };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `attune convert IN OUT --to FORMAT`: reads any recording Attune reads (`readRrFile`) and writes it
 * in one of the formats other HRV tools read (`rr-write.ts`). `-` is standard input or output.
 */
import type { RrFile, RrFileOptions } from '../sources/recordings/rr-file';
import { RrFileError, readRrFile } from '../sources/recordings/rr-file';
import type { RrSeries, RrWriteFormat } from '../sources/recordings/rr-write';
import { RR_FORMAT_LABELS, RR_WRITE_FORMATS, SINGLE_PARTNER_FORMATS, writeRr } from '../sources/recordings/rr-write';
import type { PartnerId } from '../signal/types';
import { readArgs } from './args';

export const CONVERT_USAGE = `Usage: attune convert IN OUT --to FORMAT [--partner a|b] [--session ID] [--start DATETIME]

Reads a recording (any file "attune analyze" reads: RR text in ms or seconds, HRV Logger, Polar
Sensor Logger, Polar Flow RR export, Empatica E4 IBI.csv, a FIT file with HRV data, an Attune
export or CSV) and writes it for another tool. IN or OUT may be - for standard input or output.

Formats (--to):
${RR_WRITE_FORMATS.map((f) => `  ${f.padEnd(11)} ${RR_FORMAT_LABELS[f]}`).join('\n')}

Options:
  --to FORMAT        the format to write (required)
  --partner a|b      which partner to write from a two-partner file (default: the only one, else a)
  --session ID       which session to read from an Attune export (default: the latest)
  --start DATETIME   wall-clock time of the recording's start, for hrv-logger dates
                     (ISO 8601, e.g. 2026-03-15T21:04:00; default: the time of the conversion)
  -h, --help         show this help

Exit codes:
  0  success
  1  unexpected internal error
  2  usage error (unknown option, bad value, missing IN, OUT or --to)
  3  IN could not be read, or OUT could not be written
  4  IN is not a recording Attune understands (the message names the line)
`;

/** Where convert reads and writes; the command line's own. */
export interface ConvertIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string | Uint8Array;
  readonly writeFile: (path: string, text: string) => void;
  readonly now: () => Date;
  readonly readFit: RrFileOptions['readFit'];
}

/** How convert ends: the exit code and, for a usage error, the message. */
export type ConvertOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage'; readonly message: string }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'invalid'; readonly error: unknown };

interface ConvertOptions {
  files: string[];
  to?: RrWriteFormat;
  parse: RrFileOptions;
  start?: Date;
  help: boolean;
}

function parseConvertArgs(args: readonly string[]): ConvertOptions | string {
  const options: ConvertOptions = { files: [], parse: {}, help: false };
  const problem = readArgs(args, options, (flag, value) => {
    switch (flag) {
      case '--to': {
        const to = value();
        if (!(RR_WRITE_FORMATS as readonly string[]).includes(to ?? '')) {
          return `--to expects one of ${RR_WRITE_FORMATS.join(', ')}, got "${to ?? ''}"`;
        }
        options.to = to as RrWriteFormat;
        return null;
      }
      case '--start': {
        const raw = value() ?? '';
        const start = new Date(raw);
        if (!/^\d{4}-\d\d-\d\d/.test(raw) || Number.isNaN(start.getTime())) {
          return `--start expects a date and time like 2026-03-15T21:04:00, got "${raw}"`;
        }
        options.start = start;
        return null;
      }
      default:
        return `unknown option ${flag}`;
    }
  });
  return problem ?? options;
}

const toBytes = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);
const seriesOf = (file: RrFile): RrSeries => ({ rrMs: file.rrMs, tSec: file.tSec });

/** Runs `attune convert` with the arguments after the subcommand. Never throws for bad input. */
export function convert(args: readonly string[], io: ConvertIo): ConvertOutcome {
  const options = parseConvertArgs(args);
  if (typeof options === 'string') return { kind: 'usage', message: options };
  if (options.help) {
    io.stdout(CONVERT_USAGE);
    return { kind: 'help' };
  }
  if (options.files.length !== 2) {
    return {
      kind: 'usage',
      message:
        options.files.length < 2 ? 'convert needs IN and OUT' : `convert takes one IN and one OUT, got ${options.files.length} files`,
    };
  }
  if (options.to === undefined) return { kind: 'usage', message: `--to FORMAT is required (${RR_WRITE_FORMATS.join(', ')})` };
  const [input, output] = options.files;
  const format = options.to;

  let data: Uint8Array;
  try {
    data = toBytes(io.readFile(input));
  } catch (error) {
    return { kind: 'unreadable', message: `cannot read ${input}: ${describeIoError(error)}` };
  }
  let partners: Partial<Record<PartnerId, RrSeries>>;
  let chosen: RrFile;
  try {
    const parse = { ...options.parse, readFit: io.readFit };
    chosen = readRrFile(data, input, parse);
    for (const warning of chosen.warnings) io.stderr(`attune: ${input}: note: ${warning}\n`);
    const held = chosen.partners ?? [];
    const partner = options.parse.partner ?? (held.length === 1 ? held[0] : 'a');
    if (chosen.hrBpm !== undefined) {
      // Every format written here is a list of RR intervals; heart rate alone cannot make one.
      throw new RrFileError(
        'heart rate only, no RR intervals to write',
        'a recording with RR intervals (beat-to-beat times)',
        undefined,
        input,
      );
    }
    partners = { [partner]: seriesOf(chosen) };
    if (!SINGLE_PARTNER_FORMATS.includes(format) && held.length > 1 && options.parse.partner === undefined) {
      // Two-partner formats take both partners of a two-partner file.
      const other = held.find((p) => p !== partner);
      if (other !== undefined) partners[other] = seriesOf(readRrFile(data, input, { ...parse, partner: other }));
    }
  } catch (error) {
    return { kind: 'invalid', error };
  }
  if (SINGLE_PARTNER_FORMATS.includes(format) && (chosen.partners?.length ?? 0) > 1 && options.parse.partner === undefined) {
    io.stderr(`attune: ${input}: note: ${format} holds one partner; wrote the one read (choose with --partner)\n`);
  }
  const startedAt = options.start ?? io.now();
  if (format === 'hrv-logger' && options.start === undefined) {
    io.stderr(`attune: note: hrv-logger dates count from ${startedAt.toISOString()} (the time of the conversion; set --start)\n`);
  }
  const text = writeRr(format, partners, { startedAt, partner: Object.keys(partners)[0] as PartnerId });
  if (output === '-') {
    io.stdout(text);
    return { kind: 'ok' };
  }
  try {
    io.writeFile(output, text);
  } catch (error) {
    return { kind: 'unreadable', message: `cannot write ${output}: ${describeIoError(error)}` };
  }
  return { kind: 'ok' };
}

/** A file system error in words. */
export function describeIoError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * What every `attune` command shares: where it reads and writes ({@link CliIo}), its exit codes,
 * and reading one recording with its notes on standard error ({@link loadRecordingFile}).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FitHrv, RrFile, RrFileOptions } from '../sources/recordings/rr-file';
import { RrFileError, readRrFile } from '../sources/recordings/rr-file';
import { rrResolutionMs } from '../signal/breathing';
import { describeIoError } from './convert';

/**
 * What the confidence of breathing assumed about the file's RR values, in words: the step they
 * were rounded to limits how small a breathing rhythm can be trusted.
 */
export function describeResolution(resolutionMs: number): string {
  if (resolutionMs === 0) return 'RR values are not rounded to a common step (treated as exact)';
  if (Math.abs(resolutionMs - 1000 / 1024) < 1e-9) return "RR resolution 1/1024 s (0.98 ms, a heart-rate strap's)";
  const ms = Number(resolutionMs.toFixed(4));
  return `RR resolution ${ms} ms${resolutionMs >= 4 ? ' (coarse: small breathing rhythms get low confidence)' : ''}`;
}

/** Exit codes, documented in `--help`. */
export const EXIT = {
  ok: 0,
  /** An unexpected internal failure (a bug: please report it). */
  internal: 1,
  /** Wrong command line. */
  usage: 2,
  /** A file could not be read (missing, a directory, no permission). */
  unreadable: 3,
  /** A file was read but is not a recording Attune understands. */
  invalid: 4,
} as const;

/** Where the command reads and writes; injectable for tests. `-` is standard input. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string | Uint8Array;
  readonly writeFile?: (path: string, text: string) => void;
  readonly now?: () => Date;
  /** Reads a FIT file's HRV data (`rr-fit.ts`); absent, FIT files are refused. `bin.ts` loads it on first use. */
  readonly readFit?: (bytes: Uint8Array) => FitHrv;
}

export const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path === '-' ? 0 : path),
  writeFile: (path, text) => writeFileSync(path, text),
  now: () => new Date(),
};

/**
 * Reads and parses one recording, printing its notes (what was assumed, the RR resolution, or that
 * it holds heart rate only) to standard error.
 * @returns the recording, or the exit code of the failure (its message already printed)
 */
export function loadRecordingFile(file: string, parse: RrFileOptions, io: CliIo): RrFile | number {
  let contents: string | Uint8Array;
  try {
    contents = io.readFile(file);
  } catch (error) {
    io.stderr(`attune: cannot read ${file}: ${describeIoError(error)}\n`);
    return EXIT.unreadable;
  }
  let parsed: RrFile;
  try {
    const bytes = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
    parsed = readRrFile(bytes, file, { ...parse, readFit: io.readFit });
  } catch (error) {
    if (error instanceof RrFileError) {
      io.stderr(`attune: ${error.message}\n  expected: ${error.expected}\n`);
      return EXIT.invalid;
    }
    throw error;
  }
  for (const warning of parsed.warnings) io.stderr(`attune: ${file}: note: ${warning}\n`);
  const resolution =
    parsed.hrBpm === undefined ? describeResolution(rrResolutionMs(parsed.rrMs)) : 'heart rate only: HRV and breathing are null';
  io.stderr(`attune: ${file}: note: ${resolution}\n`);
  return parsed;
}

/**
 * The `attune` command line: `attune analyze FILE ... [--window 60] [--step 30] [--format json|csv]
 * [--with OTHER]` (DESIGN.md, Contracts) and `attune convert IN OUT --to FORMAT` (`convert.ts`). Installed as the
 * `attune` command (compiled ahead by `npm run build:cli`, see `bin.ts`); `npm run analyze -- FILE`
 * runs it from the sources.
 */
import type { RrFile, RrFileOptions } from '../sources/recordings/rr-file';
import { RrFileError } from '../sources/recordings/rr-file';
import { readArgs, readOutputFormat } from './args';
import { CONVERT_USAGE, convert } from './convert';
import type { AnalyzeRow, SyncColumns } from './analyze';
import { analyzeRecording, rowsToCsv, synchronyRows } from './analyze';
import { SYNC_PARAMS } from '../signal/synchrony';
import { type CliIo, EXIT, defaultIo, loadRecordingFile } from './cli-io';
import { runGateCommand } from './gate-command';

export { type CliIo, EXIT, defaultIo, describeResolution } from './cli-io';

export const COMMANDS_USAGE = `Usage: attune COMMAND [options]   (attune COMMAND --help for each)

Commands:
  analyze FILE ...          heart rate, HRV, breathing and artifact rate per window of each recording
  convert IN OUT --to FMT   write a recording for another HRV tool (Kubios, Elite HRV, HRV Logger, CSV)
  gate A [B]                Attune's readiness gate over one or two partners' recordings, every 5 s

FILE, IN and OUT may be - for standard input or output.

Exit codes:
  0  success
  1  unexpected internal error
  2  usage error (unknown command or option, bad value, no file)
  3  a file could not be read (or, for convert, written)
  4  a file is not a recording Attune understands (the message names the line)
`;

export const USAGE = `Usage: attune analyze FILE ... [--window SEC] [--step SEC] [--format json|csv]
                      [--partner a|b] [--session ID] [--with OTHER_FILE]

Prints heart rate, HRV (RMSSD, ln RMSSD), breathing rate and artifact rate per window of each
RR recording. Windows start at 0 s and move by --step; times come from the file's t_s column when
it has one, else from the running sum of the RR intervals.

Files (- reads standard input): one RR interval per line in ms or seconds (Kubios, Elite HRV);
CSV, TSV or semicolon tables with a header naming an RR column (rr_ms, rr, RR-interval [ms],
ibi_ms, …) and optionally t_s (HRV Logger, Polar Sensor Logger); a Polar Flow RR export; an
Empatica E4 IBI.csv; a FIT file with HRV data; an Attune JSON export. Heart rate without RR (an
Empatica E4 HR.csv, or a table with a heart-rate column hr, bpm, heart_rate or HR (bpm) and a
time column t_s or ISO times) gives heart-rate rows with null HRV, breathing and coherence.

Options:
  --window SEC      window length in seconds (default 60)
  --step SEC        step between window starts in seconds (default 30)
  --format FMT      json (default): an array of rows; csv: a header line and one line per row
  --partner a|b     which partner to read from a two-partner JSON file (default: a)
  --session ID      which session to read from an Attune export (default: the latest)
  --with OTHER      the second partner's recording on the same time base: adds heart-rate
                    synchrony per window (needs --window between 30 and 120; the app uses 120).
                    (when OTHER is the same Attune export as FILE, its other partner)
  -h, --help        show this help

Columns: startS, endS, beats, hrBpm, rmssdMs, lnRmssd, breathsPerMin (null, or empty in CSV, when
not estimable), breathingConfidence (0-1), artifactRate (0-1), irregular (why HRV is not given),
coherence (0-1: resonance coherence over the 64 s ending at the window's end, null when not
computable). With --with: syncR (peak lagged correlation of the two heart rates, -1..1), syncLagSec
(positive: FILE's partner leads) and syncSignificant (true only beyond chance); all three
null until 145 s of both recordings lie before the window's end. With several files each row also
names its file.

Exit codes:
  0  success
  1  unexpected internal error
  2  usage error (unknown command or option, bad value, no file)
  3  a file could not be read
  4  a file is not a recording Attune understands (the message names the line)
`;

class UsageError extends Error {}

interface Options {
  files: string[];
  windowSec: number;
  stepSec: number;
  format: 'json' | 'csv';
  parse: RrFileOptions;
  help: boolean;
  /** The second partner's recording (`--with`). */
  withFile: string | null;
}

function parseArgs(args: readonly string[]): Options {
  const options: Options = { files: [], windowSec: 60, stepSec: 30, format: 'json', parse: {}, help: false, withFile: null };
  const seconds = (name: string, raw: string | undefined) => {
    if (raw === undefined) throw new UsageError(`${name} needs a value in seconds`);
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0)) throw new UsageError(`${name} expects a positive number of seconds, got "${raw}"`);
    return value;
  };
  const problem = readArgs(args, options, (flag, value) => {
    switch (flag) {
      case '--window':
        options.windowSec = seconds('--window', value());
        return null;
      case '--step':
        options.stepSec = seconds('--step', value());
        return null;
      case '--format': {
        const read = readOutputFormat(value());
        if ('problem' in read) return read.problem;
        options.format = read.format;
        return null;
      }
      case '--with': {
        const other = value();
        if (other === undefined || other === '') return "--with needs the second partner's file";
        options.withFile = other;
        return null;
      }
      default:
        return `unknown option ${flag}`;
    }
  });
  if (problem !== null) throw new UsageError(problem);
  return options;
}

/**
 * Runs the command line and returns the exit code (never throws, never calls process.exit).
 * @param args - the arguments after the program name, e.g. ['analyze', 'rec.csv', '--format', 'csv']
 */
export function main(args: readonly string[], io: CliIo = defaultIo): number {
  try {
    const [command, ...rest] = args;
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout(COMMANDS_USAGE);
      return EXIT.ok;
    }
    if (command === 'convert') return runConvert(rest, io);
    if (command === 'gate') return runGateCommand(rest, io);
    if (command !== 'analyze') {
      throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
    }
    const options = parseArgs(rest);
    if (options.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (options.files.length === 0) throw new UsageError('no FILE given');
    if (options.withFile !== null && !(options.windowSec >= SYNC_PARAMS.minWindowSec && options.windowSec <= SYNC_PARAMS.maxWindowSec)) {
      throw new UsageError(
        `--with needs --window between ${SYNC_PARAMS.minWindowSec} and ${SYNC_PARAMS.maxWindowSec} seconds (synchrony windows), got ${options.windowSec}`,
      );
    }
    const rows: (AnalyzeRow & Partial<SyncColumns> & { file?: string })[] = [];
    const many = options.files.length > 1;
    const load = (file: string, parse: RrFileOptions): RrFile | number => loadRecordingFile(file, parse, io);
    for (const file of options.files) {
      const parsed = load(file, options.parse);
      if (typeof parsed === 'number') return parsed;
      const fileRows = analyzeRecording(parsed, options.windowSec, options.stepSec);
      let sync: SyncColumns[] | null = null;
      if (options.withFile !== null) {
        // The same export twice: the second partner is the one FILE was not read as.
        const otherParse =
          options.withFile === file
            ? { ...options.parse, partner: options.parse.partner === 'b' ? ('a' as const) : ('b' as const) }
            : options.parse;
        const other = load(options.withFile, otherParse);
        if (typeof other === 'number') return other;
        sync = synchronyRows(parsed, other, options.windowSec, options.stepSec);
      }
      fileRows.forEach((row, i) => {
        const withSync = sync === null ? row : { ...row, ...sync[i] };
        rows.push(many ? { file, ...withSync } : withSync);
      });
    }
    io.stdout(options.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : rowsToCsv(rows, many, options.withFile !== null));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`attune: ${error.message}\n\n${args[0] === 'analyze' ? USAGE : COMMANDS_USAGE}`);
      return EXIT.usage;
    }
    io.stderr(`attune: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}

/** `attune convert`: its outcome as an exit code and messages. */
function runConvert(args: readonly string[], io: CliIo): number {
  const outcome = convert(args, {
    stdout: io.stdout,
    stderr: io.stderr,
    readFile: io.readFile,
    writeFile: io.writeFile ?? defaultIo.writeFile!,
    now: io.now ?? (() => new Date()),
    readFit: io.readFit,
  });
  switch (outcome.kind) {
    case 'ok':
    case 'help':
      return EXIT.ok;
    case 'usage':
      io.stderr(`attune: ${outcome.message}\n\n${CONVERT_USAGE}`);
      return EXIT.usage;
    case 'unreadable':
      io.stderr(`attune: ${outcome.message}\n`);
      return EXIT.unreadable;
    case 'invalid':
      if (outcome.error instanceof RrFileError) {
        io.stderr(`attune: ${outcome.error.message}\n  expected: ${outcome.error.expected}\n`);
        return EXIT.invalid;
      }
      throw outcome.error;
  }
}

/**
 * `attune gate A [B] [--calibrate-a START-END] [--calibrate-b START-END] [--every SEC]
 * [--format json|csv]` (DESIGN.md, Contracts): reads the arguments, the recordings and their calm
 * readings, and prints the gate's rows (`gate.ts`); what each partner is judged against goes to
 * standard error.
 */
import type { RrFile, RrFileOptions } from '../sources/recordings/rr-file';
import type { PartnerId } from '../signal/types';
import { readArgs, readOutputFormat } from './args';
import { type CliIo, EXIT, loadRecordingFile } from './cli-io';
import { type GatePartner, type Span, calmFromSpan, endOf, gateRows, gateRowsToCsv, gateStatuses, paramsForFile } from './gate-replay';

export const GATE_USAGE = `Usage: attune gate A [B] [--calibrate-a START-END] [--calibrate-b START-END]
                   [--every SEC] [--format json|csv] [--partner a|b] [--session ID]

Runs Attune's own readiness pipeline and gate over one or two recordings (A and B, the two
partners, on one time base: each file's own seconds, as analyze --with uses them) and prints the
gate every --every seconds of the recordings' time. With one file the gate's dwell (30 s near
baseline before ready) and hysteresis (15 s out before it closes) apply to that partner alone.

Files: any recording analyze reads, and heart-rate-only files (an Empatica E4 HR.csv, or a table
with a heart-rate column hr, bpm, heart_rate or HR (bpm) and a time column t_s or ISO times),
judged on heart rate alone.

Options:
  --calibrate-a S-E  take seconds S to E of A's recording as one calm reading (checked as the app
                     checks any reading: signal quality, still settling, flooding). Without it, or
                     when the reading is refused, A has no baseline and is judged as on a first
                     night, by how they settle. Standard error says which, and why a reading was
                     refused.
  --calibrate-b S-E  the same for B
  --every SEC        seconds between rows (default 5)
  --format FMT       json (default): an array of rows; csv: a header line and one line per row
  --partner a|b      which partner to read as A from a two-partner file; B from the same file is
                     its other partner
  --session ID       which session to read from an Attune export (default: the latest)
  -h, --help         show this help

An Empatica E4 IBI.csv (a wristband that leaves out beats it cannot detect) is judged once its
beats cover 30 s of the last minute, and counts as no signal only after 30 s without a beat
(straps: 60 s of uninterrupted beats, no signal after 5 s).

Columns: tSec, gate (no-signal, calibrating, settling, ready, flooded), aState (no-signal,
calibrating, near-baseline, out, flooded), aReasons (why: reason kinds, an array in JSON,
;-joined in CSV) and, with B, bState and bReasons.

Exit codes:
  0  success
  1  unexpected internal error
  2  usage error (unknown option, bad value, no file or more than two)
  3  a file could not be read
  4  a file is not a recording Attune understands (the message names the line)
`;

interface GateOptions {
  files: string[];
  parse: RrFileOptions;
  help: boolean;
  everySec: number;
  format: 'json' | 'csv';
  calibrate: Record<PartnerId, Span | null>;
}

/** `S-E` in seconds, E after S. */
function span(flag: string, raw: string | undefined): Span | string {
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(raw ?? '');
  if (match === null) return `${flag} expects START-END in seconds, e.g. 60-240, got "${raw ?? ''}"`;
  const startSec = Number(match[1]);
  const endSec = Number(match[2]);
  if (!(endSec > startSec)) return `${flag} expects END after START, got "${raw ?? ''}"`;
  return { startSec, endSec };
}

function parseGateArgs(args: readonly string[]): GateOptions | string {
  const options: GateOptions = { files: [], parse: {}, help: false, everySec: 5, format: 'json', calibrate: { a: null, b: null } };
  const problem = readArgs(args, options, (flag, value) => {
    switch (flag) {
      case '--every': {
        const raw = value();
        if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw) || !(Number(raw) > 0)) {
          return `--every expects a positive number of seconds, got "${raw ?? ''}"`;
        }
        options.everySec = Number(raw);
        return null;
      }
      case '--format': {
        const read = readOutputFormat(value());
        if ('problem' in read) return read.problem;
        options.format = read.format;
        return null;
      }
      case '--calibrate-a':
      case '--calibrate-b': {
        const parsed = span(flag, value());
        if (typeof parsed === 'string') return parsed;
        options.calibrate[flag === '--calibrate-a' ? 'a' : 'b'] = parsed;
        return null;
      }
      default:
        return `unknown option ${flag}`;
    }
  });
  if (problem !== null) return problem;
  if (options.help) return options;
  if (options.files.length === 0) return 'no file given (attune gate A [B])';
  if (options.files.length > 2) return `at most two files (A and B), got ${options.files.length}`;
  if (options.calibrate.b !== null && options.files.length < 2) return '--calibrate-b needs a second file (B)';
  return options;
}

/** Runs `attune gate` with the arguments after the subcommand and returns the exit code. */
export function runGateCommand(args: readonly string[], io: CliIo): number {
  const options = parseGateArgs(args);
  if (typeof options === 'string') {
    io.stderr(`attune: ${options}\n\n${GATE_USAGE}`);
    return EXIT.usage;
  }
  if (options.help) {
    io.stdout(GATE_USAGE);
    return EXIT.ok;
  }
  const files: RrFile[] = [];
  for (const [i, name] of options.files.entries()) {
    // The same two-partner file twice: B is the partner A was not read as.
    const parse =
      i === 1 && name === options.files[0]
        ? { ...options.parse, partner: options.parse.partner === 'b' ? ('a' as const) : ('b' as const) }
        : options.parse;
    const file = loadRecordingFile(name, parse, io);
    if (typeof file === 'number') return file;
    files.push(file);
  }
  const recordedAt = (io.now?.() ?? new Date()).toISOString();
  const partners = files.map((file, i): GatePartner => {
    const id: PartnerId = i === 0 ? 'a' : 'b';
    const name = options.files[i]!;
    const params = paramsForFile(file);
    const label = `${id.toUpperCase()} (${name})`;
    if (file.dropsBeats === true) {
      io.stderr(
        `attune: ${label}: note: a device that leaves out beats it cannot detect: no signal only after ${params.noBeatSec} s without a beat\n`,
      );
    }
    const chosen = options.calibrate[id];
    if (chosen === null) {
      io.stderr(`attune: ${label}: no calm reading given (--calibrate-${id}): judged as on a first night, by how they settle\n`);
      return { file, baseline: null, params };
    }
    const calm = calmFromSpan(file, chosen, params, { recordedAt, device: name });
    const what = `the calm reading ${chosen.startSec}–${chosen.endSec} s`;
    if (calm.kind === 'reading') {
      const { hrBpm, lnRmssd } = calm.reading;
      const hrv =
        lnRmssd === null ? 'no HRV (heart rate only)' : `lnRMSSD ${lnRmssd.toFixed(2)} (RMSSD ${Math.round(Math.exp(lnRmssd))} ms)`;
      io.stderr(`attune: ${label}: ${what} was accepted (heart rate ${hrBpm.toFixed(1)} bpm, ${hrv}): judged against it\n`);
      return { file, baseline: calm.baseline, params };
    }
    const why = calm.kind === 'refused' ? calm.message.replace(/[.\s]+$/, '') : '';
    io.stderr(`attune: ${label}: ${what} was refused (${why}): judged as on a first night instead, by how they settle\n`);
    return { file, baseline: null, params };
  });
  const two = partners.length === 2;
  const statuses = gateStatuses(partners[0]!, two ? partners[1]! : null);
  const endSec = Math.max(...files.map(endOf));
  const rows = gateRows(statuses, options.everySec, endSec, two);
  io.stdout(options.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : gateRowsToCsv(rows, two));
  return EXIT.ok;
}

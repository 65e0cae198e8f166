/**
 * The command line's arguments, as both subcommands read them: files (or `-` for standard input
 * or output) and options, `--flag value` or `--flag=value`; after `--` everything is a file.
 * Each subcommand keeps its own options and messages; what they share is read here once.
 */
import type { RrFileOptions } from '../sources/recordings/rr-file';

/** One argument: a file, or an option whose value is read only when the option takes one. */
export type CliArg =
  | { readonly kind: 'file'; readonly path: string }
  | {
      readonly kind: 'option';
      readonly flag: string;
      /**
       * The option's value: the text after `=`, else the next argument, which is then used up.
       * Call it before moving on to the next argument.
       */
      readonly value: () => string | undefined;
    };

/** The arguments in order, as files and options (see the module documentation). */
export function* cliArgs(args: readonly string[]): Generator<CliArg> {
  let onlyFiles = false;
  // One index for the walk and for value(), which moves it past the argument it reads.
  let i = -1;
  while (++i < args.length) {
    const arg = args[i];
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      yield { kind: 'file', path: arg };
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf('=');
    yield {
      kind: 'option',
      flag: eq >= 0 ? arg.slice(0, eq) : arg,
      value: () => (eq >= 0 ? arg.slice(eq + 1) : args[++i]),
    };
  }
}

/** What every subcommand reads the same way. */
export interface CommonArgs {
  /** Files in order (`-` for standard input or output). */
  files: string[];
  /** `--partner a|b` (which partner of a two-partner file) and `--session ID` (which session of an Attune export). */
  parse: RrFileOptions;
  /** `-h` or `--help`. */
  help: boolean;
}

/**
 * Reads a subcommand's arguments: files, help and the recording options into `into`, and every
 * other option through `option`, which returns a message when its flag or value is wrong (for an
 * unknown flag too) and null when it took it.
 * @returns the first message, or null when every argument was taken
 */
export function readArgs(
  args: readonly string[],
  into: CommonArgs,
  option: (flag: string, value: () => string | undefined) => string | null,
): string | null {
  for (const arg of cliArgs(args)) {
    if (arg.kind === 'file') {
      into.files.push(arg.path);
      continue;
    }
    const problem = commonOption(arg.flag, arg.value, into) ?? option(arg.flag, arg.value);
    if (problem !== null && problem !== '') return problem;
  }
  return null;
}

/**
 * `--format json|csv`, read the same way by every subcommand that prints rows.
 * @returns the format, or a message naming what was given
 */
export function readOutputFormat(value: string | undefined): { readonly format: 'json' | 'csv' } | { readonly problem: string } {
  if (value !== 'json' && value !== 'csv') return { problem: `--format expects json or csv, got "${value ?? ''}"` };
  return { format: value };
}

/** Takes help, `--partner` and `--session` into `into`: '' when taken, a message when wrong, null when `flag` is another option. */
function commonOption(flag: string, value: () => string | undefined, into: CommonArgs): string | null {
  switch (flag) {
    case '-h':
    case '--help':
      into.help = true;
      return '';
    case '--partner': {
      const partner = value();
      if (partner !== 'a' && partner !== 'b') return `--partner expects a or b, got "${partner ?? ''}"`;
      into.parse = { ...into.parse, partner };
      return '';
    }
    case '--session': {
      const session = value();
      if (session === undefined || session === '') return '--session needs a session id';
      into.parse = { ...into.parse, sessionId: session };
      return '';
    }
    default:
      return null;
  }
}

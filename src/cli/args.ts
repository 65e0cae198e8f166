/**
 * The command line's arguments, as both subcommands read them: files (or `-` for standard input
 * or output) and options, `--flag value` or `--flag=value`; after `--` everything is a file.
 * Each subcommand keeps its own options and messages; what they share is read here once.
 */
import type { RrFileOptions } from '../ble/rr-file';

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

/**
 * The options both subcommands read a recording with: `--partner a|b` (which partner of a
 * two-partner file) and `--session ID` (which session of an Attune export).
 * @returns the reading options with this one applied, a message when its value is wrong, or null
 *   when `flag` is neither of them
 */
export function recordingOption(flag: string, value: () => string | undefined, parse: RrFileOptions): RrFileOptions | string | null {
  switch (flag) {
    case '--partner': {
      const partner = value();
      return partner === 'a' || partner === 'b' ? { ...parse, partner } : `--partner expects a or b, got "${partner ?? ''}"`;
    }
    case '--session': {
      const session = value();
      return session === undefined || session === '' ? '--session needs a session id' : { ...parse, sessionId: session };
    }
    default:
      return null;
  }
}

/**
 * Runs `attune` in process for tests, with files held in memory ({@link CliIo}): what it printed,
 * what it wrote and its exit code. One fake for every command's tests, so they all meet the same
 * file system: a missing file is ENOENT, `dir` is a directory (EISDIR), and anything written under
 * `/readonly/` is refused (EACCES), with the error codes `node:fs` gives.
 */
import type { CliIo } from '../cli-io';
import { main } from '../attune';

/** What a test may set on the fake's I/O besides the files. */
export type RunCliOptions = Pick<CliIo, 'now' | 'readFit'>;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the command wrote, by path. */
  readonly written: Readonly<Record<string, string>>;
}

const fsError = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** Runs `attune ARGS` against `files` (path → contents). */
export function runCli(args: string[], files: Record<string, string | Uint8Array> = {}, options: RunCliOptions = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const written: Record<string, string> = {};
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      if (path in files) return files[path];
      if (path === 'dir') throw fsError('EISDIR: illegal operation on a directory', 'EISDIR');
      throw fsError(`ENOENT: no such file or directory, open '${path}'`, 'ENOENT');
    },
    writeFile: (path, text) => {
      if (path.startsWith('/readonly/')) throw fsError('EACCES', 'EACCES');
      written[path] = text;
    },
    ...options,
  };
  const code = main(args, io);
  return { code, stdout, stderr, written };
}

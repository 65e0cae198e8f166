import { describe, expect, it } from 'vitest';
import type { CliArg } from './args';
import { cliArgs, readArgs } from './args';

/** Each argument as text; an option's value is read as a subcommand would (only when it takes one). */
function walk(args: string[], takesValue: readonly string[] = []): string[] {
  const seen: string[] = [];
  for (const arg of cliArgs(args)) seen.push(describeArg(arg, takesValue));
  return seen;
}

function describeArg(arg: CliArg, takesValue: readonly string[]): string {
  if (arg.kind === 'file') return `file ${arg.path}`;
  return takesValue.includes(arg.flag) ? `${arg.flag}=${arg.value() ?? '(none)'}` : arg.flag;
}

describe('cliArgs', () => {
  it('reads files, -, flags, and values given as the next argument or after =', () => {
    expect(walk(['a.txt', '--to', 'csv', '-', '--start=2026-03-15T21:04:00', '-h'], ['--to', '--start'])).toEqual([
      'file a.txt',
      '--to=csv',
      'file -',
      '--start=2026-03-15T21:04:00',
      '-h',
    ]);
  });

  it('uses up the next argument only for an option that reads its value', () => {
    expect(walk(['--help', 'rec.txt'])).toEqual(['--help', 'file rec.txt']);
    expect(walk(['--to', 'rec.txt'], ['--to'])).toEqual(['--to=rec.txt']);
  });

  it('treats everything after -- as files, and a value missing at the end as none', () => {
    expect(walk(['--', '--odd-name.txt', '-x'])).toEqual(['file --odd-name.txt', 'file -x']);
    expect(walk(['rec.txt', '--to'], ['--to'])).toEqual(['file rec.txt', '--to=(none)']);
  });
});

describe('readArgs', () => {
  const fresh = () => ({ files: [] as string[], parse: {}, help: false });

  it('takes files, help, --partner and --session itself and hands every other option on', () => {
    const into = fresh();
    const others: string[] = [];
    const problem = readArgs(['in.txt', '--partner', 'b', '--to=csv', '--session', 's2', '-', '--help'], into, (flag, value) => {
      others.push(`${flag}=${value() ?? ''}`);
      return null;
    });
    expect(problem).toBeNull();
    expect(into).toEqual({ files: ['in.txt', '-'], parse: { partner: 'b', sessionId: 's2' }, help: true });
    expect(others).toEqual(['--to=csv']);
  });

  it('stops at the first message: a bad --partner or --session, or what the subcommand says of its own option', () => {
    const none = () => null;
    expect(readArgs(['--partner', 'c'], fresh(), none)).toBe('--partner expects a or b, got "c"');
    expect(readArgs(['--partner'], fresh(), none)).toBe('--partner expects a or b, got ""');
    expect(readArgs(['--session='], fresh(), none)).toBe('--session needs a session id');
    expect(readArgs(['a.txt', '--odd', '--partner', 'c'], fresh(), (flag) => `unknown option ${flag}`)).toBe('unknown option --odd');
  });
});

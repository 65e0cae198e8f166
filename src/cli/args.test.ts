import { describe, expect, it } from 'vitest';
import type { CliArg } from './args';
import { cliArgs, recordingOption } from './args';

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

describe('recordingOption', () => {
  const value = (v: string | undefined) => () => v;

  it('applies --partner and --session to the reading options, keeping the others', () => {
    expect(recordingOption('--partner', value('b'), { sessionId: 's1' })).toEqual({ sessionId: 's1', partner: 'b' });
    expect(recordingOption('--session', value('s2'), { partner: 'a' })).toEqual({ partner: 'a', sessionId: 's2' });
  });

  it('says what is wrong with a bad value, and leaves other flags alone', () => {
    expect(recordingOption('--partner', value('c'), {})).toBe('--partner expects a or b, got "c"');
    expect(recordingOption('--partner', value(undefined), {})).toBe('--partner expects a or b, got ""');
    expect(recordingOption('--session', value(''), {})).toBe('--session needs a session id');
    expect(recordingOption('--to', value('csv'), {})).toBeNull();
  });
});

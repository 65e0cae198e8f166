import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRrFile } from '../sources/recordings/rr-file';
import { readFitHrv } from '../sources/recordings/rr-fit';
import { encodeFitHrv } from '../sources/recordings/testing/fit-fixture';
import { EXIT } from './attune';
import { runCli } from './testing/run-cli';

const cli = (args: string[], files: Record<string, string | Uint8Array> = {}) =>
  runCli(args, files, { now: () => new Date('2026-03-15T21:04:00Z'), readFit: readFitHrv });

const kubiosSeconds = '0.829\n0.812\n0.845\n0.801\n';
const pair = 't_s,partner,rr_ms\n0.8,a,800\n0.9,b,900\n1.6,a,810\n1.8,b,905\n';

describe('attune convert', () => {
  it('converts Kubios seconds to Kubios/Elite text in ms, saying what it read', () => {
    const { code, written, stderr } = cli(['convert', 'k.txt', 'out.txt', '--to', 'text'], { 'k.txt': kubiosSeconds });
    expect(code).toBe(EXIT.ok);
    expect(written['out.txt']).toBe('829\n812\n845\n801\n');
    expect(stderr).toBe(
      'attune: k.txt: note: the intervals are in seconds (median 0.829 s): read as seconds and converted to milliseconds\n',
    );
  });

  it('converts a FIT file to HRV Logger CSV on standard output, dated from --start', () => {
    const { code, stdout } = cli(['convert', 'a.fit', '-', '--to=hrv-logger', '--start', '2026-03-15T21:04:00'], {
      'a.fit': encodeFitHrv([[0.812, 0.827]]),
    });
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe('date,rr,since start\n2026-03-15 21:04:00.812,812,0\n2026-03-15 21:04:01.639,827,827\n');
  });

  it('writes both partners of a two-partner file to pair-csv and json, and the chosen one to a single-partner format', () => {
    const both = cli(['convert', 'p.csv', 'o.json', '--to', 'json'], { 'p.csv': pair }).written['o.json'];
    expect(readRrFile(new TextEncoder().encode(both), 'o.json', { partner: 'b' }).rrMs).toEqual([900, 905]);
    expect(cli(['convert', 'p.csv', 'o.csv', '--to', 'pair-csv'], { 'p.csv': pair }).written['o.csv']).toBe(pair);
    const single = cli(['convert', 'p.csv', 'b.csv', '--to', 'csv', '--partner', 'b'], { 'p.csv': pair });
    expect(single.written['b.csv']).toBe('t_s,rr_ms\n0.9,900\n1.8,905\n');
  });

  it.each([
    [['convert'], EXIT.usage, 'attune: convert needs IN and OUT'],
    [['convert', 'k.txt', 'o.txt'], EXIT.usage, 'attune: --to FORMAT is required (text, hrv-logger, csv, pair-csv, json)'],
    [
      ['convert', 'k.txt', 'o.txt', '--to', 'edf'],
      EXIT.usage,
      'attune: --to expects one of text, hrv-logger, csv, pair-csv, json, got "edf"',
    ],
    [['convert', 'k.txt', 'o.txt', '--to', 'csv', '--start', 'soon'], EXIT.usage, 'attune: --start expects a date and time'],
    [['convert', 'nope.txt', 'o.txt', '--to', 'csv'], EXIT.unreadable, 'attune: cannot read nope.txt: no such file'],
    [['convert', 'k.txt', '/readonly/o.txt', '--to', 'csv'], EXIT.unreadable, 'attune: cannot write /readonly/o.txt: permission denied'],
    [
      ['convert', 'bad.txt', 'o.txt', '--to', 'csv'],
      EXIT.invalid,
      'attune: parse RR file bad.txt: line 2: expected an RR interval in ms, got "x"',
    ],
  ])('main(%j) exits %i with a clear message', (args, code, message) => {
    const result = cli(args, { 'k.txt': kubiosSeconds, 'bad.txt': '800\nx\n' });
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n').some((l) => l.startsWith(message))).toBe(true);
  });

  it('--help of the command and of each subcommand lists what it does and its exit codes', () => {
    for (const args of [['--help'], ['analyze', '--help'], ['convert', '--help']]) {
      const { code, stdout } = cli(args);
      expect(code).toBe(EXIT.ok);
      expect(stdout).toContain('Exit codes:');
    }
    expect(cli(['--help']).stdout).toContain('convert IN OUT --to FMT');
    expect(cli(['convert', '--help']).stdout).toContain('hrv-logger  HRV Logger CSV');
  });

  it('analyze reads a FIT file and Kubios seconds', () => {
    const fit = encodeFitHrv([Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? 1 : 1.01))]);
    const { code, stdout } = cli(['analyze', 'a.fit', 'k.txt', '--format', 'csv'], { 'a.fit': fit, 'k.txt': kubiosSeconds });
    expect(code).toBe(EXIT.ok);
    expect(stdout.split('\n')[1]).toMatch(/^a\.fit,0,60,/);
    expect(stdout).toContain('\nk.txt,0,60,4,');
  });
});

describe('the installed attune command (compiled ahead)', () => {
  const bin = join(process.cwd(), 'dist-cli', 'attune.js');
  beforeAll(() => {
    // `npm install` builds it (prepare); build it here when a test run comes first.
    if (!existsSync(bin)) execFileSync('npm', ['run', 'build:cli', '--silent'], { stdio: 'ignore' });
  }, 120_000);

  it('reads - from standard input, writes - to standard output, and exits with the documented codes', () => {
    const convert = spawnSync(bin, ['convert', '-', '-', '--to', 'text'], { input: kubiosSeconds, encoding: 'utf8' });
    expect(convert.status).toBe(EXIT.ok);
    expect(convert.stdout).toBe('829\n812\n845\n801\n');
    const fit = spawnSync(bin, ['analyze', '-', '--format', 'csv'], { input: encodeFitHrv([[0.8, 0.81, 0.8]]) });
    expect(fit.status).toBe(EXIT.ok);
    expect(fit.stdout.toString().split('\n')[0]).toBe(
      'startS,endS,beats,hrBpm,rmssdMs,lnRmssd,breathsPerMin,breathingConfidence,artifactRate,irregular,coherence',
    );
    const dir = mkdtempSync(join(tmpdir(), 'attune-bin-'));
    writeFileSync(join(dir, 'bad.txt'), 'dear diary\n');
    expect(spawnSync(bin, ['analyze', join(dir, 'bad.txt')]).status).toBe(EXIT.invalid);
    expect(spawnSync(bin, ['analyze', join(dir, 'missing.txt')]).status).toBe(EXIT.unreadable);
    expect(spawnSync(bin, ['frobnicate']).status).toBe(EXIT.usage);
    const out = join(dir, 'out.csv');
    expect(spawnSync(bin, ['convert', '-', out, '--to', 'csv'], { input: '800\n810\n' }).status).toBe(EXIT.ok);
    expect(readFileSync(out, 'utf8')).toBe('t_s,rr_ms\n0.8,800\n1.61,810\n');
  });
});

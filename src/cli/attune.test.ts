import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecording, recordingNames } from '../../tests/recordings';
import { ANALYZE_COLUMNS, SYNC_COLUMNS } from './analyze';
import { EXIT, describeResolution } from './attune';
import { runCli } from './testing/run-cli';

const cli = (args: string[], files: Record<string, string> = {}) => runCli(args, files);

/** 10 minutes of a steady 1000/1010 ms alternation, one RR per line. */
const steady = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? 1000 : 1010)).join('\n');

describe('describeResolution', () => {
  it("names a strap's 1/1024 s, whole ms, coarse steps and unrounded values", () => {
    expect(describeResolution(1000 / 1024)).toBe("RR resolution 1/1024 s (0.98 ms, a heart-rate strap's)");
    expect(describeResolution(1)).toBe('RR resolution 1 ms');
    expect(describeResolution(8)).toBe('RR resolution 8 ms (coarse: small breathing rhythms get low confidence)');
    expect(describeResolution(0)).toBe('RR values are not rounded to a common step (treated as exact)');
  });
});

describe('attune analyze', () => {
  it('prints one JSON row per window, windows from 0 stepping by --step, with the contract columns', () => {
    const { code, stdout, stderr } = cli(['analyze', 'rec.txt'], { 'rec.txt': steady });
    expect(code).toBe(EXIT.ok);
    // Whole-ms values: stderr says which RR resolution the breathing confidence assumed.
    expect(stderr).toBe('attune: rec.txt: note: RR resolution 10 ms (coarse: small breathing rhythms get low confidence)\n');
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    // 603 s of beats: windows 0–60 … 540–600.
    expect(rows.map((r) => r.startS)).toEqual(Array.from({ length: 19 }, (_, k) => 30 * k));
    expect(Object.keys(rows[0])).toEqual([...ANALYZE_COLUMNS]);
    expect(rows[3]).toMatchObject({ startS: 90, endS: 150, rmssdMs: 10, lnRmssd: 2.3026, artifactRate: 0 });
    expect(rows[3].beats).toBeGreaterThanOrEqual(59);
  });

  it('honours --window, --step and --format csv, with empty fields for null', () => {
    const { code, stdout } = cli(['analyze', 'rec.txt', '--window', '120', '--step=60', '--format', 'csv'], { 'rec.txt': steady });
    expect(code).toBe(EXIT.ok);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('startS,endS,beats,hrBpm,rmssdMs,lnRmssd,breathsPerMin,breathingConfidence,artifactRate,irregular,coherence');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join('-'))).toEqual([
      '0-120',
      '60-180',
      '120-240',
      '180-300',
      '240-360',
      '300-420',
      '360-480',
      '420-540',
      '480-600',
    ]);
    // A constant RR series is a flat, paced-like rhythm: no HRV or breathing, and the row says why.
    const constant = cli(['analyze', 'flat.txt', '--format', 'csv'], { 'flat.txt': Array(100).fill(1000).join('\n') });
    expect(constant.stdout.trim().split('\n')[1]).toBe('0,60,60,60,,,,0,0,flat,');
  });

  it("uses the file's t_s column for window times", () => {
    const text = `t_s,rr_ms\n${Array.from({ length: 100 }, (_, i) => `${100 + i},1000`).join('\n')}`;
    const rows = JSON.parse(cli(['analyze', 'r.csv'], { 'r.csv': text }).stdout) as { startS: number; beats: number }[];
    // Beats at 100 … 199 s: windows (0, 60] … (120, 180] hold 0, 0, 21, 51 and 60 beats.
    expect(rows.map((r) => r.beats)).toEqual([0, 0, 21, 51, 60]);
  });

  it("names each row's file when given several files", () => {
    const { stdout } = cli(['analyze', 'a.txt', 'b.txt', '--format', 'csv'], { 'a.txt': steady, 'b.txt': steady });
    const lines = stdout.trim().split('\n');
    expect(lines[0].startsWith('file,startS,')).toBe(true);
    expect(lines.filter((l) => l.startsWith('a.txt,'))).toHaveLength(19);
    expect(lines.filter((l) => l.startsWith('b.txt,'))).toHaveLength(19);
  });

  it('reports implausible intervals on stderr and still analyses', () => {
    const { code, stderr } = cli(['analyze', 'rec.txt'], { 'rec.txt': `${steady}\n3100\n1000` });
    expect(code).toBe(EXIT.ok);
    expect(stderr).toContain('attune: rec.txt: note: 1 interval outside 250–2500 ms, treated as artifacts: beat 601 (3100 ms)');
  });

  it('reads an Attune export of a heart-rate-only partner as heart rate only: heart rate per window, null HRV and breathing', () => {
    // Partner B's watch gave one heart rate a second for three minutes, in 5 s chunks as the app stores them.
    const beatChunks = Array.from({ length: 36 }, (_, k) => ({
      sessionId: 's1',
      partner: 'b',
      seq: k,
      segment: 0,
      startSec: 5 * k,
      endSec: 5 * k + 4,
      beats: Array.from({ length: 5 }, (_, i) => ({ tSec: 5 * k + i, rrMs: null, hrBpm: 70, afterGap: false })),
    }));
    const doc = {
      format: 'attune-export',
      version: 1,
      data: { sessions: [{ id: 's1', startedAt: '2026-03-15T21:04:00.000Z' }], beatChunks },
    };
    const { code, stdout, stderr } = cli(['analyze', 'export.json', '--format', 'csv'], { 'export.json': JSON.stringify(doc) });
    expect(code).toBe(EXIT.ok);
    expect(stderr).toContain('attune: export.json: note: partner b of session s1 was recorded as heart rate only: no HRV or breathing\n');
    const rows = stdout.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    // startS, endS, beats, hrBpm, then empty (null) RMSSD, lnRMSSD and breathing.
    for (const row of rows) expect(row).toMatch(/^\d+,\d+,\d+,70,,,,/);
  });

  it.each([
    [['analyze'], EXIT.usage, 'attune: no FILE given'],
    [[], EXIT.usage, 'attune: no command given'],
    [['analyse', 'x'], EXIT.usage, 'attune: unknown command "analyse"'],
    [['analyze', 'rec.txt', '--window', '0'], EXIT.usage, 'attune: --window expects a positive number of seconds, got "0"'],
    [['analyze', 'rec.txt', '--step'], EXIT.usage, 'attune: --step needs a value in seconds'],
    [['analyze', 'rec.txt', '--format', 'xml'], EXIT.usage, 'attune: --format expects json or csv, got "xml"'],
    [['analyze', 'rec.txt', '--verbose'], EXIT.usage, 'attune: unknown option --verbose'],
    [['analyze', 'missing.txt'], EXIT.unreadable, 'attune: cannot read missing.txt: no such file'],
    [['analyze', 'dir'], EXIT.unreadable, 'attune: cannot read dir: it is a directory, expected a file'],
    [['analyze', 'empty.txt'], EXIT.invalid, 'attune: parse RR file empty.txt: the file is empty'],
    [['analyze', 'text.txt'], EXIT.invalid, 'attune: parse RR file text.txt: line 1: no RR column: got "dear diary"'],
    [['analyze', 'neg.txt'], EXIT.invalid, 'attune: parse RR file neg.txt: line 2: expected an RR interval in ms > 0, got -800'],
  ])('main(%j) exits %i with a clear message', (args, code, message) => {
    const result = cli(args, { 'rec.txt': steady, 'empty.txt': '', 'text.txt': 'dear diary\nwe argued', 'neg.txt': '800\n-800\n' });
    expect(result.code).toBe(code);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stdout).toBe('');
  });

  it('--help prints the usage with the exit codes and exits 0', () => {
    const { code, stdout } = cli(['analyze', '--help']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toContain('4  a file is not a recording Attune understands');
  });

  it('analyses every public recording into its truth windows', () => {
    for (const name of recordingNames()) {
      const recording = loadRecording(name);
      const { code, stdout } = cli(['analyze', recording.rrPath], {
        [recording.rrPath]: `t_s,rr_ms\n${recording.tSec.map((t, i) => `${t},${recording.rrMs[i]}`).join('\n')}`,
      });
      expect(code).toBe(EXIT.ok);
      const rows = JSON.parse(stdout) as { startS: number; endS: number }[];
      for (const truth of recording.truth) expect(rows.some((r) => r.startS === truth.startSec && r.endS === truth.endSec)).toBe(true);
    }
  });

  it('gives coherence per window: high for slow deep breathing (physio-example1), within 0–1 or null', () => {
    const recording = loadRecording('physio-example1');
    const { code, stdout } = cli(['analyze', 'slow.csv'], {
      'slow.csv': `t_s,rr_ms\n${recording.tSec.map((t, i) => `${t},${recording.rrMs[i]}`).join('\n')}`,
    });
    expect(code).toBe(EXIT.ok);
    const values = (JSON.parse(stdout) as { coherence: number | null }[]).map((r) => r.coherence);
    expect(values.every((v) => v === null || (v >= 0 && v <= 1))).toBe(true);
    const read = values.filter((v): v is number => v !== null).sort((x, y) => x - y);
    expect(read[Math.floor(read.length / 2)]).toBeGreaterThan(0.6);
  });

  it('--with OTHER adds syncR, syncLagSec and syncSignificant: null before 145 s, then from the window ending at 150 s a link for the same recording', () => {
    const wave = (i: number) => 900 + 60 * Math.sin(i / 7) + 40 * Math.sin(i / 19) + 25 * Math.sin(i / 3.1 + Math.sin(i / 50));
    const rr = Array.from({ length: 900 }, (_, i) => Math.round(wave(i)));
    const text = rr.join('\n');
    const { code, stdout } = cli(['analyze', 'a.txt', '--with', 'b.txt', '--window', '120', '--step', '30'], {
      'a.txt': text,
      'b.txt': text,
    });
    expect(code).toBe(EXIT.ok);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Object.keys(rows[0])).toEqual([...ANALYZE_COLUMNS, ...SYNC_COLUMNS]);
    expect(rows[0]).toMatchObject({ syncR: null, syncLagSec: null, syncSignificant: null });
    const late = rows.filter((r) => (r.endS as number) >= 150);
    expect(late[0].endS).toBe(150);
    expect(late.length).toBeGreaterThan(10);
    for (const row of late) expect(row).toMatchObject({ syncR: 1, syncLagSec: 0, syncSignificant: true });
    const csv = cli(['analyze', 'a.txt', '--with=b.txt', '--window', '120', '--format', 'csv'], { 'a.txt': text, 'b.txt': text });
    expect(csv.stdout.split('\n')[0]).toBe(`${[...ANALYZE_COLUMNS, ...SYNC_COLUMNS].join(',')}`);
  });

  it('--with needs a synchrony window of 30–120 s and a readable second file', () => {
    const defaults = cli(['analyze', 'a.txt', '--with', 'b.txt'], { 'a.txt': steady, 'b.txt': steady });
    expect(defaults.code).toBe(EXIT.ok);
    const wide = cli(['analyze', 'a.txt', '--with', 'b.txt', '--window', '300'], { 'a.txt': steady, 'b.txt': steady });
    expect(wide.code).toBe(EXIT.usage);
    expect(wide.stderr).toContain('--with needs --window between 30 and 120 seconds (synchrony windows), got 300');
    const missing = cli(['analyze', 'a.txt', '--with', 'nope.txt'], { 'a.txt': steady });
    expect(missing.code).toBe(EXIT.unreadable);
    expect(missing.stderr).toContain('cannot read nope.txt: no such file');
  });

  it('npm run analyze runs as a process: rows on stdout, exit code from main', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-cli-'));
    const file = join(dir, 'rec.txt');
    writeFileSync(file, steady);
    const ok = spawnSync('npx', ['tsx', 'src/cli/bin.ts', 'analyze', file, '--format', 'csv'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe(
      'startS,endS,beats,hrBpm,rmssdMs,lnRmssd,breathsPerMin,breathingConfidence,artifactRate,irregular,coherence',
    );
    const bad = spawnSync('npx', ['tsx', 'src/cli/bin.ts', 'analyze', join(dir, 'nope.txt')], { encoding: 'utf8' });
    expect(bad.status).toBe(EXIT.unreadable);
    expect(bad.stderr).toContain('no such file');
  });
});

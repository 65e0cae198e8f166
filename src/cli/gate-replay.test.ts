/**
 * `attune gate` (DESIGN.md, Contracts): the contract's columns, rows and messages on files made
 * here from the simulator and on the shared stress recordings, in process and through the built
 * command (`dist-cli/attune.js`, built by `npm run build:cli`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStressPerson, stressNames } from '../../tests/stress-recordings';
import { simulateRr } from '../sim/simulator';
import type { Scenario } from '../sim/scenario-names';
import { EXIT } from './attune';
import { runCli } from './testing/run-cli';
import { readRrFile } from '../sources/recordings/rr-file';
import type { GateStatus } from '../pipeline/gate';
import { READINESS_PARAMS } from '../signal/readiness-params';
import { gateRows, paramsForFile } from './gate-replay';

const cli = (args: string[], files: Record<string, string> = {}) => runCli(args, files, { now: () => new Date('2026-12-07T20:00:00Z') });

interface Row {
  tSec: number;
  gate: string;
  aState: string;
  aReasons: string[];
  bState?: string;
  bReasons?: string[];
}

const GATE_STATES = ['no-signal', 'calibrating', 'settling', 'ready', 'flooded'];
const PARTNER_STATES = ['no-signal', 'calibrating', 'near-baseline', 'out', 'flooded'];

/** A simulated recording as the app's CSV (`t_s,rr_ms`). */
function rrCsv(scenario: Scenario, partner: 'a' | 'b', durationSec: number): string {
  const sim = simulateRr({ durationSec, scenario, partner });
  return `t_s,rr_ms\n${sim.tSec.map((t, i) => `${t.toFixed(4)},${sim.rrMs[i]!.toFixed(4)}`).join('\n')}\n`;
}

/** The same recording as heart rate only, one sample a second (`t_s,hr`). */
function hrCsv(scenario: Scenario, partner: 'a' | 'b', durationSec: number): string {
  const sim = simulateRr({ durationSec, scenario, partner });
  const lines: string[] = [];
  let i = 0;
  for (let t = 1; t <= Math.floor(sim.tSec.at(-1)!); t += 1) {
    while (i < sim.tSec.length - 1 && sim.tSec[i]! < t) i += 1;
    lines.push(`${t},${(60_000 / sim.rrMs[i]!).toFixed(1)}`);
  }
  return `t_s,hr\n${lines.join('\n')}\n`;
}

const calm = rrCsv('calm', 'a', 420);
const calmHr = hrCsv('calm', 'b', 420);

describe('attune gate: the contract', () => {
  it('prints one JSON row every 5 s of event time with tSec, gate, aState and aReasons as kinds', () => {
    const { code, stdout, stderr } = cli(['gate', 'a.csv'], { 'a.csv': calm });
    expect(code).toBe(EXIT.ok);
    const rows = JSON.parse(stdout) as Row[];
    expect(Object.keys(rows[0]!)).toEqual(['tSec', 'gate', 'aState', 'aReasons']);
    expect(rows.map((r) => r.tSec)).toEqual(Array.from({ length: rows.length }, (_, k) => 5 * k));
    expect(rows.at(-1)!.tSec).toBeGreaterThan(410);
    for (const row of rows) {
      expect(GATE_STATES).toContain(row.gate);
      expect(PARTNER_STATES).toContain(row.aState);
      expect(row.aReasons.length).toBeGreaterThan(0);
      for (const reason of row.aReasons) expect(reason).toMatch(/^[a-z-]+$/);
    }
    // The first minute is never judged: not enough data yet.
    expect(rows.filter((r) => r.tSec < 55).every((r) => r.aState === 'calibrating' || r.aState === 'no-signal')).toBe(true);
    expect(stderr).toContain('attune: A (a.csv): no calm reading given (--calibrate-a): judged as on a first night, by how they settle\n');
  });

  it('--calibrate-a takes a calm span as one reading: stderr says so and the calm partner reaches ready, held by the dwell', () => {
    const { code, stdout, stderr } = cli(['gate', 'a.csv', '--calibrate-a', '0-180', '--every', '1'], { 'a.csv': calm });
    expect(code).toBe(EXIT.ok);
    expect(stderr).toMatch(
      /A \(a\.csv\): the calm reading 0–180 s was accepted \(heart rate \d+\.\d bpm, lnRMSSD \d\.\d\d \(RMSSD \d+ ms\)\): judged against it/,
    );
    const rows = JSON.parse(stdout) as Row[];
    const near = rows.find((r) => r.aState === 'near-baseline')!;
    const ready = rows.find((r) => r.gate === 'ready')!;
    expect(near).toBeDefined();
    // One partner alone: ready once near baseline for the 30 s dwell, never sooner.
    expect(ready.tSec - near.tSec).toBeGreaterThanOrEqual(29);
    expect(ready.tSec - near.tSec).toBeLessThanOrEqual(31);
    expect(rows.filter((r) => r.tSec > ready.tSec && r.tSec < 415).every((r) => r.gate === 'ready')).toBe(true);
  });

  it('without a reading the partner is judged as on a first night: the reason says so, and ready comes only after settling', () => {
    const { stdout } = cli(['gate', 'a.csv', '--every', '1'], { 'a.csv': calm });
    const rows = JSON.parse(stdout) as Row[];
    const judged = rows.filter((r) => r.aState === 'near-baseline' || r.aState === 'out');
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.every((r) => r.aReasons.includes('first-night'))).toBe(true);
    const ready = rows.find((r) => r.gate === 'ready')!;
    expect(ready).toBeDefined();
    // A heart-rate plateau held for 2 minutes comes first: never ready in the first two minutes.
    expect(ready.tSec).toBeGreaterThan(120);
  });

  it('on a simulated first night (both aroused, settling minutes apart) the pair is never ready before the later partner settles', () => {
    const { code, stdout } = cli(['gate', 'a.csv', 'b.csv', '--every', '1'], {
      'a.csv': rrCsv('first-night', 'a', 1200),
      'b.csv': rrCsv('first-night', 'b', 1200),
    });
    expect(code).toBe(EXIT.ok);
    const rows = JSON.parse(stdout) as Row[];
    const aroused = rows.filter((r) => r.aReasons.includes('heart-rate-above-limit') || r.bReasons!.includes('heart-rate-above-limit'));
    expect(aroused.length).toBeGreaterThan(60);
    expect(aroused.every((r) => r.gate !== 'ready')).toBe(true);
    const bSettled = rows.find((r) => r.tSec > 300 && r.bState === 'near-baseline')!;
    expect(rows.filter((r) => r.tSec < bSettled.tSec).every((r) => r.gate !== 'ready')).toBe(true);
    const ready = rows.find((r) => r.gate === 'ready')!;
    expect(ready.tSec - bSettled.tSec).toBeLessThanOrEqual(240);
    const tail = rows.filter((r) => r.tSec >= ready.tSec && r.tSec < 1190);
    expect(tail.filter((r) => r.gate === 'ready').length / tail.length).toBeGreaterThanOrEqual(0.8);
  });

  it('a reading that is not calm is refused with its reason on stderr, and the partner is judged as on a first night', () => {
    const flooded = rrCsv('flooded', 'a', 300);
    const { code, stderr } = cli(['gate', 'f.csv', '--calibrate-a', '60-240'], { 'f.csv': flooded });
    expect(code).toBe(EXIT.ok);
    expect(stderr).toMatch(
      /A \(f\.csv\): the calm reading 60–240 s was refused \(Your heart rate was \d+ bpm, at the level of strong arousal \(100 bpm or more\), so this reading was not used as your calm\): judged as on a first night instead/,
    );
    const short = cli(['gate', 'a.csv', '--calibrate-a', '0-20'], { 'a.csv': calm });
    expect(short.stderr).toMatch(/the calm reading 0–20 s was refused \(calibrate: the recording stopped after \d+ s/);
  });

  it('with B adds bState and bReasons; CSV holds the same rows, reasons joined with ";"', () => {
    const args = ['gate', 'a.csv', 'b.csv', '--calibrate-a', '0-180', '--calibrate-b=0-180', '--every', '30'];
    const files = { 'a.csv': calm, 'b.csv': calmHr };
    const csv = cli([...args, '--format', 'csv'], files);
    expect(csv.code).toBe(EXIT.ok);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('tSec,gate,aState,aReasons,bState,bReasons');
    const json = JSON.parse(cli(args, files).stdout) as Row[];
    expect(Object.keys(json[0]!)).toEqual(['tSec', 'gate', 'aState', 'aReasons', 'bState', 'bReasons']);
    expect(lines.slice(1)).toEqual(
      json.map((r) => [r.tSec, r.gate, r.aState, r.aReasons.join(';'), r.bState, r.bReasons!.join(';')].join(',')),
    );
    expect(json.some((r) => r.bReasons!.length > 1)).toBe(true);
    expect(json.some((r) => r.gate === 'ready')).toBe(true);
  });

  it('the gate is ready only while both partners are near baseline (or within the hysteresis)', () => {
    const { stdout } = cli(['gate', 'a.csv', 'b.csv', '--calibrate-a', '0-180', '--calibrate-b', '0-180', '--every', '1'], {
      'a.csv': calm,
      'b.csv': rrCsv('conflict', 'b', 420),
    });
    const rows = JSON.parse(stdout) as Row[];
    for (const row of rows.filter((r) => r.gate === 'ready')) {
      expect(['near-baseline', 'out']).toContain(row.aState);
      expect(['near-baseline', 'out']).toContain(row.bState);
    }
  });

  it('judges a heart-rate-only file on heart rate alone, and says so in its reasons', () => {
    const { code, stdout, stderr } = cli(['gate', 'a.csv', 'hr.csv', '--calibrate-a', '0-180', '--calibrate-b', '0-180'], {
      'a.csv': calm,
      'hr.csv': calmHr,
    });
    expect(code).toBe(EXIT.ok);
    expect(stderr).toContain('attune: hr.csv: note: heart rate only: HRV and breathing are null\n');
    expect(stderr).toMatch(/B \(hr\.csv\): the calm reading 0–180 s was accepted \(heart rate \d+\.\d bpm, no HRV \(heart rate only\)\)/);
    const rows = JSON.parse(stdout) as Row[];
    const judged = rows.filter((r) => r.bState === 'near-baseline' || r.bState === 'out');
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.every((r) => r.bReasons!.includes('heart-rate-only'))).toBe(true);
    expect(judged.every((r) => !r.aReasons.includes('heart-rate-only'))).toBe(true);
  });

  it.each([
    [['gate'], 'no file given (attune gate A [B])'],
    [['gate', 'a', 'b', 'c'], 'at most two files (A and B), got 3'],
    [['gate', 'a', '--calibrate-b', '0-180'], '--calibrate-b needs a second file (B)'],
    [['gate', 'a', '--calibrate-a', '180'], '--calibrate-a expects START-END in seconds, e.g. 60-240, got "180"'],
    [['gate', 'a', '--calibrate-a', '90-60'], '--calibrate-a expects END after START, got "90-60"'],
    [['gate', 'a', '--every', '0'], '--every expects a positive number of seconds, got "0"'],
    [['gate', 'a', '--format', 'xml'], '--format expects json or csv, got "xml"'],
    [['gate', 'a', '--window', '60'], 'unknown option --window'],
  ])('exits 2 with a usage message for %j', (args, message) => {
    const { code, stderr, stdout } = cli(args, { a: calm });
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain(`attune: ${message}\n`);
    expect(stderr).toContain('Usage: attune gate A [B]');
  });

  it('exits 3 for a file it cannot read and 4 for one that is not a recording, naming the line', () => {
    expect(cli(['gate', 'nope.csv']).code).toBe(EXIT.unreadable);
    const invalid = cli(['gate', 'a.csv', 'odd.csv'], { 'a.csv': calm, 'odd.csv': 'what,ever\n1,2\n' });
    expect(invalid.code).toBe(EXIT.invalid);
    expect(invalid.stderr).toContain('parse RR file odd.csv: line 1: no RR column');
    expect(invalid.stdout).toBe('');
  });

  it('--help prints the usage and exits 0; attune --help lists gate', () => {
    expect(cli(['gate', '--help'])).toMatchObject({ code: EXIT.ok, stdout: expect.stringContaining('--calibrate-a S-E') });
    expect(cli(['--help']).stdout).toContain('gate A [B]');
  });
});

describe('attune gate on the stress recordings (Empatica E4), through the built command', () => {
  const bin = join(process.cwd(), 'dist-cli', 'attune.js');
  const person = loadStressPerson(stressNames().find((n) => n.endsWith('s06')) ?? stressNames()[0]!);
  const calibration = person.spans.find((s) => s.name === 'calibration')!;

  it.runIf(existsSync(bin))('replays an IBI.csv and its HR.csv as two partners, rows to the end, the E4 waiting 30 s for a beat', () => {
    const span = `${calibration.startSec}-${calibration.endSec}`;
    const hrSpan = `${calibration.startSec - person.hrOffsetSec}-${calibration.endSec - person.hrOffsetSec}`;
    const run = spawnSync(
      process.execPath,
      [bin, 'gate', person.ibiPath, person.hrPath, '--calibrate-a', span, '--calibrate-b', hrSpan, '--every', '10', '--format', 'csv'],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(EXIT.ok);
    expect(run.stderr).toContain('a device that leaves out beats it cannot detect: no signal only after 30 s without a beat');
    expect(run.stderr).toMatch(/A \(.*IBI\.csv\): the calm reading .* was (accepted|refused)/);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('tSec,gate,aState,aReasons,bState,bReasons');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(Number(rows.at(-1)![0])).toBeGreaterThan(3000);
    for (const [, gate, aState, , bState, bReasons] of rows) {
      expect(GATE_STATES).toContain(gate);
      expect(PARTNER_STATES).toContain(aState);
      expect(PARTNER_STATES).toContain(bState);
      if (bState === 'near-baseline' || bState === 'out') expect(bReasons!.split(';')).toContain('heart-rate-only');
    }
    // The wristband's heart rate is judged most of the session.
    const judged = rows.filter((r) => r[4] === 'near-baseline' || r[4] === 'out').length;
    expect(judged / rows.length).toBeGreaterThan(0.8);
  });

  it('analyze gives an HR.csv heart-rate rows with null HRV and breathing', () => {
    const { code, stdout } = cli(['analyze', 'HR.csv', '--format', 'csv'], {
      'HR.csv': '1644834644.000000\n1.000000\n' + Array.from({ length: 130 }, (_, i) => (70 + (i % 3)).toFixed(2)).join('\n'),
    });
    expect(code).toBe(EXIT.ok);
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toBe('0,60,60,71,,,,0,0,,');
    expect(lines).toHaveLength(4);
  });
});

describe('gateRows and paramsForFile', () => {
  const status = (tSec: number, state: GateStatus['state']): GateStatus => ({
    tSec,
    state,
    partners: {
      a: { tSec, state: 'out', reasons: [{ kind: 'hrv-falling', lnRmssdPerMin: -0.2, limitPerMin: -0.1 }, { kind: 'first-night' }] },
      b: { tSec, state: 'no-signal', reasons: [{ kind: 'no-beat', silentSec: 5 }] },
    },
    reasons: [{ kind: 'partner', partner: 'b', state: 'no-signal' }],
  });

  it('gateRows(statuses) gives each row the latest status at or before its time, from 0 to the end', () => {
    const statuses = [status(0, 'calibrating'), status(7.5, 'settling'), status(10, 'no-signal')];
    expect(gateRows(statuses, 5, 12, true).map((r) => [r.tSec, r.gate])).toEqual([
      [0, 'calibrating'],
      [5, 'calibrating'],
      [10, 'no-signal'],
    ]);
    expect(gateRows(statuses, 5, 12, true)[1]).toEqual({
      tSec: 5,
      gate: 'calibrating',
      aState: 'out',
      aReasons: ['hrv-falling', 'first-night'],
      bState: 'no-signal',
      bReasons: ['no-beat'],
    });
    expect(Object.keys(gateRows(statuses, 5, 12, false)[0]!)).toEqual(['tSec', 'gate', 'aState', 'aReasons']);
    // Before any status: no signal, nothing connected yet.
    expect(gateRows([status(3, 'settling')], 2, 2, false)[0]).toEqual({
      tSec: 0,
      gate: 'no-signal',
      aState: 'no-signal',
      aReasons: ['not-connected'],
    });
    expect(() => gateRows(statuses, 0, 12, false)).toThrow('gateRows: everySec must be > 0 (got 0)');
  });

  it("paramsForFile(file) keeps a strap's 5 s, gives an E4 IBI.csv 60 − 30 = 30 s and a sparse heart-rate file three sample steps", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(paramsForFile(readRrFile(bytes('t_s,rr_ms\n0.8,800\n1.6,800\n')))).toBe(READINESS_PARAMS);
    const e4 = paramsForFile(readRrFile(bytes('1644834634.000000, IBI\n20.6,0.875\n21.5,0.90625\n')));
    expect(e4).toMatchObject({ noBeatSec: 30, calibrationMaxGapSec: 5, calibrationMaxMissingSec: 10 });
    expect(paramsForFile(readRrFile(bytes('1644834644\n1\n70\n71\n72\n'))).noBeatSec).toBe(5);
    expect(paramsForFile(readRrFile(bytes('t_s,hr\n0,70\n5,71\n10,72\n'))).noBeatSec).toBe(15);
  });
});

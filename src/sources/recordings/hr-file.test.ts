/**
 * Heart-rate-only recordings (`hr-file.ts`) read through `readRrFile`, as the app and the command
 * line read them: Empatica E4 HR.csv and tables with a heart-rate column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStressPerson, stressNames } from '../../../tests/stress-recordings';
import { readRrFile } from './rr-file';
import { errorOf } from './testing/rr-file-error';

const read = (text: string, name = 'hr.csv') => readRrFile(new TextEncoder().encode(text), name);

describe('readRrFile: heart rate without RR intervals', () => {
  it('reads an Empatica E4 HR.csv: start time, sample rate, then one bpm a line, sample k at k / rate seconds', () => {
    const file = read('1773565215.000000\n1.000000\n60.00\n72.50\n71.00\n', 'HR.csv');
    expect(file).toMatchObject({ rrMs: [], hrBpm: [60, 72.5, 71], tSec: [0, 1, 2], afterGap: [false, false, false], hasTimeColumn: true });
    expect(file.warnings).toEqual([
      'read as an Empatica E4 HR.csv (recording started 2026-03-15T09:00:15.000Z, 1 Hz): heart rate only, no HRV or breathing',
    ]);
  });

  it('refuses the E4 files of other signals by their sample rate', () => {
    const error = errorOf(() => read('1773565215.000000\n4.000000\n33.1\n33.2\n', 'TEMP.csv'));
    expect(error.message).toBe(
      'parse RR file TEMP.csv: line 2: an Empatica E4 file sampled at 4 Hz, not its heart rate (HR.csv has one value a second; EDA.csv, TEMP.csv and BVP.csv hold other signals)',
    );
  });

  it.each([
    ['hr', 't_s,hr\n0,70\n1,71\n2,72\n'],
    ['bpm', 't_s;bpm\n0;70\n1;71\n2;72\n'],
    ['heart_rate', 'time\theart_rate\n0\t70\n1\t71\n2\t72\n'],
    ['HR (bpm)', 'seconds,HR (bpm)\n0,70\n1,71\n2,72\n'],
  ])('reads a table with a %s column and a time column in seconds', (_, text) => {
    expect(read(text)).toMatchObject({ rrMs: [], hrBpm: [70, 71, 72], tSec: [0, 1, 2], afterGap: [false, false, false] });
  });

  it('reads ISO date-times as seconds from the first row; empty readings and jumps in time are gaps', () => {
    const file = read(
      'timestamp,HR (bpm)\n2026-03-15T21:04:00Z,70\n2026-03-15T21:04:01Z,71\n2026-03-15T21:04:02Z,\n2026-03-15T21:04:03Z,72\n2026-03-15 21:04:09Z,73\n',
    );
    expect(file).toMatchObject({ hrBpm: [70, 71, 72, 73], tSec: [0, 1, 3, 9], afterGap: [false, false, true, true] });
    expect(file.warnings).toEqual(['1 empty heart-rate reading skipped (gaps)']);
  });

  it('prefers the RR column when a table has both RR and heart rate', () => {
    const file = read('t_s,hr,rr_ms\n0.8,75,800\n1.6,75,800\n');
    expect(file.hrBpm).toBeUndefined();
    expect(file.rrMs).toEqual([800, 800]);
  });

  it('names the line and what was expected for a heart-rate table it cannot read', () => {
    expect(errorOf(() => read('hr\n70\n71\n')).message).toBe('parse RR file hr.csv: line 1: no RR column: got "hr"');
    const noTime = errorOf(() => read('hr,note\n70,a\n'));
    expect(noTime.message).toBe('parse RR file hr.csv: line 1: a heart-rate column (hr) but no time column: got "hr", "note"');
    expect(noTime.expected).toBe('a time column beside the heart rate: t_s (seconds) or ISO date-times (time, timestamp)');
    expect(errorOf(() => read('t_s,hr\n0,70\n1,fast\n')).message).toBe(
      'parse RR file hr.csv: line 3: expected a heart rate in bpm in column hr, got "fast"',
    );
    expect(errorOf(() => read('t_s,hr\n1,70\n1,71\n')).message).toBe('parse RR file hr.csv: line 3: time 1 s does not come after 1 s');
    expect(errorOf(() => read('time,hr\nyesterday,70\n')).expected).toBe('seconds (t_s) or an ISO 8601 date-time (2026-03-15T21:04:05Z)');
    expect(errorOf(() => read('1773565215\n1\n')).message).toBe('parse RR file hr.csv: no heart rate found');
  });

  it('reads every HR.csv of the stress set as heart rate only, about one sample a second for the whole session', () => {
    const names = stressNames();
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const person = loadStressPerson(name);
      const file = readRrFile(readFileSync(person.hrPath), `${name}.HR.csv`);
      expect(file.rrMs).toEqual([]);
      expect(file.hrBpm!.length).toBe(file.tSec.length);
      expect(file.tSec.at(-1)).toBeGreaterThan(3000);
      expect(file.afterGap.some(Boolean)).toBe(false);
      expect(Math.min(...file.hrBpm!)).toBeGreaterThan(30);
      expect(Math.max(...file.hrBpm!)).toBeLessThan(200);
      // The E4 starts its HR.csv 10 s after its IBI.csv (the heart rate averages the first 10 s).
      expect(person.hrOffsetSec).toBe(10);
    }
  });

  it('marks the E4 IBI.csv as a device that drops beats it cannot detect, and only that', () => {
    const person = loadStressPerson(stressNames()[0]!);
    expect(readRrFile(readFileSync(person.ibiPath), 'IBI.csv').dropsBeats).toBe(true);
    expect(read('t_s,rr_ms\n0.8,800\n1.6,800\n').dropsBeats).toBeUndefined();
  });
});

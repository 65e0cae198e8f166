/**
 * The files HRV users already have, as each app's documentation describes them, read by
 * `readRrFile` (bytes, as the app and the command line read them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RrFileError, readRrFile as readWithoutFit, type RrFileOptions } from './rr-file';
import { readFitHrv } from './rr-fit';
import { encodeFitHrv } from './testing/fit-fixture';
import { errorOf } from './testing/rr-file-error';

/** The reader as the app and the command line call it: with the FIT reader. */
const readRrFile = (data: Uint8Array, name?: string, options: RrFileOptions = {}) =>
  readWithoutFit(data, name, { ...options, readFit: readFitHrv });
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string, name = 'rec.txt') => readRrFile(bytes(text), name);

describe('readRrFile: the formats of other HRV tools', () => {
  it('reads a Kubios / Elite HRV text in seconds, converts to ms and says so', () => {
    // Kubios HRV's "RR interval data" export and Elite HRV's export: one interval per line, seconds.
    const file = read('0.829\n0.812\n0.845\n0.801\n');
    expect(file.rrMs).toEqual([829, 812, 845, 801]);
    expect(file.tSec.map((t) => Number(t.toFixed(3)))).toEqual([0.829, 1.641, 2.486, 3.287]);
    expect(file.warnings).toEqual(['the intervals are in seconds (median 0.829 s): read as seconds and converted to milliseconds']);
  });

  it('reads the same text in ms without a note', () => {
    expect(read('829\r\n812\r\n845\r\n')).toMatchObject({ rrMs: [829, 812, 845], warnings: [] });
  });

  it('reads HRV Logger (date,rr,since start): RR in ms, times from "since start" in ms', () => {
    const file = read(
      'date,rr,since start\n2026-03-15 09:00:15.123,823,0\n2026-03-15 09:00:15.935,812,812\n2026-03-15 09:00:19.000,790,3877\n',
      'RR_2026-03-15.csv',
    );
    expect(file).toMatchObject({ rrMs: [823, 812, 790], tSec: [0, 0.812, 3.877], hasTimeColumn: true });
    // 3.877 − 0.812 s is 2.3 s more than the 790 ms interval: beats are missing there.
    expect(file.afterGap).toEqual([false, false, true]);
  });

  it('reads Polar Sensor Logger (Phone timestamp;RR-interval [ms]) with times from the intervals', () => {
    const file = read('Phone timestamp;RR-interval [ms]\n2026-03-15T09:00:15.123;812\n2026-03-15T09:00:15.950;827\n');
    expect(file).toMatchObject({ rrMs: [812, 827], tSec: [0.812, 1.639], hasTimeColumn: false });
  });

  it('reads a Polar Flow RR export: tab-separated elapsed seconds and RR in ms, no header', () => {
    const file = read('0.812\t812\n1.639\t827\n2.441\t802\n');
    expect(file).toMatchObject({ rrMs: [812, 827, 802], tSec: [0.812, 1.639, 2.441], hasTimeColumn: true, warnings: [] });
  });

  it('reads an Empatica E4 IBI.csv: start time and IBI, then offset and interval in seconds; skipped beats are gaps', () => {
    // Empatica support, "E4 data - IBI expected signal": the first column is the time since the
    // session's start (first line, Unix seconds), the second the interval, both in seconds.
    const file = read('1773565215.000000, IBI\n10.234375,0.828125\n11.046875,0.812500\n15.000000,0.796875\n', 'IBI.csv');
    expect(file.rrMs).toEqual([828.125, 812.5, 796.875]);
    expect(file.tSec).toEqual([10.234375, 11.046875, 15]);
    expect(file.afterGap).toEqual([false, false, true]);
    expect(file.warnings).toEqual([
      'read as an Empatica E4 IBI.csv (recording started 2026-03-15T09:00:15.000Z); beats the wristband could not detect are gaps',
    ]);
  });

  it("reads the app's two-partner CSV, the only partner or a chosen one", () => {
    const text = 't_s,partner,rr_ms\n0.8,a,800\n0.9,b,900\n1.6,a,800\n1.8,b,900\n';
    expect(read(text)).toMatchObject({ rrMs: [800, 800], tSec: [0.8, 1.6], warnings: ['the file holds partners a and b; read partner a'] });
    expect(readRrFile(bytes(text), 'pair.csv', { partner: 'b' })).toMatchObject({ rrMs: [900, 900], tSec: [0.9, 1.8], warnings: [] });
  });

  it('reads a FIT file written by the FIT SDK: HRV messages in order, a missing value as a gap', () => {
    const fit = encodeFitHrv([
      [0.812, 0.827],
      [null, 0.802, 0.79],
    ]);
    const file = readRrFile(fit, 'activity.fit');
    expect(file.rrMs).toEqual([812, 827, 802, 790]);
    expect(file.tSec.map((t) => Number(t.toFixed(3)))).toEqual([0.812, 1.639, 2.441, 3.231]);
    expect(file.afterGap).toEqual([false, false, true, false]);
    expect(file.hasTimeColumn).toBe(false);
    expect(file.warnings).toEqual(['read 4 intervals from 2 FIT HRV messages', '1 missing interval in the FIT file, treated as gaps']);
  });

  it('reads UTF-16 text with its byte-order mark (a spreadsheet\'s "Unicode text")', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'800\n810\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(readRrFile(utf16).rrMs).toEqual([800, 810]);
  });
});

describe('readRrFile: bad files get a clear error', () => {
  it.each([
    ['a FIT file without HRV messages', encodeFitHrv([]), 'the FIT file holds no HRV messages (message 78)'],
    ['a FIT file whose only intervals are missing', encodeFitHrv([[null]]), 'the FIT file has HRV messages but no valid interval'],
    ['a binary file that is not FIT', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]), 'a binary file that is not a FIT file'],
  ])('refuses %s', (_, data, message) => {
    const error = errorOf(() => readRrFile(data, 'x.fit'));
    expect(error.message).toContain(message);
    expect(error.expected.length).toBeGreaterThan(0);
  });

  it('refuses a FIT file when the caller gave no FIT reader, saying so', () => {
    expect(errorOf(() => readWithoutFit(encodeFitHrv([[0.8]]), 'a.fit')).message).toBe(
      'parse RR file a.fit: a FIT file, but this reader was not given the FIT SDK',
    );
  });

  it('keeps the intervals before the damage of a truncated FIT file and says so', () => {
    const fit = encodeFitHrv([
      [0.8, 0.81],
      [0.82, 0.83],
    ]);
    const file = readRrFile(fit.slice(0, fit.length - 6), 'cut.fit');
    expect(file.rrMs.slice(0, 2)).toEqual([800, 810]);
    expect(file.warnings.some((w) => w.startsWith('the FIT file is damaged'))).toBe(true);
  });

  it('names the line and what was expected in an E4 file and a Polar Flow export', () => {
    const e4 = errorOf(() => read('1773565215.0, IBI\n10.2,0.8\n11.0;0.8\n', 'IBI.csv'));
    expect(e4.message).toBe('parse RR file IBI.csv: line 3: 1 value instead of 2 (found ";": mixed separators?)');
    expect(e4.expected).toBe('2 values separated by ",": the time since the start and the interval, both in seconds (Empatica E4 IBI.csv)');
    const flow = errorOf(() => read('0.8\t800\n1.6\tabc\n', 'flow.txt'));
    expect(flow.message).toBe('parse RR file flow.txt: line 2: expected an RR interval in ms in the second column, got "abc"');
  });

  it('refuses a two-partner CSV with an unknown partner, naming the line', () => {
    const error = errorOf(() => read('t_s,partner,rr_ms\n0.8,a,800\n0.9,c,900\n'));
    expect(error.message).toBe('parse RR file rec.txt: line 3: expected partner a or b, got "c"');
  });
});

describe('readRrFile: any bytes give a recording or a clear error', () => {
  const check = (data: Uint8Array) => {
    try {
      const file = readRrFile(data, 'fuzz');
      expect(file.rrMs.length).toBeGreaterThan(0);
      expect(file.rrMs.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      expect(file.tSec).toHaveLength(file.rrMs.length);
    } catch (error) {
      expect(error).toBeInstanceOf(RrFileError);
    }
  };

  it('never crashes on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check), { numRuns: 500 });
  });

  it('never crashes on a FIT file with bytes changed, cut or appended', () => {
    const fit = encodeFitHrv([[0.8, 0.81, 0.79], [0.82], [0.83, 0.84]]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: fit.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat({ max: fit.length }),
        fc.uint8Array({ maxLength: 40 }),
        (changes, cut, tail) => {
          const data = fit.slice();
          for (const [at, value] of changes) data[at] = value;
          check(new Uint8Array([...data.subarray(0, Math.max(cut, 14)), ...tail]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never crashes on lines mixing the formats above', () => {
    const field = fc.oneof(
      fc.double({ noNaN: false }).map(String),
      fc.constantFrom('IBI', 'a', 'b', 'c', 'since start', 'rr', 'date', 'partner', 't_s', 'rr_ms', '2026-03-15 09:00:15.123', ''),
    );
    const line = fc.tuple(fc.array(field, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', '\t', ';')).map(([f, sep]) => f.join(sep));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 15 }), (lines) => check(bytes(lines.join('\n')))),
      { numRuns: 500 },
    );
  });
});

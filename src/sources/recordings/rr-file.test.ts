import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RrFileError, parseRrFile } from './rr-file';
import { errorOf } from './testing/rr-file-error';

describe('parseRrFile: text formats', () => {
  it('parseRrFile(text) reads one RR per line with times from the cumulative sum', () => {
    const file = parseRrFile('800\n810.5\r\n\n790\n');
    expect(file.rrMs).toEqual([800, 810.5, 790]);
    expect(file.tSec.map((t) => Number(t.toFixed(4)))).toEqual([0.8, 1.6105, 2.4005]);
    expect(file.hasTimeColumn).toBe(false);
    expect(file.afterGap).toEqual([false, false, false]);
    expect(file.warnings).toEqual([]);
  });

  it('parseRrFile(text) reads CSV with t_s and rr_ms and keeps the file times', () => {
    const file = parseRrFile('t_s,rr_ms\n1.0343,633.9\n1.6794,645.1\n');
    expect(file).toMatchObject({ rrMs: [633.9, 645.1], tSec: [1.0343, 1.6794], hasTimeColumn: true });
  });

  it.each([
    ['tab', 'time\tRR-interval [ms]\n0.8\t800\n1.6\t800'],
    ['semicolon', 'Time (s);RR (ms)\n0.8;800\n1.6;800'],
    ['other columns and a comment', '# strap export\nhr,rr,t_s\n75,800,0.8\n75,800,1.6'],
  ])('parseRrFile(text) reads a %s table', (_, text) => {
    expect(parseRrFile(text)).toMatchObject({ rrMs: [800, 800], tSec: [0.8, 1.6], hasTimeColumn: true });
  });

  it('parseRrFile(text) reads a single RR column with a header, and converts a column in seconds', () => {
    expect(parseRrFile('rr_ms\n800\n900').rrMs).toEqual([800, 900]);
    expect(parseRrFile('rr_s\n0.8\n0.9').rrMs).toEqual([800, 900]);
  });

  it('parseRrFile(text) marks a jump in the file times as a gap', () => {
    const file = parseRrFile('t_s,rr_ms\n0.8,800\n1.6,800\n9.6,800\n10.4,800');
    expect(file.afterGap).toEqual([false, false, true, false]);
  });

  it('parseRrFile(text) keeps implausible intervals and warns, for artifact correction to flag', () => {
    const file = parseRrFile('800\n3000\n120\n800');
    expect(file.rrMs).toEqual([800, 3000, 120, 800]);
    expect(file.warnings).toEqual(['2 intervals outside 250–2500 ms, treated as artifacts: beat 2 (3000 ms), beat 3 (120 ms)']);
  });
});

describe('parseRrFile: bad input gets a specific error', () => {
  it.each([
    ['an empty file', '', undefined, 'parse RR file rec.txt: the file is empty'],
    ['whitespace only', '  \n\n', undefined, 'parse RR file rec.txt: the file is empty'],
    ['prose', 'hello there\nhow are you', 1, 'parse RR file rec.txt: line 1: no RR column: got "hello there"'],
    ['a word among numbers', '800\n810\nabc\n', 3, 'parse RR file rec.txt: line 3: expected an RR interval in ms, got "abc"'],
    ['a negative interval', '800\n-810\n', 2, 'parse RR file rec.txt: line 2: expected an RR interval in ms > 0, got -810'],
    ['a zero interval', 'rr_ms\n800\n0\n', 3, 'parse RR file rec.txt: line 3: expected an RR interval in column rr_ms > 0, got 0'],
    ['mixed separators in the header', 't_s,rr_ms;hr\n', 1, 'parse RR file rec.txt: line 1: mixed separators ("," and ";")'],
    [
      'mixed separators in a row',
      't_s,rr_ms\n0.8,800\n1.6;800\n',
      3,
      'parse RR file rec.txt: line 3: 1 value instead of 2 (found ";": mixed separators?)',
    ],
    [
      'a separator in a one-column file',
      '800\n810;820\n',
      2,
      'parse RR file rec.txt: line 2: expected an RR interval in ms, got "810;820" (mixed separators?)',
    ],
    ['a decimal comma', 'rr_ms\n812,5\n', 2, 'parse RR file rec.txt: line 2: found "," but the header has a single column'],
    [
      'a decimal comma in a semicolon table',
      't_s;rr_ms\n0,8;812,5\n',
      2,
      'parse RR file rec.txt: line 2: expected an RR interval in column rr_ms, got "812,5" (decimal comma? use a point)',
    ],
    [
      'a table of three columns without a header',
      '0.8,800,75\n1.6,800,75\n',
      1,
      'parse RR file rec.txt: line 1: a table of 3 columns without a header',
    ],
    [
      'a headerless table whose first column is not elapsed time',
      '800\t1.6\n800\t0.8\n',
      2,
      'parse RR file rec.txt: line 2: time 800 s does not come after 800 s',
    ],
    ['a missing RR column', 't_s,note\n0.8,75\n', 1, 'parse RR file rec.txt: line 1: no RR column: got columns "t_s", "note"'],
    ['times going backwards', 't_s,rr_ms\n1.6,800\n0.8,800\n', 3, 'parse RR file rec.txt: line 3: time 0.8 s does not come after 1.6 s'],
  ])('parseRrFile rejects %s', (_, text, line, message) => {
    const error = errorOf(() => parseRrFile(text, 'rec.txt'));
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.line).toBe(line);
    expect(error.expected.length).toBeGreaterThan(0);
  });

  it('parseRrFile never throws anything but an RrFileError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          const file = parseRrFile(text);
          expect(file.rrMs.length).toBeGreaterThan(0);
          expect(file.rrMs.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(RrFileError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parseRrFile never throws anything but an RrFileError on number-like lines and JSON-like text', () => {
    const line = fc.oneof(
      fc.double({ noNaN: false }).map(String),
      fc.constantFrom('rr_ms', 't_s,rr_ms', ',', ';', '\t', '{', '[', 'null', '"x"'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        for (const text of [lines.join('\n'), `[${lines.join(',')}]`, `{"rrMs":[${lines.join(',')}]}`]) {
          try {
            parseRrFile(text);
          } catch (error) {
            expect(error).toBeInstanceOf(RrFileError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseRrFile: JSON', () => {
  it('parseRrFile(json) reads a plain array and an { rrMs, tSec } object', () => {
    expect(parseRrFile('[800, 810]').rrMs).toEqual([800, 810]);
    expect(parseRrFile('{"rrMs":[800,810],"tSec":[0.8,1.61]}')).toMatchObject({ rrMs: [800, 810], tSec: [0.8, 1.61], hasTimeColumn: true });
  });

  it('parseRrFile(json) reads per-partner arrays, the only partner with RR by default, or the chosen one', () => {
    const text = JSON.stringify({ partners: { a: { rrMs: [800, 810] }, b: { rrMs: [600, 610] } } });
    const a = parseRrFile(text);
    expect(a.rrMs).toEqual([800, 810]);
    expect(a.warnings).toEqual(['the file holds partners a and b; read partner a']);
    expect(parseRrFile(text, 'x.json', { partner: 'b' }).rrMs).toEqual([600, 610]);
    expect(parseRrFile(JSON.stringify({ a: { rrMs: [] }, b: { rrMs: [700] } })).rrMs).toEqual([700]);
  });

  it('parseRrFile(json) reads the app export: latest session, partner, beat times and gaps', () => {
    const beat = (tSec: number, rrMs: number | null, afterGap = false) => ({ tSec, rrMs, hrBpm: 75, afterGap });
    const doc = {
      format: 'attune-export',
      version: 1,
      data: {
        sessions: [
          { id: 's1', startedAt: '2026-01-01T10:00:00Z' },
          { id: 's2', startedAt: '2026-02-01T10:00:00Z' },
        ],
        beatChunks: [
          { sessionId: 's1', partner: 'a', seq: 0, segment: 0, startSec: 0, endSec: 1, beats: [beat(0.8, 800)] },
          { sessionId: 's2', partner: 'a', seq: 1, segment: 0, startSec: 2, endSec: 5, beats: [beat(9, 800, true), beat(9.8, 800)] },
          {
            sessionId: 's2',
            partner: 'a',
            seq: 0,
            segment: 0,
            startSec: 0,
            endSec: 2,
            beats: [beat(0.8, 800), beat(1.6, null), beat(2.4, 800)],
          },
          { sessionId: 's2', partner: 'b', seq: 0, segment: 0, startSec: 0, endSec: 2, beats: [beat(0.6, 600)] },
        ],
      },
    };
    const file = parseRrFile(JSON.stringify(doc));
    expect(file.rrMs).toEqual([800, 800, 800, 800]);
    expect(file.tSec).toEqual([0.8, 2.4, 9, 9.8]);
    expect(file.afterGap).toEqual([false, true, true, false]);
    expect(file.warnings).toEqual([
      'the export holds 2 sessions; read the latest, s2',
      'the session holds partners a and b; read partner a',
    ]);
    expect(parseRrFile(JSON.stringify(doc), 'e.json', { partner: 'b', sessionId: 's2' }).rrMs).toEqual([600]);
  });

  it('parseRrFile(json) reads a partner of the app export recorded without RR intervals as heart rate only', () => {
    const hrBeat = (tSec: number, hrBpm: number, afterGap = false) => ({ tSec, rrMs: null, hrBpm, afterGap });
    const doc = {
      format: 'attune-export',
      version: 1,
      data: {
        sessions: [{ id: 's1', startedAt: '2026-01-01T10:00:00Z' }],
        beatChunks: [
          { sessionId: 's1', partner: 'b', seq: 1, segment: 0, startSec: 5, endSec: 20, beats: [hrBeat(5, 71), hrBeat(20, 74, true)] },
          {
            sessionId: 's1',
            partner: 'b',
            seq: 0,
            segment: 0,
            startSec: 0,
            endSec: 4,
            beats: [hrBeat(0, 70.5), hrBeat(1, 70), hrBeat(4, 72)],
          },
          {
            sessionId: 's1',
            partner: 'a',
            seq: 0,
            segment: 0,
            startSec: 0,
            endSec: 1,
            beats: [{ tSec: 0.8, rrMs: 800, hrBpm: 75, afterGap: false }],
          },
        ],
      },
    };
    const b = parseRrFile(JSON.stringify(doc), 'e.json', { partner: 'b' });
    expect(b).toEqual({
      rrMs: [],
      hrBpm: [70.5, 70, 72, 71, 74],
      tSec: [0, 1, 4, 5, 20],
      hasTimeColumn: true,
      afterGap: [false, false, false, false, true],
      warnings: ['partner b of session s1 was recorded as heart rate only: no HRV or breathing'],
      partners: ['a', 'b'],
    });
    // By default the partner with RR intervals is read, as before.
    expect(parseRrFile(JSON.stringify(doc)).rrMs).toEqual([800]);
    // A session of one heart-rate-only partner reads that partner.
    const onlyB = { ...doc, data: { ...doc.data, beatChunks: doc.data.beatChunks.filter((c) => c.partner === 'b') } };
    expect(parseRrFile(JSON.stringify(onlyB)).hrBpm).toEqual([70.5, 70, 72, 71, 74]);
  });

  it.each([
    ['broken JSON', '{"rrMs": [800,', 'parse RR file e.json: not valid JSON'],
    ['a string RR', '{"rrMs": [800, "810"]}', 'parse RR file e.json: $.rrMs[1]: expected an RR interval in ms > 0, got "810"'],
    ['no RR data', '{"hello": 1}', 'parse RR file e.json: no RR data found'],
    ['tSec of the wrong length', '{"rrMs":[800,800],"tSec":[1]}', 'parse RR file e.json: $.tSec: expected an array as long as rrMs (2)'],
    [
      'an export beat with a bad RR',
      JSON.stringify({
        format: 'attune-export',
        data: { beatChunks: [{ sessionId: 's', partner: 'a', seq: 0, beats: [{ tSec: 1, rrMs: -3 }] }] },
      }),
      'parse RR file e.json: $.data.beatChunks[0].beats[0].rrMs: expected an RR interval in ms > 0, got -3',
    ],
    [
      'a heart-rate-only export beat without a heart rate',
      JSON.stringify({
        format: 'attune-export',
        data: { beatChunks: [{ sessionId: 's', partner: 'a', seq: 0, beats: [{ tSec: 1, rrMs: null }] }] },
      }),
      'parse RR file e.json: $.data.beatChunks[0].beats[0].hrBpm: expected a heart rate in bpm > 0, got undefined',
    ],
    [
      'a heart-rate-only export whose times go back',
      JSON.stringify({
        format: 'attune-export',
        data: {
          beatChunks: [
            {
              sessionId: 's',
              partner: 'a',
              seq: 0,
              beats: [
                { tSec: 2, rrMs: null, hrBpm: 70, afterGap: false },
                { tSec: 1, rrMs: null, hrBpm: 70, afterGap: false },
              ],
            },
          ],
        },
      }),
      'parse RR file e.json: $.data.beatChunks[0].beats[1].tSec: time 1 s does not come after 2 s',
    ],
  ])('parseRrFile rejects %s', (_, text, message) => {
    expect(errorOf(() => parseRrFile(text, 'e.json')).message.startsWith(message)).toBe(true);
  });
});

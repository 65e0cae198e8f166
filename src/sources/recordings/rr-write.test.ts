import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRrFile } from './rr-file';
import type { RrSeries } from './rr-write';
import { RR_WRITE_FORMATS, writeHrvLoggerCsv, writePairCsv, writeRr, writeRrCsv, writeRrJson, writeRrText } from './rr-write';

const bytes = (text: string) => new TextEncoder().encode(text);
/** A strap's intervals: whole steps of 1/1024 s, in ms. */
const strap = (ticks: number[]) => ticks.map((k) => (k * 1000) / 1024);

const a: RrSeries = { rrMs: strap([832, 851, 840]), tSec: [10.8125, 11.6435546875, 12.4638671875] };
const b: RrSeries = { rrMs: [700, 710.5], tSec: [11, 11.7105] };

describe('RR writers', () => {
  it('writeRrText gives one interval in ms per line (Kubios, Elite HRV)', () => {
    expect(writeRrText({ rrMs: [800, 812.5], tSec: [0.8, 1.6125] })).toBe('800\n812.5\n');
  });

  it('writeRrCsv gives t_s,rr_ms', () => {
    expect(writeRrCsv({ rrMs: [800, 812.5], tSec: [0.8, 1.6125] })).toBe('t_s,rr_ms\n0.8,800\n1.6125,812.5\n');
  });

  it('writeHrvLoggerCsv gives date,rr,since start with local dates from the session start', () => {
    const startedAt = new Date(2026, 2, 15, 9, 0, 0, 0);
    expect(writeHrvLoggerCsv({ rrMs: [800, 812], tSec: [0.8, 1.612] }, startedAt)).toBe(
      'date,rr,since start\n2026-03-15 09:00:00.800,800,0\n2026-03-15 09:00:01.612,812,812\n',
    );
  });

  it('writePairCsv puts both partners on the shared timeline, in time order', () => {
    expect(writePairCsv({ a, b })).toBe(
      [
        't_s,partner,rr_ms',
        '10.8125,a,812.5',
        '11,b,700',
        '11.6435546875,a,831.0546875',
        '11.7105,b,710.5',
        '12.4638671875,a,820.3125',
        '',
      ].join('\n'),
    );
  });

  it('refuses to write nothing, and a single-partner format for a partner without intervals', () => {
    expect(() => writeRrText({ rrMs: [], tSec: [] })).toThrow('write RR text: no RR intervals to write');
    expect(() => writePairCsv({})).toThrow('write two-partner CSV: neither partner has RR intervals');
    expect(() => writeRr('text', { a }, { partner: 'b' })).toThrow('write text: partner b has no RR intervals');
  });
});

describe('every written file reads back to the same intervals', () => {
  it.each(RR_WRITE_FORMATS)('%s, for each partner', (format) => {
    for (const partner of ['a', 'b'] as const) {
      const written = writeRr(format, { a, b }, { partner, startedAt: new Date(2026, 2, 15, 9) });
      const back = readRrFile(bytes(written), `x.${format}`, { partner });
      const original = partner === 'a' ? a : b;
      expect(back.rrMs).toEqual(original.rrMs);
      if (format === 'csv' || format === 'pair-csv' || format === 'json') expect(back.tSec).toEqual(original.tSec);
      // HRV Logger counts time from the first beat: the same spacing, shifted.
      if (format === 'hrv-logger')
        expect(back.tSec.map((t) => t + original.tSec[0])).toEqual(original.tSec.map((t) => expect.closeTo(t, 9)));
    }
  });

  it('holds for any strap recording (property)', () => {
    const recording = fc.array(fc.integer({ min: 256, max: 2560 }), { minLength: 1, maxLength: 60 }).map((ticks) => {
      const rrMs = strap(ticks);
      let t = 0;
      return { rrMs, tSec: rrMs.map((rr) => (t += rr / 1000)) };
    });
    fc.assert(
      fc.property(recording, recording, fc.constantFrom(...RR_WRITE_FORMATS), (pa, pb, format) => {
        const back = readRrFile(bytes(writeRr(format, { a: pa, b: pb })), 'x', { partner: 'a' });
        expect(back.rrMs).toEqual(pa.rrMs);
      }),
      { numRuns: 200 },
    );
  });

  it('writeRrJson keeps both partners for a later choice', () => {
    const text = writeRrJson({ a, b });
    expect(readRrFile(bytes(text), 'x.json', { partner: 'b' }).rrMs).toEqual(b.rrMs);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HeartRateMeasurement, SensorContact } from './heart-rate-measurement';
import { HeartRateParseError, RR_TICK_MS, encodeHeartRateMeasurement, parseHeartRateMeasurement } from './heart-rate-measurement';

function view(hexBytes: string): DataView {
  const bytes =
    hexBytes.trim() === ''
      ? []
      : hexBytes
          .trim()
          .split(/\s+/)
          .map((b) => Number.parseInt(b, 16));
  return new DataView(new Uint8Array(bytes).buffer);
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Hand-made packets for the eight combinations of heart-rate format (bit 0), energy (bit 3) and
 * RR (bit 4), each at 72 bpm (0x48); energy 0x0102 = 258 kJ; RR ticks 0x0400 = 1024 → 1000 ms and
 * 0x0200 = 512 → 500 ms. The flags byte below has contact bits clear; the four contact states are
 * OR-ed in by the test.
 */
const BODIES: readonly { flags: number; rest: string; expected: Omit<HeartRateMeasurement, 'sensorContact'> }[] = [
  { flags: 0x00, rest: '48', expected: { bpm: 72, rrIntervalsMs: [] } },
  { flags: 0x01, rest: '48 00', expected: { bpm: 72, rrIntervalsMs: [] } },
  { flags: 0x08, rest: '48 02 01', expected: { bpm: 72, rrIntervalsMs: [], energyExpendedKj: 258 } },
  { flags: 0x09, rest: '48 00 02 01', expected: { bpm: 72, rrIntervalsMs: [], energyExpendedKj: 258 } },
  { flags: 0x10, rest: '48 00 04 00 02', expected: { bpm: 72, rrIntervalsMs: [1000, 500] } },
  { flags: 0x11, rest: '48 00 00 04', expected: { bpm: 72, rrIntervalsMs: [1000] } },
  { flags: 0x18, rest: '48 02 01 00 04 00 02', expected: { bpm: 72, rrIntervalsMs: [1000, 500], energyExpendedKj: 258 } },
  { flags: 0x19, rest: '48 00 02 01 00 04', expected: { bpm: 72, rrIntervalsMs: [1000], energyExpendedKj: 258 } },
];

/** Contact bits 1–2: bit 2 = supported, bit 1 = detected (meaningless without bit 2). */
const CONTACTS: readonly { bits: number; sensorContact: SensorContact }[] = [
  { bits: 0x00, sensorContact: 'unsupported' },
  { bits: 0x02, sensorContact: 'unsupported' },
  { bits: 0x04, sensorContact: 'not-detected' },
  { bits: 0x06, sensorContact: 'detected' },
];

const FIXTURES = BODIES.flatMap((body) =>
  CONTACTS.map((contact) => ({
    hex: `${(body.flags | contact.bits).toString(16).padStart(2, '0')} ${body.rest}`,
    expected: { ...body.expected, sensorContact: contact.sensorContact },
  })),
);

describe('parseHeartRateMeasurement', () => {
  it('covers all 32 combinations of the five defined flag bits', () => {
    expect(new Set(FIXTURES.map((f) => f.hex.slice(0, 2))).size).toBe(32);
  });

  it.each(FIXTURES)('parseHeartRateMeasurement($hex) reads every field its flags announce', ({ hex, expected }) => {
    expect(parseHeartRateMeasurement(view(hex))).toEqual(expected);
  });

  it('parseHeartRateMeasurement(view) reads a Polar-style packet: 61 bpm and one RR of 1024/1024 s', () => {
    expect(parseHeartRateMeasurement(view('10 3d 00 04'))).toEqual({ bpm: 61, rrIntervalsMs: [1000], sensorContact: 'unsupported' });
  });

  it('parseHeartRateMeasurement(view) reads a 16-bit heart rate above 255 little-endian', () => {
    expect(parseHeartRateMeasurement(view('01 2c 01')).bpm).toBe(300);
  });

  it('parseHeartRateMeasurement(view) converts RR ticks of 1/1024 s to milliseconds', () => {
    const m = parseHeartRateMeasurement(view('10 50 01 00 ff ff 9a 03'));
    expect(m.rrIntervalsMs).toEqual([RR_TICK_MS, 65535 * RR_TICK_MS, 922 * RR_TICK_MS]);
    expect(m.rrIntervalsMs[2]).toBeCloseTo(900.390625, 9);
  });

  it('parseHeartRateMeasurement(view) keeps every RR interval of a packet, in order', () => {
    const m = parseHeartRateMeasurement(view('16 78 6e 02 70 02 72 02 74 02 76 02 78 02 7a 02 7c 02 7e 02'));
    expect(m.rrIntervalsMs.map((ms) => Math.round(ms / RR_TICK_MS))).toEqual([622, 624, 626, 628, 630, 632, 634, 636, 638]);
    expect(m).toMatchObject({ bpm: 120, sensorContact: 'detected' });
  });

  it('parseHeartRateMeasurement(view) honours the byte offset of a view into a larger buffer', () => {
    const buffer = new Uint8Array([0xff, 0xff, 0x10, 0x48, 0x00, 0x04, 0xee, 0xee]).buffer;
    expect(parseHeartRateMeasurement(new DataView(buffer, 2, 4))).toEqual({ bpm: 72, rrIntervalsMs: [1000], sensorContact: 'unsupported' });
  });

  it('parseHeartRateMeasurement(view) ignores the reserved flag bits 5–7', () => {
    expect(parseHeartRateMeasurement(view('e0 48'))).toEqual({ bpm: 72, rrIntervalsMs: [], sensorContact: 'unsupported' });
  });

  it('parseHeartRateMeasurement(view) ignores bytes after the announced fields when no RR field is announced', () => {
    expect(parseHeartRateMeasurement(view('00 48 99'))).toEqual({ bpm: 72, rrIntervalsMs: [], sensorContact: 'unsupported' });
  });

  it('parseHeartRateMeasurement(view) reports a heart rate of 0 as sent (the device has no reading)', () => {
    expect(parseHeartRateMeasurement(view('04 00')).bpm).toBe(0);
  });

  it.each([
    ['', 'parseHeartRateMeasurement: empty packet (no flags byte)'],
    ['00', 'parseHeartRateMeasurement: 1 byte is too short for the 8-bit heart rate announced by flags 0x00'],
    ['01 48', 'parseHeartRateMeasurement: 2 bytes is too short for the 16-bit heart rate announced by flags 0x01'],
    ['08 48 02', 'parseHeartRateMeasurement: 3 bytes is too short for the energy-expended field announced by flags 0x08 (needs 4)'],
    ['10 48', 'parseHeartRateMeasurement: RR-interval flag is set but the packet holds no RR interval'],
    ['10 48 00 04 00', 'parseHeartRateMeasurement: odd trailing byte in the RR-interval field (3 bytes from offset 2)'],
    ['10 48 00 04 00 00', 'parseHeartRateMeasurement: RR interval at offset 4 is 0'],
  ])('parseHeartRateMeasurement(%j) throws a HeartRateParseError naming the problem', (hex, message) => {
    let caught: unknown;
    try {
      parseHeartRateMeasurement(view(hex));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HeartRateParseError);
    expect((caught as HeartRateParseError).message).toBe(message);
    expect((caught as HeartRateParseError).name).toBe('HeartRateParseError');
    expect((caught as HeartRateParseError).packetHex).toBe(hex);
  });

  it('parseHeartRateMeasurement(view) either parses arbitrary bytes into finite numbers or throws HeartRateParseError (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), fc.nat(8), (bytes, pad) => {
        const buffer = new Uint8Array(bytes.length + pad + 3);
        buffer.set(bytes, pad);
        const dataView = new DataView(buffer.buffer, pad, bytes.length);
        let m: HeartRateMeasurement;
        try {
          m = parseHeartRateMeasurement(dataView);
        } catch (error) {
          expect(error).toBeInstanceOf(HeartRateParseError);
          return;
        }
        expect(Number.isInteger(m.bpm)).toBe(true);
        for (const rr of m.rrIntervalsMs) {
          expect(Number.isFinite(rr)).toBe(true);
          expect(rr).toBeGreaterThan(0);
        }
        if (m.energyExpendedKj !== undefined) expect(Number.isInteger(m.energyExpendedKj)).toBe(true);
        expect(['unsupported', 'not-detected', 'detected']).toContain(m.sensorContact);
      }),
      { numRuns: 2000 },
    );
  });
});

const measurementArb: fc.Arbitrary<HeartRateMeasurement> = fc
  .record({
    bpm: fc.integer({ min: 0, max: 0xffff }),
    ticks: fc.array(fc.integer({ min: 1, max: 0xffff }), { maxLength: 9 }),
    sensorContact: fc.constantFrom<SensorContact>('unsupported', 'not-detected', 'detected'),
    energyExpendedKj: fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined }),
  })
  .map(({ bpm, ticks, sensorContact, energyExpendedKj }) => {
    const rrIntervalsMs = ticks.map((t) => t * RR_TICK_MS);
    return energyExpendedKj === undefined ? { bpm, rrIntervalsMs, sensorContact } : { bpm, rrIntervalsMs, sensorContact, energyExpendedKj };
  });

describe('encodeHeartRateMeasurement', () => {
  it.each(FIXTURES)('encodeHeartRateMeasurement(m) writes the hand-made packet back ($hex)', ({ hex, expected }) => {
    const flags = Number.parseInt(hex.slice(0, 2), 16);
    if ((flags & 0x06) === 0x02) return; // "detected" without "supported" is not something an encoder writes
    expect(hexOf(encodeHeartRateMeasurement(expected, { uint16: (flags & 0x01) === 1 }))).toBe(hex);
  });

  it('encodeHeartRateMeasurement(m) chooses a 16-bit heart rate above 255 bpm', () => {
    expect(hexOf(encodeHeartRateMeasurement({ bpm: 300, rrIntervalsMs: [], sensorContact: 'unsupported' }))).toBe('01 2c 01');
  });

  it('encodeHeartRateMeasurement(m) rounds RR intervals to the nearest 1/1024 s tick', () => {
    expect(hexOf(encodeHeartRateMeasurement({ bpm: 60, rrIntervalsMs: [1000, 900], sensorContact: 'detected' }))).toBe('16 3c 00 04 9a 03');
  });

  it('parseHeartRateMeasurement(encodeHeartRateMeasurement(m)) round-trips any valid measurement (property)', () => {
    fc.assert(
      fc.property(measurementArb, fc.boolean(), (m, uint16) => {
        const bytes = encodeHeartRateMeasurement(m, { uint16 });
        expect(parseHeartRateMeasurement(new DataView(bytes.buffer))).toEqual(m);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    [
      { bpm: 72.5, rrIntervalsMs: [], sensorContact: 'unsupported' as const },
      'encodeHeartRateMeasurement: bpm must be an integer 0–65535, got 72.5',
    ],
    [
      { bpm: 70000, rrIntervalsMs: [], sensorContact: 'unsupported' as const },
      'encodeHeartRateMeasurement: bpm must be an integer 0–65535, got 70000',
    ],
    [
      { bpm: 72, rrIntervalsMs: [Number.NaN], sensorContact: 'unsupported' as const },
      'encodeHeartRateMeasurement: rrIntervalsMs[0] must be 1–63999 ms, got NaN',
    ],
    [
      { bpm: 72, rrIntervalsMs: [1000, 0], sensorContact: 'unsupported' as const },
      'encodeHeartRateMeasurement: rrIntervalsMs[1] must be 1–63999 ms, got 0',
    ],
    [
      { bpm: 72, rrIntervalsMs: [], sensorContact: 'unsupported' as const, energyExpendedKj: -1 },
      'encodeHeartRateMeasurement: energyExpendedKj must be an integer 0–65535, got -1',
    ],
  ])('encodeHeartRateMeasurement(%j) rejects what the characteristic cannot carry', (m, message) => {
    expect(() => encodeHeartRateMeasurement(m)).toThrow(message);
  });
});

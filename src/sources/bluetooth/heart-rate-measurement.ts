/**
 * The Heart Rate Measurement characteristic (0x2A37) of the Bluetooth Heart Rate Service,
 * as a pure `DataView → record` parser and its inverse (DESIGN.md, Heart Rate Measurement).
 *
 * Layout (Bluetooth SIG, Heart Rate Service 1.0 and the GATT Specification Supplement):
 * - byte 0, flags: bit 0 heart-rate format (0 = uint8, 1 = uint16 little-endian); bits 1–2 sensor
 *   contact (bit 2 = the feature is supported, bit 1 = contact detected; bit 1 means nothing
 *   without bit 2); bit 3 energy expended present (uint16, kilojoules); bit 4 RR intervals present;
 *   bits 5–7 reserved for future use and ignored, as the specification asks of a client.
 * - heart rate, then energy expended if flagged, then every remaining byte pair is one RR interval
 *   (uint16, unit 1/1024 s). A strap notifying about once a second sends several per packet when
 *   the heart beats faster than that; all of them must be kept.
 */

// Declared with the source contract, whose connected status carries it; re-exported for the parser's users.
import type { SensorContact } from '../heart-rate-source';
export type { SensorContact } from '../heart-rate-source';

export interface HeartRateMeasurement {
  /** Heart rate the device reports, beats per minute (an integer, 0 when the device has no reading). */
  readonly bpm: number;
  /** RR intervals in arrival order, ms (converted from 1/1024 s); empty when the packet has none. */
  readonly rrIntervalsMs: number[];
  readonly sensorContact: SensorContact;
  /** Cumulative energy expended, kilojoules, when the packet carries it. */
  readonly energyExpendedKj?: number;
}

/** A packet that does not follow the layout its own flags announce. */
export class HeartRateParseError extends Error {
  /** The packet, as hex bytes, for diagnostics. */
  readonly packetHex: string;

  constructor(reason: string, packetHex: string) {
    super(`parseHeartRateMeasurement: ${reason}`);
    this.name = 'HeartRateParseError';
    this.packetHex = packetHex;
  }
}

const FLAG_HR_UINT16 = 0x01;
const FLAG_CONTACT_DETECTED = 0x02;
const FLAG_CONTACT_SUPPORTED = 0x04;
const FLAG_ENERGY = 0x08;
const FLAG_RR = 0x10;

/** Milliseconds per RR tick: the characteristic counts RR in 1/1024 s. */
export const RR_TICK_MS = 1000 / 1024;

function hex(view: DataView): string {
  const bytes: string[] = [];
  for (let i = 0; i < view.byteLength; i += 1) bytes.push(view.getUint8(i).toString(16).padStart(2, '0'));
  return bytes.join(' ');
}

/**
 * Parses one Heart Rate Measurement notification.
 *
 * @param view The characteristic value; its `byteOffset` is honoured (a view into a larger buffer).
 * @returns The measurement; RR intervals converted to ms (ticks × 1000/1024).
 * @throws HeartRateParseError for an empty packet, a packet too short for the fields its flags
 *   announce, an RR field with an odd trailing byte or no RR value, or an RR interval of 0.
 *   Never returns NaN or a guessed value.
 */
export function parseHeartRateMeasurement(view: DataView): HeartRateMeasurement {
  const fail = (reason: string): never => {
    throw new HeartRateParseError(reason, hex(view));
  };
  const length = view.byteLength;
  if (length === 0) fail('empty packet (no flags byte)');
  const flags = view.getUint8(0);
  let offset = 1;

  const hrBytes = flags & FLAG_HR_UINT16 ? 2 : 1;
  if (length < offset + hrBytes) {
    fail(
      `${length} byte${length === 1 ? '' : 's'} is too short for the ${hrBytes * 8}-bit heart rate announced by flags 0x${flags.toString(16).padStart(2, '0')}`,
    );
  }
  const bpm = hrBytes === 2 ? view.getUint16(offset, true) : view.getUint8(offset);
  offset += hrBytes;

  const sensorContact: SensorContact =
    flags & FLAG_CONTACT_SUPPORTED ? (flags & FLAG_CONTACT_DETECTED ? 'detected' : 'not-detected') : 'unsupported';

  let energyExpendedKj: number | undefined;
  if (flags & FLAG_ENERGY) {
    if (length < offset + 2)
      fail(
        `${length} bytes is too short for the energy-expended field announced by flags 0x${flags.toString(16).padStart(2, '0')} (needs ${offset + 2})`,
      );
    energyExpendedKj = view.getUint16(offset, true);
    offset += 2;
  }

  const rrIntervalsMs: number[] = [];
  if (flags & FLAG_RR) {
    const rrBytes = length - offset;
    if (rrBytes === 0) fail('RR-interval flag is set but the packet holds no RR interval');
    if (rrBytes % 2 !== 0) fail(`odd trailing byte in the RR-interval field (${rrBytes} bytes from offset ${offset})`);
    for (; offset < length; offset += 2) {
      const ticks = view.getUint16(offset, true);
      if (ticks === 0) fail(`RR interval at offset ${offset} is 0`);
      rrIntervalsMs.push(ticks * RR_TICK_MS);
    }
  }
  // Bytes after the last announced field without the RR flag are ignored: the specification lets
  // later versions append fields, and the announced fields are complete.

  return energyExpendedKj === undefined ? { bpm, rrIntervalsMs, sensorContact } : { bpm, rrIntervalsMs, sensorContact, energyExpendedKj };
}

export interface EncodeOptions {
  /** Write the heart rate as uint16 even when it fits in a byte (as some straps do). Default false. */
  readonly uint16?: boolean;
}

/**
 * Encodes a measurement as the device would send it: the inverse of `parseHeartRateMeasurement`
 * (for tests and the emulated straps of the end-to-end fixture).
 *
 * @param m `bpm` an integer 0–65535 (uint16 is chosen above 255); RR intervals in ms, each rounded
 *   to the nearest 1/1024 s tick, 1–65535 ticks (about 1 ms to 64 s); energy an integer 0–65535 kJ.
 * @throws Error ("encodeHeartRateMeasurement: …") for values the characteristic cannot carry.
 */
export function encodeHeartRateMeasurement(m: HeartRateMeasurement, options: EncodeOptions = {}): Uint8Array {
  const fail = (reason: string): never => {
    throw new Error(`encodeHeartRateMeasurement: ${reason}`);
  };
  if (!Number.isInteger(m.bpm) || m.bpm < 0 || m.bpm > 0xffff) fail(`bpm must be an integer 0–65535, got ${m.bpm}`);
  const energy = m.energyExpendedKj;
  if (energy !== undefined && (!Number.isInteger(energy) || energy < 0 || energy > 0xffff)) {
    fail(`energyExpendedKj must be an integer 0–65535, got ${energy}`);
  }
  const ticks = m.rrIntervalsMs.map((ms, i) => {
    const t = Math.round(ms / RR_TICK_MS);
    if (!Number.isFinite(ms) || t < 1 || t > 0xffff) fail(`rrIntervalsMs[${i}] must be 1–63999 ms, got ${ms}`);
    return t;
  });
  const uint16 = options.uint16 === true || m.bpm > 0xff;
  let flags = 0;
  if (uint16) flags |= FLAG_HR_UINT16;
  if (m.sensorContact !== 'unsupported') flags |= FLAG_CONTACT_SUPPORTED;
  if (m.sensorContact === 'detected') flags |= FLAG_CONTACT_DETECTED;
  if (energy !== undefined) flags |= FLAG_ENERGY;
  if (ticks.length > 0) flags |= FLAG_RR;

  const bytes = new Uint8Array(1 + (uint16 ? 2 : 1) + (energy === undefined ? 0 : 2) + 2 * ticks.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, flags);
  let offset = 1;
  if (uint16) {
    view.setUint16(offset, m.bpm, true);
    offset += 2;
  } else {
    view.setUint8(offset, m.bpm);
    offset += 1;
  }
  if (energy !== undefined) {
    view.setUint16(offset, energy, true);
    offset += 2;
  }
  for (const t of ticks) {
    view.setUint16(offset, t, true);
    offset += 2;
  }
  return bytes;
}

/**
 * What the Web Bluetooth source tells the user when the browser or the strap says no, as a
 * disconnect code and a reason in words.
 */
import type { DisconnectCode } from '../heart-rate-source';

export const ADAPTER_OFF_RECONNECTING = 'Bluetooth is off on this device. Turn it on and the strap will reconnect.';
export const UNSUPPORTED = 'This browser cannot connect to Bluetooth straps.';

/** Why a connection ended, as the status reports it. */
export interface Ending {
  readonly code: DisconnectCode;
  readonly reason: string;
}

export function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failure while setting up the heart-rate service of a chosen device: the ending when another try
 * cannot help (no heart-rate service, access refused), undefined when it is worth trying again (out
 * of range, timed out, dropped mid-setup).
 */
export function setupEnding(error: unknown, deviceName: string): Ending | undefined {
  const name = errorName(error);
  if (name === 'NotFoundError' && /service/i.test(errorMessage(error))) {
    return {
      code: 'not-heart-rate',
      reason: `“${deviceName}” does not offer heart rate. Choose a chest strap or a watch that broadcasts heart rate.`,
    };
  }
  if (name === 'SecurityError') {
    return { code: 'not-allowed', reason: 'The browser did not allow access to this strap’s heart-rate data. Connect it again.' };
  }
  return undefined;
}

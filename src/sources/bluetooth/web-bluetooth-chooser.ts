/**
 * The browser's device chooser for a heart-rate strap, and what its refusals mean to the user.
 * `requestDevice` may only be called straight from a click; the source calls this from `connect()`.
 */
import type { Ending } from './web-bluetooth-errors';
import { UNSUPPORTED, errorMessage, errorName } from './web-bluetooth-errors';
import type { BluetoothDeviceLike, BluetoothLike, RequestDeviceOptionsLike } from './web-bluetooth-types';

/** The request DESIGN.md prescribes: heart-rate straps, with battery and device information allowed. */
export const HEART_RATE_REQUEST: RequestDeviceOptionsLike = {
  filters: [{ services: ['heart_rate'] }],
  optionalServices: ['battery_service', 'device_information'],
};

/**
 * The chooser narrowed to one strap by its advertised name (the strap a partner used before, when
 * the browser no longer lists it among its permitted devices): the list then shows that strap alone.
 * A name filter does not grant services, so the heart-rate service joins the optional ones.
 */
export function strapNamedRequest(name: string): RequestDeviceOptionsLike {
  return {
    filters: [{ name }],
    optionalServices: ['heart_rate', ...(HEART_RATE_REQUEST.optionalServices ?? [])],
  };
}

const CHOOSER_ADVICE = 'No strap was chosen. Press “Connect a strap” to try again.';
const ADAPTER_OFF = 'Bluetooth is off on this device. Turn it on, then connect again.';

/**
 * Opens the chooser. Resolves the chosen device; or why there is none (cancelled, Bluetooth off, not
 * allowed, unsupported); or null when `stillWanted()` turned false meanwhile (the user disconnected),
 * so that nothing more is reported. Never rejects.
 */
export async function chooseStrap(
  bluetooth: BluetoothLike | undefined,
  stillWanted: () => boolean,
  onlyName?: string,
): Promise<BluetoothDeviceLike | Ending | null> {
  if (bluetooth === undefined) return { code: 'unsupported', reason: UNSUPPORTED };
  try {
    const chosen = await bluetooth.requestDevice(onlyName === undefined ? HEART_RATE_REQUEST : strapNamedRequest(onlyName));
    return stillWanted() ? chosen : null;
  } catch (error) {
    if (!stillWanted()) return null;
    const name = errorName(error);
    if (name === 'NotFoundError') {
      // A cancelled chooser and Bluetooth turned off look alike: ask the adapter.
      let available = !/adapter/i.test(errorMessage(error));
      if (available && bluetooth.getAvailability !== undefined) {
        available = await bluetooth.getAvailability().catch(() => true);
      }
      if (!stillWanted()) return null;
      return available ? { code: 'cancelled', reason: CHOOSER_ADVICE } : { code: 'adapter-off', reason: ADAPTER_OFF };
    }
    if (name === 'SecurityError' || name === 'NotAllowedError') {
      return {
        code: 'not-allowed',
        reason:
          'The browser did not allow Bluetooth here. Press “Connect a strap” again; browsers allow it only straight from a click, and it may be blocked in the site settings.',
      };
    }
    if (name === 'NotSupportedError') return { code: 'unsupported', reason: UNSUPPORTED };
    return { code: 'error', reason: `Could not open the strap chooser: ${errorMessage(error)}` };
  }
}

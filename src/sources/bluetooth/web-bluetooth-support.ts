import type { BluetoothDeviceLike, BluetoothLike } from './web-bluetooth-types';
import { navigatorBluetooth } from './web-bluetooth-types';

/** Why Web Bluetooth cannot be used, for the UI to pick its words and tests to assert. */
export type BluetoothUnavailableCode = 'insecure-context' | 'ios' | 'firefox' | 'safari' | 'linux-flag' | 'no-api';

export type BluetoothSupport =
  | { readonly available: true }
  | {
      readonly available: false;
      readonly code: BluetoothUnavailableCode;
      /** Plain-language reason. */
      readonly reason: string;
      /** What to do instead. */
      readonly advice: string;
    };

export interface SupportEnvironment {
  /** The page's navigator (undefined outside a browser). */
  readonly navigator: Navigator | undefined;
  /** `window.isSecureContext`: HTTPS or localhost. */
  readonly isSecureContext: boolean;
  /** `navigator.userAgent`. */
  readonly userAgent: string;
}

const ALTERNATIVES = 'You can still try Attune with the simulator, or load a recording from a file.';
const USE_CHROME = 'To connect straps, open Attune in Chrome or Edge on a computer (Windows, macOS, ChromeOS) or in Chrome on Android.';

/**
 * Whether this page can use Web Bluetooth, and if not, why and what to do instead.
 * It says nothing about the adapter being on: that shows when connecting.
 *
 * Web Bluetooth exists only in secure contexts, in Chromium-based browsers; Chrome on Linux hides it
 * behind the "Experimental Web Platform features" flag; Firefox and Safari do not implement it, and
 * every iOS browser is Safari underneath, except the few that add Web Bluetooth of their own (such as
 * Bluefy), which this page then finds like any other. (https://developer.mozilla.org/docs/Web/API/Web_Bluetooth_API)
 */
export function webBluetoothSupport(env: SupportEnvironment): BluetoothSupport {
  if (env.isSecureContext && navigatorBluetooth(env.navigator) !== undefined) return { available: true };
  const ua = env.userAgent;
  if (!env.isSecureContext) {
    return {
      available: false,
      code: 'insecure-context',
      reason: 'Bluetooth works only on a secure page (an address starting with https://, or localhost).',
      advice: `Open Attune from its https:// address. ${ALTERNATIVES}`,
    };
  }
  if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && /Mobile\//.test(ua))) {
    return {
      available: false,
      code: 'ios',
      reason: 'Safari, and the usual browsers on iPhone and iPad, cannot connect to Bluetooth straps.',
      // Every iOS browser runs on Safari's engine, but a few add Web Bluetooth themselves; in one of
      // those this page finds `navigator.bluetooth` and never gets here.
      advice:
        'On this iPhone or iPad you can install a browser that has Web Bluetooth (Bluefy is one) and open Attune in it. ' +
        `Or use a computer with Chrome or Edge, or an Android phone with Chrome. ${ALTERNATIVES}`,
    };
  }
  if (/Firefox\//.test(ua) && !/Seamonkey\//.test(ua)) {
    return {
      available: false,
      code: 'firefox',
      reason: 'Firefox cannot connect to Bluetooth straps.',
      advice: `${USE_CHROME} ${ALTERNATIVES}`,
    };
  }
  const chromium = /Chrome\/|Chromium\/|Edg\//.test(ua);
  if (/Safari\//.test(ua) && !chromium) {
    return {
      available: false,
      code: 'safari',
      reason: 'Safari cannot connect to Bluetooth straps.',
      advice: `${USE_CHROME} ${ALTERNATIVES}`,
    };
  }
  if (chromium && /Linux/.test(ua) && !/Android/.test(ua)) {
    return {
      available: false,
      code: 'linux-flag',
      reason: 'On Linux, Chrome keeps Bluetooth behind a setting that is off by default.',
      advice: 'Open chrome://flags/#enable-experimental-web-platform-features, set it to Enabled, and restart Chrome. ' + ALTERNATIVES,
    };
  }
  return {
    available: false,
    code: 'no-api',
    reason: 'This browser cannot connect to Bluetooth straps (Bluetooth may be turned off in its settings).',
    advice: `${USE_CHROME} ${ALTERNATIVES}`,
  };
}

/** A strap this browser has been allowed to use before. */
export interface RememberedDevice {
  readonly id: string;
  readonly name: string;
  /** Pass as `device` to `createWebBluetoothSource` to connect without the chooser. */
  readonly device: BluetoothDeviceLike;
}

/**
 * Straps this origin was granted before, via `navigator.bluetooth.getDevices()` where the browser
 * supports it (Chrome with its permissions backend); an empty list elsewhere or on any failure.
 */
export async function rememberedDevices(bluetooth: BluetoothLike | undefined): Promise<RememberedDevice[]> {
  if (bluetooth?.getDevices === undefined) return [];
  try {
    const devices = await bluetooth.getDevices();
    return devices.map((device) => ({ id: device.id, name: device.name ?? 'Heart-rate strap', device }));
  } catch {
    return [];
  }
}

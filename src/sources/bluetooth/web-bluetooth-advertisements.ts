/**
 * Listening for a strap's advertisements while it is out of reach, where the browser has
 * `watchAdvertisements()`: its first advertisement means it is in range and awake, so the Web
 * Bluetooth source tries at once rather than at the end of its backoff (DESIGN.md, Sources).
 */
import type { BluetoothDeviceLike } from './web-bluetooth-types';

export interface AdvertisementWatch {
  /** Starts listening to the device, unless a watch already runs or the browser cannot watch. */
  watch(device: BluetoothDeviceLike | null): void;
  /** Stops the watch, if one runs. */
  stop(): void;
}

/** `onAdvertisement` is called for every advertisement received while the watch runs. */
export function createAdvertisementWatch(onAdvertisement: () => void): AdvertisementWatch {
  let watching: { readonly controller: AbortController; readonly device: BluetoothDeviceLike } | null = null;

  const stop = (): void => {
    if (watching === null) return;
    watching.controller.abort();
    watching.device.removeEventListener('advertisementreceived', onAdvertisement);
    watching = null;
  };

  const watch = (device: BluetoothDeviceLike | null): void => {
    if (watching !== null || device === null || typeof device.watchAdvertisements !== 'function') return;
    const controller = new AbortController();
    watching = { controller, device };
    device.addEventListener('advertisementreceived', onAdvertisement);
    device.watchAdvertisements({ signal: controller.signal }).catch(() => {
      // Not allowed or not possible here: the backoff alone keeps trying.
      if (watching?.controller === controller) stop();
    });
  };

  return { watch, stop };
}

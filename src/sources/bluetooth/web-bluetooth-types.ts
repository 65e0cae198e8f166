/**
 * The part of the Web Bluetooth API Attune uses, typed here because TypeScript's DOM library has no
 * Web Bluetooth types (https://webbluetoothcg.github.io/web-bluetooth/). Structural: the browser's
 * `navigator.bluetooth` satisfies these interfaces, and so does the unit-test fake.
 */

/** A listener as the DOM's `addEventListener` takes it. */
export type Listener = (event: Event) => void;

export interface BluetoothLEScanFilterLike {
  readonly services?: readonly (string | number)[];
  readonly name?: string;
  readonly namePrefix?: string;
}

export interface RequestDeviceOptionsLike {
  readonly filters?: readonly BluetoothLEScanFilterLike[];
  readonly optionalServices?: readonly (string | number)[];
  readonly acceptAllDevices?: boolean;
}

export interface CharacteristicPropertiesLike {
  readonly read: boolean;
  readonly notify: boolean;
}

export interface GattCharacteristicLike {
  readonly uuid: string;
  readonly properties: CharacteristicPropertiesLike;
  /** The latest value; set before `characteristicvaluechanged` fires. */
  readonly value?: DataView | null;
  readValue(): Promise<DataView>;
  startNotifications(): Promise<GattCharacteristicLike>;
  stopNotifications(): Promise<GattCharacteristicLike>;
  addEventListener(type: 'characteristicvaluechanged', listener: Listener): void;
  removeEventListener(type: 'characteristicvaluechanged', listener: Listener): void;
}

export interface GattServiceLike {
  readonly uuid: string;
  getCharacteristic(characteristic: string | number): Promise<GattCharacteristicLike>;
}

export interface GattServerLike {
  readonly connected: boolean;
  connect(): Promise<GattServerLike>;
  disconnect(): void;
  getPrimaryService(service: string | number): Promise<GattServiceLike>;
}

export interface BluetoothDeviceLike {
  readonly id: string;
  readonly name?: string | null;
  readonly gatt?: GattServerLike | null;
  /**
   * Starts listening for the device's advertisements (`advertisementreceived`), so a remembered
   * strap can be connected the moment it comes into range. Absent where the browser lacks it;
   * `signal` stops the watch.
   */
  watchAdvertisements?(options?: { signal?: AbortSignal }): Promise<void>;
  addEventListener(type: 'gattserverdisconnected' | 'advertisementreceived', listener: Listener): void;
  removeEventListener(type: 'gattserverdisconnected' | 'advertisementreceived', listener: Listener): void;
}

export interface BluetoothLike {
  requestDevice(options: RequestDeviceOptionsLike): Promise<BluetoothDeviceLike>;
  /** Devices this origin was already granted (Chrome with the permissions backend; absent elsewhere). */
  getDevices?(): Promise<BluetoothDeviceLike[]>;
  /** Whether a Bluetooth adapter is present (not whether it is powered, on every platform). */
  getAvailability?(): Promise<boolean>;
  addEventListener(type: 'availabilitychanged', listener: Listener): void;
  removeEventListener(type: 'availabilitychanged', listener: Listener): void;
}

/** The `availabilitychanged` event carries the new availability in `value`. */
export interface AvailabilityEventLike extends Event {
  readonly value?: boolean;
}

/**
 * The page's `navigator.bluetooth`, or undefined where the browser has none (Firefox, Safari,
 * Chrome on Linux without the experimental flag, insecure origins). The one place that reads it,
 * so the rest of the app never touches `navigator.bluetooth` (DESIGN.md, Folders).
 */
export function navigatorBluetooth(nav: Navigator | undefined): BluetoothLike | undefined {
  if (nav === undefined) return undefined;
  const candidate = (nav as Navigator & { bluetooth?: BluetoothLike }).bluetooth;
  return candidate !== undefined && candidate !== null && typeof candidate.requestDevice === 'function' ? candidate : undefined;
}

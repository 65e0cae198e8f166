/**
 * The GATT side of the fake `navigator.bluetooth` (`fake-bluetooth.ts`): device, GATT server,
 * services and characteristics, faithful to the Web Bluetooth specification in the behaviour the
 * source relies on (https://webbluetoothcg.github.io/web-bluetooth/):
 * - within one connection `getPrimaryService`/`getCharacteristic` return the same objects; a
 *   disconnection empties that cache, so after reconnecting they are new objects;
 * - a notification sets `characteristic.value`, then fires `characteristicvaluechanged` at the
 *   characteristic; `readValue()` does the same;
 * - `gattserverdisconnected` fires at the device on a link loss and on an explicit
 *   `gatt.disconnect()` alike, inline (synchronously) for the latter;
 * - GATT calls on a disconnected server reject with `NetworkError`, unknown services with
 *   `NotFoundError`, services not named in the request with `SecurityError`.
 * Every object counts its live listeners, so tests can prove teardown.
 */
import type {
  BluetoothDeviceLike,
  CharacteristicPropertiesLike,
  GattCharacteristicLike,
  GattServerLike,
  GattServiceLike,
} from '../web-bluetooth-types';

/** What the GATT objects ask of the emulated strap behind them (`FakeStrap` in `fake-bluetooth.ts`). */
export interface EmulatedStrap {
  /** The adapter the strap is reached through. */
  readonly bluetooth: { readonly powered: boolean };
  readonly inRange: boolean;
  /** `hang` never settles `gatt.connect()`; `fail` rejects it. */
  readonly connectBehaviour: 'ok' | 'fail' | 'hang';
  readonly failStartNotifications: boolean;
  readonly batteryReadHangs: boolean;
  connectCalls: number;
  /** Lets other promise callbacks run first, as a real stack's round trip does. */
  latency(): Promise<void>;
  /** The canonical UUIDs of the services the strap offers. */
  services(): string[];
  /** A new characteristic object of a service for this connection, or null when it has none. */
  makeCharacteristic(serviceUuid: string, uuid: string, server: FakeGattServer): FakeCharacteristic | null;
}

const BASE_UUID_SUFFIX = '-0000-1000-8000-00805f9b34fb';
const NAMES: Record<string, number> = {
  heart_rate: 0x180d,
  battery_service: 0x180f,
  device_information: 0x180a,
  heart_rate_measurement: 0x2a37,
  battery_level: 0x2a19,
};

/** Canonical 128-bit UUID of a GATT name, 16-bit alias or UUID string (as `BluetoothUUID.getService`). */
export function canonicalUuid(id: string | number): string {
  if (typeof id === 'number') return `${id.toString(16).padStart(8, '0')}${BASE_UUID_SUFFIX}`;
  if (id in NAMES) return canonicalUuid(NAMES[id]);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return id;
  throw new TypeError(`Failed to execute: Invalid Service name: '${id}'.`);
}

export function domError(name: string, message: string): Error {
  return new DOMException(message, name);
}

/** EventTarget that counts live listeners, for teardown tests. */
export class CountingTarget extends EventTarget {
  private readonly live = new Map<string, Set<unknown>>();

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    if (listener !== null) {
      const set = this.live.get(type) ?? new Set();
      set.add(listener);
      this.live.set(type, set);
    }
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    if (listener !== null) this.live.get(type)?.delete(listener);
    super.removeEventListener(type, listener, options);
  }

  listenerCount(type?: string): number {
    if (type !== undefined) return this.live.get(type)?.size ?? 0;
    let total = 0;
    for (const set of this.live.values()) total += set.size;
    return total;
  }
}

export class FakeCharacteristic extends CountingTarget implements GattCharacteristicLike {
  value: DataView | null = null;
  notifying = false;

  constructor(
    readonly uuid: string,
    readonly properties: CharacteristicPropertiesLike,
    private readonly server: FakeGattServer,
    private readonly read: () => Uint8Array,
  ) {
    super();
  }

  /** Sets the value and fires `characteristicvaluechanged`, as a notification or a read does. */
  deliver(bytes: Uint8Array): void {
    this.value = new DataView(Uint8Array.from(bytes).buffer);
    this.dispatchEvent(new Event('characteristicvaluechanged', { bubbles: true }));
  }

  async readValue(): Promise<DataView> {
    if (this.uuid === canonicalUuid('battery_level') && this.server.strap.batteryReadHangs) return new Promise<DataView>(() => undefined);
    await this.server.strap.latency();
    if (!this.server.isCurrent(this))
      throw domError(
        'NetworkError',
        'GATT Server is disconnected. Cannot perform GATT operations. (Re)connect first with `device.gatt.connect`.',
      );
    if (!this.properties.read) throw domError('NotSupportedError', 'GATT operation not permitted.');
    this.deliver(this.read());
    return this.value as DataView;
  }

  async startNotifications(): Promise<GattCharacteristicLike> {
    await this.server.strap.latency();
    if (!this.server.isCurrent(this))
      throw domError(
        'NetworkError',
        'GATT Server is disconnected. Cannot perform GATT operations. (Re)connect first with `device.gatt.connect`.',
      );
    if (!this.properties.notify) throw domError('NotSupportedError', 'GATT operation not permitted.');
    if (this.server.strap.failStartNotifications) throw domError('NetworkError', 'GATT operation failed for unknown reason.');
    this.notifying = true;
    return this;
  }

  async stopNotifications(): Promise<GattCharacteristicLike> {
    await this.server.strap.latency();
    this.notifying = false;
    return this;
  }
}

export class FakeService implements GattServiceLike {
  private readonly characteristics = new Map<string, FakeCharacteristic>();

  constructor(
    readonly uuid: string,
    private readonly server: FakeGattServer,
  ) {}

  async getCharacteristic(characteristic: string | number): Promise<GattCharacteristicLike> {
    const uuid = canonicalUuid(characteristic);
    await this.server.strap.latency();
    if (!this.server.connected)
      throw domError(
        'NetworkError',
        'GATT Server is disconnected. Cannot retrieve characteristics. (Re)connect first with `device.gatt.connect`.',
      );
    const existing = this.characteristics.get(uuid);
    if (existing !== undefined) return existing;
    const made = this.server.strap.makeCharacteristic(this.uuid, uuid, this.server);
    if (made === null) throw domError('NotFoundError', `No Characteristics matching UUID ${uuid} found in Service with UUID ${this.uuid}.`);
    this.characteristics.set(uuid, made);
    return made;
  }

  all(): FakeCharacteristic[] {
    return [...this.characteristics.values()];
  }
}

export class FakeGattServer implements GattServerLike {
  connected = false;
  /** Attribute cache of the current connection (emptied on disconnection). */
  private services = new Map<string, FakeService>();

  constructor(
    readonly device: FakeDevice,
    readonly strap: EmulatedStrap,
  ) {}

  async connect(): Promise<GattServerLike> {
    this.strap.connectCalls += 1;
    if (this.strap.connectBehaviour === 'hang') return new Promise<GattServerLike>(() => undefined);
    await this.strap.latency();
    if (!this.strap.bluetooth.powered) throw domError('NetworkError', 'Bluetooth adapter not available.');
    if (!this.strap.inRange || this.strap.connectBehaviour === 'fail')
      throw domError('NetworkError', 'Connection failed for unknown reason.');
    this.connected = true;
    return this;
  }

  disconnect(): void {
    if (!this.connected) return;
    this.cleanUp();
  }

  async getPrimaryService(service: string | number): Promise<GattServiceLike> {
    const uuid = canonicalUuid(service);
    await this.strap.latency();
    if (!this.connected)
      throw domError(
        'NetworkError',
        'GATT Server is disconnected. Cannot retrieve services. (Re)connect first with `device.gatt.connect`.',
      );
    if (!this.device.allowedServices.has(uuid)) {
      throw domError(
        'SecurityError',
        `Origin is not allowed to access the service. Tip: Add the service UUID to 'optionalServices' in requestDevice() options.`,
      );
    }
    if (!this.strap.services().includes(uuid)) throw domError('NotFoundError', `No Services matching UUID ${uuid} found in Device.`);
    const existing = this.services.get(uuid);
    if (existing !== undefined) return existing;
    const made = new FakeService(uuid, this);
    this.services.set(uuid, made);
    return made;
  }

  /** True when `characteristic` belongs to the live connection's attribute cache. */
  isCurrent(characteristic: FakeCharacteristic): boolean {
    return this.connected && [...this.services.values()].some((s) => s.all().includes(characteristic));
  }

  currentCharacteristic(uuid: string): FakeCharacteristic | undefined {
    for (const service of this.services.values()) {
      const found = service.all().find((c) => c.uuid === uuid);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The specification's "clean up the disconnected device": forget attributes, fire the event. */
  cleanUp(): void {
    this.connected = false;
    for (const service of this.services.values()) for (const c of service.all()) c.notifying = false;
    this.services = new Map();
    this.device.dispatchEvent(new Event('gattserverdisconnected', { bubbles: true }));
  }
}

export class FakeDevice extends CountingTarget implements BluetoothDeviceLike {
  readonly gatt: FakeGattServer;
  /** Services the page may use: those named in `filters` and `optionalServices`. */
  readonly allowedServices = new Set<string>();

  /** True while the page watches this device's advertisements (`watchAdvertisements`, until aborted). */
  watchingAdvertisements = false;

  constructor(
    readonly id: string,
    readonly name: string | null,
    strap: EmulatedStrap,
  ) {
    super();
    this.gatt = new FakeGattServer(this, strap);
  }

  async watchAdvertisements(options: { signal?: AbortSignal } = {}): Promise<void> {
    await Promise.resolve();
    this.watchingAdvertisements = true;
    options.signal?.addEventListener('abort', () => (this.watchingAdvertisements = false), { once: true });
  }
}

/**
 * A fake `navigator.bluetooth` for unit tests, faithful to the Web Bluetooth specification in the
 * behaviour the source relies on (https://webbluetoothcg.github.io/web-bluetooth/):
 * - one `BluetoothDevice` object per device and page (`requestDevice` and `getDevices` return it);
 * - within one connection `getPrimaryService`/`getCharacteristic` return the same objects; a
 *   disconnection empties that cache, so after reconnecting they are new objects;
 * - a notification sets `characteristic.value`, then fires `characteristicvaluechanged` at the
 *   characteristic; `readValue()` does the same;
 * - `gattserverdisconnected` fires at the device on a link loss and on an explicit
 *   `gatt.disconnect()` alike, inline (synchronously) for the latter;
 * - GATT calls on a disconnected server reject with `NetworkError`, unknown services with
 *   `NotFoundError`, services not named in the request with `SecurityError`; a cancelled chooser
 *   or a missing adapter reject `requestDevice` with `NotFoundError`;
 * - `availabilitychanged` fires at `navigator.bluetooth` with `value`.
 * It also counts what a test needs to prove teardown: live listeners, chooser calls.
 */
import { encodeHeartRateMeasurement } from '../heart-rate-measurement';
import type {
  BluetoothDeviceLike,
  BluetoothLike,
  CharacteristicPropertiesLike,
  GattCharacteristicLike,
  GattServerLike,
  GattServiceLike,
  RequestDeviceOptionsLike,
} from '../web-bluetooth-types';

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

function domError(name: string, message: string): Error {
  return new DOMException(message, name);
}

/** EventTarget that counts live listeners, for teardown tests. */
class CountingTarget extends EventTarget {
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

class FakeCharacteristic extends CountingTarget implements GattCharacteristicLike {
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

class FakeService implements GattServiceLike {
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

class FakeGattServer implements GattServerLike {
  connected = false;
  /** Attribute cache of the current connection (emptied on disconnection). */
  private services = new Map<string, FakeService>();

  constructor(
    readonly device: FakeDevice,
    readonly strap: FakeStrap,
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

class FakeDevice extends CountingTarget implements BluetoothDeviceLike {
  readonly gatt: FakeGattServer;
  /** Services the page may use: those named in `filters` and `optionalServices`. */
  readonly allowedServices = new Set<string>();

  /** True while the page watches this device's advertisements (`watchAdvertisements`, until aborted). */
  watchingAdvertisements = false;

  constructor(
    readonly id: string,
    readonly name: string | null,
    strap: FakeStrap,
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

export interface FakeStrapOptions {
  readonly id?: string;
  readonly name?: string | null;
  /** Battery level 0–100, or null for a strap without the battery service. Default 80. */
  readonly batteryPercent?: number | null;
  /** Whether the battery level characteristic notifies. Default true. */
  readonly batteryNotifies?: boolean;
  /** A device without the heart-rate service (to test a wrong choice). */
  readonly noHeartRateService?: boolean;
}

/** One emulated strap: the test's handle on it. */
export class FakeStrap {
  readonly device: FakeDevice;
  batteryPercent: number | null;
  readonly batteryNotifies: boolean;
  readonly hasHeartRate: boolean;
  inRange = true;
  /** `hang` never settles `gatt.connect()` (for timeout tests); `fail` rejects it. */
  connectBehaviour: 'ok' | 'fail' | 'hang' = 'ok';
  failStartNotifications = false;
  /** When true, reading the battery level never answers (a slow or buggy stack). */
  batteryReadHangs = false;
  connectCalls = 0;
  /** Characteristic objects ever handed out, old connections included (for listener counts). */
  readonly handedOut: FakeCharacteristic[] = [];
  private lastMeasurement = new Uint8Array([0x00, 0x00]);

  constructor(
    readonly bluetooth: FakeBluetooth,
    options: FakeStrapOptions,
    index: number,
  ) {
    const id = options.id ?? `strap-${index}`;
    this.device = new FakeDevice(id, options.name === undefined ? `Fake HR ${index}` : options.name, this);
    this.batteryPercent = options.batteryPercent === undefined ? 80 : options.batteryPercent;
    this.batteryNotifies = options.batteryNotifies ?? true;
    this.hasHeartRate = options.noHeartRateService !== true;
  }

  /** Lets other promise callbacks run first, as a real stack's round trip does. */
  async latency(): Promise<void> {
    await Promise.resolve();
  }

  services(): string[] {
    const list = [canonicalUuid('device_information')];
    if (this.hasHeartRate) list.push(canonicalUuid('heart_rate'));
    if (this.batteryPercent !== null) list.push(canonicalUuid('battery_service'));
    return list;
  }

  makeCharacteristic(serviceUuid: string, uuid: string, server: FakeGattServer): FakeCharacteristic | null {
    let made: FakeCharacteristic | null = null;
    if (serviceUuid === canonicalUuid('heart_rate') && uuid === canonicalUuid('heart_rate_measurement')) {
      made = new FakeCharacteristic(uuid, { read: true, notify: true }, server, () => this.lastMeasurement);
    } else if (serviceUuid === canonicalUuid('battery_service') && uuid === canonicalUuid('battery_level')) {
      made = new FakeCharacteristic(
        uuid,
        { read: true, notify: this.batteryNotifies },
        server,
        () => new Uint8Array([this.batteryPercent ?? 0]),
      );
    }
    if (made !== null) this.handedOut.push(made);
    return made;
  }

  get connected(): boolean {
    return this.device.gatt.connected;
  }

  /** True while the page has notifications on for the heart-rate measurement. */
  get notifying(): boolean {
    return this.device.gatt.currentCharacteristic(canonicalUuid('heart_rate_measurement'))?.notifying ?? false;
  }

  /** Sends raw measurement bytes as a notification; returns false when nobody is subscribed. */
  notifyBytes(bytes: Uint8Array): boolean {
    this.lastMeasurement = Uint8Array.from(bytes);
    const characteristic = this.device.gatt.currentCharacteristic(canonicalUuid('heart_rate_measurement'));
    if (characteristic === undefined || !characteristic.notifying) return false;
    characteristic.deliver(bytes);
    return true;
  }

  /** Sends one measurement carrying these RR intervals (ms); the heart rate from their mean. */
  sendRr(rrIntervalsMs: readonly number[], bpm?: number): boolean {
    const mean = rrIntervalsMs.length > 0 ? rrIntervalsMs.reduce((a, b) => a + b, 0) / rrIntervalsMs.length : 1000;
    return this.notifyBytes(
      encodeHeartRateMeasurement({ bpm: bpm ?? Math.round(60_000 / mean), rrIntervalsMs: [...rrIntervalsMs], sensorContact: 'detected' }),
    );
  }

  /** Sends heart rate without RR, as a watch does. */
  sendHeartRate(bpm: number): boolean {
    return this.notifyBytes(encodeHeartRateMeasurement({ bpm, rrIntervalsMs: [], sensorContact: 'unsupported' }));
  }

  /** Changes the battery level and notifies it when the page listens. */
  setBattery(percent: number): void {
    this.batteryPercent = percent;
    const characteristic = this.device.gatt.currentCharacteristic(canonicalUuid('battery_level'));
    if (characteristic?.notifying === true) characteristic.deliver(new Uint8Array([percent]));
  }

  /** The link drops (out of range, strap unclipped): `gattserverdisconnected` fires. */
  /** The strap advertises (it woke up or came into range): heard only while the page watches. */
  advertise(): void {
    if (this.device.watchingAdvertisements) this.device.dispatchEvent(new Event('advertisementreceived'));
  }

  drop(): void {
    if (this.device.gatt.connected) this.device.gatt.cleanUp();
  }

  /** Live listeners on the device and on every characteristic object ever handed out. */
  listenerCount(): number {
    return this.device.listenerCount() + this.handedOut.reduce((n, c) => n + c.listenerCount(), 0);
  }
}

/** The chooser's answer: a strap, or the user closing it. */
export type ChooserAnswer = FakeStrap | 'cancel';

export interface FakeBluetoothOptions {
  /** Adapter present and powered. Default true. */
  readonly powered?: boolean;
  /** Whether `getDevices()` exists (Chrome with the permissions backend). Default true. */
  readonly getDevices?: boolean;
}

/** The fake `navigator.bluetooth`. */
export class FakeBluetooth extends CountingTarget implements BluetoothLike {
  powered: boolean;
  readonly straps: FakeStrap[] = [];
  readonly getDevices?: () => Promise<BluetoothDeviceLike[]>;
  requestDeviceCalls = 0;
  /** Most choosers open at the same time so far (a page must never open two). */
  maxOpenChoosers = 0;
  private openChoosers = 0;
  private readonly answers: ChooserAnswer[] = [];
  private waiting: ((answer: ChooserAnswer) => void)[] = [];
  private readonly permitted = new Set<FakeDevice>();
  /** When true (default) an unanswered chooser picks the first strap at once. */
  autoChoose = true;

  constructor(options: FakeBluetoothOptions = {}) {
    super();
    this.powered = options.powered ?? true;
    if (options.getDevices !== false) {
      this.getDevices = async () => [...this.permitted];
    }
  }

  addStrap(options: FakeStrapOptions = {}): FakeStrap {
    const strap = new FakeStrap(this, options, this.straps.length + 1);
    this.straps.push(strap);
    return strap;
  }

  /** Queues the answer for the next chooser. */
  chooseNext(answer: ChooserAnswer): void {
    this.answers.push(answer);
  }

  /** Answers a chooser that is open now, waiting for the user. */
  answerOpenChooser(answer: ChooserAnswer): void {
    const resolve = this.waiting.shift();
    if (resolve === undefined) throw new Error('answerOpenChooser: no chooser is open');
    resolve(answer);
  }

  get openChooserCount(): number {
    return this.openChoosers;
  }

  async getAvailability(): Promise<boolean> {
    return this.powered;
  }

  /** Turns the adapter on or off: fires `availabilitychanged`; turning off drops every link. */
  setPowered(powered: boolean): void {
    if (this.powered === powered) return;
    this.powered = powered;
    if (!powered) for (const strap of this.straps) strap.drop();
    const event = new Event('availabilitychanged') as Event & { value: boolean };
    Object.defineProperty(event, 'value', { value: powered });
    this.dispatchEvent(event);
  }

  async requestDevice(options: RequestDeviceOptionsLike): Promise<BluetoothDeviceLike> {
    this.requestDeviceCalls += 1;
    const filters = options.filters ?? [];
    if ((filters.length === 0) === (options.acceptAllDevices !== true)) {
      throw new TypeError(
        "Failed to execute 'requestDevice' on 'Bluetooth': Either 'filters' should be present or 'acceptAllDevices' should be true, but not both.",
      );
    }
    const wanted = filters.flatMap((f) => (f.services ?? []).map(canonicalUuid));
    const optional = (options.optionalServices ?? []).map(canonicalUuid);
    if (!this.powered) throw domError('NotFoundError', 'Bluetooth adapter not available.');
    this.openChoosers += 1;
    this.maxOpenChoosers = Math.max(this.maxOpenChoosers, this.openChoosers);
    try {
      const answer = await this.chooserAnswer(wanted);
      if (answer === 'cancel') throw domError('NotFoundError', 'User cancelled the requestDevice() chooser.');
      const device = answer.device;
      for (const uuid of [...wanted, ...optional]) device.allowedServices.add(uuid);
      this.permitted.add(device);
      return device;
    } finally {
      this.openChoosers -= 1;
    }
  }

  private async chooserAnswer(wanted: readonly string[]): Promise<ChooserAnswer> {
    await Promise.resolve();
    const queued = this.answers.shift();
    if (queued !== undefined) return queued;
    if (this.autoChoose) {
      const match = this.straps.find((s) => wanted.every((uuid) => s.services().includes(uuid)));
      return match ?? 'cancel';
    }
    return new Promise<ChooserAnswer>((resolve) => this.waiting.push(resolve));
  }

  /** Live listeners on the adapter object and on every strap. */
  totalListeners(): number {
    return this.listenerCount() + this.straps.reduce((n, s) => n + s.listenerCount(), 0);
  }
}

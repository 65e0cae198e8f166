/**
 * A fake `navigator.bluetooth` for unit tests, faithful to the Web Bluetooth specification in the
 * behaviour the source relies on (https://webbluetoothcg.github.io/web-bluetooth/): the adapter,
 * the chooser and the emulated straps here, their GATT objects in `fake-gatt.ts`.
 * - one `BluetoothDevice` object per device and page (`requestDevice` and `getDevices` return it);
 * - a cancelled chooser or a missing adapter reject `requestDevice` with `NotFoundError`;
 * - `availabilitychanged` fires at `navigator.bluetooth` with `value`.
 * It also counts what a test needs to prove teardown: live listeners, chooser calls.
 */
import { mean } from '../../../stats/descriptive';
import { encodeHeartRateMeasurement } from '../heart-rate-measurement';
import type { BluetoothDeviceLike, BluetoothLike, RequestDeviceOptionsLike } from '../web-bluetooth-types';
import {
  canonicalUuid,
  CountingTarget,
  domError,
  FakeCharacteristic,
  FakeDevice,
  type EmulatedStrap,
  type FakeGattServer,
} from './fake-gatt';

export { canonicalUuid } from './fake-gatt';

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
export class FakeStrap implements EmulatedStrap {
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
    const meanRrMs = mean(rrIntervalsMs) ?? 1000;
    return this.notifyBytes(
      encodeHeartRateMeasurement({
        bpm: bpm ?? Math.round(60_000 / meanRrMs),
        rrIntervalsMs: [...rrIntervalsMs],
        sensorContact: 'detected',
      }),
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

  /** The strap advertises (it woke up or came into range): heard only while the page watches. */
  advertise(): void {
    if (this.device.watchingAdvertisements) this.device.dispatchEvent(new Event('advertisementreceived'));
  }

  /** The link drops (out of range, strap unclipped): `gattserverdisconnected` fires. */
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

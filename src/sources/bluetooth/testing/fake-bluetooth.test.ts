import { describe, expect, it } from 'vitest';
import { FakeBluetooth, canonicalUuid } from './fake-bluetooth';

const REQUEST = { filters: [{ services: ['heart_rate'] }], optionalServices: ['battery_service'] };

async function connected() {
  const bluetooth = new FakeBluetooth();
  const strap = bluetooth.addStrap();
  const device = await bluetooth.requestDevice(REQUEST);
  const server = await device.gatt!.connect();
  return { bluetooth, strap, device, server };
}

describe('FakeBluetooth (faithful to the Web Bluetooth specification)', () => {
  it('canonicalUuid(name) resolves GATT names and 16-bit aliases to 128-bit UUIDs', () => {
    expect(canonicalUuid('heart_rate')).toBe('0000180d-0000-1000-8000-00805f9b34fb');
    expect(canonicalUuid(0x2a37)).toBe('00002a37-0000-1000-8000-00805f9b34fb');
    expect(() => canonicalUuid('heartrate')).toThrow(TypeError);
  });

  it('requestDevice() and getDevices() hand out one BluetoothDevice object per device', async () => {
    const bluetooth = new FakeBluetooth();
    bluetooth.addStrap();
    const first = await bluetooth.requestDevice(REQUEST);
    const second = await bluetooth.requestDevice(REQUEST);
    expect(second).toBe(first);
    expect(await bluetooth.getDevices!()).toEqual([first]);
  });

  it('requestDevice() rejects bad options with TypeError, a cancelled chooser or missing adapter with NotFoundError', async () => {
    const bluetooth = new FakeBluetooth();
    bluetooth.addStrap();
    await expect(bluetooth.requestDevice({})).rejects.toBeInstanceOf(TypeError);
    bluetooth.chooseNext('cancel');
    await expect(bluetooth.requestDevice(REQUEST)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'User cancelled the requestDevice() chooser.',
    });
    bluetooth.setPowered(false);
    await expect(bluetooth.requestDevice(REQUEST)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'Bluetooth adapter not available.',
    });
  });

  it('getPrimaryService() and getCharacteristic() return the same objects within a connection, new ones after reconnecting', async () => {
    const { device, server } = await connected();
    const service = await server.getPrimaryService('heart_rate');
    expect(await server.getPrimaryService('heart_rate')).toBe(service);
    const characteristic = await service.getCharacteristic('heart_rate_measurement');
    expect(await service.getCharacteristic('heart_rate_measurement')).toBe(characteristic);
    server.disconnect();
    const again = await device.gatt!.connect();
    const service2 = await again.getPrimaryService('heart_rate');
    expect(service2).not.toBe(service);
    expect(await service2.getCharacteristic('heart_rate_measurement')).not.toBe(characteristic);
  });

  it('gattserverdisconnected fires inline on gatt.disconnect() and on a link loss', async () => {
    const { strap, device, server } = await connected();
    let events = 0;
    device.addEventListener('gattserverdisconnected', () => (events += 1));
    server.disconnect();
    expect(events).toBe(1);
    server.disconnect();
    expect(events).toBe(1);
    await device.gatt!.connect();
    strap.drop();
    expect(events).toBe(2);
    expect(server.connected).toBe(false);
  });

  it('a notification sets value before characteristicvaluechanged fires; readValue() fires it too', async () => {
    const { strap, server } = await connected();
    const characteristic = await (await server.getPrimaryService('heart_rate')).getCharacteristic('heart_rate_measurement');
    const seen: number[][] = [];
    characteristic.addEventListener('characteristicvaluechanged', (event) => {
      const value = (event.target as unknown as typeof characteristic).value!;
      seen.push(Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
    });
    expect(strap.notifyBytes(new Uint8Array([0x10, 0x3d, 0x00, 0x04]))).toBe(false);
    await characteristic.startNotifications();
    expect(strap.notifyBytes(new Uint8Array([0x10, 0x3d, 0x00, 0x04]))).toBe(true);
    await characteristic.readValue();
    expect(seen).toEqual([
      [0x10, 0x3d, 0x00, 0x04],
      [0x10, 0x3d, 0x00, 0x04],
    ]);
  });

  it('GATT calls fail as the specification says: NetworkError disconnected, SecurityError not requested, NotFoundError absent', async () => {
    const { bluetooth, server } = await connected();
    await expect(server.getPrimaryService('device_information')).rejects.toMatchObject({ name: 'SecurityError' });
    const watch = bluetooth.addStrap({ noHeartRateService: true });
    bluetooth.chooseNext(watch);
    const other = await (await bluetooth.requestDevice(REQUEST)).gatt!.connect();
    await expect(other.getPrimaryService('heart_rate')).rejects.toMatchObject({ name: 'NotFoundError' });
    server.disconnect();
    await expect(server.getPrimaryService('heart_rate')).rejects.toMatchObject({ name: 'NetworkError' });
  });

  it('availabilitychanged carries the new availability; turning the adapter off drops every link', async () => {
    const { bluetooth, device } = await connected();
    const values: unknown[] = [];
    let drops = 0;
    bluetooth.addEventListener('availabilitychanged', (event) => values.push((event as Event & { value: boolean }).value));
    device.addEventListener('gattserverdisconnected', () => (drops += 1));
    bluetooth.setPowered(false);
    expect(await bluetooth.getAvailability()).toBe(false);
    await expect(device.gatt!.connect()).rejects.toMatchObject({ name: 'NetworkError' });
    bluetooth.setPowered(true);
    expect(values).toEqual([false, true]);
    expect(drops).toBe(1);
  });
});

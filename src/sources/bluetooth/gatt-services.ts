/**
 * The strap's GATT services as the source uses them: the Heart Rate Measurement characteristic, and
 * the battery level (0x2A19), which is optional. Every call goes through the source's queue.
 */
import type { GattQueue } from './gatt-queue';
import type { GattCharacteristicLike, GattServerLike } from './web-bluetooth-types';

/** Finds the Heart Rate Measurement characteristic; rejects as the browser does when the device has none. */
export async function heartRateMeasurement(queue: GattQueue, server: GattServerLike): Promise<GattCharacteristicLike> {
  const service = await queue.run('getPrimaryService(heart_rate)', () => server.getPrimaryService('heart_rate'));
  return queue.run('getCharacteristic(heart_rate_measurement)', () => service.getCharacteristic('heart_rate_measurement'));
}

/** The battery level in a characteristic value, percent; null when the value holds none (empty, above 100). */
export function batteryPercentOf(value: DataView | null | undefined): number | null {
  if (value === null || value === undefined || value.byteLength < 1) return null;
  const percent = value.getUint8(0);
  return percent > 100 ? null : percent;
}

/**
 * Reads the battery level and follows its notifications. `listen` is handed the characteristic
 * before it is read and returns false when the connection is no longer wanted (then nothing more
 * happens); `onLevel` receives the level read. Never rejects: without a battery service, or when it
 * fails, the strap works on and the level stays unknown.
 */
export async function followBattery(
  queue: GattQueue,
  server: GattServerLike,
  listen: (characteristic: GattCharacteristicLike) => boolean,
  onLevel: (percent: number) => void,
): Promise<void> {
  try {
    const service = await queue.run('getPrimaryService(battery_service)', () => server.getPrimaryService('battery_service'));
    const characteristic = await queue.run('getCharacteristic(battery_level)', () => service.getCharacteristic('battery_level'));
    if (!listen(characteristic)) return;
    const percent = batteryPercentOf(await queue.run('readValue(battery_level)', () => characteristic.readValue()));
    if (percent !== null) onLevel(percent);
    if (characteristic.properties.notify) {
      await queue.run('startNotifications(battery_level)', () => characteristic.startNotifications());
    }
  } catch {
    // No battery service, or it failed: the strap works without it; the level stays unknown.
  }
}

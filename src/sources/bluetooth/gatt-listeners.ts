/**
 * The event listeners of one Web Bluetooth source, one of each kind at most: heart-rate and battery
 * notifications, the device's `gattserverdisconnected`, and the adapter's `availabilitychanged`.
 * Each is removed before it is added again, and from the old characteristic objects after a
 * disconnection (the browser hands out new ones for the new connection), so disconnect storms
 * leave nothing behind.
 */
import type { BluetoothDeviceLike, BluetoothLike, GattCharacteristicLike, Listener } from './web-bluetooth-types';

export interface GattListenerHandlers {
  readonly measurement: Listener;
  readonly battery: Listener;
  readonly disconnected: Listener;
  readonly availability: Listener;
}

export interface GattListeners {
  /** The heart-rate characteristic listened to, if any. */
  readonly measurementCharacteristic: GattCharacteristicLike | null;
  /** Listens to a new connection's heart-rate notifications, letting go of the old connection's characteristics. */
  listenToMeasurements(characteristic: GattCharacteristicLike): void;
  /** Listens to the battery level, instead of any battery characteristic before. */
  listenToBattery(characteristic: GattCharacteristicLike): void;
  /** Lets go of both characteristics (the connection ended). */
  releaseCharacteristics(): void;
  /** Listens for `device` dropping its connection, and for the adapter turning off or on. */
  listenToDevice(device: BluetoothDeviceLike): void;
  /** Removes every listener. */
  releaseAll(): void;
}

export function createGattListeners(bluetooth: BluetoothLike | undefined, handlers: GattListenerHandlers): GattListeners {
  let hrCharacteristic: GattCharacteristicLike | null = null;
  let batteryCharacteristic: GattCharacteristicLike | null = null;
  let deviceListening: BluetoothDeviceLike | null = null;
  let availabilityListening = false;

  const releaseCharacteristics = (): void => {
    hrCharacteristic?.removeEventListener('characteristicvaluechanged', handlers.measurement);
    batteryCharacteristic?.removeEventListener('characteristicvaluechanged', handlers.battery);
    hrCharacteristic = null;
    batteryCharacteristic = null;
  };

  return {
    get measurementCharacteristic() {
      return hrCharacteristic;
    },
    listenToMeasurements(characteristic) {
      releaseCharacteristics();
      characteristic.addEventListener('characteristicvaluechanged', handlers.measurement);
      hrCharacteristic = characteristic;
    },
    listenToBattery(characteristic) {
      batteryCharacteristic?.removeEventListener('characteristicvaluechanged', handlers.battery);
      characteristic.addEventListener('characteristicvaluechanged', handlers.battery);
      batteryCharacteristic = characteristic;
    },
    releaseCharacteristics,
    listenToDevice(device) {
      deviceListening?.removeEventListener('gattserverdisconnected', handlers.disconnected);
      device.addEventListener('gattserverdisconnected', handlers.disconnected);
      deviceListening = device;
      if (bluetooth !== undefined && !availabilityListening) {
        bluetooth.addEventListener('availabilitychanged', handlers.availability);
        availabilityListening = true;
      }
    },
    releaseAll() {
      releaseCharacteristics();
      deviceListening?.removeEventListener('gattserverdisconnected', handlers.disconnected);
      deviceListening = null;
      if (bluetooth !== undefined && availabilityListening) bluetooth.removeEventListener('availabilitychanged', handlers.availability);
      availabilityListening = false;
    },
  };
}

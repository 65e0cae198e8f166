import { describe, expect, it } from 'vitest';
import { FakeBluetooth } from './testing/fake-bluetooth';
import { rememberedDevices, webBluetoothSupport } from './web-bluetooth-support';
import { navigatorBluetooth } from './web-bluetooth-types';

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  edgeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  ipadDesktop:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};

const withBluetooth = { bluetooth: new FakeBluetooth() } as unknown as Navigator;
const without = {} as Navigator;

describe('webBluetoothSupport', () => {
  it('webBluetoothSupport(env) is available with navigator.bluetooth on a secure page', () => {
    expect(webBluetoothSupport({ navigator: withBluetooth, isSecureContext: true, userAgent: UA.chromeWindows })).toEqual({
      available: true,
    });
  });

  it.each([
    ['an insecure page', without, false, UA.chromeWindows, 'insecure-context'],
    ['Firefox', without, true, UA.firefox, 'firefox'],
    ['Safari', without, true, UA.safari, 'safari'],
    ['Chrome on iPhone', without, true, UA.iphoneChrome, 'ios'],
    ['an iPad asking for the desktop site', without, true, UA.ipadDesktop, 'ios'],
    ['Chrome on Linux without the flag', without, true, UA.chromeLinux, 'linux-flag'],
    ['Edge on Linux without the flag', without, true, UA.edgeLinux, 'linux-flag'],
    ['Chrome on Android with Bluetooth blocked', without, true, UA.chromeAndroid, 'no-api'],
    ['no browser at all', undefined, true, '', 'no-api'],
  ])('webBluetoothSupport(env) explains %s and what to do instead', (_what, navigator, isSecureContext, userAgent, code) => {
    const support = webBluetoothSupport({ navigator, isSecureContext, userAgent });
    expect(support).toMatchObject({ available: false, code });
    if (support.available) return;
    expect(support.reason.length).toBeGreaterThan(20);
    expect(support.advice).toMatch(/simulator/);
    expect(support.advice).toMatch(/recording/);
  });

  it('webBluetoothSupport(env) tells Linux users which flag to turn on', () => {
    const support = webBluetoothSupport({ navigator: without, isSecureContext: true, userAgent: UA.chromeLinux });
    expect(support.available === false && support.advice).toMatch('chrome://flags/#enable-experimental-web-platform-features');
  });

  it('webBluetoothSupport(env) tells iPhone and iPad users that a browser with Web Bluetooth can be installed there (Bluefy is one)', () => {
    for (const userAgent of [UA.iphoneChrome, UA.ipadDesktop]) {
      const support = webBluetoothSupport({ navigator: without, isSecureContext: true, userAgent });
      expect(support.available === false && support.advice).toMatch(/install a browser that has Web Bluetooth \(Bluefy is one\)/);
    }
    // In such a browser navigator.bluetooth exists and nothing is explained.
    expect(webBluetoothSupport({ navigator: withBluetooth, isSecureContext: true, userAgent: UA.iphoneChrome })).toEqual({
      available: true,
    });
  });

  it('webBluetoothSupport(env) points Firefox and Safari users to Chrome or Edge', () => {
    for (const userAgent of [UA.firefox, UA.safari]) {
      const support = webBluetoothSupport({ navigator: without, isSecureContext: true, userAgent });
      expect(support.available === false && support.advice).toMatch(/Chrome or Edge/);
    }
  });
});

describe('navigatorBluetooth', () => {
  it('navigatorBluetooth(navigator) returns the Bluetooth object or undefined', () => {
    expect(navigatorBluetooth(withBluetooth)).toBe((withBluetooth as unknown as { bluetooth: unknown }).bluetooth);
    expect(navigatorBluetooth(without)).toBeUndefined();
    expect(navigatorBluetooth(undefined)).toBeUndefined();
    expect(navigatorBluetooth({ bluetooth: {} } as unknown as Navigator)).toBeUndefined();
  });
});

describe('rememberedDevices', () => {
  it('rememberedDevices(bluetooth) lists the straps this origin was granted', async () => {
    const bluetooth = new FakeBluetooth();
    const strap = bluetooth.addStrap({ id: 'abc', name: 'Polar H10 1' });
    bluetooth.addStrap({ name: null });
    expect(await rememberedDevices(bluetooth)).toEqual([]);
    await bluetooth.requestDevice({ filters: [{ services: ['heart_rate'] }] });
    bluetooth.chooseNext(bluetooth.straps[1]);
    await bluetooth.requestDevice({ filters: [{ services: ['heart_rate'] }] });
    const remembered = await rememberedDevices(bluetooth);
    expect(remembered.map((r) => [r.id, r.name])).toEqual([
      ['abc', 'Polar H10 1'],
      ['strap-2', 'Heart-rate strap'],
    ]);
    expect(remembered[0].device).toBe(strap.device);
  });

  it('rememberedDevices(bluetooth) is empty where getDevices() is missing or fails', async () => {
    expect(await rememberedDevices(new FakeBluetooth({ getDevices: false }))).toEqual([]);
    expect(await rememberedDevices(undefined)).toEqual([]);
    const failing = new FakeBluetooth();
    Object.defineProperty(failing, 'getDevices', { value: () => Promise.reject(new DOMException('denied', 'SecurityError')) });
    expect(await rememberedDevices(failing)).toEqual([]);
  });
});

/**
 * The emulated-strap fixture itself, against a bare Web Bluetooth page on the app's origin (so the
 * other browser tests can trust it): chooser by strap, notifications through `readValue`,
 * disconnection and reconnection, GATT errors, held connections, cancel, a second request while
 * one is pending, adapter off.
 */
import { test, expect, HCI, ATT } from './fixtures/emulated-straps';
import { simulatedPackets } from './fixtures/strap-packets';

const LAB = `<!doctype html><meta charset="utf-8"><title>strap lab</title>
<button id="connect">Connect</button><button id="again">Reconnect</button><ol id="log"></ol>
<script>
  const log = (m) => { const li = document.createElement('li'); li.textContent = m; document.getElementById('log').append(li); };
  const devices = [];
  async function open(d) {
    const server = await d.gatt.connect();
    const c = await (await server.getPrimaryService('heart_rate')).getCharacteristic('heart_rate_measurement');
    c.addEventListener('characteristicvaluechanged', (e) =>
      log('value ' + d.name + ' ' + Array.from(new Uint8Array(e.target.value.buffer, e.target.value.byteOffset, e.target.value.byteLength)).join(',')));
    await c.startNotifications();
    log('notifying ' + d.name);
  }
  document.getElementById('connect').onclick = async () => {
    try {
      const d = await navigator.bluetooth.requestDevice({ filters: [{ services: ['heart_rate'] }], optionalServices: ['battery_service'] });
      devices.push(d);
      d.addEventListener('gattserverdisconnected', () => log('disconnected ' + d.name));
      await open(d);
      const level = await (await d.gatt.getPrimaryService('battery_service')).getCharacteristic('battery_level');
      log('battery ' + d.name + ' ' + (await level.readValue()).getUint8(0));
    } catch (e) { log('error ' + e.name + ': ' + e.message); }
  };
  document.getElementById('again').onclick = async () => {
    try { await open(devices[0]); } catch (e) { log('error ' + e.name + ': ' + e.message); }
  };
</script>`;

test.beforeEach(async ({ page }) => {
  await page.route('**/__strap-lab.html', (route) => route.fulfill({ body: LAB, contentType: 'text/html' }));
  await page.goto('/__strap-lab.html');
});

test('two straps are chosen by address, report battery and deliver their own bytes', async ({ page, bluetooth }) => {
  const log = page.locator('#log');
  const a = await bluetooth.addStrap();
  const b = await bluetooth.addStrap({ batteryPercent: 40 });
  await bluetooth.choose(b);
  await page.click('#connect');
  await expect(log).toContainText(`battery ${b.name} 40`);
  await bluetooth.choose(a);
  await page.click('#connect');
  await expect(log).toContainText(`battery ${a.name} 85`);

  expect(await a.send([Uint8Array.of(0x10, 61, 0, 4), Uint8Array.of(0x10, 62, 0, 4)])).toEqual({ delivered: 2, stoppedBy: null });
  const packets = simulatedPackets({ durationSec: 3 });
  expect(await b.send(packets.map((p) => p.bytes))).toEqual({ delivered: packets.length, stoppedBy: null });
  await expect(log).toContainText(`value ${a.name} 16,62,0,4`);
  await expect(log).toContainText(`value ${b.name} ${Array.from(packets[packets.length - 1].bytes).join(',')}`);
  await expect(log.getByText(`value ${a.name}`)).toHaveCount(2);
  expect(a.unexpectedReads + b.unexpectedReads).toBe(0);
});

test('a dropped strap can reconnect; failures and held connections reach the page as errors or waits', async ({ page, bluetooth }) => {
  const log = page.locator('#log');
  const a = await bluetooth.addStrap();
  await bluetooth.choose(a);
  await page.click('#connect');
  await expect(log).toContainText(`battery ${a.name}`);

  await a.disconnect();
  await expect(log).toContainText(`disconnected ${a.name}`);
  expect(await a.send([Uint8Array.of(0x10, 60, 0, 4)])).toMatchObject({ delivered: 0 });

  a.failNextGatt('connection', HCI.connectionFailedToBeEstablished);
  await page.click('#again');
  await expect(log.locator('li').last()).toHaveText(/^error NetworkError/);

  a.failNextCharacteristic('subscribe-to-notifications', ATT.unlikelyError);
  await page.click('#again');
  await expect(log.locator('li').last()).toHaveText(/^error NotSupportedError/);

  await a.disconnect();
  await expect(log.getByText(`disconnected ${a.name}`)).toHaveCount(2);
  a.hold('connection');
  await page.click('#again');
  await expect.poll(() => a.heldCount('connection')).toBe(1);
  await expect(log.getByText(`notifying ${a.name}`)).toHaveCount(1);
  await a.release('connection');
  await expect(log.getByText(`notifying ${a.name}`)).toHaveCount(2);
  expect(await a.send([Uint8Array.of(0x10, 63, 0, 4)])).toEqual({ delivered: 1, stoppedBy: null });
  await expect(log).toContainText(`value ${a.name} 16,63,0,4`);
});

test('the chooser can be cancelled; a second request replaces a pending one; adapter off drops links', async ({ page, bluetooth }) => {
  const log = page.locator('#log');
  const a = await bluetooth.addStrap();
  await bluetooth.cancelChooser();
  await page.click('#connect');
  await expect(log.locator('li').last()).toHaveText(/^error NotFoundError: User cancelled/);

  await page.click('#connect');
  await bluetooth.waitForPrompts(2);
  await page.click('#connect');
  await bluetooth.waitForPrompts(3);
  await expect(log.locator('li').last()).toHaveText(/^error NotFoundError/);
  await bluetooth.choose(a);
  await expect(log).toContainText(`battery ${a.name}`);

  await bluetooth.setAdapterPowered(false);
  await expect(log).toContainText(`disconnected ${a.name}`);
  await page.click('#again');
  await expect(log.locator('li').last()).toHaveText(/^error NetworkError/);
  await bluetooth.setAdapterPowered(true);
  await page.click('#again');
  await expect(log.locator('li').last()).toHaveText(`notifying ${a.name}`);
});

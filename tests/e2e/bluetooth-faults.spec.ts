/**
 * What real straps and real users do to the Web Bluetooth path, in the real app: unreadable and
 * repeated packets, a strap gone quiet, link storms, impatient clicks, a cancelled chooser, the
 * adapter switched off. In each, the page stays up and the other partner's data is kept.
 */
import { test, expect, HCI, type EmulatedBluetooth, type EmulatedStrap, type Playback } from './fixtures/emulated-straps';
import { beatsOf, connection, openLiveView, pair, panel, partnerState, type Partner } from './fixtures/live-app';
import { MALFORMED_PACKETS, packetsFromRr, simulatedPackets } from './fixtures/strap-packets';
import type { Page } from '@playwright/test';

/** Real time: one packet (about a second of beats) a second. */
const PACKET_INTERVAL_MS = 1000;

/** Uncaught errors in the page: every test ends by asserting there were none. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Both partners paired; B streams steadily in the background for the whole test. */
async function twoPartners(page: Page, bluetooth: EmulatedBluetooth): Promise<{ a: EmulatedStrap; b: EmulatedStrap; streamB: Playback }> {
  const a = await bluetooth.addStrap();
  const b = await bluetooth.addStrap();
  await openLiveView(page);
  await pair(page, bluetooth, 'a', a);
  await pair(page, bluetooth, 'b', b);
  const streamB = b.play(
    simulatedPackets({ partner: 'b', durationSec: 240, seed: 2 }).map((p) => p.bytes),
    { intervalMs: PACKET_INTERVAL_MS },
  );
  await expect(panel(page, 'b').getByTestId('hr')).toHaveText(/^\d+$/);
  return { a, b, streamB };
}

/** B's data kept: still live on screen, and stored beats in strictly increasing event time with no gap. */
async function expectPartnerBUnharmed(page: Page, streamB: Playback, beatsBefore: number): Promise<void> {
  await expect(partnerState(page, 'b')).not.toHaveAttribute('data-state', 'no-signal');
  await expect.poll(async () => (await beatsOf(page, 'b')).length, { timeout: 20_000 }).toBeGreaterThan(beatsBefore);
  const result = await streamB.stop();
  expect(result.stoppedBy, 'B was never cut off').toBe('stopped');
  const beats = await beatsOf(page, 'b');
  expect(beats.slice(1).filter((b) => b.afterGap)).toEqual([]);
  for (let i = 1; i < beats.length; i += 1) expect(beats[i].tSec).toBeGreaterThan(beats[i - 1].tSec);
}

function rrPackets(partner: Partner, seconds: number, seed = 5): Uint8Array[] {
  return simulatedPackets({ partner, durationSec: seconds, seed }).map((p) => p.bytes);
}

test('malformed packets are counted and skipped; the good ones around them still count', async ({ page, bluetooth }) => {
  const errors = collectPageErrors(page);
  const { a, streamB } = await twoPartners(page, bluetooth);
  const good = packetsFromRr([800, 800, 810, 790, 800, 805, 795, 800, 800, 810]);
  const malformed = Object.values(MALFORMED_PACKETS);
  const sequence = [good[0], ...malformed.slice(0, 2), good[1], good[2], ...malformed.slice(2), ...good.slice(3)];
  const mixed = sequence.map((p) => ('bytes' in p ? p.bytes : p));
  // The good packets keep real time, a second apart; the unreadable ones, which carry no beats,
  // arrive in between, a tenth of a second apart.
  let sinceGoodMs = 0;
  const delaysMs = sequence.map((p) => {
    const delayMs = 'bytes' in p ? PACKET_INTERVAL_MS - sinceGoodMs : 100;
    sinceGoodMs = 'bytes' in p ? 0 : sinceGoodMs + delayMs;
    return delayMs;
  });
  const beatsB = (await beatsOf(page, 'b')).length;

  expect((await a.play(mixed, { delaysMs }).done).delivered).toBe(mixed.length);
  await expect(panel(page, 'a')).toContainText(`${malformed.length} unreadable packets skipped`);
  await expect(connection(page, 'a')).toContainText(`Connected to ${a.name}`);
  // Every RR interval of the good packets is stored, none invented from the bad ones.
  const centi = (ms: number | null) => (ms === null ? null : Math.round(ms * 100) / 100);
  const rrSent = good.flatMap((p) => p.rrMs).map(centi);
  await expect.poll(async () => (await beatsOf(page, 'a')).map((b) => centi(b.rrMs)), { timeout: 20_000 }).toEqual(rrSent);
  await expectPartnerBUnharmed(page, streamB, beatsB);
  expect(errors).toEqual([]);
});

test('duplicated notifications are dropped and late ones never move event time backwards', async ({ page, bluetooth }) => {
  const errors = collectPageErrors(page);
  const { a, streamB } = await twoPartners(page, bluetooth);
  // One interval per packet, so each packet is a distinct notification.
  const packets = [820, 830, 840, 850, 860, 850, 840, 830, 820, 810, 800, 810].map((ms) => packetsFromRr([ms])[0]);
  const beatsB = (await beatsOf(page, 'b')).length;
  // 0 1 1 2 3 4 4 4 5 …: the same notification again within a few milliseconds (a radio retry),
  // then a burst of three; the rest arrive late and bunched, 100 ms apart after a 3 s hold-up.
  const order = [0, 1, 1, 2, 3, 4, 4, 4, 5, 6, 7, 8, 9, 10, 11];
  const delaysMs = [0, 1000, 5, 1000, 1000, 1000, 5, 5, 1000, 3000, 100, 100, 100, 100, 100];
  const played = await a.play(
    order.map((i) => packets[i].bytes),
    { delaysMs },
  ).done;
  expect(played.delivered).toBe(order.length);

  await expect(panel(page, 'a').getByTestId('hr')).toHaveText(/^\d+$/);
  // Each interval stored once, in order, whatever the arrival pattern.
  const centi = (ms: number | null) => (ms === null ? null : Math.round(ms * 100) / 100);
  const sent = packets.flatMap((p) => p.rrMs).map(centi);
  await expect.poll(async () => (await beatsOf(page, 'a')).map((b) => centi(b.rrMs)), { timeout: 20_000 }).toEqual(sent);
  const beats = await beatsOf(page, 'a');
  for (let i = 1; i < beats.length; i += 1) expect(beats[i].tSec).toBeGreaterThan(beats[i - 1].tSec);
  await expectPartnerBUnharmed(page, streamB, beatsB);
  expect(errors).toEqual([]);
});

test('a strap that stays connected but stops sending goes to no-signal, and resumes with the gap marked', async ({ page, bluetooth }) => {
  const errors = collectPageErrors(page);
  const { a, streamB } = await twoPartners(page, bluetooth);
  const packets = rrPackets('a', 30);
  expect((await a.play(packets.slice(0, 5), { intervalMs: PACKET_INTERVAL_MS }).done).delivered).toBe(5);
  await expect(partnerState(page, 'a')).not.toHaveAttribute('data-state', 'no-signal');
  const beatsB = (await beatsOf(page, 'b')).length;

  // Silence, link up: stale after 5 s without a beat (DESIGN.md, Readiness gate).
  await expect(partnerState(page, 'a')).toHaveAttribute('data-state', 'no-signal', { timeout: 15_000 });
  await expect(connection(page, 'a')).not.toContainText(/reconnecting/i);
  await expect(partnerState(page, 'b')).not.toHaveAttribute('data-state', 'no-signal');

  // The strap speaks again after the stale spell, well past the 2 s the beat clock tolerates: the beats in it are missing.
  expect((await a.play(packets.slice(5, 10), { intervalMs: PACKET_INTERVAL_MS }).done).delivered).toBe(5);
  await expect(partnerState(page, 'a')).not.toHaveAttribute('data-state', 'no-signal');
  await expect.poll(async () => (await beatsOf(page, 'a')).slice(1).filter((b) => b.afterGap).length, { timeout: 20_000 }).toBe(1);
  await expectPartnerBUnharmed(page, streamB, beatsB);
  expect(errors).toEqual([]);
});

test('a storm of disconnections ends connected, with one listener: each packet counted once', async ({ page, bluetooth }) => {
  const errors = collectPageErrors(page);
  const { a, streamB } = await twoPartners(page, bluetooth);
  const beatsB = (await beatsOf(page, 'b')).length;
  for (let round = 0; round < 4; round += 1) {
    // Alternate: drop as soon as the link is up, and drop with the next attempt failing too.
    if (round % 2 === 1) a.failNextGatt('connection', HCI.connectionTimeout);
    const connections = a.log.filter((op) => op === 'connection').length;
    await a.disconnect();
    await expect.poll(() => a.log.filter((op) => op === 'connection').length, { timeout: 30_000 }).toBeGreaterThan(connections);
  }
  await expect(connection(page, 'a')).toContainText(`Connected to ${a.name}`, { timeout: 30_000 });
  const subscribedSinceLastConnection = () =>
    a.log.slice(a.log.lastIndexOf('connection')).includes('measurement:subscribe-to-notifications');
  await expect.poll(subscribedSinceLastConnection, { timeout: 10_000 }).toBe(true);

  const packets = packetsFromRr([900, 900, 900, 900]);
  expect(
    (
      await a.play(
        packets.map((p) => p.bytes),
        { intervalMs: PACKET_INTERVAL_MS },
      ).done
    ).delivered,
  ).toBe(packets.length);
  await expect(panel(page, 'a').getByTestId('hr')).toHaveText('67');
  // A listener left over from an earlier connection would store every interval twice.
  const sent = packets.flatMap((p) => p.rrMs).length;
  await expect.poll(async () => (await beatsOf(page, 'a')).length, { timeout: 20_000 }).toBe(sent);
  await page.waitForTimeout(1_000);
  expect((await beatsOf(page, 'a')).length).toBe(sent);
  await expectPartnerBUnharmed(page, streamB, beatsB);
  expect(errors).toEqual([]);
});

test('a second chooser while one is open, and a cancelled chooser, leave both partners able to pair', async ({ page, bluetooth }) => {
  const errors = collectPageErrors(page);
  const a = await bluetooth.addStrap();
  const b = await bluetooth.addStrap();
  await openLiveView(page);

  // The user cancels the chooser: a calm note, the button stays.
  await bluetooth.cancelChooser();
  await panel(page, 'a')
    .getByRole('button', { name: /Connect a strap/ })
    .click();
  await expect(panel(page, 'a')).toContainText(/no strap was chosen/i);
  await expect(panel(page, 'a').getByRole('button', { name: /Connect a strap/ })).toBeEnabled();

  // An impatient second click elsewhere while the first chooser is still open.
  await panel(page, 'a')
    .getByRole('button', { name: /Connect a strap/ })
    .click();
  await bluetooth.waitForPrompts(2);
  await panel(page, 'b')
    .getByRole('button', { name: /Connect a strap/ })
    .click()
    .catch(() => undefined);
  await page.waitForTimeout(500);
  await bluetooth.choose(b);
  // Exactly one partner ends up with strap B; whichever it is, the other can still pair strap A.
  await expect(page.getByText(`Connected to ${b.name}`)).toHaveCount(1, { timeout: 15_000 });
  const withB: Partner = (await panel(page, 'a').getByText(`Connected to ${b.name}`).count()) === 1 ? 'a' : 'b';
  const other: Partner = withB === 'a' ? 'b' : 'a';
  await expect(panel(page, other).getByRole('button', { name: /Connect a strap/ })).toBeEnabled();
  await pair(page, bluetooth, other, a);

  const streamA = a.play(rrPackets('a', 3), { intervalMs: PACKET_INTERVAL_MS });
  const streamB = b.play(rrPackets('b', 3), { intervalMs: PACKET_INTERVAL_MS });
  await Promise.all([streamA.done, streamB.done]);
  for (const partner of ['a', 'b'] as const) await expect(panel(page, partner).getByTestId('hr')).toHaveText(/^\d+$/);
  expect(errors).toEqual([]);
});

test('the adapter switched off drops both straps without losing what was recorded; on again, both come back', async ({
  page,
  bluetooth,
}) => {
  const errors = collectPageErrors(page);
  const { a, b, streamB } = await twoPartners(page, bluetooth);
  expect((await a.play(rrPackets('a', 6), { intervalMs: PACKET_INTERVAL_MS }).done).delivered).toBeGreaterThan(4);
  await expect.poll(async () => (await beatsOf(page, 'a')).length, { timeout: 20_000 }).toBeGreaterThan(3);

  await bluetooth.setAdapterPowered(false);
  expect((await streamB.done).stoppedBy).not.toBeNull();
  for (const partner of ['a', 'b'] as const) {
    await expect(connection(page, partner)).toContainText(/reconnecting|Disconnected/i);
    await expect(partnerState(page, partner)).toHaveAttribute('data-state', 'no-signal');
  }
  const keptA = (await beatsOf(page, 'a')).length;
  const keptB = (await beatsOf(page, 'b')).length;
  expect(keptB).toBeGreaterThan(0);

  await bluetooth.setAdapterPowered(true);
  for (const [partner, strap] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const reconnect = panel(page, partner)
      .getByRole('button', { name: new RegExp(`Reconnect|Connect a strap`) })
      .first();
    // Either the source reconnects by itself, or the panel offers to reconnect; both are fine.
    await expect(connection(page, partner).or(reconnect)).toBeVisible();
    if (
      !(
        await connection(page, partner)
          .textContent({ timeout: 1_000 })
          .catch(() => '')
      )?.includes('reconnecting')
    ) {
      if (await reconnect.isVisible()) {
        await bluetooth.choose(strap);
        await reconnect.click();
      }
    }
    await expect(connection(page, partner)).toContainText(`Connected to ${strap.name}`, { timeout: 40_000 });
  }
  const again = [
    a.play(rrPackets('a', 5, 9), { intervalMs: PACKET_INTERVAL_MS }),
    b.play(rrPackets('b', 5, 9), { intervalMs: PACKET_INTERVAL_MS }),
  ];
  for (const playback of again) expect((await playback.done).delivered).toBe(5);
  await expect.poll(async () => (await beatsOf(page, 'a')).length, { timeout: 20_000 }).toBeGreaterThan(keptA);
  await expect.poll(async () => (await beatsOf(page, 'b')).length, { timeout: 20_000 }).toBeGreaterThan(keptB);
  expect(errors).toEqual([]);
});

test('without a Bluetooth adapter, connecting says so plainly and the simulated partner carries on', async ({ page, bluetooth }) => {
  const errors = collectPageErrors(page);
  await bluetooth.removeAdapter();
  await openLiveView(page);
  await panel(page, 'b').getByRole('button', { name: 'Use the simulator' }).click();
  await expect(panel(page, 'b').getByTestId('hr')).toHaveText(/^\d+$/);
  await expect.poll(async () => (await beatsOf(page, 'b')).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const beatsB = (await beatsOf(page, 'b')).length;

  const connect = panel(page, 'a').getByRole('button', { name: /Connect a strap/ });
  // Either the panel already knows (button disabled with the reason) or the attempt explains it.
  if (await connect.isEnabled()) {
    await connect.click();
    await expect(panel(page, 'a').getByRole('alert')).toContainText(/bluetooth/i);
    await expect(panel(page, 'a').getByRole('alert')).not.toContainText(/no strap was chosen/i);
    await expect(connect).toBeEnabled();
  } else {
    await expect(panel(page, 'a')).toContainText(/bluetooth is not available/i);
  }
  await expect.poll(async () => (await beatsOf(page, 'b')).length, { timeout: 20_000 }).toBeGreaterThan(beatsB);
  await expect(partnerState(page, 'b')).not.toHaveAttribute('data-state', 'no-signal');
  expect(errors).toEqual([]);
});

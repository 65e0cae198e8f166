/**
 * Two emulated straps through the real app: pairing by click and chooser, both partners live, one
 * strap dropping out and coming back. The app's own Web Bluetooth source, parser, pipeline,
 * recorder and UI run exactly as with real straps (see fixtures/emulated-straps.ts).
 */
import { test, expect, HCI } from './fixtures/emulated-straps';
import { beatsOf, connection, openLiveView, pair, panel, partnerState } from './fixtures/live-app';
import { hrOnlyPackets, recordingPackets, simulatedPackets } from './fixtures/strap-packets';

/**
 * Packets carry about a second of beats each and go out once a second, as from a real strap: the
 * source re-anchors event time to the wall clock after a gap, so the strap keeps real time.
 */
const PACKET_INTERVAL_MS = 1000;

test('two straps pair through the chooser, show live values, and one drops out and comes back with the gap marked', async ({
  page,
  bluetooth,
}) => {
  const strapA = await bluetooth.addStrap({ batteryPercent: 85 });
  const strapB = await bluetooth.addStrap({ batteryPercent: 60 });
  await openLiveView(page);

  await pair(page, bluetooth, 'a', strapA);
  await pair(page, bluetooth, 'b', strapB);
  await expect(panel(page, 'a')).toContainText('battery 85 %');
  await expect(panel(page, 'b')).toContainText('battery 60 %');

  const packetsA = simulatedPackets({ partner: 'a', durationSec: 300, seed: 7 }).map((p) => p.bytes);
  // A from the simulator, B from a real recording (a healthy adult at rest, heart rate about 56).
  const packetsB = recordingPackets('neurokit-bio_resting_8min', { durationSec: 300 }).map((p) => p.bytes);
  const firstA = strapA.play(packetsA.slice(0, 6), { intervalMs: PACKET_INTERVAL_MS });
  const streamB = strapB.play(packetsB, { intervalMs: PACKET_INTERVAL_MS });

  // Both partners live: a heart rate and a beat interval each, and each out of no-signal.
  for (const partner of ['a', 'b'] as const) {
    await expect(panel(page, partner).getByTestId('hr')).toHaveText(/^\d+$/);
    await expect(panel(page, partner).getByTestId('last-rr')).toHaveText(/^\d+$/);
    await expect(partnerState(page, partner)).not.toHaveAttribute('data-state', 'no-signal');
  }
  const hrB = Number(await panel(page, 'b').getByTestId('hr').textContent());
  expect(hrB).toBeGreaterThan(40);
  expect(hrB).toBeLessThan(80);
  expect((await firstA.done).delivered).toBe(6);

  // The battery runs down: the strap notifies the new level and the panel follows.
  expect((await strapB.reportBattery(15)).delivered).toBe(1);
  await expect(panel(page, 'b')).toContainText('battery 15 %');

  // Strap A drops out and stays out of reach for a while: reconnecting, no signal, B goes on.
  strapA.hold('connection');
  await strapA.disconnect();
  await expect(connection(page, 'a')).toContainText(/reconnecting/i);
  await expect(partnerState(page, 'a')).toHaveAttribute('data-state', 'no-signal');
  await expect(partnerState(page, 'b')).not.toHaveAttribute('data-state', 'no-signal');
  await expect.poll(() => strapA.heldCount('connection')).toBeGreaterThan(0);

  // The recorder keeps B's beats meanwhile.
  const beatsBWhenDropped = (await beatsOf(page, 'b')).length;
  await expect.poll(async () => (await beatsOf(page, 'b')).length, { timeout: 20_000 }).toBeGreaterThan(beatsBWhenDropped + 3);

  // A comes back in range; the first attempt fails at the link level, the source tries again.
  strapA.failNextGatt('connection', HCI.connectionFailedToBeEstablished);
  await strapA.release('connection');
  await expect(connection(page, 'a')).toContainText(`Connected to ${strapA.name}`, { timeout: 30_000 });
  const secondA = strapA.play(packetsA.slice(6, 12), { intervalMs: PACKET_INTERVAL_MS });
  await expect(partnerState(page, 'a')).not.toHaveAttribute('data-state', 'no-signal');
  expect((await secondA.done).delivered).toBe(6);

  // A's beats resume after the outage, the first of them marked as coming after a gap; the
  // stored record stays in event-time order across it.
  await expect
    .poll(
      async () => {
        const beats = await beatsOf(page, 'a');
        const resumed = beats.findIndex((b, i) => i > 0 && b.afterGap);
        return resumed < 0 ? 0 : beats.length - resumed;
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(3);
  const beatsA = await beatsOf(page, 'a');
  expect(beatsA.slice(1).filter((b) => b.afterGap)).toHaveLength(1);
  const resumed = beatsA.findIndex((b, i) => i > 0 && b.afterGap);
  expect(beatsA[resumed].tSec - beatsA[resumed - 1].tSec).toBeGreaterThan(2);

  await streamB.stop();
  // B's record has no hole: none of B's beats after the first is marked as after a gap.
  expect((await beatsOf(page, 'b')).slice(1).filter((b) => b.afterGap)).toEqual([]);
});

test('a device that sends heart rate without RR intervals is shown as heart-rate only, with no HRV invented', async ({
  page,
  bluetooth,
}) => {
  const watch = await bluetooth.addStrap({ name: 'Wrist HR 0001', batteryPercent: null });
  await openLiveView(page);
  await pair(page, bluetooth, 'a', watch);
  const bpms = [72, 73, 73, 74, 75, 75, 74, 73];
  const playing = watch.play(
    hrOnlyPackets(bpms).map((p) => p.bytes),
    { intervalMs: PACKET_INTERVAL_MS },
  );
  await expect(panel(page, 'a').getByTestId('hr-only')).toBeVisible();
  await expect(partnerState(page, 'a')).not.toHaveAttribute('data-state', 'no-signal');
  expect((await playing.done).delivered).toBe(bpms.length);
  await expect(panel(page, 'a').getByTestId('hr')).toHaveText('73');
  await expect(panel(page, 'a').getByTestId('rmssd')).toHaveText('—');
  await expect(panel(page, 'a').getByTestId('breathing')).toHaveText('—');
  await expect(panel(page, 'a')).not.toContainText('battery');
});

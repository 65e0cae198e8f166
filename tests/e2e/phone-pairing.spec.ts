/**
 * The first five minutes on a phone (360×740): every step's one primary action on screen without
 * scrolling and nothing scrolling sideways; then two straps of the same model paired the wrong way
 * round, told apart by their IDs, swapped without pairing again, and, after a reload, one partner's
 * remembered strap connecting with one tap while the other's, out of range, gets advice in words.
 */
import { test, expect, type EmulatedBluetooth } from './fixtures/emulated-straps';
import { beatsOf, connection, pair, panel } from './fixtures/live-app';
import { packetsFromRr } from './fixtures/strap-packets';
import { seedBaselines } from './fixtures/seed-baselines';
import type { Locator, Page } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The footer's main button (the step's primary action, or the quiet way on while waiting). */
const stepAction = (page: Page) => page.locator('.screen:not([hidden]) .action-bar').locator('button.primary, button.quiet');

/** From the top of the page, without scrolling: `target` is on screen and nothing scrolls sideways. */
async function expectOnScreen(page: Page, ...targets: Locator[]): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const target of targets) await expect(target).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scroll').toBeLessThanOrEqual(0);
}

/** About a minute of calm beats as a plain RR file. */
function rrFile(count: number): string {
  return Array.from({ length: count }, (_, i) => String(Math.round(950 + 60 * Math.sin(i / 2.5)))).join('\n');
}

test('at 360×740 each step’s primary action is on screen without scrolling, and nothing scrolls sideways', async ({ page }) => {
  await page.goto('/');
  await expectOnScreen(page, page.getByRole('button', { name: 'Begin' }));
  await page.getByRole('button', { name: 'Begin' }).click();

  // Connect: the choices lead, the gauge waits for a source, and the footer connects partner A.
  await expect(heading(page, 'Connect')).toBeVisible();
  await expectOnScreen(page, stepAction(page), panel(page, 'a').getByRole('button', { name: 'Connect a strap' }));
  await expect(stepAction(page)).toHaveText('Connect a strap for Partner A');
  await expect(page.getByTestId('meter-a')).toHaveCount(0);

  // A on the simulator: the gauge joins, and the footer moves on to partner B.
  await panel(page, 'a').getByRole('button', { name: 'Use the simulator' }).click();
  await expect(page.getByTestId('meter-a')).toBeVisible();
  await expect(stepAction(page)).toHaveText('Connect a strap for Partner B');
  await expectOnScreen(page, stepAction(page));

  // B from a recording, with no reading yet: judged by how B settles (the first night); the footer
  // never asks for a calibration, and a calm check stays at hand on B's card.
  await panel(page, 'b')
    .getByLabel('Recording file for partner B')
    .setInputFiles({
      name: 'rest.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(rrFile(90)),
    });
  await expect(panel(page, 'b')).toContainText('First time for Partner B: judged by how they are settling, not by their usual calm.');
  await expect(stepAction(page)).toHaveText('See the routines');
  await expectOnScreen(page, stepAction(page));
  await panel(page, 'b').getByRole('button', { name: 'Calm check (2 minutes)' }).click();
  await expect(page.getByRole('region', { name: 'Calm check for Partner B' })).toBeVisible();

  // Settle, then the routine, the reflection and the history, on a quick demo.
  await page.goto('/?demo=calm&speed=40');
  await expect(heading(page, /Settle together|Calibrate|You are both calm/)).toBeVisible();
  await expectOnScreen(page, stepAction(page));
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(stepAction(page)).toHaveText('Choose a routine');
  await expectOnScreen(page, stepAction(page));
  await stepAction(page).click();

  // Routine: the list sits below the safety notes; the footer's "Choose a routine" brings it to hand.
  await expect(heading(page, 'Routine together')).toBeVisible();
  await expect(stepAction(page)).toHaveText('Choose a routine');
  await expectOnScreen(page, stepAction(page));
  await stepAction(page).click();
  const start = page
    .getByRole('button', { name: /^Start / })
    .and(page.locator(':enabled'))
    .first();
  await expect(start).toBeFocused();
  await expect(start).toBeInViewport();
  await page.getByRole('button', { name: 'Skip to reflection' }).click();

  await expect(heading(page, 'Reflect together')).toBeVisible();
  // The session's story (with its six-column table) is read from the device after the heading
  // shows; the check waits for it, so it covers the whole step.
  await expect(page.getByTestId('session-story')).toBeVisible();
  // At 360 px its table scrolls in a box of its own, which the keyboard can reach to scroll it.
  await expect(page.getByRole('region', { name: 'Each of you before and after' })).toHaveAttribute('tabindex', '0');
  await expectOnScreen(page, page.getByRole('button', { name: 'See your history' }));
  await page.getByRole('button', { name: 'See your history' }).click();

  await expect(heading(page, 'Your history')).toBeVisible();
  await expectOnScreen(page, page.getByRole('button', { name: 'Start again' }));
  // The session's details (its charts, its table and its story) fit the phone's width too.
  await page.getByRole('button', { name: 'Show details' }).first().click();
  await expect(page.getByTestId('session-story')).toBeVisible();
  await expectOnScreen(page);
});

/** Files a real baseline for each partner and their names, as a calibration and the name field would. */
function seedBothBaselines(page: Page): Promise<void> {
  const at = '2026-11-01T08:00:00.000Z';
  return seedBaselines(
    page,
    (
      [
        ['a', 64],
        ['b', 70],
      ] as const
    ).map(([partner, hrBpm]) => ({
      id: `cal-${partner}`,
      partner,
      kind: 'real',
      baseline: {
        lnRmssdMean: 3.6,
        lnRmssdSd: 0.2,
        hrBpm,
        breathsPerMin: 11,
        device: 'Polar H10',
        demo: false,
        recordedAt: at,
        calibrations: 1,
      },
    })),
  );
}

async function begin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(heading(page, 'Connect')).toBeVisible();
}

/** Steady beats of `rrMs` each, about a second of them per packet. */
const steady = (rrMs: number, seconds: number) =>
  packetsFromRr(Array.from({ length: Math.ceil((seconds * 1000) / rrMs) }, () => rrMs)).map((p) => p.bytes);

async function promptsSoFar(bluetooth: EmulatedBluetooth): Promise<number> {
  return bluetooth.promptIds.length;
}

test('two straps of the same model: told apart by ID, swapped without pairing again, and remembered for one tap next time', async ({
  page,
  bluetooth,
}) => {
  const sams = await bluetooth.addStrap({ address: '09:09:09:09:09:21', name: 'Polar H10 A1B2C3D4' });
  const alexs = await bluetooth.addStrap({ address: '09:09:09:09:09:22', name: 'Polar H10 A1B2C3E5' });
  await page.goto('/');
  await seedBothBaselines(page);
  await begin(page);
  await expect(panel(page, 'a').getByRole('textbox', { name: 'Name of partner A' })).toHaveValue('Sam');

  // Paired the wrong way round: Sam's panel gets Alex's strap. Each panel names its strap by ID.
  await pair(page, bluetooth, 'a', alexs);
  await pair(page, bluetooth, 'b', sams);
  await expect(panel(page, 'a').getByTestId('strap-name')).toHaveText('Sam’s strap: Polar H10 ID A1B2C3E5');
  await expect(panel(page, 'b').getByTestId('strap-name')).toHaveText('Alex’s strap: Polar H10 ID A1B2C3D4');
  await expect(panel(page, 'a').getByTestId('strap-confirm')).toContainText('Sam, take a slow deep breath — your heart rate should move.');

  // Alex's heart beats fast (80 bpm), Sam's slowly (60 bpm): Sam's panel shows Alex's rate.
  let alexBeats = alexs.play(steady(750, 60), { intervalMs: 1000 });
  let samBeats = sams.play(steady(1000, 60), { intervalMs: 1000 });
  await expect(panel(page, 'a').getByTestId('hr')).toHaveText('80');
  const promptsBefore = await promptsSoFar(bluetooth);

  // Swap: no chooser, each strap keeps its link and goes to its wearer; baselines stay with the person.
  await panel(page, 'a').getByRole('button', { name: 'It’s the other strap — swap' }).click();
  await expect(connection(page, 'a')).toContainText(`Connected to ${sams.name}`);
  await expect(connection(page, 'b')).toContainText(`Connected to ${alexs.name}`);
  expect(await promptsSoFar(bluetooth)).toBe(promptsBefore);
  await expect(panel(page, 'a').getByTestId('hr')).toHaveText('60');
  await expect(panel(page, 'b').getByTestId('hr')).toHaveText('80');
  await expect(panel(page, 'a')).toContainText('Usual calm: heart rate 64');
  await expect(panel(page, 'b')).toContainText('Usual calm: heart rate 70');
  // Each partner's recording follows their own strap from the swap on.
  await expect
    .poll(async () => (await beatsOf(page, 'a')).slice(-3).map((b) => Math.round(b.rrMs ?? 0)), { timeout: 20_000 })
    .toEqual([1000, 1000, 1000]);
  await expect.poll(async () => (await beatsOf(page, 'b')).slice(-3).map((b) => Math.round(b.rrMs ?? 0))).toEqual([750, 750, 750]);
  await Promise.all([alexBeats.stop(), samBeats.stop()]);

  // Next time: Sam's strap is on and near, Alex's is out of range.
  await page.reload();
  await bluetooth.afterReload([sams]);
  await begin(page);
  const ownA = panel(page, 'a').getByRole('button', { name: /^Connect Sam’s strap/ });
  await expect(ownA).toContainText('ID A1B2C3D4');
  await expect(stepAction(page)).toHaveText('Connect Sam’s strap');
  await ownA.click();
  await expect(connection(page, 'a')).toContainText(`Connected to ${sams.name}`);
  expect(await promptsSoFar(bluetooth), 'one tap, no chooser').toBe(promptsBefore);
  samBeats = sams.play(steady(1000, 2), { intervalMs: 1000 });
  await expect(panel(page, 'a').getByTestId('hr')).toHaveText('60');
  await samBeats.done;

  await panel(page, 'b')
    .getByRole('button', { name: /^Connect Alex’s strap/ })
    .click();
  const b = panel(page, 'b');
  await expect(b).toContainText(`Looking for ${alexs.name} — not in range yet`);
  await expect(b).toContainText('Wet the strap’s electrodes');
  await expect(b).toContainText('Wake it by putting it on');
  await expect(b).toContainText('Turn Bluetooth on');
  expect(await promptsSoFar(bluetooth)).toBe(promptsBefore);
  alexBeats = alexs.play([], { intervalMs: 0 });
  await alexBeats.done;
});

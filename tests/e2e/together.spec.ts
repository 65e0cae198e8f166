import { expect, test, type Page } from '@playwright/test';
import { axe } from './fixtures/axe';
import { watchGate } from './fixtures/gate-states';

/**
 * Keeps, in the page, every state the co-regulation reading shows together with both partners'
 * states at that moment (a MutationObserver sees each change, however short).
 */
async function watchCoregulation(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { coregulation: string; a: string; b: string }[] = [];
    (window as unknown as { coregulationSeen: typeof seen }).coregulationSeen = seen;
    const read = () => {
      const state = (selector: string) => document.querySelector(selector)?.getAttribute('data-state') ?? '';
      seen.push({
        coregulation: state('[data-testid="coregulation"]'),
        a: state('[data-testid="partner-a"] [data-testid="partner-state"]'),
        b: state('[data-testid="partner-b"] [data-testid="partner-state"]'),
      });
    };
    new MutationObserver(read).observe(document.body, { attributes: true, attributeFilter: ['data-state'], subtree: true });
    read();
  });
}

// Co-regulation needs 145 s of both heart rates (about 7 s at 20×); calming together waits for both to be calm.
test.describe.configure({ timeout: 120_000 });

async function coregulationSeen(page: Page): Promise<{ coregulation: string; a: string; b: string }[]> {
  return page.evaluate(
    () => (window as unknown as { coregulationSeen: { coregulation: string; a: string; b: string }[] }).coregulationSeen,
  );
}

test('/?demo=together&speed=20 runs the shared pacer, both partners follow it, and co-regulation reaches together', async ({ page }) => {
  await page.goto('/?demo=together&speed=20');
  const pacer = page.getByTestId('pacer');
  await expect(pacer).toHaveAttribute('data-running', 'true');
  await expect(pacer).toHaveAttribute('data-rate', '5.45');
  await watchCoregulation(page);
  for (const id of ['a', 'b']) {
    await expect(page.getByTestId(`partner-${id}`).getByTestId('rhythm')).toHaveAttribute('data-state', 'following', { timeout: 30_000 });
  }
  await expect(page.getByTestId('coregulation')).toHaveAttribute('data-state', 'together', { timeout: 75_000 });
  // "Calming together" only ever appeared while both partners were near their baseline.
  for (const seen of await coregulationSeen(page)) {
    if (seen.coregulation === 'together') expect(seen).toMatchObject({ a: 'near-baseline', b: 'near-baseline' });
  }

  // The pacer's controls work from the keyboard and pass axe.
  const stop = page.getByRole('button', { name: 'Stop the pacer' });
  await stop.focus();
  await page.keyboard.press('Enter');
  await expect(pacer).toHaveAttribute('data-running', 'false');
  await page.getByRole('radio', { name: /6 a minute/ }).focus();
  await page.keyboard.press('Space');
  await expect(pacer).toHaveAttribute('data-rate', '6');
  // (A partner of this demo may be flooded at first: under the break the button says "Start the pacer".)
  await page.getByRole('button', { name: /^Start (breathing together|the pacer)$/ }).focus();
  await page.keyboard.press('Enter');
  await expect(pacer).toHaveAttribute('data-running', 'true');
  const results = await axe(page).include('[data-testid="pacer"]').include('[data-testid="coregulation"]').analyze();
  expect(results.violations).toEqual([]);
});

test('/?demo=conflict&speed=20 starts not ready, opens only after the aroused partner recovers, and never shows calming together while a partner is aroused', async ({
  page,
}) => {
  const gateStates = await watchGate(page);
  await page.goto('/?demo=conflict&speed=20');
  const gate = page.getByTestId('gate');
  await expect(gate).not.toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('coregulation')).toBeVisible();
  await watchCoregulation(page);
  // Someone is not settled first, with a reason in plain words.
  await expect(
    page.locator('[data-testid="partner-state"][data-state="out"], [data-testid="partner-state"][data-state="flooded"]').first(),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.partner__reasons li').first()).toBeVisible();
  await expect(gate).toHaveAttribute('data-state', 'ready', { timeout: 100_000 });
  const seen = await gateStates();
  const firstReady = seen.indexOf('ready');
  expect(firstReady).toBeGreaterThan(0);
  expect(seen.slice(0, firstReady).some((s) => s === 'settling' || s === 'flooded')).toBe(true);

  // Long enough for co-regulation readings (they need 145 s of both heart rates) during the recovery.
  await expect(page.getByTestId('coregulation')).not.toHaveAttribute('data-state', 'unknown', { timeout: 75_000 });
  await expect.poll(async () => (await coregulationSeen(page)).some((s) => s.a !== 'near-baseline'), { timeout: 5_000 }).toBe(true);
  for (const seen of await coregulationSeen(page)) {
    if (seen.a !== 'near-baseline' || seen.b !== 'near-baseline') expect(seen.coregulation).not.toBe('together');
  }
});

test('/?demo=hr-only&speed=20 says the rhythm of the heart-rate-only partner cannot be told; reduced motion paces in words', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?demo=hr-only&speed=20');
  await page.getByRole('button', { name: 'Start breathing together' }).click();
  const pacer = page.getByTestId('pacer');
  await expect(pacer).toHaveAttribute('data-running', 'true');
  await expect(pacer.getByText(/^(Breathe in|Hold|Breathe out) \d of \d$/)).toBeVisible();
  await expect(pacer.locator('.together-pacer__circle')).toBeHidden();
  const rhythm = page.getByTestId('partner-b').getByTestId('rhythm');
  await expect(page.getByTestId('partner-b').getByTestId('hr-only')).toBeVisible();
  await expect(rhythm).toHaveAttribute('data-state', 'unknown');
  await expect(rhythm).toContainText("Can't tell");
  await expect(rhythm).toContainText('heart rate only');
});

import { expect, test, type Page } from '@playwright/test';
import { axe } from './fixtures/axe';

const START_RESET = 'Start 5-Minute Apology Reset';

/**
 * Records, on every DOM change, the gate state next to whether the 5-minute reset's Start button
 * is disabled, so the test can check the lock held at every moment, not only at the moments it looked.
 */
async function watchLock(page: Page): Promise<() => Promise<{ gate: string | null; disabled: boolean }[]>> {
  await page.addInitScript((name) => {
    const seen: { gate: string | null; disabled: boolean }[] = [];
    (window as unknown as { routineLock: typeof seen }).routineLock = seen;
    const record = () => {
      const start = [...document.querySelectorAll('button')].find((button) => button.textContent === name);
      if (!start) return;
      const gate = document.querySelector('[data-testid="gate"]')?.getAttribute('data-state') ?? null;
      const last = seen.at(-1);
      if (!last || last.gate !== gate || last.disabled !== start.disabled) seen.push({ gate, disabled: start.disabled });
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true });
  }, START_RESET);
  return () => page.evaluate(() => [...(window as unknown as { routineLock: { gate: string | null; disabled: boolean }[] }).routineLock]);
}

/** From the live view to the routines, whichever way the button is worded (locked or not). */
async function openRoutines(page: Page) {
  await page.getByRole('button', { name: /^(See the routines|Choose a routine)$/ }).click();
  await expect(page.getByRole('button', { name: START_RESET })).toBeVisible();
}

test('/?demo=calm&speed=10: the 5-minute reset is locked until the gate is ready, then asks for consent, shows the first line, and Stop works', async ({
  page,
}) => {
  const lockLog = await watchLock(page);
  // 10x, not 20x: the routines screen loads on demand, and on a busy machine it could arrive after a
  // 20x gate had already opened (about 5 s), leaving no locked moment to see.
  await page.goto('/?demo=calm&speed=10');
  await openRoutines(page);
  const start = page.getByRole('button', { name: START_RESET });
  const gate = page.getByTestId('gate');

  await expect(gate).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(start).toBeEnabled();
  const log = await lockLog();
  // Never startable before ready; and we did see it locked first.
  expect(log.filter((entry) => entry.gate !== 'ready' && !entry.disabled)).toEqual([]);
  expect(log.some((entry) => entry.gate !== 'ready' && entry.disabled)).toBe(true);

  await start.click();
  const player = page.locator('.rt-player');
  await expect(player.getByText('I want to try something small to calm us — may I?')).toBeVisible();
  const stop = player.getByRole('button', { name: 'Stop — safe word' });
  await expect(stop).toBeVisible();
  await expect(player.getByText('I care about how you felt earlier. I’m sorry for my part.')).toHaveCount(0);

  await player.getByRole('button', { name: 'Receiver: yes, I agree' }).click();
  await expect(player.getByText('I care about how you felt earlier. I’m sorry for my part.')).toBeVisible();
  await expect(player.getByRole('timer')).toHaveText(/^(1:00|0:[0-5]\d)$/);
  await expect(stop).toBeVisible();
  await expect(stop).toBeInViewport();

  await stop.click();
  await expect(player.getByRole('heading', { name: 'Stopped. Touch has ended.' })).toBeVisible();
  await expect(player.getByText(/long, light strokes/)).toHaveCount(0);
  await expect(player.getByRole('timer')).toHaveCount(0);
  await expect(player.getByRole('button', { name: 'Hold hands instead' })).toBeVisible();
  await expect(player.getByRole('button', { name: 'Take some space' })).toBeVisible();
});

test('Escape is the keyboard safe word, and the player is reachable by keyboard alone', async ({ page }) => {
  await page.goto('/?demo=calm&speed=40');
  await openRoutines(page);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const start = page.getByRole('button', { name: START_RESET });
  await start.focus();
  await page.keyboard.press('Enter');
  const yes = page.getByRole('button', { name: 'Receiver: yes, I agree' });
  await expect(yes).toBeVisible();
  // Focus moved to the consent heading; the answer is a few Tabs away.
  for (let i = 0; i < 10 && !(await yes.evaluate((element) => element === document.activeElement)); i += 1)
    await page.keyboard.press('Tab');
  await expect(yes).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('I care about how you felt earlier. I’m sorry for my part.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Stopped. Touch has ended.' })).toBeVisible();
});

test('the breathing pacer counts in words and stays still under reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?demo=calm&speed=40');
  await openRoutines(page);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Start 2-Minute Grounding Handhold' }).click();
  await page.getByRole('button', { name: 'Receiver: yes, I agree' }).click();
  await page.getByRole('button', { name: 'Skip this step' }).click();
  const pacer = page.locator('.rt-pacer');
  await expect(pacer).toHaveAttribute('data-motion', 'off');
  await expect(pacer).toContainText(/Breathe in|Hold|Breathe out/);
  await expect(pacer).toContainText(/\d of \d/);
});

test('the printable script prints on its own', async ({ page }) => {
  await page.goto('/?demo=calm&speed=20');
  await openRoutines(page);
  await page.getByRole('button', { name: 'Printable script: 15-Minute Reconnect Flow' }).click();
  const script = page.locator('.rt-script');
  await expect(script.getByRole('heading', { name: '15-Minute Reconnect Flow: the script' })).toBeVisible();
  await expect(script).toContainText('11:00–15:00 Hand to heart close');
  await page.emulateMedia({ media: 'print' });
  await expect(script).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  const header = page.locator('header').first();
  expect(await header.evaluate((element) => getComputedStyle(element).visibility)).toBe('hidden');
});

test('the routines panel has no automatic accessibility violations, locked or playing', async ({ page }) => {
  await page.goto('/?demo=calm&speed=20');
  await openRoutines(page);
  const locked = await axe(page).include('.rt-panel').analyze();
  expect(locked.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await page.getByRole('button', { name: START_RESET }).click();
  await page.getByRole('button', { name: 'Receiver: yes, I agree' }).click();
  const playing = await axe(page).include('.rt-panel').analyze();
  expect(playing.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

test('while a routine plays the page keeps it: no skip to the reflection, and Back asks to stop first', async ({ page }) => {
  await page.goto('/?demo=calm&speed=40');
  await openRoutines(page);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Skip to reflection' })).toBeVisible();
  await page.getByRole('button', { name: START_RESET }).click();
  const player = page.locator('.rt-player');
  await player.getByRole('button', { name: 'Receiver: yes, I agree' }).click();
  await expect(page.getByRole('button', { name: 'Skip to reflection' })).toHaveCount(0);

  // Back does not leave mid-run: it says why and puts focus on Stop.
  await page.getByRole('button', { name: 'Back to the live view' }).click();
  await expect(page.getByText(/A routine is still open\. Stop it first/)).toBeVisible();
  await expect(player.getByRole('button', { name: 'Stop — safe word' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Routine together' })).toBeVisible();

  // Once stopped and ended, Back leads back to the live view as usual.
  await page.keyboard.press('Enter');
  await player.getByRole('button', { name: 'Take some space' }).click();
  await expect(page.getByRole('button', { name: 'Reflect together' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the live view' }).click();
  await expect(page.getByTestId('gate')).toBeVisible();
});

import { expect, test, type Page } from '@playwright/test';

/**
 * The way a couple likes to run the routines (how much touch, the chime, the safe word) is
 * remembered on this device across a reload; the named behaviour is not, consent is asked again,
 * and "Delete all my data" forgets the choices too.
 */

const START_RESET = 'Start 5-Minute Apology Reset';
const KEY = 'attune.routine-settings.v1';

/** From the live view to the routines, whichever way the button is worded (locked or not). */
async function openRoutines(page: Page) {
  await page.getByRole('button', { name: /^(See the routines|Choose a routine)$/ }).click();
  await expect(page.getByRole('button', { name: START_RESET })).toBeVisible();
}

const handsOnly = (page: Page) => page.getByRole('radio', { name: /^Hands only/ });
const asWritten = (page: Page) => page.getByRole('radio', { name: /^As written/ });
const chime = (page: Page) => page.getByRole('checkbox', { name: /soft chime/ });
const safeWord = (page: Page) => page.getByRole('textbox', { name: /safe word/ });
const behaviour = (page: Page) => page.getByRole('textbox', { name: /What I did/ });

async function chooseGentlerAndQuiet(page: Page) {
  await handsOnly(page).check();
  await chime(page).uncheck();
  await safeWord(page).fill('pineapple');
  await behaviour(page).fill('checking my phone while you talked');
  await expect(handsOnly(page)).toBeChecked();
  await expect(chime(page)).not.toBeChecked();
}

test('/?demo=calm&speed=20: a gentler option and the chime turned off are still chosen after a reload, and consent is asked again', async ({
  page,
}) => {
  await page.goto('/?demo=calm&speed=20');
  await openRoutines(page);
  await expect(asWritten(page)).toBeChecked();
  await expect(chime(page)).toBeChecked();
  await chooseGentlerAndQuiet(page);

  await page.reload();
  await openRoutines(page);
  await expect(handsOnly(page)).toBeChecked();
  await expect(asWritten(page)).not.toBeChecked();
  await expect(chime(page)).not.toBeChecked();
  await expect(safeWord(page)).toHaveValue('pineapple');
  // The named behaviour belongs to one fight: never kept, not even in storage.
  await expect(behaviour(page)).toHaveValue('');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).not.toContain('phone');

  // The remembered option still needs the receiver's yes at this start.
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await page.getByRole('button', { name: START_RESET }).click();
  const player = page.locator('.rt-player');
  await expect(player.getByRole('button', { name: 'Receiver: yes, I agree' })).toBeVisible();
  await expect(player.getByText(/only holding hands, no massage/)).toBeVisible();
  await expect(player.getByRole('button', { name: 'Stop — safe word “pineapple”' })).toBeVisible();
});

test('damaged saved settings open with the defaults rather than breaking the routines', async ({ page }) => {
  await page.addInitScript((key) => localStorage.setItem(key, '{"option":"hands-only",'), KEY);
  await page.goto('/?demo=calm&speed=20');
  await openRoutines(page);
  await expect(asWritten(page)).toBeChecked();
  await expect(chime(page)).toBeChecked();
});

test('Delete all my data also forgets the routine settings', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?demo=calm&speed=40');
  await openRoutines(page);
  await chooseGentlerAndQuiet(page);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toContain('hands-only');

  // Once the routines are open the footer's action is "Choose a routine" and the skip is a link in
  // its hint; wait for that state so the click cannot land while the footer changes under it.
  await expect(page.getByRole('button', { name: START_RESET })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Skip to reflection' }).click();
  await page.getByRole('button', { name: 'See your history' }).click();
  await page.getByRole('button', { name: 'Delete all my data…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByText('All your data was deleted from this device.')).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();

  await page.goto('/?demo=calm&speed=20');
  await openRoutines(page);
  await expect(asWritten(page)).toBeChecked();
  await expect(chime(page)).toBeChecked();
  await expect(safeWord(page)).toHaveValue('');
});

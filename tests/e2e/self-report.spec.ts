import { expect, test, type Page } from '@playwright/test';

/**
 * No-wearable mode is for couples without sensors (DESIGN.md, Readiness gate). A hand check-in must
 * never open the routines while a measured gate says "not yet" (flooded, settling, calibrating).
 */

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** Every routine Start button on the routine screen. */
const startButtons = (page: Page) => page.getByRole('button', { name: /^Start / });

async function expectRoutinesLocked(page: Page) {
  await expect(page.getByRole('button', { name: 'Choose a routine' })).toHaveCount(0);
  await page.getByRole('button', { name: 'See the routines' }).click();
  await expect(heading(page, 'Routine together')).toBeVisible();
  await expect(page.getByText(/^Locked until you are both calm/)).toBeVisible();
  const starts = startButtons(page);
  await expect(starts.first()).toBeVisible();
  for (const button of await starts.all()) await expect(button).toBeDisabled();
}

test('/?demo=flooded: the hand check-in is not offered, the break comes first, and the routines stay locked', async ({ page }) => {
  await page.goto('/?demo=flooded&speed=20');
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'flooded', { timeout: 30_000 });
  await expect(heading(page, 'Take a break')).toBeVisible();
  await expect(page.getByTestId('break-timer')).toBeVisible();
  // The simulator is connected: the gate decides, and the page says why there is no hand check-in.
  await expect(page.getByRole('button', { name: 'Check in by hand' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /I feel calm enough/ })).toHaveCount(0);
  await expect(page.getByTestId('self-report-unavailable')).toContainText('the readiness gate decides when the routines open');
  await expectRoutinesLocked(page);
  // Still flooded in the header while the routines wait.
  await expect(page.locator('.gate-chip')).toHaveText(/Take a break/);
});

test('/?demo=conflict while settling: no hand check-in to unlock the routines', async ({ page }) => {
  await page.goto('/?demo=conflict&speed=20');
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'settling', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Check in by hand' })).toHaveCount(0);
  await expect(page.getByTestId('self-report-unavailable')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose a routine' })).toHaveCount(0);
});

test('without any source, both check in by hand and the routines open, labelled as a self-report', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'no-signal');
  await page.getByRole('button', { name: 'Check in by hand' }).click();
  const panel = page.getByTestId('self-report');
  await expect(panel).toContainText('Self-report');
  await expect(panel).toContainText('Not a measurement');
  await panel.getByRole('checkbox', { name: 'Partner A: I feel calm enough' }).check();
  await expect(page.getByRole('button', { name: 'Choose a routine' })).toHaveCount(0);
  await panel.getByRole('checkbox', { name: 'Partner B: I feel calm enough' }).check();
  await expect(heading(page, 'You both checked in')).toBeVisible();
  await expect(page.getByText('a self-report, not a measurement', { exact: false }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Choose a routine' }).click();
  await expect(heading(page, 'Routine together')).toBeVisible();
  await expect(page.getByText(/Unlocked by your hand check-in \(a self-report\)/)).toBeVisible();
  await expect(page.locator('.gate-chip')).toHaveText(/Checked in by hand \(self-report\)/);
  await expect(page.getByRole('button', { name: 'Start 5-Minute Apology Reset' })).toBeEnabled();
});

test('a source connected after the hand check-in withdraws it: the measured gate decides from then on', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.getByRole('button', { name: 'Check in by hand' }).click();
  const panel = page.getByTestId('self-report');
  await panel.getByRole('checkbox', { name: 'Partner A: I feel calm enough' }).check();
  await panel.getByRole('checkbox', { name: 'Partner B: I feel calm enough' }).check();
  await expect(page.getByRole('button', { name: 'Choose a routine' })).toBeVisible();

  await page.getByTestId('partner-a').getByRole('button', { name: 'Use the simulator' }).click();
  await expect(page.getByTestId('self-report-unavailable')).toContainText('Your hand check-in was set aside when a source connected.');
  await expect(page.getByTestId('self-report')).toHaveCount(0);
  // The footer now asks to connect partner B; with B connected too, it leads on to the routines.
  await expect(page.getByRole('button', { name: 'Connect a strap for Partner B' })).toBeVisible();
  await page.getByTestId('partner-b').getByRole('button', { name: 'Use the simulator' }).click();
  await expectRoutinesLocked(page);
});

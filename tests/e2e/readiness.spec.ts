import { expect, test } from '@playwright/test';
import { watchGate } from './fixtures/gate-states';

test('/?demo=calm&speed=20 opens the gate: both partners near baseline', async ({ page }) => {
  const states = await watchGate(page);
  await page.goto('/?demo=calm&speed=20');
  const gate = page.getByTestId('gate');
  await expect(gate).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(gate).toContainText('Ready');
  for (const id of ['a', 'b']) {
    await expect(page.getByTestId(`partner-${id}`).getByTestId('partner-state')).toHaveAttribute('data-state', 'near-baseline');
    await expect(page.getByTestId(`partner-${id}`).getByTestId('rmssd')).toHaveText(/^\d+$/);
  }
  // Never ready before the data could support it.
  const seen = await states();
  expect(seen.indexOf('ready')).toBeGreaterThan(0);
  expect(seen).not.toContain('flooded');
});

// `/?demo=conflict&speed=20` starting not ready and opening only after the aroused partner recovers
// is checked in together.spec.ts, in the same run of the demo as its co-regulation readings.

test('/?demo=flooded&speed=20 offers the 20-minute break instead of a routine', async ({ page }) => {
  await page.goto('/?demo=flooded&speed=20');
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'flooded', { timeout: 30_000 });
  const timer = page.getByTestId('break-timer');
  await expect(timer).toBeVisible();
  await expect(timer.getByRole('heading', { name: 'Time for a 20-minute break' })).toBeVisible();
  await expect(timer.getByRole('timer')).toHaveText(/^\d{1,2}:\d{2}$/);
  await expect(timer).toContainText('Breathe slowly');
  await expect(page.locator('[data-testid="partner-state"][data-state="flooded"]').first()).toBeVisible();
});

test('/?demo=hr-only&speed=20 says who is heart-rate-only, shows no HRV for them, and still decides', async ({ page }) => {
  await page.goto('/?demo=hr-only&speed=20');
  const b = page.getByTestId('partner-b');
  await expect(b.getByTestId('hr-only')).toContainText('heart rate only — no HRV from this device', { timeout: 20_000 });
  await expect(page.getByTestId('partner-a').getByTestId('hr-only')).toHaveCount(0);
  await expect(b.getByTestId('hr')).toHaveText(/^\d+$/);
  const gate = page.getByTestId('gate');
  await expect(gate).toHaveAttribute('data-state', /^(ready|settling|flooded)$/, { timeout: 40_000 });
  await expect(gate).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });
  await expect(b.getByTestId('rmssd')).toHaveText('—');
  await expect(b.getByTestId('breathing')).toHaveText('—');
  await expect(b).toContainText('not available — heart rate only');
  await expect(page.getByTestId('partner-a').getByTestId('rmssd')).toHaveText(/^\d+$/);
  // Not even the baseline shows an HRV or breathing figure for the heart-rate-only partner.
  await expect(b.locator('.calibration__baseline')).not.toContainText(/HRV|breathing/);
});

test('the gate never stays ready on missing data: a partner disconnecting closes it', async ({ page }) => {
  await page.goto('/?demo=calm&speed=40');
  const gate = page.getByTestId('gate');
  await expect(gate).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const b = page.getByTestId('partner-b');
  await b.getByRole('button', { name: 'Disconnect' }).click();
  await expect(b.getByTestId('partner-state')).toHaveAttribute('data-state', 'no-signal');
  await expect(gate).toHaveAttribute('data-state', 'no-signal');
  await expect(page.getByTestId('partner-a').getByTestId('partner-state')).toHaveAttribute('data-state', 'near-baseline');
  await expect(b).toContainText('no strap connected yet');
});

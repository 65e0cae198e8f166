import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';

/** Waits until the service worker has precached this build and controls the page. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after one load, the app reloads and runs the demo with the network off', async ({ page, context }) => {
  await page.goto('/?demo=calm&speed=40');
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('partner-a').getByTestId('hr')).toHaveText(/\d/);
  await expect(page.getByTestId('partner-b').getByTestId('hr')).toHaveText(/\d/);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
});

test('offline, the welcome page opens and the journey goes on to the live view', async ({ page, context }) => {
  await page.goto('/');
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Attune', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(page.getByTestId('partner-a')).toBeVisible();
  await expect(page.getByTestId('partner-b')).toBeVisible();
});

test('a new version waits politely: a banner offers the reload, and nothing reloads by itself', async ({ page }) => {
  // Publish a "new version" by changing the served worker's bytes, as a deployment would.
  const port = Number(process.env.E2E_PORT ?? 4173);
  const workerPath = join(port === 4173 ? 'dist' : `.e2e-dist-${port}`, 'sw.js');
  const original = readFileSync(workerPath, 'utf8');
  try {
    await page.goto('/');
    await waitForOfflineReady(page);
    await expect(page.getByText(/A new version of Attune is ready/)).toHaveCount(0);

    writeFileSync(workerPath, `${original}\n// next version\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const banner = page.getByText('A new version of Attune is ready — reload when you’re done.');
    await expect(banner).toBeVisible();
    // It waits: the page is still the same page, the old worker still in charge.
    await page.waitForTimeout(500);
    await expect(page.getByRole('heading', { level: 1, name: 'Attune' })).toBeVisible();

    // Listen before clicking: the reload can finish before a listener added afterwards.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload now' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { level: 1, name: 'Attune' })).toBeVisible();
    await expect(banner).toHaveCount(0);
  } finally {
    writeFileSync(workerPath, original);
  }
});

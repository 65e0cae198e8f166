import { test, expect, type Page } from '@playwright/test';

/** Waits until the service worker has precached this build and controls the page. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after one load, the app reloads and runs the demo with the network off', async ({ page, context }) => {
  await page.goto('/?demo=calm&speed=20');
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

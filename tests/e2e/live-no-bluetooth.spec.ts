import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';

// Chromium on Linux as most people have it: Web Bluetooth stays behind the experimental flag.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs.filter((arg) => arg !== '--enable-experimental-web-platform-features'),
  },
});

test('without Web Bluetooth, "Connect a strap" is unavailable and says why and what to do instead', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  const a = page.getByTestId('partner-a');
  await expect(a.getByRole('button', { name: 'Connect a strap' })).toBeDisabled();
  await expect(a).toContainText('On Linux, Chrome keeps Bluetooth behind a setting that is off by default.');
  await expect(a).toContainText('chrome://flags/#enable-experimental-web-platform-features');
  await expect(a).toContainText('simulator');
  // The alternatives still work.
  await a.getByRole('button', { name: 'Use the simulator' }).click();
  await expect(a.getByTestId('hr')).toHaveText(/^\d+$/, { timeout: 10_000 });
});

import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Full-page views of the flooded and heart-rate-only demos at phone size, for review. */
for (const scenario of ['flooded', 'hr-only', 'conflict']) {
  test(`the ${scenario} demo at phone size has no sideways scroll`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/?demo=${scenario}&speed=20`);
    await expect(page.getByTestId('gate')).not.toHaveAttribute('data-state', 'no-signal', { timeout: 20_000 });
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/${scenario}-phone-full.png`, fullPage: true });
  });
}

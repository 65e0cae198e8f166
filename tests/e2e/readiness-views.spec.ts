import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/**
 * Full-page views of the flooded, heart-rate-only and conflict demos at phone size, for review, taken
 * once the gate has come to the scenario's first decision (the break, a heart-rate-only reading, settling).
 */
const FIRST_DECISION: Record<string, RegExp> = {
  flooded: /^flooded$/,
  'hr-only': /^(ready|settling|flooded)$/,
  conflict: /^(settling|flooded)$/,
};

for (const scenario of ['flooded', 'hr-only', 'conflict']) {
  test(`the ${scenario} demo at phone size has no sideways scroll`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/?demo=${scenario}&speed=20`);
    await expect(page.getByTestId('gate')).toHaveAttribute('data-state', FIRST_DECISION[scenario]!, { timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/${scenario}-phone-full.png`, fullPage: true });
  });
}

test('after the "Dim lights" theme switch the trend chart is rebuilt and still drawn', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/?demo=calm&speed=40');
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const before = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  await page.getByRole('button', { name: 'Dim lights' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-theme'))).not.toBe(before);
  await page.waitForTimeout(1000);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/theme-switched-full.png', fullPage: true });
  // Charts are still drawn after being rebuilt in the new colours.
  await expect(page.getByRole('img', { name: /Heart-rate variability of both partners/ })).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/**
 * Screenshots of the dual gauge at phone and desktop size, once the gate is open. They land in
 * docs/screenshots (for the README) when UPDATE_SCREENSHOTS=1, else beside the test results.
 */
const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

for (const { name, width, height } of [
  { name: 'gauge-phone', width: 360, height: 740 },
  { name: 'gauge-desktop', width: 1280, height: 900 },
]) {
  test(`the gauge reads at ${width}×${height} (${name})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/?demo=calm&speed=40');
    const gate = page.getByTestId('gate');
    await expect(gate).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await gate.evaluate((element) => element.closest('section')?.scrollIntoView({ block: 'start' }));
    // The gauge and its words fit the viewport's width: nothing to scroll sideways.
    const gauge = page.getByRole('region', { name: 'Readiness of both partners' });
    const box = await gauge.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expect(gate.getByText('Ready')).toBeVisible();
    for (const id of ['a', 'b']) await expect(page.getByTestId(`meter-${id}`)).toBeVisible();
    mkdirSync(folder, { recursive: true });
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `${folder}/${name}.png` });
    await page.screenshot({ path: `test-results/screenshots/${name}-full.png`, fullPage: true });
  });
}

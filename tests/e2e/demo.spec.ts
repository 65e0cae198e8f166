import { expect, test, type Locator } from '@playwright/test';

/** The heart-rate figure of a partner panel as a number, or null while it shows "—". */
async function hrOf(panel: Locator): Promise<number | null> {
  const text = (await panel.getByTestId('hr').textContent())?.trim() ?? '';
  const value = Number(text);
  return text === '' || Number.isNaN(value) ? null : value;
}

test('/?demo=calm&speed=10 shows both partners’ heart rates changing', async ({ page }) => {
  await page.goto('/?demo=calm&speed=10');
  await expect(page.getByTestId('demo-banner')).toContainText('Simulated partners');
  for (const id of ['a', 'b']) {
    const panel = page.getByTestId(`partner-${id}`);
    await expect(panel.getByTestId('hr')).toHaveText(/^\d+$/);
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const hr = await hrOf(panel);
          if (hr !== null) seen.add(hr);
          return seen.size;
        },
        { timeout: 15_000, intervals: [200] },
      )
      .toBeGreaterThan(2);
    await expect(panel).toContainText('Connected to Simulator (calm');
  }
});

test('/?demo=nonsense names the problem and connects nothing', async ({ page }) => {
  await page.goto('/?demo=nonsense');
  await expect(page.getByRole('alert').filter({ hasText: 'demo link' })).toContainText(
    'demo must be one of calm, conflict, flooded, hr-only',
  );
  await expect(page.getByTestId('partner-a').getByRole('button', { name: 'Use the simulator' })).toBeVisible();
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'no-signal');
});

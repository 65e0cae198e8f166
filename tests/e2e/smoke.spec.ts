import { test, expect } from '@playwright/test';

test('the app loads and names itself', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Attune' })).toBeVisible();
});

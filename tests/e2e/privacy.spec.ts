import { expect, test } from '@playwright/test';

/**
 * Privacy: everything stays on the device. A full demo session — live view, gate, a routine,
 * reflection and commitment, history and export — makes no request to any other origin, and the
 * Content-Security-Policy would block one if the code tried.
 */

test('a full demo session makes no request outside the page’s origin', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL ?? 'http://localhost').origin;
  const requests: string[] = [];
  const record = (url: string) => requests.push(url);
  // Context-wide, so service-worker and worker requests are seen too.
  context.on('request', (request) => record(request.url()));
  page.on('websocket', (socket) => record(socket.url()));

  await page.goto('/?demo=calm&speed=20');
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });

  // A routine, started and stopped with its safe word.
  await page.getByRole('button', { name: /^(See the routines|Choose a routine)$/ }).click();
  const start = page.getByRole('button', { name: /^Start / }).first();
  await expect(start).toBeEnabled();
  await start.click();
  const consent = page.getByRole('button', { name: /^Receiver: yes/ });
  if (await consent.isVisible().catch(() => false)) await consent.click();
  const stop = page.getByRole('button', { name: /^Stop/ }).first();
  if (await stop.isVisible().catch(() => false)) await stop.click();
  await page.getByRole('button', { name: /^(Skip to reflection|Reflect together)$/ }).click();

  // Reflection and a commitment.
  const reparative = page.getByLabel('What felt reparative?');
  if (await reparative.isVisible().catch(() => false)) {
    await reparative.fill('Hearing “I understand why that hurt”.');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await expect(page.getByText('Saved on this device.')).toBeVisible();
  }
  await page.getByRole('button', { name: 'See your history' }).click();

  // History with its chart, and an export.
  const item = page.getByTestId('history-session').first();
  await item.getByRole('button', { name: 'Show details' }).click();
  await expect(item.getByTestId('session-chart')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all my data (JSON)' }).click();
  await download;

  const outside = requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).origin !== origin;
  });
  expect(requests.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
});

test('the Content-Security-Policy allows only the page’s own origin, and blocks a request elsewhere', async ({ page, context }) => {
  const outside: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('http://localhost')) outside.push(request.url());
  });
  await page.goto('/');
  const policy = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  expect(policy).toMatch(/default-src 'self'/);
  expect(policy).toMatch(/connect-src 'self'/);
  expect(policy).not.toMatch(/https?:\/\//);
  const result = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/collect', { mode: 'no-cors' });
      return 'sent';
    } catch {
      return 'blocked';
    }
  });
  expect(result).toBe('blocked');
  expect(outside).toEqual([]);
});

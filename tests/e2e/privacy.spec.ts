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

  await page.goto('/?demo=calm&speed=40');
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });

  // A routine, started with consent, stopped with its safe word, and the aftercare chosen.
  await page.getByRole('button', { name: /^(See the routines|Choose a routine)$/ }).click();
  const start = page.getByRole('button', { name: 'Start 5-Minute Apology Reset' });
  await expect(start).toBeEnabled();
  await start.click();
  await page.getByRole('button', { name: 'Receiver: yes, I agree' }).click();
  await page.getByRole('button', { name: 'Stop — safe word' }).click();
  await page.getByRole('button', { name: 'Take some space' }).click();
  await page.getByRole('button', { name: /^(Reflect together|Skip to reflection)$/ }).click();

  // Reflection and a commitment.
  await page.getByLabel('What felt reparative?').fill('Hearing “I understand why that hurt”.');
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await expect(page.getByText('Saved on this device.')).toBeVisible();
  await page.getByLabel('What exactly will you do?').fill('Phones in the drawer during dinner, every evening this week');
  await page.getByRole('button', { name: 'Save commitment' }).click();
  await expect(page.getByText(/^Saved\. We’ll remind you to check in/)).toBeVisible();
  await page.getByRole('button', { name: 'See your history' }).click();

  // History with its chart, and an export.
  const item = page.getByTestId('history-session').first();
  // The routine run was filed with the session it happened in.
  await expect(item).toContainText('5-Minute Apology Reset');
  await item.getByRole('button', { name: 'Show details' }).click();
  await expect(item.getByTestId('session-chart')).toBeVisible();
  await expect(item.getByText('Each partner before and after the routine.')).toBeVisible();
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

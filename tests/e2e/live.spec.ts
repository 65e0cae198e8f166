import { expect, test, type Page } from '@playwright/test';

/** Opens the live view without a demo: nothing is connected until a partner picks a source. */
async function openLive(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(page.getByTestId('partner-a')).toBeVisible();
}

/** A plain RR file: one interval in ms per line, about a minute of calm beats. */
function rrLines(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) lines.push(String(Math.round(950 + 60 * Math.sin(i / 2.5))));
  return lines.join('\n');
}

test('without a demo nothing is connected, and each partner can choose a source', async ({ page }) => {
  await openLive(page);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'no-signal');
  // The gauge joins once a source is connected: before that it has nothing to show.
  await expect(page.getByTestId('meter-a')).toHaveCount(0);
  for (const id of ['a', 'b']) {
    const panel = page.getByTestId(`partner-${id}`);
    await expect(panel.getByTestId('partner-state')).toHaveAttribute('data-state', 'no-signal');
    await expect(panel.getByTestId('hr')).toHaveText('—');
    for (const name of ['Connect a strap', 'Use the simulator', 'Load a recording']) {
      await expect(panel.getByRole('button', { name })).toBeVisible();
    }
  }
});

test('a partner renamed, on the simulator, then disconnected', async ({ page }) => {
  await openLive(page);
  const a = page.getByTestId('partner-a');
  await a.getByRole('textbox', { name: 'Name of partner A' }).fill('Sam');
  await a.getByRole('button', { name: 'Use the simulator' }).click();
  await expect(a.getByTestId('hr')).toHaveText(/^\d+$/, { timeout: 10_000 });
  await expect(a).toContainText('Connected to Simulator');
  await expect(a.getByText('Demo', { exact: true })).toBeVisible();
  await expect(page.getByTestId('meter-a')).toContainText('Sam');
  await a.getByRole('button', { name: 'Disconnect' }).click();
  await expect(a.getByRole('button', { name: 'Use the simulator' })).toBeVisible();
  await expect(a.getByTestId('hr')).toHaveText('—');
  await expect(a.getByTestId('partner-state')).toHaveAttribute('data-state', 'no-signal');
});

test('Load a recording replays an RR file; a bad file is refused with the reason', async ({ page }) => {
  await openLive(page);
  const b = page.getByTestId('partner-b');
  await b
    .getByLabel('Recording file for partner B')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('time,notes\n1,hello\n') });
  await expect(b.getByRole('alert')).toContainText('This recording could not be read — parse RR file bad.csv: line 1: no RR column');
  await expect(b.getByRole('button', { name: 'Load a recording' })).toBeVisible();

  await b
    .getByLabel('Recording file for partner B')
    .setInputFiles({ name: 'evening.txt', mimeType: 'text/plain', buffer: Buffer.from(rrLines(120)) });
  await expect(b).toContainText('evening.txt');
  await expect(b.getByTestId('hr')).toHaveText(/^\d+$/, { timeout: 10_000 });
  await expect(b.getByTestId('last-rr')).toHaveText(/^\d+$/);
  await expect(b.getByText('Demo', { exact: true })).toHaveCount(0);
});

test('no-wearable mode: each partner checks in by hand, labelled as a self-report', async ({ page }) => {
  await openLive(page);
  await page.getByRole('button', { name: 'Check in by hand' }).click();
  const panel = page.getByTestId('self-report');
  await expect(panel).toContainText('Self-report');
  await expect(panel).toContainText('Not a measurement');
  await panel.getByRole('checkbox', { name: 'Partner A: I feel calm enough' }).check();
  await expect(panel.getByRole('status')).toHaveText('Waiting for both of you to check in.');
  await panel.getByRole('checkbox', { name: 'Partner B: I feel calm enough' }).check();
  await expect(panel.getByRole('status')).toContainText('You both said you feel calm enough (self-report)');
  // The shell unlocks the routines from the hand check-in.
  await expect(page.getByRole('button', { name: 'Choose a routine' })).toBeVisible();
});

test('calibration: a guided 3-minute rest with a breathing cue and progress sets the baseline', async ({ page }) => {
  await page.goto('/?demo=calm&speed=20');
  const a = page.getByTestId('partner-a');
  await expect(a.getByTestId('hr')).toHaveText(/^\d+$/);
  await a.getByRole('button', { name: 'Recalibrate (3 minutes)' }).click();
  const card = a.getByRole('region', { name: 'Calibration for Partner A' });
  await expect(card.getByRole('heading', { name: 'Calibrating — sit still and rest' })).toBeVisible();
  await expect(card.getByText(/^Breathe (in|out)…$/)).toBeVisible();
  const progress = card.getByRole('progressbar', { name: 'Calibration progress for Partner A' });
  await expect(progress).toHaveAttribute('max', '180');
  await expect(a.getByRole('status')).toContainText('Demo baseline updated', { timeout: 20_000 });
  await expect(a).toContainText('demo baseline (simulated, not yours)');
});

test('the live regions announce states, not beats', async ({ page }) => {
  await page.goto('/?demo=calm&speed=10');
  await expect(page.getByTestId('partner-a').getByTestId('hr')).toHaveText(/^\d+$/);
  const politeTexts = await page.locator('[aria-live="polite"]').allTextContents();
  // No live region holds a heart rate or an interval: those change every beat.
  for (const text of politeTexts) expect(text).not.toMatch(/\bbpm\b|\bms\b/);
  await expect(page.getByTestId('partner-a').getByTestId('hr')).not.toHaveAttribute('aria-live', /.*/);
});

test('the charts rest while the live view is hidden behind a routine, and draw again on return', async ({ page }) => {
  await page.goto('/?demo=calm&speed=20');
  // By CSS, not role: a hidden canvas leaves the accessibility tree.
  const tachogram = page.locator('.tachogram canvas').first();
  const pixels = () => tachogram.evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
  await expect(page.getByTestId('partner-a').getByTestId('hr')).toHaveText(/^\d+$/);
  await expect.poll(async () => (await pixels()).length, { timeout: 10_000 }).toBeGreaterThan(1000);

  await page.getByRole('button', { name: /^(See the routines|Choose a routine)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Routine together' })).toBeVisible();
  // Hidden: beats keep coming (the session clock moves on), but the chart is not redrawn.
  const hidden = await pixels();
  const beatSec = () => page.getByTestId('diagnostics').getAttribute('data-beat-sec').then(Number);
  const before = await beatSec();
  await expect.poll(beatSec, { timeout: 10_000 }).toBeGreaterThan(before + 10);
  expect(await pixels()).toBe(hidden);

  await page.getByRole('button', { name: 'Back to the live view' }).click();
  await expect.poll(pixels, { timeout: 5_000 }).not.toBe(hidden);
});

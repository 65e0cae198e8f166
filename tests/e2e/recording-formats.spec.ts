import { expect, test } from '@playwright/test';
import { encodeFitHrv } from '../../src/sources/recordings/testing/fit-fixture';

/** `count` calm beats around 950 ms, as intervals in seconds. */
function calmSec(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round(950 + 60 * Math.sin(i / 2.5)) / 1000);
}

test('Load a recording replays a Kubios file in seconds and a FIT file, each read in a worker', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  const a = page.getByTestId('partner-a');
  const b = page.getByTestId('partner-b');

  // Kubios / Elite HRV text: one interval per line, in seconds. Files are read off the main thread
  // (`npm run bench -- recording` shows a 10 MB file keeping the page responsive).
  const worker = page.waitForEvent('worker');
  await a
    .getByLabel('Recording file for partner A')
    .setInputFiles({ name: 'kubios-rr.txt', mimeType: 'text/plain', buffer: Buffer.from(calmSec(120).join('\n')) });
  expect((await worker).url()).toMatch(/rr-file-worker/);
  await expect(a).toContainText('kubios-rr.txt');
  await expect(a.getByRole('list', { name: 'About this recording' })).toContainText(
    'the intervals are in seconds (median 0.954 s): read as seconds and converted to milliseconds',
  );
  await expect(a.getByTestId('hr')).toHaveText(/^\d+$/, { timeout: 10_000 });
  await expect(a.getByTestId('last-rr')).toHaveText(/^\d+$/);

  // A FIT file with HRV messages, written by the FIT SDK's encoder.
  const fit = encodeFitHrv([calmSec(60), calmSec(60)]);
  await b
    .getByLabel('Recording file for partner B')
    .setInputFiles({ name: 'ride.fit', mimeType: 'application/octet-stream', buffer: Buffer.from(fit) });
  await expect(b).toContainText('ride.fit');
  await expect(b.getByRole('list', { name: 'About this recording' })).toContainText('read 120 intervals from 2 FIT HRV messages');
  await expect(b.getByTestId('hr')).toHaveText(/^\d+$/, { timeout: 10_000 });
});

test('Load a recording replays heart rate without RR (an Empatica E4 HR.csv, a CSV with a bpm column) as heart rate only', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  const a = page.getByTestId('partner-a');
  const b = page.getByTestId('partner-b');

  // The E4's HR.csv: start time (Unix s), sample rate (Hz), then one bpm a second.
  const bpm = Array.from({ length: 150 }, (_, i) => (68 + 2 * Math.sin(i / 7)).toFixed(2));
  const e4 = ['1644834644.000000', '1.000000', ...bpm].join('\n');
  await a.getByLabel('Recording file for partner A').setInputFiles({ name: 'HR.csv', mimeType: 'text/csv', buffer: Buffer.from(e4) });
  await expect(a.getByRole('list', { name: 'About this recording' })).toContainText(
    'read as an Empatica E4 HR.csv (recording started 2022-02-14T10:30:44.000Z, 1 Hz): heart rate only, no HRV or breathing',
  );
  await expect(a.getByTestId('hr-only')).toContainText('heart rate only', { timeout: 10_000 });
  await expect(a.getByTestId('hr')).toHaveText(/^\d+$/);
  await expect(a.getByTestId('rmssd')).toHaveText('—');
  await expect(a.getByTestId('breathing')).toHaveText('—');

  // A watch's export: ISO times and a "HR (bpm)" column.
  const start = Date.parse('2026-03-15T21:04:00Z');
  const rows = bpm.map((v, i) => `${new Date(start + i * 1000).toISOString()},${v}`);
  await b
    .getByLabel('Recording file for partner B')
    .setInputFiles({ name: 'watch.csv', mimeType: 'text/csv', buffer: Buffer.from(['time,HR (bpm)', ...rows].join('\n')) });
  await expect(b).toContainText('watch.csv');
  await expect(b.getByTestId('hr-only')).toContainText('heart rate only', { timeout: 10_000 });
  await expect(b.getByTestId('hr')).toHaveText(/^\d+$/);
});

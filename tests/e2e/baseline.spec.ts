import { expect, test, type Page } from '@playwright/test';
import { axe } from './fixtures/axe';
import { seedBaselines } from './fixtures/seed-baselines';

/**
 * A partner deletes their own baseline with the keyboard: the app asks first (focus on the safe
 * choice), deletes every real reading of that partner, and after a reload it is still gone, while
 * the other partner's readings and the demo readings stay.
 */

const calm = {
  lnRmssdMean: 3.6,
  lnRmssdSd: 0.2,
  hrBpm: 64,
  breathsPerMin: 11,
  device: 'Polar H10',
  demo: false,
};

/** Opens the live view without a demo. */
async function openLive(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(page.getByTestId('partner-a')).toBeVisible();
}

/** Every reading in the app's database, as [partner, real or demo, hrBpm], by partner and date. */
function storedReadings(page: Page): Promise<[string, string, number][]> {
  return page.evaluate(
    () =>
      new Promise<[string, string, number][]>((resolve, reject) => {
        const open = indexedDB.open('attune');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('readings').objectStore('readings').index('by-partner').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { partner: string; reading: { demo: boolean; hrBpm: number } }[]).map((r) => [
                r.partner,
                r.reading.demo ? 'demo' : 'real',
                r.reading.hrBpm,
              ]),
            );
          };
        };
      }),
  );
}

/** Files two real calibrations of Sam (partner A), one of Alex (B) and a demo baseline of Sam, as the app keeps them. */
function seed(page: Page): Promise<void> {
  return seedBaselines(page, [
    { id: 'cal-a-1', partner: 'a', kind: 'real', baseline: { ...calm, recordedAt: '2026-11-01T08:00:00.000Z', calibrations: 1 } },
    {
      id: 'cal-a-2',
      partner: 'a',
      kind: 'real',
      baseline: { ...calm, hrBpm: 62, recordedAt: '2026-11-08T08:00:00.000Z', calibrations: 2 },
    },
    {
      id: 'cal-b-1',
      partner: 'b',
      kind: 'real',
      baseline: { ...calm, hrBpm: 70, recordedAt: '2026-11-02T08:00:00.000Z', calibrations: 1 },
    },
    {
      id: 'demo-a',
      partner: 'a',
      kind: 'demo',
      baseline: { ...calm, hrBpm: 58, device: 'Simulator', demo: true, recordedAt: '2026-11-03T08:00:00.000Z', calibrations: 1 },
    },
  ]);
}

test('a partner deletes their baseline with the keyboard after a confirmation, and it stays gone after a reload', async ({ page }) => {
  // The app creates its database on the first visit; the baselines are filed into it as a calibration would.
  await openLive(page);
  await seed(page);
  await openLive(page);

  const sam = page.getByRole('region', { name: 'Baseline for Sam' });
  const alex = page.getByRole('region', { name: 'Baseline for Alex' });
  // Two readings (62 and 64): the usual calm is their mean, still learning.
  await expect(sam).toContainText('Usual calm: heart rate 63');
  await expect(sam).toContainText('from 2 readings');
  await expect(sam.getByTestId('baseline-learning')).toHaveText('learning (2 of 3)');
  await expect(alex).toContainText('Usual calm: heart rate 70');

  // Asking first: focus lands on "Keep it", so Enter there deletes nothing.
  const remove = sam.getByRole('button', { name: 'Delete baseline' });
  await remove.focus();
  await page.keyboard.press('Enter');
  const question = sam.getByRole('group', {
    name: /^Delete Sam.s baseline and readings\? Until new readings, Attune judges by how Sam is settling\.$/,
  });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(remove).toBeFocused();
  await expect(sam).toContainText('Usual calm: heart rate 63');

  // Asked again, Shift+Tab reaches "Yes, delete it".
  await page.keyboard.press('Enter');
  await expect(question.getByRole('button', { name: 'Keep it' })).toBeFocused();
  const results = await axe(page).include('[data-testid="partner-a"] .calibration').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.keyboard.press('Shift+Tab');
  await expect(question.getByRole('button', { name: 'Yes, delete it' })).toBeFocused();
  await page.keyboard.press('Enter');

  // With no strap connected there is nothing to calibrate on yet: focus rests on the note.
  await expect(sam.getByRole('status')).toHaveText(
    /^Sam.s baseline was deleted\. Until new readings, Attune judges by how Sam is settling\.$/,
  );
  await expect(sam.getByRole('status')).toBeFocused();
  await expect(sam).toContainText('No baseline yet.');
  await expect(sam.getByRole('button', { name: 'Delete baseline' })).toHaveCount(0);
  await expect(sam.getByRole('button', { name: 'Calibrate (3 minutes)' })).toBeVisible();
  await expect(alex).toContainText('Usual calm: heart rate 70');
  // Only Sam's own readings went: Alex's and the demo one stay.
  expect(await storedReadings(page)).toEqual([
    ['a', 'demo', 58],
    ['b', 'real', 70],
  ]);

  await page.reload();
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(alex).toContainText('Usual calm: heart rate 70');
  await expect(sam).toContainText('No baseline yet.');
  await expect(sam.getByRole('button', { name: 'Delete baseline' })).toHaveCount(0);
  await expect(page.getByTestId('partner-a').getByTestId('partner-state')).toHaveAttribute('data-state', 'no-signal');
});

import { expect, test, type Page } from '@playwright/test';
import { axe } from './fixtures/axe';
import { beatsOf, skipToReflection } from './fixtures/live-app';
import { seedReadings, type SeededReading } from './fixtures/seed-baselines';

/**
 * Calm readings as the couple meets them: a calm check kept as a reading ("learning (1 of 3)") and
 * listed in History; a calibration taken while aroused refused with its reason, the old baseline
 * kept; the first night, judged by how each partner settles, never ready while one is aroused, and
 * its calm end offered after the session as the first reading.
 *
 * Real (non-demo) readings come from "Load a recording": a replayed file is real data, never a
 * demo, and it plays at the demo link's speed, so two minutes of rest take six seconds.
 */

/** `count` intervals in ms around `meanMs`, varying by ±`swingMs` at about 11 breaths a minute. */
function intervals(count: number, meanMs: number, swingMs: number): string {
  return Array.from({ length: count }, (_, i) => Math.round(meanMs + swingMs * Math.sin(i / 0.9))).join('\n');
}

/** Opens the calm demo at 20x and replaces Sam's simulator with a recording. */
async function replayForSam(page: Page, name: string, rrMs: string) {
  await page.goto('/?demo=calm&speed=20');
  const a = page.getByTestId('partner-a');
  await a.getByRole('button', { name: 'Disconnect' }).click();
  await a.getByLabel('Recording file for partner A').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(rrMs) });
  await expect(a).toContainText(name);
  return { a, card: a.getByRole('region', { name: 'Baseline for Sam' }) };
}

/** Sam's readings in the database, as [kind, accepted]. */
function storedReadings(page: Page): Promise<[string, boolean][]> {
  return page.evaluate(
    () =>
      new Promise<[string, boolean][]>((resolve, reject) => {
        const open = indexedDB.open('attune');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db
            .transaction('readings')
            .objectStore('readings')
            .index('by-partner')
            .getAll(IDBKeyRange.bound(['a', ''], ['a', '\uffff']));
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { reading: { kind: string }; verdict: { accepted: boolean } }[]).map((r) => [
                r.reading.kind,
                r.verdict.accepted,
              ]),
            );
          };
        };
      }),
  );
}

test('a calm check on real data is stored, shown as "learning (1 of 3)", and listed in History', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await seedReadings(page, []);
  const { a, card } = await replayForSam(page, 'morning.txt', intervals(900, 960, 45));
  await expect(card).toContainText('No baseline yet.');
  await card.getByRole('button', { name: 'Calm check (2 minutes)' }).click();
  await expect(a.getByRole('progressbar', { name: 'Calm check progress for Sam' })).toBeVisible();
  await expect(card.getByRole('status')).toHaveText('Reading kept: still learning your calm (1 of 3).', { timeout: 30_000 });
  await expect(card.getByTestId('baseline-learning')).toHaveText('learning (1 of 3)');
  await expect(card).toContainText('from 1 reading');
  await expect.poll(() => storedReadings(page)).toEqual([['calm-check', true]]);

  await skipToReflection(page);
  await page.getByRole('button', { name: 'See your history' }).click();
  const sam = page.getByTestId('readings').getByRole('region', { name: 'Sam' });
  await expect(sam).toContainText('1 accepted of 1 — learning (1 of 3).');
  const rows = sam.getByTestId('reading-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-verdict', 'accepted');
  await expect(rows.first()).toContainText('Calm check');
  await expect(rows.first()).toContainText(/6\d bpm/);
  const results = await axe(page).include('[data-testid="readings"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a calibration taken while aroused is refused with its reason, kept in History, and the old baseline stays', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  const calm = (day: number, hrBpm: number): SeededReading => ({
    id: `check-${day}`,
    partner: 'a',
    reading: {
      recordedAt: `2026-11-0${day}T07:30:00.000Z`,
      device: 'Polar H10',
      kind: 'calm-check',
      demo: false,
      hrOnly: false,
      durationSec: 120,
      hrBpm,
      lnRmssd: 3.9,
      lnRmssdSd: 0.12,
      breathsPerMin: 11,
      firstMinute: { hrBpm, lnRmssd: 3.9 },
      lastMinute: { hrBpm, lnRmssd: 3.9 },
    },
    verdict: { accepted: true },
  });
  await seedReadings(page, [calm(1, 60), calm(2, 62), calm(3, 61)]);
  // Right after a fight: about 97 bpm with little variability.
  const { card } = await replayForSam(page, 'after-the-fight.txt', intervals(700, 620, 6));
  await expect(card).toContainText('Usual calm: heart rate 61');
  await expect(card.getByTestId('baseline-learning')).toHaveCount(0);
  await card.getByRole('button', { name: 'Recalibrate (3 minutes)' }).click();
  const said = card.getByRole('status');
  await expect(said).toHaveText(/^Calibration not used: .+\. Your baseline stays as it was\.$/, { timeout: 40_000 });
  await expect(said).toContainText('not used as your calm');
  await expect(card).toContainText('Usual calm: heart rate 61');
  await expect(card).toContainText('from 3 readings');
  await expect
    .poll(() => storedReadings(page))
    .toEqual([
      ['calm-check', true],
      ['calm-check', true],
      ['calm-check', true],
      ['calibration', false],
    ]);

  await skipToReflection(page);
  await page.getByRole('button', { name: 'See your history' }).click();
  const refused = page.getByTestId('readings').getByRole('region', { name: 'Sam' }).getByTestId('reading-row').first();
  await expect(refused).toHaveAttribute('data-verdict', 'refused');
  await expect(refused).toContainText('Calibration');
  await expect(refused).toContainText(/Refused: .+not used as your calm\./);
});

test('a first night on real data: the reflection offers the calm end as the first reading, and keeps it on request', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await seedReadings(page, []);
  const { a, card } = await replayForSam(page, 'tonight.txt', intervals(1200, 960, 45));
  // Only Sam is on a first night (Alex has the demo's baseline): Sam's card says so, by name, once.
  await expect(card.getByTestId('first-night')).toHaveText('First time for Sam: judged by how they are settling, not by their usual calm.');
  await expect(page.getByText(/judged by how/)).toHaveCount(1);
  // Settled (a plateau held two minutes), then two minutes near calm: about five minutes of the recording.
  await expect(a.getByTestId('partner-state')).toHaveAttribute('data-state', 'near-baseline', { timeout: 40_000 });
  // Two more minutes of the recording's own time, as the recorder stored them.
  const latestSec = async () => (await beatsOf(page, 'a')).at(-1)?.tSec ?? 0;
  const settledAt = await latestSec();
  await expect.poll(latestSec, { timeout: 30_000 }).toBeGreaterThan(settledAt + 130);
  await expect(a.getByTestId('partner-state')).toHaveAttribute('data-state', 'near-baseline');
  await skipToReflection(page);
  const offer = page.getByRole('region', { name: 'A first calm reading' });
  await expect(offer).toContainText('Sam settled near calm by the end');
  // Alex is the simulator: demo data is never kept, so nothing is offered for Alex.
  await expect(offer).not.toContainText('Alex');
  await offer.getByRole('button', { name: 'Keep as Sam’s first reading' }).click();
  await expect(offer.getByRole('status')).toHaveText('Kept as Sam’s first calm reading — learning (1 of 3).');
  await expect.poll(() => storedReadings(page)).toEqual([['session-end', true]]);
  const results = await axe(page).include('.first-readings').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('/?demo=first-night&speed=20 is judged by settling: never ready while a partner is aroused, ready once both settle', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Every change of the gate with both partners' heart rates at that moment.
  await page.addInitScript(() => {
    const seen: [string, number, number][] = [];
    const peak = { a: 0, b: 0 };
    Object.assign(window, { gateAndRates: seen, peakBeforeReady: peak });
    const rate = (id: string) => Number(document.querySelector(`[data-testid="partner-${id}"] [data-testid="hr"]`)?.textContent ?? NaN);
    const record = () => {
      const state = document.querySelector('[data-testid="gate"]')?.getAttribute('data-state');
      if (!state) return;
      const now: [string, number, number] = [state, rate('a'), rate('b')];
      if (!seen.some(([s]) => s === 'ready')) {
        peak.a = Math.max(peak.a, Number.isFinite(now[1]) ? now[1] : 0);
        peak.b = Math.max(peak.b, Number.isFinite(now[2]) ? now[2] : 0);
      }
      const last = seen.at(-1);
      if (!last || last[0] !== now[0] || (state === 'ready' && (last[1] !== now[1] || last[2] !== now[2]))) seen.push(now);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // At the speed the issue names (20×); every gate change is seen (the observer watches the page,
  // not a sample of it).
  await page.goto('/?demo=first-night&speed=20');
  // Both partners are on a first night: the sentence is said once, for both, above their panels (not
  // on each card, nor again among each partner's reasons), so it is read and heard once.
  await expect(page.getByTestId('first-night')).toHaveText('First time: judged by how you are settling, not by your usual calm.');
  await expect(page.getByTestId('partner-a').getByTestId('partner-state')).toHaveAttribute('data-state', 'out', { timeout: 20_000 });
  await expect(page.getByTestId('partner-b').getByTestId('partner-state')).toHaveAttribute('data-state', 'out');
  await expect(page.getByText(/judged by how/i)).toHaveCount(1);
  await expect(page.getByTestId('partner-a')).not.toContainText(/judged by how/i);
  await expect(page.getByTestId('partner-b')).not.toContainText(/judged by how/i);
  const shared = await axe(page).include('[data-testid="first-night"]').analyze();
  expect(shared.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // The journey does not ask the couple to calibrate.
  await expect(page.getByRole('button', { name: /^Calibrate [^(]/ })).toHaveCount(0);
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 100_000 });
  const { seen, peak } = await page.evaluate(() => {
    const w = window as unknown as { gateAndRates: [string, number, number][]; peakBeforeReady: { a: number; b: number } };
    return { seen: w.gateAndRates, peak: w.peakBeforeReady };
  });
  const firstReady = seen.findIndex(([state]) => state === 'ready');
  expect(firstReady).toBeGreaterThan(0);
  // Aroused is about 97 bpm in this scenario: the gate was never ready with either partner anywhere near it.
  const readyRates = seen.filter(([state]) => state === 'ready').flatMap(([, a, b]) => [a, b]);
  expect(readyRates.length).toBeGreaterThan(0);
  expect(Math.max(...readyRates)).toBeLessThan(85);
  // Both were aroused before it opened.
  expect(peak.a).toBeGreaterThan(90);
  expect(peak.b).toBeGreaterThan(90);
});

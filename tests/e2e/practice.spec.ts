import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { axe as axeBuilder, showColorScheme } from './fixtures/axe';
import { skipToReflection } from './fixtures/live-app';
import { practiceExport } from './fixtures/practice-export';

/**
 * Repair as a practice: a week planned and downloaded as an iCalendar file whose events match the
 * plan, three recorded demo sessions shown as three points, the report as a PDF with the names, the
 * period and the chosen sections (reflections only when ticked), persistent storage asked for and
 * its state shown; then the new screens by keyboard and under axe in both themes.
 */

const SECRET = 'The moment you said “I hear you” before anything else.';

async function pdfText(page: Page): Promise<string> {
  const bytes = await page.pdf({ format: 'A4' });
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return parts.join('\n').replace(/\s+/g, ' ');
}

/** The Monday `weeks` weeks before this week's, as YYYY-MM-DD (UTC, as the fixture's times are). */
function mondayWeeksAgo(weeks: number): string {
  const today = new Date();
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - sinceMonday - weeks * 7))
    .toISOString()
    .slice(0, 10);
}

async function recordDemoSession(page: Page, first: boolean): Promise<void> {
  await page.goto('/?demo=calm&speed=40');
  if (first) {
    for (const [letter, name] of [
      ['A', 'Sam'],
      ['B', 'Alex'],
    ] as const) {
      const field = page.getByRole('textbox', { name: `Name of partner ${letter}` });
      await field.fill(name);
      await field.blur();
    }
    await page.getByText('Before you begin: a quick check-in (optional)').click();
    await page.getByLabel('Sam: How intense was the fight?').selectOption('7');
    await page.getByLabel('Alex: How close do you feel now?').selectOption('3');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await expect(page.getByText('Check-in saved on this device.')).toBeVisible();
  }
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await skipToReflection(page);
  if (first) {
    await page.getByLabel('Sam: How close do you feel now?').selectOption('8');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await expect(page.getByText('Check-in saved on this device.')).toBeVisible();
    await page.getByLabel('What felt reparative?').fill(SECRET);
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await expect(page.getByText('Saved on this device.', { exact: true })).toBeVisible();
  }
  await page.getByRole('button', { name: 'See your history' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your history' })).toBeVisible();
}

test('a planned week goes to the calendar; three demo sessions make three points; the report prints to PDF; storage is kept', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // Count the app's requests for persistent storage (the browser's own answer is left as it is).
  await page.addInitScript(() => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    storage.persist = () => {
      localStorage.setItem('test.persist-requests', String(Number(localStorage.getItem('test.persist-requests') ?? '0') + 1));
      return persist();
    };
  });

  // Plan the week from the welcome screen.
  await page.goto('/');
  await page.getByRole('button', { name: 'Plan your week' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your week' })).toBeVisible();
  const reconnect = page.locator('fieldset[data-ritual="reconnect-flow"]');
  await reconnect.getByLabel('Sunday').uncheck();
  await reconnect.getByLabel('Thursday').check();
  await reconnect.getByLabel('Time for 15-Minute Reconnect Flow').fill('19:30');
  await reconnect.getByLabel('Calendar reminder for 15-Minute Reconnect Flow').selectOption('30');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Add to calendar' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('attune-week.ics');
  const text = await readFile(await file.path(), 'utf8');
  expect(text).toMatch(/\r\n$/);
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const byTitle = Object.fromEntries(
    events.map((e) => {
      const rule = e.component.getFirstPropertyValue('rrule') as ICAL.Recur;
      const trigger = e.component.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString() ?? null;
      return [
        e.summary,
        { days: rule.parts.BYDAY, hour: e.startDate.hour, minute: e.startDate.minute, minutes: e.duration.toSeconds() / 60, trigger },
      ];
    }),
  );
  // The suggested week, with the Reconnect Flow moved to Thursday 19:30; the reset stays "when needed".
  expect(byTitle).toEqual({
    '2-Minute Grounding Handhold': { days: ['MO', 'WE', 'FR'], hour: 21, minute: 0, minutes: 2, trigger: '-PT10M' },
    '15-Minute Reconnect Flow': { days: ['TH'], hour: 19, minute: 30, minutes: 15, trigger: '-PT30M' },
    'Commitment check-in': { days: ['SU'], hour: 19, minute: 30, minutes: 15, trigger: '-PT10M' },
  });
  await page.getByRole('button', { name: 'Back to the welcome' }).click();
  await expect(page.getByTestId('next-ritual')).toContainText(/Next planned|Planned for today/);

  // Three recorded demo sessions.
  for (let i = 0; i < 3; i++) await recordDemoSession(page, i === 0);

  // Persistent storage was asked for at the first recorded session, and History shows its state.
  expect(Number(await page.evaluate(() => localStorage.getItem('test.persist-requests')))).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('storage-state')).toContainText(
    /Kept until you delete it|The browser may clear this when space is low — export a backup/,
  );

  // Three points on the progress view.
  await page.getByRole('button', { name: 'Progress over weeks' }).click();
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveAttribute('data-sessions', '3');
  await expect(progress.locator('figure').first()).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('progress-sessions').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('trend-words')).toContainText('3 sessions over one week: too few weeks to tell');

  // The report: names, period and the chosen sections; no reflection text unless ticked.
  await page.getByRole('button', { name: 'Make a report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A report to share' })).toBeVisible();
  await page.getByLabel('Commitments and check-ins').uncheck();
  const period = (await page.getByTestId('report-period').textContent())!.trim();
  let pdf = await pdfText(page);
  expect(pdf).toContain('Attune practice report: Sam and Alex');
  expect(pdf).toContain(period);
  expect(pdf).toContain('Sessions (3)');
  expect(pdf).toContain('Trends over the weeks');
  expect(pdf).not.toContain('Commitments and check-ins');
  expect(pdf).toContain('Attune is not a medical device');
  expect(pdf).not.toContain('What goes in the report');
  expect(pdf).not.toContain('I hear you');
  await page.getByLabel(/^Reflections/).check();
  pdf = await pdfText(page);
  expect(pdf).toContain('I hear you');
});

test('the plan, progress and report screens by keyboard alone, with no axe violations in the dim and the light theme', async ({ page }) => {
  // axe runs twice per screen; on a busy shared machine each run takes seconds.
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  // Through the journey to History, then seeded through the app's own import: four weeks of sessions.
  await page.goto('/?demo=calm&speed=40');
  await skipToReflection(page);
  await page.getByRole('button', { name: 'See your history' }).click();
  await page.getByLabel('Choose an Attune export file').setInputFiles({
    name: 'attune-export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(practiceExport({ firstMonday: mondayWeeksAgo(3), weeks: 4, reflection: SECRET })),
  });
  await expect(page.getByText(/^Imported 8 sessions/)).toBeVisible();

  /** axe in both themes: no serious or critical violations. */
  const axe = async (where: string, scope = 'main') => {
    for (const colorScheme of ['dark', 'light'] as const) {
      await showColorScheme(page, colorScheme);
      const results = await axeBuilder(page)
        .include(scope)
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, `axe on ${where} (${colorScheme})`).toEqual([]);
    }
  };
  await expect(page.getByTestId('storage-state')).toBeVisible();
  await axe('the storage state and the practice links in History', '[data-testid="storage-state"], nav[aria-label="Your practice"]');

  // Keyboard only: History → Progress → the report, and back to the plan.
  await page.getByRole('button', { name: 'Progress over weeks' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('progress')).toHaveAttribute('data-sessions', '9');
  await expect(page.getByTestId('trend-words')).toContainText('Minutes until you were both calm: about');
  await axe('progress');

  await page.getByRole('button', { name: 'Make a report' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report')).toBeVisible();
  await expect(page.getByTestId('report')).not.toContainText('I hear you');
  const reflections = page.getByLabel(/^Reflections/);
  await reflections.focus();
  await page.keyboard.press('Space');
  await expect(reflections).toBeChecked();
  await expect(page.getByTestId('report')).toContainText('I hear you');
  await axe('report');

  await page.getByRole('button', { name: 'Back to progress' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Back to your history' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Your week' }).focus();
  await page.keyboard.press('Enter');
  const friday = page.locator('fieldset[data-ritual="grounding-handhold"]').getByLabel('Friday');
  await expect(friday).toBeChecked();
  await friday.focus();
  await page.keyboard.press('Space');
  await expect(friday).not.toBeChecked();
  // Tab from the last field of the plan reaches "Save plan", then "Add to calendar".
  await page.getByLabel('Calendar reminder for Commitment check-in').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Save plan' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Your week is saved on this device.')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add to calendar' })).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('attune-week.ics');
  await axe('plan');
});

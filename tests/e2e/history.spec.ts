import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { recordedBeats, skipToReflection } from './fixtures/live-app';

/**
 * The history area as a couple uses it: reflection and a commitment after a session, the history
 * by keyboard alone, no accessibility violations, and a gentle reminder when the app opens on the
 * check-in day.
 */

async function recordDemoAndReflect(page: Page): Promise<void> {
  await page.goto('/?demo=calm&speed=20');
  await expect(page.getByTestId('gate')).not.toHaveAttribute('data-state', 'no-signal', { timeout: 30_000 });
  // Wait until both partners have beats in the database before moving on.
  await expect.poll(async () => new Set((await recordedBeats(page)).map((beat) => beat.partner)).size, { timeout: 30_000 }).toBe(2);
  await skipToReflection(page);
}

test('reflection and a specific commitment are kept, and the history is usable by keyboard with no axe violations', async ({ page }) => {
  test.setTimeout(90_000);
  await recordDemoAndReflect(page);

  await page.getByLabel('What felt reparative?').fill('Hearing “that makes sense” before any explaining.');
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await expect(page.getByText('Saved on this device.')).toBeVisible();

  const what = page.getByLabel('What exactly will you do?');
  await what.fill('be nicer');
  await page.getByRole('button', { name: 'Save commitment' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Make it specific' })).toBeVisible();
  await what.fill('Phones in the drawer during dinner, every evening this week');
  await page.getByRole('button', { name: 'Save commitment' }).click();
  await expect(page.getByText(/^Saved\. We’ll remind you to check in/)).toBeVisible();

  const formCheck = await new AxeBuilder({ page }).include('.history-form').analyze();
  expect(formCheck.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByRole('button', { name: 'See your history' }).click();
  const history = page.getByTestId('history');
  await expect(history.getByTestId('history-session')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Upcoming check-ins' })).toContainText('Phones in the drawer during dinner');

  // Keyboard only: open the session's details.
  const details = history.getByRole('button', { name: 'Show details' });
  await details.focus();
  await page.keyboard.press('Enter');
  await expect(history.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
  await expect(history.getByTestId('session-chart')).toBeVisible();
  await expect(history.getByText('Hearing “that makes sense” before any explaining.')).toBeVisible();

  // Keyboard only: "Delete all my data…" asks first and puts focus on the safe choice.
  const remove = page.getByRole('button', { name: 'Delete all my data…' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Keep my data' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(remove).toBeVisible();
  await expect(history.getByTestId('history-session')).toHaveCount(1);

  const results = await new AxeBuilder({ page })
    .include('[data-testid="history"]')
    .include('.history-data')
    .include('.history-checkins')
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('opening the app on the check-in day shows a gentle reminder, and answering it records the check-in', async ({
  page: first,
  context,
}) => {
  test.setTimeout(90_000);
  await recordDemoAndReflect(first);
  await first.getByLabel('What exactly will you do?').fill('A ten-minute walk together after work on Thursday');
  await first.getByRole('button', { name: 'Save commitment' }).click();
  await expect(first.getByText(/^Saved\. We’ll remind you to check in/)).toBeVisible();
  await first.close();

  // A week and a day later, the app is opened again (same browser profile, so the same storage).
  await context.clock.setFixedTime(new Date(Date.now() + 8 * 86_400_000));
  const page = await context.newPage();
  await page.goto('/');
  const reminder = page.getByTestId('check-in-reminder');
  await expect(reminder.getByRole('heading', { name: 'Time to check in' })).toBeVisible();
  await expect(reminder).toContainText('A ten-minute walk together after work on Thursday');
  await reminder.getByRole('button', { name: 'Done' }).click();
  await expect(reminder).toHaveCount(0);
});

import { expect, test, type Page } from '@playwright/test';
import { axe } from './fixtures/axe';
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

test('reflection and a specific commitment are kept, the history is usable by keyboard with no axe violations, and opening the app on the check-in day shows a gentle reminder that records the check-in', async ({
  page,
  context,
}) => {
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

  const formCheck = await axe(page).include('.history-form').analyze();
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

  const results = await axe(page).include('[data-testid="history"]').include('.history-data').include('.history-checkins').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A week and a day later, the app is opened again (same browser profile, so the same storage).
  await page.close();
  await context.clock.setFixedTime(new Date(Date.now() + 8 * 86_400_000));
  const later = await context.newPage();
  await later.goto('/');
  const reminder = later.getByTestId('check-in-reminder');
  await expect(reminder.getByRole('heading', { name: 'Time to check in' })).toBeVisible();
  await expect(reminder).toContainText('Phones in the drawer during dinner, every evening this week');
  await reminder.getByRole('button', { name: 'Done' }).click();
  await expect(reminder).toHaveCount(0);
});

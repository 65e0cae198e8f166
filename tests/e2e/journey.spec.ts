import { test, expect, type Locator, type Page } from '@playwright/test';

/**
 * The whole journey with the keyboard alone: no clicks, only Tab, Shift+Tab,
 * Enter, Space, Escape and typing, on `/?demo=calm&speed=20`.
 */

/** Presses Tab until `target` has focus; fails with a clear message if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 120): Promise<void> {
  await target.waitFor({ state: 'visible' });
  for (let i = 0; i < maxPresses; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`keyboard: ${String(target)} was not reached with ${maxPresses} Tab presses`);
}

async function activate(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** The focused element shows a visible focus indicator (an outline or a box shadow). */
async function expectVisibleFocus(page: Page): Promise<void> {
  const style = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return null;
    const css = getComputedStyle(element);
    return { outlineStyle: css.outlineStyle, outlineWidth: parseFloat(css.outlineWidth), boxShadow: css.boxShadow };
  });
  expect(style).not.toBeNull();
  const visible = (style!.outlineStyle !== 'none' && style!.outlineWidth >= 2) || style!.boxShadow !== 'none';
  expect(visible, `focus indicator: ${JSON.stringify(style)}`).toBe(true);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

test('the whole journey on /?demo=calm&speed=20 with the keyboard only', async ({ page }) => {
  // Anything the Content-Security-Policy blocks on the way is collected and must stay empty.
  await page.addInitScript(() => {
    const blocked: string[] = [];
    (window as unknown as { __blocked: string[] }).__blocked = blocked;
    document.addEventListener('securitypolicyviolation', (event) => blocked.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto('/?demo=calm&speed=20');

  // The demo link opens the live view straight away, with both simulated partners.
  await expect(page.getByTestId('partner-a')).toBeVisible();
  await expect(page.getByTestId('partner-b')).toBeVisible();

  // Back to the welcome and its privacy promise, then on again: the session keeps running.
  await activate(page, page.getByRole('button', { name: 'Back to the welcome' }));
  await expect(heading(page, 'Attune')).toBeVisible();
  await expect(page.getByText('Everything stays on this device.')).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Begin' }));
  await expect(heading(page, /Connect|Settle together|You are both calm/)).toBeFocused();

  // Partner A types a name; the reflection and commitment forms use it later.
  await tabTo(page, page.getByRole('textbox', { name: 'Name of partner A' }));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Sam');

  // Readiness: the gate opens and routines become the primary action.
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(heading(page, 'You are both calm')).toBeVisible();
  const choose = page.getByRole('button', { name: 'Choose a routine' });
  await tabTo(page, choose);
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Routine together')).toBeFocused();

  // Choose a routine and start it; the receiver agrees; pause, resume, then stop with Escape.
  const start = page
    .getByRole('button', { name: /^Start / })
    .and(page.locator(':enabled'))
    .first();
  await activate(page, start);
  await activate(page, page.getByRole('button', { name: 'Receiver: yes, I agree' }));
  await activate(page, page.getByRole('button', { name: 'Pause' }));
  await activate(page, page.getByRole('button', { name: 'Resume' }));
  const stop = page.locator('.rt-stop');
  await expect(stop).toBeEnabled();
  await tabTo(page, stop);
  await page.keyboard.press('Enter');
  await expect(stop).toBeDisabled();
  await activate(page, page.getByRole('button', { name: 'Take some space' }));

  // Reflection and a commitment, typed and saved.
  await activate(page, page.getByRole('button', { name: 'Reflect together' }));
  await expect(heading(page, 'Reflect together')).toBeFocused();
  // The forms name the partners as the live view did, not "Partner A".
  await expect(page.getByRole('radio', { name: 'Sam' }).first()).toBeVisible();
  await tabTo(page, page.getByLabel('What felt reparative?'));
  await page.keyboard.type('Listening without interrupting.');
  await activate(page, page.getByRole('button', { name: 'Save reflection' }));
  await expect(page.getByText('Saved on this device.').first()).toBeVisible();
  await tabTo(page, page.getByLabel('What exactly will you do?'));
  await page.keyboard.type('Put our phones away at dinner every evening this week');
  await activate(page, page.getByRole('button', { name: 'Save commitment' }));

  // History shows the session that was just recorded.
  await activate(page, page.getByRole('button', { name: 'See your history' }));
  await expect(heading(page, 'Your history')).toBeFocused();
  await expect(page.getByTestId('history-session').first()).toBeVisible();
  // The journey's normal end closes the session as finished, not as ended early.
  await expect(page.getByTestId('history-session').first()).toContainText('Finished');

  // And around again: another session starts from the live view.
  await activate(page, page.getByRole('button', { name: 'Start again' }));
  await expect(page.getByTestId('gate')).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { __blocked: string[] }).__blocked)).toEqual([]);
});

test('the browser back button walks the journey back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  await expect(page.getByTestId('partner-a')).toBeVisible();
  await page.goBack();
  await expect(heading(page, 'Attune')).toBeVisible();
  await page.goForward();
  await expect(page.getByTestId('partner-a')).toBeVisible();
  // A reload starts where the address says, not mid-journey.
  await page.reload();
  await expect(heading(page, 'Attune')).toBeVisible();
});

test('a skip link leads past the header to the screen', async ({ page }) => {
  await page.goto('/');
  // Tab only once the page has rendered: on a busy machine a key pressed earlier goes nowhere.
  await expect(page.getByRole('button', { name: 'Begin' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('without straps, both check in by hand and the routines open, with the keyboard only', async ({ page }) => {
  await page.goto('/');
  await activate(page, page.getByRole('button', { name: 'Begin' }));
  await expect(heading(page, 'Connect')).toBeFocused();
  await activate(page, page.getByRole('button', { name: 'Check in by hand' }));
  for (const name of [/Partner A: I feel calm enough/, /Partner B: I feel calm enough/]) {
    await tabTo(page, page.getByRole('checkbox', { name }));
    await page.keyboard.press('Space');
  }
  await expect(heading(page, 'You both checked in')).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Choose a routine' }));
  await expect(heading(page, 'Routine together')).toBeFocused();
  await expect(page.getByRole('button', { name: /^Start / }).first()).toBeEnabled();
});

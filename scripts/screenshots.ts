/**
 * Takes the README's screenshots of each step of the journey, as a phone shows them (360×740, dim
 * theme), from the production build: `npx tsx scripts/screenshots.ts` → docs/screenshots/*.png.
 * Builds the app, serves it with `vite preview` on SCREENSHOT_PORT (default 4188), drives Chromium.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { practiceExport } from '../tests/e2e/fixtures/practice-export';

const OUT_DIR = 'docs/screenshots';
const BUILD_DIR = 'bench/out/screenshots-dist';
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4188);
const BASE = `http://localhost:${PORT}`;
const VIEWPORT = { width: 360, height: 740 };
/** The Connect step is also shown as a desktop has it. */
const DESKTOP = { width: 1280, height: 900 };

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`screenshots: the preview server did not answer at ${url}`);
}

async function newPage(browser: Browser, colorScheme: 'dark' | 'light' = 'dark', viewport = VIEWPORT): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', serviceWorkers: 'block' });
  return context.newPage();
}

async function shoot(page: Page, name: string, scrollTo?: Locator): Promise<void> {
  if (scrollTo) {
    await scrollTo.evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -12);
    });
  } else await page.evaluate(() => window.scrollTo(0, 0));
  // Let the last chart frame and fonts settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`) });
  console.log(`${OUT_DIR}/${name}.png`);
}

async function gate(page: Page, state: string): Promise<void> {
  await page
    .getByTestId('gate')
    .and(page.locator(`[data-state="${state}"]`))
    .waitFor({ timeout: 60_000 });
}

async function run(browser: Browser): Promise<void> {
  let page = await newPage(browser);
  await page.goto(BASE);
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  await shoot(page, '01-welcome');

  await page.getByRole('button', { name: 'Begin' }).click();
  await page.getByTestId('partner-a').waitFor();
  await shoot(page, '02-connect');
  const desktop = await newPage(browser, 'dark', DESKTOP);
  await desktop.goto(BASE);
  await desktop.getByRole('button', { name: 'Begin' }).click();
  await desktop.getByTestId('partner-a').waitFor();
  await shoot(desktop, '02-connect-desktop');
  await desktop.context().close();

  for (const id of ['partner-a', 'partner-b']) {
    const partner = page.getByTestId(id);
    await partner.getByRole('button', { name: 'Use the simulator' }).click();
    await partner.getByRole('button', { name: /calibrate \(3 minutes\)/i }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Calibrate' }).waitFor();
  await page.waitForTimeout(2500);
  await shoot(page, '03-calibrate', page.getByRole('region', { name: 'Calibration for Partner A' }));
  await page.context().close();

  page = await newPage(browser);
  await page.goto(`${BASE}/?demo=conflict&speed=20`);
  await gate(page, 'settling');
  await page.waitForTimeout(3000);
  await shoot(page, '04-settling');
  await page.context().close();

  page = await newPage(browser);
  await page.goto(`${BASE}/?demo=flooded&speed=20`);
  await page.getByTestId('break-timer').waitFor({ timeout: 60_000 });
  await shoot(page, '06-break', page.getByTestId('break-timer'));
  await page.context().close();

  page = await newPage(browser);
  await page.goto(`${BASE}/?demo=calm&speed=20`);
  await gate(page, 'ready');
  await page.waitForTimeout(2000);
  await shoot(page, '05-ready');

  await page.getByRole('button', { name: 'Choose a routine' }).click();
  await page.getByRole('heading', { level: 1, name: 'Routine together' }).waitFor();
  await shoot(page, '07-routines');

  const start = page
    .getByRole('button', { name: /^Start / })
    .and(page.locator(':enabled'))
    .first();
  if ((await start.count()) > 0) {
    await start.click();
    await page.waitForTimeout(1500);
    await shoot(page, '08-routine');
    // The page holds a playing routine: stop it and end it before moving on to the reflection.
    await page.locator('.rt-player .rt-stop').click();
    await page.getByRole('button', { name: 'Take some space' }).click();
  } else {
    console.log('08-routine: skipped, no routine start button on screen');
  }

  await page.getByRole('button', { name: /Skip to reflection|Reflect together/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Reflect together' }).waitFor();
  await shoot(page, '09-reflect');

  await page.getByRole('button', { name: 'See your history' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your history' }).waitFor();
  await page.waitForTimeout(1000);
  await shoot(page, '10-history');

  // The practice screens, over four weeks of sessions brought in through the app's own import.
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 21);
  await page.getByLabel('Choose an Attune export file').setInputFiles({
    name: 'attune-export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      practiceExport({ firstMonday: monday.toISOString().slice(0, 10), weeks: 4, reflection: 'Hearing “I get it” first.' }),
    ),
  });
  await page.getByText(/^Imported /).waitFor();
  await page.getByRole('button', { name: 'Progress over weeks' }).click();
  await page.getByTestId('progress-sessions').waitFor();
  await page.waitForTimeout(800);
  await shoot(page, '12-progress', page.getByTestId('trend-words'));
  await page.getByRole('button', { name: 'Make a report' }).click();
  await page.getByTestId('report').waitFor();
  await shoot(page, '13-report', page.getByTestId('report'));
  await page.goBack();
  await page.goBack();
  await page.getByRole('button', { name: 'Your week' }).click();
  await page.getByTestId('plan-editor').waitFor();
  await shoot(page, '14-plan');
  await page.context().close();

  page = await newPage(browser, 'light');
  await page.goto(BASE);
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  await shoot(page, '11-welcome-light');
  await page.context().close();
}

mkdirSync(OUT_DIR, { recursive: true });
const built = spawnSync('npx', ['vite', 'build', '--outDir', BUILD_DIR, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
if (built.status !== 0) throw new Error(`screenshots: vite build failed with status ${String(built.status)}`);
const server = spawn('npx', ['vite', 'preview', '--outDir', BUILD_DIR, '--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
try {
  await waitForServer(BASE);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
} finally {
  if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
}

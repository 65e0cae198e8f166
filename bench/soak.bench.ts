/**
 * Soak: two simulated partners for two hours of beat time (`/?demo=calm&speed=200`, about 40 s of
 * wall time) in Debian's Chromium, with the live figures, charts and recorder running. Measures the
 * JS heap after forced garbage collection and the app's count of live subscriptions.
 * Budgets: heap growth below 20 MB; live subscriptions not growing.
 */
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumArgs } from '../playwright.config';
import { describeSamples, runSoak } from '../tests/e2e/fixtures/soak';

export const title = 'Soak: 2 h of beat time, two simulated partners, heap and live subscriptions';

const PORT = Number(process.env.SOAK_PORT ?? 4188);
const HEAP_BUDGET_MB = 20;
const BEAT_SEC = 2 * 3600;
const SPEED = 200;

export async function run(): Promise<boolean> {
  const outDir = `.e2e-dist-${PORT}`;
  try {
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } catch (error) {
    console.log(`  could not build the app: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} — no figures`);
    return false;
  }
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ baseURL: `http://localhost:${PORT}` });
    const result = await runSoak(page, {
      beatSec: BEAT_SEC,
      speed: SPEED,
      warmUpSec: 600,
      sampleEverySec: 900,
      onSample: (s) => console.log(describeSamples([s])[0]),
    });
    const heapOk = result.heapGrowthMb < HEAP_BUDGET_MB;
    const subsKnown = result.warm.liveSubscriptions !== null && result.last.liveSubscriptions !== null;
    const subsFlat =
      subsKnown && result.samples.slice(1).every((s) => (s.liveSubscriptions ?? Infinity) <= (result.warm.liveSubscriptions ?? -1));
    console.log(`  beat clock: ${result.beatClock}; wall time ${result.wallSec.toFixed(1)} s; page errors ${result.pageErrors.length}`);
    for (const e of result.pageErrors.slice(0, 5)) console.log(`    page error: ${e}`);
    console.log(
      `  heap growth over ${(result.last.beatSec / 3600).toFixed(2)} h of beat time: ${result.heapGrowthMb.toFixed(2)} MB ` +
        `(${(result.start.heapUsedBytes / 1e6).toFixed(1)} → ${(result.last.heapUsedBytes / 1e6).toFixed(1)} MB; ` +
        `${result.heapGrowthAfterWarmUpMb.toFixed(2)} MB after the 10-minute warm-up) — budget < ${HEAP_BUDGET_MB} MB: ${heapOk ? 'within' : 'MISSED'}`,
    );
    console.log(
      subsKnown
        ? `  live subscriptions: ${result.warm.liveSubscriptions} after warm-up, ${result.last.liveSubscriptions} at the end, ` +
            `max ${Math.max(...result.samples.slice(1).map((s) => s.liveSubscriptions ?? 0))} — budget not growing: ${subsFlat ? 'within' : 'MISSED'}`
        : '  live subscriptions: not exposed by the page (data-testid="diagnostics" data-live-subscriptions) — budget cannot be shown: MISSED',
    );
    return heapOk && subsFlat && result.pageErrors.length === 0 && result.last.beatSec >= BEAT_SEC;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

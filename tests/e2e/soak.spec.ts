/**
 * Short soak in `npm test`: ten minutes of beat time for two simulated partners, fast-forwarded,
 * with the live figures, charts and recorder running. The two-hour run is `bench/soak.bench.ts`.
 */
import { test, expect } from '@playwright/test';
import { DIAGNOSTICS, describeSamples, runSoak } from './fixtures/soak';

test('ten minutes of two simulated partners leave subscriptions flat and the page healthy', async ({ page }) => {
  const result = await runSoak(page, { beatSec: 600, speed: 200, warmUpSec: 240, sampleEverySec: 120 });
  const lines = describeSamples(result.samples);
  console.log(
    [`soak (short): ${result.wallSec.toFixed(1)} s wall, beat clock from ${result.beatClock}`, ...lines].join('\n') +
      `\n  heap growth ${result.heapGrowthMb.toFixed(2)} MB from the start, ${result.heapGrowthAfterWarmUpMb.toFixed(2)} MB after warm-up`,
  );

  expect(result.pageErrors, 'no uncaught errors in the page').toEqual([]);
  expect(result.last.beatSec).toBeGreaterThanOrEqual(600);
  // The recorder kept writing chunks (at most 5 s of beats each) all along.
  expect(result.last.beatChunks).toBeGreaterThan(result.warm.beatChunks);
  expect(
    result.warm.liveSubscriptions,
    `the page must expose its live subscription count on ${DIAGNOSTICS} (data-live-subscriptions)`,
  ).not.toBeNull();
  // After the warm-up every stream the session needs exists; more later means something leaks.
  for (const s of result.samples.slice(1)) expect(s.liveSubscriptions).toBeLessThanOrEqual(result.warm.liveSubscriptions ?? 0);
  // Memory here is a sanity bound (the budget is measured over two hours by the bench).
  expect(result.heapGrowthAfterWarmUpMb).toBeLessThan(20);
  // Still live: both partners show a heart rate, the gate shows a state.
  for (const partner of ['a', 'b']) {
    await expect(page.getByTestId(`partner-${partner}`).getByTestId('hr')).toHaveText(/^\d+$/);
  }
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', /^(no-signal|calibrating|settling|ready|flooded)$/);
});

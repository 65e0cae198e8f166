import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { skipToReflection } from './fixtures/live-app';
import { seedReadings } from './fixtures/seed-baselines';

/**
 * The store in Chromium against the real IndexedDB: a demo session survives a reload and resumes,
 * the history shows it with its chart, and export → delete all → import gives back the same records,
 * heart-rate-only ones too.
 */

// Reading what Attune keeps: the `attune` IndexedDB database, read from the page itself (same origin),
// without creating it when the app has not.

interface StoredChunkInfo {
  readonly sessionId: string;
  readonly partner: 'a' | 'b';
  readonly seq: number;
  readonly segment: number;
  readonly startSec: number;
  readonly endSec: number;
  readonly beats: number;
}

interface StoredSessionInfo {
  readonly id: string;
  readonly status: string;
  readonly outcome: string | null;
  readonly segments: number;
}

/** Every session and beat chunk stored so far (chunk contents summarised). */
async function storedState(
  page: Page,
): Promise<{ sessions: StoredSessionInfo[]; chunks: StoredChunkInfo[]; counts: Record<string, number> }> {
  return page.evaluate(async () => {
    const empty = { sessions: [], chunks: [], counts: {} };
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('attune')) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('attune');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('storedState: could not open the database'));
    });
    try {
      const stores = [...db.objectStoreNames];
      const tx = db.transaction(stores, 'readonly');
      const all = (name: string) =>
        new Promise<unknown[]>((resolve, reject) => {
          const request = tx.objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error(`storedState: could not read ${name}`));
        });
      const counts: Record<string, number> = {};
      for (const name of stores) counts[name] = (await all(name)).length;
      const sessions = ((await all('sessions')) as StoredSessionInfo[]).map((s) => ({
        id: s.id,
        status: s.status,
        outcome: s.outcome,
        segments: s.segments,
      }));
      const chunks = ((await all('beatChunks')) as (Omit<StoredChunkInfo, 'beats'> & { beats: unknown[] })[]).map((c) => ({
        sessionId: c.sessionId,
        partner: c.partner,
        seq: c.seq,
        segment: c.segment,
        startSec: c.startSec,
        endSec: c.endSec,
        beats: c.beats.length,
      }));
      return { sessions, chunks, counts };
    } finally {
      db.close();
    }
  });
}

/** Beats stored for one partner (optionally one segment) of one session. */
function beatCount(chunks: readonly StoredChunkInfo[], sessionId: string, partner: 'a' | 'b', segment?: number): number {
  return chunks
    .filter((c) => c.sessionId === sessionId && c.partner === partner && (segment === undefined || c.segment === segment))
    .reduce((sum, c) => sum + c.beats, 0);
}

/** From the live view to the history, the way a couple would (skipping the routine). */
async function walkToHistory(page: Page): Promise<void> {
  await skipToReflection(page);
  await page.getByRole('button', { name: 'See your history' }).click();
  await expect(page.getByRole('heading', { name: 'Past sessions' })).toBeVisible();
}

async function download(page: Page, button: string): Promise<string> {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await pending;
  const path = await file.path();
  return readFile(path, 'utf8');
}

test('a demo session is recorded, survives a reload, resumes, finishes, and shows in the history with its chart', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/?demo=calm&speed=40');
  // Mid-way: the couple has settled (the gate opened) and several 5 s chunks of both are on disk.
  await expect(page.getByTestId('gate')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect
    .poll(
      async () => {
        const { chunks } = await storedState(page);
        return Math.min(...(['a', 'b'] as const).map((p) => chunks.filter((c) => c.partner === p).length));
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(4);

  // The page goes away without warning and opens again at its plain address, so nothing new starts
  // recording before the couple has answered.
  const beforeReload = await storedState(page);
  expect(beforeReload.sessions).toHaveLength(1);
  const session = beforeReload.sessions[0]!;
  expect(session.status).toBe('recording');
  await page.goto('/');
  const afterReload = await storedState(page);
  for (const partner of ['a', 'b'] as const) {
    // At most one chunk (≤ 5 s of data) can be lost; what was saved before is all still there.
    expect(beatCount(afterReload.chunks, session.id, partner)).toBeGreaterThanOrEqual(beatCount(beforeReload.chunks, session.id, partner));
  }
  for (const chunk of afterReload.chunks) expect(chunk.endSec - chunk.startSec).toBeLessThanOrEqual(5);

  const prompt = page.getByTestId('resume-prompt');
  await expect(prompt.getByRole('heading', { name: 'Your last session was interrupted' })).toBeVisible();
  await prompt.getByRole('button', { name: 'Resume the session' }).click();

  for (const partner of ['a', 'b']) {
    await page.getByTestId(`partner-${partner}`).getByRole('button', { name: 'Use the simulator' }).click();
  }
  // The resumed part is a second segment of the same session.
  await expect
    .poll(
      async () => {
        const { chunks } = await storedState(page);
        return Math.min(beatCount(chunks, session.id, 'a', 1), beatCount(chunks, session.id, 'b', 1));
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThan(3);

  await walkToHistory(page);
  const item = page.locator(`[data-testid="history-session"][data-session-id="${session.id}"]`);
  // The journey ends the session on the way to the reflection; if it has not, the couple ends it
  // from its history entry. Either way it is finished, not left interrupted.
  const end = item.getByRole('button', { name: 'End this session' });
  if (await end.isVisible()) await end.click();
  await expect
    .poll(async () => (await storedState(page)).sessions)
    .toEqual([expect.objectContaining({ id: session.id, status: 'closed', outcome: 'finished', segments: 2 })]);

  await expect(item).toContainText('Finished');
  await expect(item).toContainText('Demo (calm)');
  await item.getByRole('button', { name: 'Show details' }).click();
  const chart = item.getByTestId('session-chart');
  const heartRate = chart.getByRole('img', { name: /^Heart rate, beats\/min: .+ \d+ before, \d+ after; .+ \d+ before, \d+ after$/ });
  await expect(heartRate).toBeVisible();
  // chart.js drew into the canvas: it has a size and pixels that are not all transparent.
  const drawn = await heartRate.evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return false;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    return data.some((value, i) => i % 4 === 3 && value > 0);
  });
  expect(drawn).toBe(true);
  await expect(item.getByRole('list', { name: 'Readiness timeline' })).toContainText('Ready together');
});

test('a damaged export is refused with its reason and changes nothing; export → delete all my data → import restores the same records', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?demo=calm&speed=20');
  await expect.poll(async () => (await storedState(page)).chunks.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
  await walkToHistory(page);
  await expect(page.getByTestId('history-session')).toHaveCount(1);

  const before = await storedState(page);
  await page.getByLabel('Choose an Attune export file').setInputFiles({
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"attune-export","version":1,"data":{"sessions":[{"id":'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'import:' })).toContainText(
    /the file is not valid JSON, perhaps cut off.*Nothing was changed\./,
  );
  expect((await storedState(page)).sessions).toEqual(before.sessions);

  // RR intervals for other HRV tools: one interval in ms per line, every stored beat of partner A.
  const rr = (await download(page, 'Export RR intervals')).trimEnd().split('\n').map(Number);
  const stored = await storedState(page);
  expect(rr.length).toBe(beatCount(stored.chunks, stored.sessions[0]!.id, 'a'));
  for (const value of rr) expect(value).toBeGreaterThan(250);

  const first = JSON.parse(await download(page, 'Export all my data (JSON)')) as {
    format: string;
    version: number;
    data: Record<string, unknown[]>;
  };
  expect(first.format).toBe('attune-export');
  expect(first.version).toBe(1);
  expect(first.data.sessions).toHaveLength(1);
  expect(first.data.beatChunks!.length).toBeGreaterThanOrEqual(6);

  await page.getByRole('button', { name: 'Delete all my data…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByText('All your data was deleted from this device.')).toBeVisible();
  const emptied = await storedState(page);
  expect(Object.values(emptied.counts).every((n) => n === 0)).toBe(true);
  await expect(page.getByText(/No sessions yet/)).toBeVisible();

  const text = JSON.stringify(first);
  await page
    .getByLabel('Choose an Attune export file')
    .setInputFiles({ name: 'attune-export.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByText(/^Imported 1 session/)).toBeVisible();
  await expect(page.getByTestId('history-session')).toHaveCount(1);

  const second = JSON.parse(await download(page, 'Export all my data (JSON)')) as typeof first;
  expect(second.data).toEqual(first.data);

  // Importing the same file again adds nothing.
  await page
    .getByLabel('Choose an Attune export file')
    .setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByText(/^Imported 0 sessions \(0 records in all\); \d+ records were already here/)).toBeVisible();
});

test('heart rate only (HR.csv replays, readings without HRV or breathing): export → delete all my data → import restores the same records, and the export loads back as a heart-rate-only recording', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  // A wrist device's calm check, accepted, and one refused: heart rate alone, no HRV or breathing.
  const reading = {
    recordedAt: '2026-11-01T08:00:00.000Z',
    device: 'HR.csv',
    kind: 'calm-check',
    demo: false,
    hrOnly: true,
    durationSec: 120,
    hrBpm: 66,
    lnRmssd: null,
    lnRmssdSd: null,
    breathsPerMin: null,
    firstMinute: { hrBpm: 67, lnRmssd: null },
    lastMinute: { hrBpm: 66, lnRmssd: null },
  } as const;
  await seedReadings(page, [
    { id: 'hr-only-a', partner: 'a', reading, verdict: { accepted: true } },
    {
      id: 'hr-only-b',
      partner: 'b',
      reading: { ...reading, recordedAt: '2026-11-02T08:00:00.000Z', hrBpm: 104 },
      verdict: {
        accepted: false,
        problem: { kind: 'flooding' },
        message:
          'Your heart rate was 104 bpm, at the level of strong arousal (100 bpm or more), so this reading was not used as your calm.',
      },
    },
  ]);
  await page.getByRole('button', { name: 'Begin' }).click();
  // Both partners replay heart rate without RR: an E4 HR.csv and a watch's CSV.
  const bpm = Array.from({ length: 150 }, (_, i) => (68 + 2 * Math.sin(i / 7)).toFixed(2));
  const a = page.getByTestId('partner-a');
  const b = page.getByTestId('partner-b');
  await a
    .getByLabel('Recording file for partner A')
    .setInputFiles({ name: 'HR.csv', mimeType: 'text/csv', buffer: Buffer.from(['1644834644.000000', '1.000000', ...bpm].join('\n')) });
  const start = Date.parse('2026-03-15T21:04:00Z');
  const rows = bpm.map((v, i) => `${new Date(start + i * 1000).toISOString()},${v}`);
  await b
    .getByLabel('Recording file for partner B')
    .setInputFiles({ name: 'watch.csv', mimeType: 'text/csv', buffer: Buffer.from(['time,HR (bpm)', ...rows].join('\n')) });
  await expect(a.getByTestId('hr-only')).toContainText('heart rate only', { timeout: 10_000 });
  await expect(b.getByTestId('hr-only')).toContainText('heart rate only', { timeout: 10_000 });
  await expect
    .poll(
      async () => {
        const { chunks } = await storedState(page);
        return Math.min(...(['a', 'b'] as const).map((p) => chunks.filter((c) => c.partner === p).length));
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThanOrEqual(2);
  await walkToHistory(page);
  await expect(page.getByTestId('history-session')).toHaveCount(1);

  interface HrOnlyExport {
    data: {
      sessions: unknown[];
      beatChunks: { partner: string; beats: { rrMs: number | null; hrBpm: number }[] }[];
      readings: { reading: { hrOnly: boolean; lnRmssd: number | null; breathsPerMin: number | null } }[];
    } & Record<string, unknown[]>;
  }
  const text = await download(page, 'Export all my data (JSON)');
  const first = JSON.parse(text) as HrOnlyExport;
  expect(first.data.sessions).toHaveLength(1);
  const beats = first.data.beatChunks.flatMap((c) => c.beats);
  expect(beats.length).toBeGreaterThan(5);
  expect(beats.every((beat) => beat.rrMs === null && beat.hrBpm > 60)).toBe(true);
  expect(first.data.readings.map((r) => [r.reading.hrOnly, r.reading.lnRmssd, r.reading.breathsPerMin])).toEqual([
    [true, null, null],
    [true, null, null],
  ]);

  await page.getByRole('button', { name: 'Delete all my data…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByText('All your data was deleted from this device.')).toBeVisible();
  expect(Object.values((await storedState(page)).counts).every((n) => n === 0)).toBe(true);
  await page
    .getByLabel('Choose an Attune export file')
    .setInputFiles({ name: 'attune-export.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByText(/^Imported 1 session/)).toBeVisible();
  await expect(page.getByTestId('history-session')).toHaveCount(1);
  const second = JSON.parse(await download(page, 'Export all my data (JSON)')) as HrOnlyExport;
  expect(second.data).toEqual(first.data);

  // The same file, loaded as a recording, replays partner A's heart rate as heart rate only.
  await page.goto('/');
  await page.getByRole('button', { name: 'Begin' }).click();
  await a
    .getByLabel('Recording file for partner A')
    .setInputFiles({ name: 'attune-export.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(a.getByRole('list', { name: 'About this recording' })).toContainText(
    /partner a of session .+ was recorded as heart rate only/,
  );
  await expect(a.getByTestId('hr-only')).toContainText('heart rate only', { timeout: 10_000 });
  await expect(a.getByTestId('hr')).toHaveText(/^\d+$/);
});

test('when the device is full the app says so plainly, keeps recording in memory, offers the data, and saves it once there is room', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Storage that can be made "full": writes of beat chunks fail the way a full disk makes them fail.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    const flags = window as unknown as { attuneTestFull: boolean };
    flags.attuneTestFull = false;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (flags.attuneTestFull && this.name === 'beatChunks') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.goto('/?demo=calm&speed=20');
  await expect.poll(async () => (await storedState(page)).chunks.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await page.evaluate(() => ((window as unknown as { attuneTestFull: boolean }).attuneTestFull = true));

  const notice = page.getByTestId('storage-notice');
  await expect(notice).toContainText('This device has no room left to save the session. Recording continues in memory');
  const stuck = (await storedState(page)).chunks.length;

  const pending = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download what is not saved yet' }).click();
  const file = JSON.parse(await readFile(await (await pending).path(), 'utf8')) as {
    format: string;
    data: { beatChunks: unknown[]; sessions: unknown[] };
  };
  expect(file.format).toBe('attune-export');
  expect(file.data.sessions).toHaveLength(1);
  expect(file.data.beatChunks.length).toBeGreaterThan(0);

  // Room again, and the user asks to save at once. Both in one step of the page: every later flush
  // also retries, and one that ran in between would succeed and take the button away first.
  await notice.getByRole('button', { name: 'Try saving again' }).evaluate((button) => {
    (window as unknown as { attuneTestFull: boolean }).attuneTestFull = false;
    (button as HTMLButtonElement).click();
  });
  await expect(notice).toHaveCount(0);
  expect((await storedState(page)).chunks.length).toBeGreaterThan(stuck + file.data.beatChunks.length - 1);
});

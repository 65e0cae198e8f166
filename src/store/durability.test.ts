import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BACKUP_REMINDER_SESSIONS, KEPT_MARKER_KEY, type MarkerStorage, type PersistenceApi } from './durability';
import { createStore } from './store';
import { fixedClock, freshName } from './test-support';

function fakePersistence(answer: boolean): PersistenceApi & { asked: number } {
  let persisted = false;
  const api = {
    asked: 0,
    persisted: async () => persisted,
    persist: async () => {
      api.asked++;
      persisted = answer;
      return answer;
    },
  };
  return api;
}

function memoryStorage(): MarkerStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

async function recordSession(store: ReturnType<typeof createStore>): Promise<void> {
  const recorder = store.createRecorder({ source: 'demo', scenario: 'calm', flushIntervalMs: 0 });
  recorder.addBeat('a', { tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false });
  await recorder.close('finished');
}

describe('store.durability', () => {
  it('the first recorded session asks for persistent storage once, notes when, and the state shows it', async () => {
    const persistence = fakePersistence(true);
    const clock = fixedClock();
    const store = createStore({ name: freshName(), now: clock.now, persistence, marker: memoryStorage() });
    expect((await store.durability.status()).persistence).toBe('best-effort');
    await recordSession(store);
    await expect.poll(async () => (await store.durability.status()).persistence).toBe('persisted');
    await recordSession(store);
    expect(persistence.asked).toBe(1);
    expect((await store.durability.status()).requestedAt).toBe('2026-03-02T19:30:00.000Z');
  });

  it('a refusal leaves the state "best-effort" and is asked again at the next session', async () => {
    const persistence = fakePersistence(false);
    const store = createStore({ name: freshName(), now: fixedClock().now, persistence, marker: memoryStorage() });
    await recordSession(store);
    await recordSession(store);
    await expect.poll(() => persistence.asked).toBe(2);
    expect((await store.durability.status()).persistence).toBe('best-effort');
  });

  it('without navigator.storage the state is "unsupported" and nothing is asked', async () => {
    const store = createStore({ name: freshName(), now: fixedClock().now, marker: memoryStorage(), persistence: {} as PersistenceApi });
    await recordSession(store);
    expect((await store.durability.status()).persistence).toBe('unsupported');
  });

  it(`a backup is due after ${BACKUP_REMINDER_SESSIONS} sessions without an export, and counting starts again after one`, async () => {
    const clock = fixedClock();
    const store = createStore({ name: freshName(), now: clock.now, persistence: fakePersistence(true), marker: memoryStorage() });
    for (let i = 0; i < BACKUP_REMINDER_SESSIONS - 1; i++) {
      await recordSession(store);
      clock.advance(3600);
    }
    expect(await store.durability.status()).toMatchObject({ sessionsSinceExport: BACKUP_REMINDER_SESSIONS - 1, backupDue: false });
    await recordSession(store);
    expect(await store.durability.status()).toMatchObject({ sessionsSinceExport: BACKUP_REMINDER_SESSIONS, backupDue: true });
    clock.advance(60);
    await store.exportJson();
    clock.advance(60);
    await recordSession(store);
    expect(await store.durability.status()).toMatchObject({ sessionsSinceExport: 1, backupDue: false, lastExportAt: expect.any(String) });
  });

  it('an empty database where sessions had been kept reads as cleared by the browser; a delete-all by the couple does not', async () => {
    const marker = memoryStorage();
    const name = freshName();
    const store = createStore({ name, now: fixedClock().now, persistence: fakePersistence(false), marker });
    expect((await store.durability.status()).clearedByBrowser).toBe(false);
    await recordSession(store);
    expect(marker.map.has(KEPT_MARKER_KEY)).toBe(true);
    expect((await store.durability.status()).clearedByBrowser).toBe(false);
    await store.close();
    // The browser clears the origin's IndexedDB under storage pressure; localStorage stays.
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
    });
    const reopened = createStore({ name, now: fixedClock().now, persistence: fakePersistence(false), marker });
    expect((await reopened.durability.status()).clearedByBrowser).toBe(true);
    await recordSession(reopened);
    await reopened.deleteAll();
    expect((await reopened.durability.status()).clearedByBrowser).toBe(false);
  });
});

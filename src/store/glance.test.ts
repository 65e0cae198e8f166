import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { welcomeNeedsStore } from './glance';
import { KEPT_MARKER_KEY } from './kept-marker';
import { fixedClock, freshName, testStore } from './test-support';

/** A marker storage holding what it is given (the page's localStorage in the app). */
function marker(entries: Record<string, string> = {}) {
  return { getItem: (key: string) => entries[key] ?? null };
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

describe('welcomeNeedsStore', () => {
  it('is false on a first visit, without creating the database', async () => {
    const name = freshName('glance');
    expect(await welcomeNeedsStore({ name, marker: marker() })).toBe(false);
    expect(await databaseNames()).not.toContain(name);
  });

  it('is false for a store that holds nothing the welcome shows (a partner name only)', async () => {
    const name = freshName('glance');
    const store = testStore({ name });
    await store.partners.rename('a', 'Sam');
    await store.close();
    expect(await welcomeNeedsStore({ name, marker: marker() })).toBe(false);
  });

  it('is true once a session, a commitment or a plan is kept', async () => {
    const sessionDb = freshName('glance');
    const withSession = testStore({ name: sessionDb, now: fixedClock().now });
    await withSession.createRecorder({ source: 'demo', scenario: 'calm', flushIntervalMs: 0 }).close('finished');
    await withSession.close();
    expect(await welcomeNeedsStore({ name: sessionDb, marker: marker() })).toBe(true);

    const commitmentDb = freshName('glance');
    const withCommitment = testStore({ name: commitmentDb, now: fixedClock().now });
    await withCommitment.commitments.add({
      sessionId: null,
      author: 'a',
      text: 'Walk together',
      byDay: '2026-03-08',
      checkInDay: '2026-03-09',
    });
    await withCommitment.close();
    expect(await welcomeNeedsStore({ name: commitmentDb, marker: marker() })).toBe(true);

    const planDb = freshName('glance');
    const withPlan = testStore({ name: planDb, now: fixedClock().now });
    await withPlan.plans.save({ startsOn: '2026-03-02', timeZone: 'Europe/Berlin', items: [] });
    await withPlan.close();
    expect(await welcomeNeedsStore({ name: planDb, marker: marker() })).toBe(true);
  });

  it('is true when sessions were kept on this device, even with the database gone (the browser cleared it)', async () => {
    expect(await welcomeNeedsStore({ name: freshName('glance'), marker: marker({ [KEPT_MARKER_KEY]: '2026-03-02T19:30:00.000Z' }) })).toBe(
      true,
    );
  });

  it('is true whenever it cannot tell: no list of databases, or a database of another version', async () => {
    const noList = { open: indexedDB.open.bind(indexedDB) } as unknown as IDBFactory;
    expect(await welcomeNeedsStore({ name: freshName('glance'), indexedDB: noList, marker: marker() })).toBe(true);

    const name = freshName('glance');
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 2);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    expect(await welcomeNeedsStore({ name, marker: marker() })).toBe(true);
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readRrFile } from '../../sources/recordings/rr-file';
import { createStore } from '../../store';
import { HISTORY_RR_FORMATS, exportSessionRr } from './rr-export';

async function recordedSession() {
  const store = createStore({ name: `rr-export-${Math.random()}`, now: () => new Date('2026-03-02T19:30:00Z') });
  const r = store.createRecorder({ source: 'demo', scenario: 'calm', partnerNames: { a: 'Sam', b: 'Alex' }, flushIntervalMs: 0 });
  // A strap's 1/1024 s steps for Sam; Alex's device sends heart rate only for the first beats.
  for (let i = 1; i <= 12; i++) {
    r.addBeat('a', { tSec: i * 0.8125, rrMs: (832 * 1000) / 1024, hrBpm: 73.8, afterGap: false });
    r.addBeat('b', { tSec: i * 0.9 + 0.05, rrMs: i <= 2 ? null : 900 + i, hrBpm: 66, afterGap: false });
  }
  await r.close('finished');
  const [session] = await store.sessions.list();
  return { store, session: session! };
}

describe('exportSessionRr', () => {
  it('writes every format History offers, and each reads back to the stored intervals', async () => {
    const { store, session } = await recordedSession();
    for (const { format } of HISTORY_RR_FORMATS) {
      for (const partner of ['a', 'b'] as const) {
        const file = await exportSessionRr(store, session, format, partner);
        const back = readRrFile(new TextEncoder().encode(file.text), file.name, { partner });
        expect(back.rrMs).toEqual(partner === 'a' ? Array(12).fill(812.5) : Array.from({ length: 10 }, (_, k) => 903 + k));
      }
    }
  });

  it('names the file by session, partner and format', async () => {
    const { store, session } = await recordedSession();
    const names = await Promise.all(HISTORY_RR_FORMATS.map(({ format }) => exportSessionRr(store, session, format, 'a')));
    expect(names.map((f) => f.name.split('-').slice(-2).join('-'))).toEqual(['a-rr.txt', 'hrv-logger.csv', 'a-csv.csv', 'both-rr.csv']);
  });

  it('says why a partner has nothing to export', async () => {
    const store = createStore({ name: `rr-export-${Math.random()}` });
    const r = store.createRecorder({ source: 'demo', scenario: 'calm', partnerNames: { a: 'Sam', b: 'Alex' }, flushIntervalMs: 0 });
    r.addBeat('a', { tSec: 1, rrMs: null, hrBpm: 60, afterGap: false });
    await r.close('finished');
    const [session] = await store.sessions.list();
    await expect(exportSessionRr(store, session!, 'text', 'a')).rejects.toThrow(
      'export RR: Sam has no RR intervals in this session (the device sent heart rate only, without RR intervals)',
    );
    await expect(exportSessionRr(store, session!, 'text', 'b')).rejects.toThrow(
      'export RR: Alex has no RR intervals in this session (no beats were recorded)',
    );
    await expect(exportSessionRr(store, session!, 'pair-csv', 'a')).rejects.toThrow(
      'export RR: neither partner has RR intervals in this session (the device sent heart rate only',
    );
  });
});

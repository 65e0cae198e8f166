// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { Subject } from 'rxjs';
import type { Beat } from '../../signal/types';
import { createStore } from '../../store';
import { createSessionRecording } from './session-recording';
import { useRecording } from './use-recording';

describe('useRecording', () => {
  it('useRecording(recording, streams) records every beat while mounted, flushes and unsubscribes on unmount', async () => {
    const store = createStore({ name: `hook-${Math.random()}` });
    const recording = createSessionRecording(store, { source: 'demo', flushIntervalMs: 0 });
    const a = new Subject<Beat>();
    const b = new Subject<Beat>();
    const { result, unmount } = renderHook(() => useRecording(recording, { a: { beats$: a }, b: { beats$: b } }));
    expect(result.current).toBeNull();
    for (let t = 1; t <= 7; t++) {
      a.next({ tSec: t, rrMs: 1000, hrBpm: 60, afterGap: false });
      b.next({ tSec: t, rrMs: 900, hrBpm: 66.7, afterGap: false });
    }
    await waitFor(() => expect(result.current?.saving).toBe('saving'));
    unmount();
    expect(a.observed).toBe(false);
    expect(b.observed).toBe(false);
    const id = recording.sessionId()!;
    await waitFor(async () => expect((await store.recordings.beatChunks(id)).flatMap((c) => c.beats)).toHaveLength(14));
    recording.dispose();
  });
});

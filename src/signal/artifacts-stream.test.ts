import { describe, expect, it } from 'vitest';
import { detectArtifacts } from './artifacts';
import { STREAM_LOOKAHEAD_BEATS, createArtifactStream } from './artifacts-stream';
import { tachogramFixture } from './tachogram-fixture';

describe('createArtifactStream', () => {
  it('push(rrMs) classifies each beat once, after the look-ahead, in order', () => {
    const stream = createArtifactStream();
    const seen: number[] = [];
    for (let i = 0; i < 500; i += 1) for (const v of stream.push(800 + (i % 5) * 4, false)) seen.push(v.index);
    expect(seen).toEqual(Array.from({ length: 500 - STREAM_LOOKAHEAD_BEATS }, (_, i) => i));
  });

  it('push(rrMs) finds the same artifacts as the batch detector on a long series', () => {
    const { rrMs } = tachogramFixture({ durationSec: 600, hrBpm: 70, breathsPerMin: 12, rsaMs: 30, mayerMs: 10, noiseMs: 5, seed: 9 });
    const rr = [...rrMs];
    rr[100] = rr[100] * 2; // missed
    rr[200] = rr[200] * 0.65; // ectopic pair
    rr[201] = rr[201] * 1.35;
    rr.splice(300, 1, rr[300] * 0.4, rr[300] * 0.6); // extra
    rr[400] = 3100; // implausible
    const stream = createArtifactStream();
    const flagged = new Set<number>();
    for (const value of rr) for (const v of stream.push(value, false)) if (v.kind !== undefined) flagged.add(v.index);
    const batch = new Set(detectArtifacts(rr).flatMap((k, i) => (k === undefined ? [] : [i])));
    expect([...flagged].sort((a, b) => a - b)).toEqual([...batch].sort((a, b) => a - b));
    expect(batch).toContain(100);
    expect(batch).toContain(201);
    expect(batch).toContain(300);
    expect(batch).toContain(400);
  });

  it('push(rrMs) flags an implausible interval without letting it move the thresholds', () => {
    const stream = createArtifactStream();
    const verdicts = [];
    for (let i = 0; i < 50; i += 1) verdicts.push(...stream.push(i === 20 ? -5 : 900 + (i % 3) * 5, false));
    expect(verdicts.filter((v) => v.kind !== undefined)).toEqual([{ index: 20, kind: 'implausible' }]);
  });
});

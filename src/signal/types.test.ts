import { describe, expect, it } from 'vitest';
import type { Beat } from './types';

describe('Beat', () => {
  it('carries event time and an RR interval in milliseconds', () => {
    const beat: Beat = { tSec: 1.0, rrMs: 1000, hrBpm: 60, afterGap: false };
    expect(60_000 / (beat.rrMs ?? Number.NaN)).toBe(beat.hrBpm);
  });
});

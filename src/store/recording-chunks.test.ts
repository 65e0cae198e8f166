import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartnerId } from '../signal/types';
import { splitIntoChunks } from './chunk';
import { createChunkBuilder, createMetricsThinner, type ChunkBuilder, type ClosedChunk } from './recording-chunks';
import { metricsAt } from './test-support';

/** Appends items that are their own event time; returns every chunk closed along the way and at the end. */
function chunksOf(
  times: readonly number[],
  builder: ChunkBuilder<number> = createChunkBuilder<number>(),
  partner: PartnerId = 'a',
): ClosedChunk<number>[] {
  const closed: ClosedChunk<number>[] = [];
  for (const t of times) {
    const chunk = builder.append(partner, t, t);
    if (chunk) closed.push(chunk);
  }
  const last = builder.take(partner);
  if (last) closed.push(last);
  return closed;
}

const chunk = (items: number[], partner: PartnerId = 'a'): ClosedChunk<number> => ({
  partner,
  startSec: items[0]!,
  endSec: items[items.length - 1]!,
  items,
});

describe('createChunkBuilder', () => {
  it('append(partner, item, tSec) closes the open chunk only when the item would stretch it past 5 s (5 s itself fits)', () => {
    const builder = createChunkBuilder<number>();
    expect([0, 1, 2, 5].map((t) => builder.append('a', t, t))).toEqual([null, null, null, null]);
    expect(builder.append('a', 5.1, 5.1)).toEqual(chunk([0, 1, 2, 5]));
    expect(builder.take('a')).toEqual(chunk([5.1]));
  });

  it('append(partner, item, tSec) closes the open chunk when time goes backwards (a new segment restarting at 0)', () => {
    expect(chunksOf([3, 4, 0, 1])).toEqual([chunk([3, 4]), chunk([0, 1])]);
  });

  it('append(partner, item, tSec) keeps an item at the same time as the last in the same chunk', () => {
    expect(chunksOf([1, 2, 2, 2])).toEqual([chunk([1, 2, 2, 2])]);
  });

  it('take(partner) hands out the open chunk however short, then nothing', () => {
    const builder = createChunkBuilder<number>();
    expect(builder.take('a')).toBeNull();
    builder.append('a', 7, 7);
    expect(builder.isOpen('a')).toBe(true);
    expect(builder.take('a')).toEqual(chunk([7]));
    expect(builder.isOpen('a')).toBe(false);
    expect(builder.take('a')).toBeNull();
  });

  it('append(partner, …) keeps each partner its own chunk', () => {
    const builder = createChunkBuilder<number>();
    builder.append('a', 0, 0);
    builder.append('b', 4, 4);
    expect(builder.append('b', 9.5, 9.5)).toEqual(chunk([4], 'b'));
    expect(builder.take('a')).toEqual(chunk([0]));
    expect(builder.isOpen('b')).toBe(true);
  });

  it('clear() forgets the open chunks', () => {
    const builder = createChunkBuilder<number>();
    builder.append('a', 0, 0);
    builder.append('b', 0, 0);
    builder.clear();
    expect([builder.isOpen('a'), builder.isOpen('b'), builder.take('a')]).toEqual([false, false, null]);
  });

  it('append(…) then take(…) draws the same boundaries as splitIntoChunks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }).map((x) => x / 8)), (times) => {
        expect(chunksOf(times).map((c) => c.items)).toEqual(splitIntoChunks(times, (t) => t));
      }),
    );
  });
});

describe('createMetricsThinner', () => {
  const ends = (everySec: number, times: number[]) => {
    const thinner = createMetricsThinner(everySec);
    return times.filter((t) => thinner.keep('a', metricsAt(t)));
  };

  it('keep(partner, row) keeps the first row, then one at least everySec of event time after the last kept', () => {
    expect(ends(5, [10, 11, 14.9, 15, 16, 19.9, 20.5])).toEqual([10, 15, 20.5]);
  });

  it('keep(partner, row) keeps a row whose time went backwards (a new segment)', () => {
    expect(ends(5, [10, 12, 3, 4])).toEqual([10, 3]);
  });

  it('keep(partner, row) with everySec 0 keeps every row, repeated times included', () => {
    expect(ends(0, [10, 10, 10.5])).toEqual([10, 10, 10.5]);
  });

  it('release(partner) hands out the latest row passed over, and the spacing carries on from it', () => {
    const thinner = createMetricsThinner(5);
    thinner.keep('a', metricsAt(10));
    thinner.keep('a', metricsAt(12));
    thinner.keep('a', metricsAt(13));
    expect(thinner.release('a')).toEqual(metricsAt(13));
    expect(thinner.release('a')).toBeNull();
    // 17 is within 5 s of 13 (released, so kept); 18 is not.
    expect([17, 18].map((t) => thinner.keep('a', metricsAt(t)))).toEqual([false, true]);
  });

  it('release(partner) hands out nothing once a later row was kept', () => {
    const thinner = createMetricsThinner(5);
    for (const t of [10, 12, 15]) thinner.keep('a', metricsAt(t));
    expect(thinner.release('a')).toBeNull();
  });

  it('keep(…) and release(…) keep the partners apart; clear() forgets the held rows', () => {
    const thinner = createMetricsThinner(5);
    for (const t of [10, 11]) thinner.keep('a', metricsAt(t));
    expect(thinner.keep('b', metricsAt(11, 70))).toBe(true);
    expect(thinner.release('b')).toBeNull();
    thinner.clear();
    expect(thinner.release('a')).toBeNull();
    expect(thinner.keep('a', metricsAt(14))).toBe(false);
  });
});

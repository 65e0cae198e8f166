import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from './chunk';

const t = (x: number) => x;

describe('splitIntoChunks', () => {
  it('splitIntoChunks([]) returns no chunks', () => {
    expect(splitIntoChunks([], t)).toEqual([]);
  });
  it('splitIntoChunks(times) keeps first-to-last span within 5 s, inclusive', () => {
    expect(splitIntoChunks([0, 1, 2, 5, 5.1, 6, 10.1, 10.2], t)).toEqual([[0, 1, 2, 5], [5.1, 6, 10.1], [10.2]]);
  });
  it('splitIntoChunks(times) starts a new chunk when time goes backwards', () => {
    expect(splitIntoChunks([3, 4, 0, 1], t)).toEqual([
      [3, 4],
      [0, 1],
    ]);
  });
  it('splitIntoChunks(times, f, maxSec) honours another span', () => {
    expect(splitIntoChunks([0, 1, 2, 3], t, 1)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

import { CHUNK_MAX_SEC } from './records';

/**
 * The chunk rule: an item at `tSec` starts a new chunk when it is more than `maxSec` after the
 * chunk's first item (at `startSec`), or before its last (at `lastSec`: time went backwards, a new
 * source segment restarting at 0).
 */
export function startsNewChunk(startSec: number, lastSec: number, tSec: number, maxSec = CHUNK_MAX_SEC): boolean {
  return tSec - startSec > maxSec || tSec < lastSec;
}

/**
 * Splits time-ordered items into runs whose first and last item are at most `maxSec` apart.
 *
 * Used by the v3 migration (per-beat records → chunks); the recorder's chunk builder
 * (`recording-chunks.ts`) draws the same boundaries one item at a time with the same rule
 * ({@link startsNewChunk}).
 */
export function splitIntoChunks<T>(items: readonly T[], timeOf: (item: T) => number, maxSec = CHUNK_MAX_SEC): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let startSec = 0;
  for (const item of items) {
    const t = timeOf(item);
    if (current.length > 0 && startsNewChunk(startSec, timeOf(current[current.length - 1]!), t, maxSec)) {
      chunks.push(current);
      current = [];
    }
    if (current.length === 0) startSec = t;
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

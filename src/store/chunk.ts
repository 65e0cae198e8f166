import { CHUNK_MAX_SEC } from './records';

/**
 * Splits time-ordered items into runs whose first and last item are at most `maxSec` apart.
 *
 * Used by the v3 migration (per-beat records → chunks); the recorder's chunk builder
 * (`recording-chunks.ts`) draws the same boundaries one item at a time, and its tests check that:
 * a new chunk starts at the first item more than `maxSec` after the chunk's first.
 * A time going backwards (a new source segment restarting at 0) also starts a new chunk.
 */
export function splitIntoChunks<T>(items: readonly T[], timeOf: (item: T) => number, maxSec = CHUNK_MAX_SEC): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let startSec = 0;
  for (const item of items) {
    const t = timeOf(item);
    const previous = current.length > 0 ? timeOf(current[current.length - 1]!) : undefined;
    if (current.length > 0 && (t - startSec > maxSec || (previous !== undefined && t < previous))) {
      chunks.push(current);
      current = [];
    }
    if (current.length === 0) startSec = t;
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

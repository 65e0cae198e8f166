/**
 * What the recorder keeps and how it cuts it, apart from how it is written: per partner, items are
 * gathered into chunks spanning at most CHUNK_MAX_SEC seconds of event time (the same boundaries
 * `splitIntoChunks` draws for the v3 migration), and the metrics rows are thinned to one every few
 * seconds. Pure: event times in, chunks out; no database, no clock, no timers.
 */
import type { PartnerId, WindowMetrics } from '../signal/types';
import { startsNewChunk } from './chunk';

/** A run of one partner's items, first to last at most CHUNK_MAX_SEC apart, in arrival order. */
export interface ClosedChunk<T> {
  readonly partner: PartnerId;
  /** Event time of the first item, seconds. */
  readonly startSec: number;
  /** Event time of the last item, seconds. */
  readonly endSec: number;
  readonly items: T[];
}

export interface ChunkBuilder<T> {
  /**
   * Adds an item at event time `tSec`. When it would stretch the open chunk past CHUNK_MAX_SEC, or
   * time went backwards (a new source segment restarting at 0), the open chunk is closed first and
   * returned; the item starts the next one. Otherwise returns null.
   */
  append(partner: PartnerId, item: T, tSec: number): ClosedChunk<T> | null;
  /** Closes the partner's open chunk, however short, and returns it; null when nothing is open. */
  take(partner: PartnerId): ClosedChunk<T> | null;
  /** Whether the partner has an open chunk (items not yet handed out). */
  isOpen(partner: PartnerId): boolean;
  /** Forgets the open chunks. */
  clear(): void;
}

interface Open<T> {
  items: T[];
  startSec: number;
  lastSec: number;
}

export function createChunkBuilder<T>(): ChunkBuilder<T> {
  const open: Record<PartnerId, Open<T> | null> = { a: null, b: null };

  const take = (partner: PartnerId): ClosedChunk<T> | null => {
    const chunk = open[partner];
    if (!chunk) return null;
    open[partner] = null;
    return { partner, startSec: chunk.startSec, endSec: chunk.lastSec, items: chunk.items };
  };

  return {
    append(partner, item, tSec) {
      const current = open[partner];
      if (current && !startsNewChunk(current.startSec, current.lastSec, tSec)) {
        current.items.push(item);
        current.lastSec = tSec;
        return null;
      }
      const closed = take(partner);
      open[partner] = { items: [item], startSec: tSec, lastSec: tSec };
      return closed;
    },
    take,
    isOpen: (partner) => open[partner] !== null,
    clear() {
      open.a = open.b = null;
    },
  };
}

/**
 * The live pipeline emits a metrics row per beat; history needs far fewer. Of each partner's rows
 * one is kept every `everySec` of event time (always the first, and the first after time went
 * backwards); the latest row passed over is held, so that a flush can keep it too.
 */
export interface MetricsThinner {
  /** True when the row is to be kept; false when it is held instead (replacing the row held before). */
  keep(partner: PartnerId, metrics: WindowMetrics): boolean;
  /** Hands out the held row, now counted as kept; null when none is held. */
  release(partner: PartnerId): WindowMetrics | null;
  /** Forgets the held rows (the spacing carries on from the rows kept). */
  clear(): void;
}

/** @param everySec Event-time spacing of the rows kept, seconds; 0 keeps every row. */
export function createMetricsThinner(everySec: number): MetricsThinner {
  const lastKeptSec: Record<PartnerId, number | null> = { a: null, b: null };
  const held: Record<PartnerId, WindowMetrics | null> = { a: null, b: null };
  return {
    keep(partner, metrics) {
      const kept = lastKeptSec[partner];
      if (kept !== null && metrics.endSec >= kept && metrics.endSec - kept < everySec) {
        held[partner] = metrics;
        return false;
      }
      held[partner] = null;
      lastKeptSec[partner] = metrics.endSec;
      return true;
    },
    release(partner) {
      const row = held[partner];
      if (!row) return null;
      held[partner] = null;
      lastKeptSec[partner] = row.endSec;
      return row;
    },
    clear() {
      held.a = held.b = null;
    },
  };
}

/**
 * A bounded, time-ordered buffer for chart series: keeps only the last `spanSec` of event time and
 * never more than `maxPoints`, so a session of hours holds constant memory. `version` increases on
 * every change, so a chart can skip redraws when nothing moved.
 */
export class TimeSeriesBuffer<T extends { readonly tSec: number }> {
  private items: T[] = [];
  private start = 0;
  private changes = 0;

  constructor(
    private readonly spanSec: number,
    private readonly maxPoints: number,
  ) {
    if (!(spanSec > 0)) throw new Error(`TimeSeriesBuffer: spanSec must be positive, got ${spanSec}`);
    if (!(maxPoints > 0)) throw new Error(`TimeSeriesBuffer: maxPoints must be positive, got ${maxPoints}`);
  }

  /** Appends a point; a point earlier than the last one (a new source restarting time) clears first. */
  push(item: T): void {
    const last = this.latest();
    if (last && item.tSec < last.tSec) this.clear();
    this.items.push(item);
    const oldest = item.tSec - this.spanSec;
    while (this.start < this.items.length && this.items[this.start]!.tSec < oldest) this.start += 1;
    if (this.items.length - this.start > this.maxPoints) this.start = this.items.length - this.maxPoints;
    // Compact now and then rather than shifting on every push.
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    this.changes += 1;
  }

  clear(): void {
    this.items = [];
    this.start = 0;
    this.changes += 1;
  }

  /** The points in the span, oldest first (a copy). */
  toArray(): T[] {
    return this.items.slice(this.start);
  }

  latest(): T | undefined {
    return this.items.length > this.start ? this.items[this.items.length - 1] : undefined;
  }

  get size(): number {
    return this.items.length - this.start;
  }

  get version(): number {
    return this.changes;
  }
}

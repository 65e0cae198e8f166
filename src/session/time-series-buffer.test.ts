import { describe, expect, it } from 'vitest';
import { TimeSeriesBuffer } from './time-series-buffer';

const at = (tSec: number) => ({ tSec });

describe('TimeSeriesBuffer', () => {
  it('push() keeps only the last spanSec of event time', () => {
    const buffer = new TimeSeriesBuffer(10, 100);
    for (let t = 0; t <= 30; t += 1) buffer.push(at(t));
    expect(buffer.toArray().map((p) => p.tSec)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
  });

  it('push() keeps at most maxPoints, the newest ones', () => {
    const buffer = new TimeSeriesBuffer(1000, 3);
    for (let t = 0; t < 10; t += 1) buffer.push(at(t));
    expect(buffer.toArray().map((p) => p.tSec)).toEqual([7, 8, 9]);
    expect(buffer.size).toBe(3);
  });

  it('push() of an earlier time (a new source restarting event time) starts over', () => {
    const buffer = new TimeSeriesBuffer(100, 100);
    buffer.push(at(50));
    buffer.push(at(51));
    buffer.push(at(2));
    expect(buffer.toArray().map((p) => p.tSec)).toEqual([2]);
  });

  it('version increases on every change and latest() is the newest point', () => {
    const buffer = new TimeSeriesBuffer(100, 100);
    expect(buffer.latest()).toBeUndefined();
    const v0 = buffer.version;
    buffer.push(at(1));
    buffer.push(at(2));
    expect(buffer.version).toBe(v0 + 2);
    expect(buffer.latest()).toEqual(at(2));
  });

  it('stays correct across internal compaction over a long session', () => {
    const buffer = new TimeSeriesBuffer(60, 10_000);
    for (let t = 0; t < 20_000; t += 1) buffer.push(at(t * 0.5));
    const items = buffer.toArray();
    expect(items[0]!.tSec).toBe(9999.5 - 60);
    expect(items.at(-1)!.tSec).toBe(9999.5);
    expect(items).toHaveLength(121);
  });

  it('rejects a span or capacity that is not positive', () => {
    expect(() => new TimeSeriesBuffer(0, 10)).toThrow('TimeSeriesBuffer: spanSec must be positive, got 0');
    expect(() => new TimeSeriesBuffer(10, 0)).toThrow('TimeSeriesBuffer: maxPoints must be positive, got 0');
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom, seedFrom } from './random';

describe('createRandom', () => {
  it('createRandom(seed) gives equal sequences for equal seeds and different ones otherwise', () => {
    const draw = (seed: number | string) => {
      const r = createRandom(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('42')).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
    expect(seedFrom('calm/a')).not.toBe(seedFrom('calm/b'));
  });

  it('createRandom(seed).next() is uniform in [0, 1)', () => {
    const r = createRandom(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i += 1) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)] += 1;
    }
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('createRandom(seed).normal() has mean 0 and SD 1', () => {
    const r = createRandom(9);
    const xs = Array.from({ length: 100_000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    expect(xs.every(Number.isFinite)).toBe(true);
  });
});

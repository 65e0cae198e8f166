import { describe, expect, it } from 'vitest';
import { breathingAtPace, GROUNDING_BREATH, pacerAt } from './pacer';

describe('pacerAt', () => {
  it('pacerAt(ms) reads the 4-1-6 breath: in for 4 s, hold 1 s, out 6 s', () => {
    expect(pacerAt(0)).toMatchObject({ phase: 'in', count: 1, of: 4, progress: 0, cycle: 0 });
    expect(pacerAt(3_999)).toMatchObject({ phase: 'in', count: 4 });
    expect(pacerAt(4_000)).toMatchObject({ phase: 'hold', count: 1, of: 1 });
    expect(pacerAt(5_000)).toMatchObject({ phase: 'out', count: 1, of: 6, progress: 0 });
    expect(pacerAt(8_000)).toMatchObject({ phase: 'out', count: 4, progress: 0.5 });
    expect(pacerAt(11_000)).toMatchObject({ phase: 'in', count: 1, cycle: 1 });
  });

  it('pacerAt(ms, pattern) stops being active after the pattern’s cycles', () => {
    const three = { inSec: 4, holdSec: 1, outSec: 6, cycles: 3 };
    expect(pacerAt(32_999, three).active).toBe(true);
    expect(pacerAt(33_000, three).active).toBe(false);
  });

  it('pacerAt(ms, pattern) skips a zero-length hold', () => {
    expect(pacerAt(4_000, { inSec: 4, holdSec: 0, outSec: 6 })).toMatchObject({ phase: 'out', count: 1 });
  });

  it('pacerAt(negative) reads as the start', () => {
    expect(pacerAt(-500)).toMatchObject({ phase: 'in', count: 1, cycle: 0 });
  });
});

describe('breathingAtPace', () => {
  it('breathingAtPace(60 / 11) is the grounding breath itself: in 4, hold 1, out 6', () => {
    expect(breathingAtPace(60 / 11)).toBe(GROUNDING_BREATH);
  });

  it('breathingAtPace(6) is in 4 s, out 6 s, no hold', () => {
    expect(breathingAtPace(6)).toEqual({ inSec: 4, holdSec: 0, outSec: 6 });
  });

  it('breathingAtPace(4) and (7) keep the 2 : 3 breath over 15 s and 60/7 s', () => {
    expect(breathingAtPace(4)).toEqual({ inSec: 6, holdSec: 0, outSec: 9 });
    const seven = breathingAtPace(7);
    expect(seven.inSec + seven.holdSec + seven.outSec).toBeCloseTo(60 / 7, 12);
    expect(seven.outSec / seven.inSec).toBeCloseTo(1.5, 12);
  });

  it('breathingAtPace(0) and (NaN) throw naming the pace', () => {
    expect(() => breathingAtPace(0)).toThrow('breathing pace: expected a positive number of breaths a minute, not 0');
    expect(() => breathingAtPace(Number.NaN)).toThrow(/not NaN/);
  });
});

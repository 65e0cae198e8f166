import { describe, expect, it } from 'vitest';
import { fft, nextPowerOfTwo } from './fft';
import { detrendLinear, resampleCubic } from './resample';
import { bandPass, welchPsd } from './spectrum';

describe('fft', () => {
  it('fft(re, im) of a unit impulse is flat and the inverse restores it', () => {
    const re = Float64Array.from([1, 0, 0, 0, 0, 0, 0, 0]);
    const im = new Float64Array(8);
    fft(re, im);
    expect([...re]).toEqual(Array(8).fill(1));
    fft(re, im, true);
    expect(re[0]).toBeCloseTo(1, 12);
    expect(re[3]).toBeCloseTo(0, 12);
  });
  it('fft rejects a length that is not a power of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow('fft: length must be an equal power of two');
  });
  it('nextPowerOfTwo(n) rounds up', () => {
    expect([0, 1, 2, 3, 1000].map(nextPowerOfTwo)).toEqual([1, 1, 2, 4, 1024]);
  });
});

describe('resampleCubic', () => {
  it('resampleCubic reproduces a straight line exactly and passes through the knots', () => {
    const t = [0, 0.7, 1.5, 2.6, 3.1, 4];
    const even = resampleCubic(
      t,
      t.map((x) => 2 * x + 1),
      4,
    );
    expect(even?.values).toHaveLength(17);
    even?.values.forEach((v, i) => expect(v).toBeCloseTo(2 * (i / 4) + 1, 9));
  });
  it('resampleCubic returns undefined with fewer than 3 points', () => {
    expect(resampleCubic([0, 1], [1, 2], 4)).toBeUndefined();
  });
  it('detrendLinear removes a line', () => {
    detrendLinear([1, 3, 5, 7]).forEach((v) => expect(v).toBeCloseTo(0, 12));
  });
});

describe('spectrum', () => {
  const fsHz = 4;
  const tone = (hz: number, n: number) => Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / fsHz));
  it('welchPsd peaks at the frequency of a tone', () => {
    const { dfHz, power } = welchPsd(tone(0.25, 512), fsHz, 256, 1024);
    let best = 0;
    power.forEach((p, k) => {
      if (p > power[best]) best = k;
    });
    expect(best * dfHz).toBeCloseTo(0.25, 2);
  });
  it('bandPass keeps a tone in band and removes one outside', () => {
    const inBand = bandPass(tone(0.25, 480), fsHz, 0.1, 0.5);
    const outBand = bandPass(tone(1.2, 480), fsHz, 0.1, 0.5);
    const rms = (v: Float64Array) => Math.sqrt(v.slice(40, 440).reduce((a, b) => a + b * b, 0) / 400);
    expect(rms(inBand)).toBeCloseTo(Math.SQRT1_2, 1);
    expect(rms(outBand)).toBeLessThan(0.01);
  });
});

import { describe, expect, it } from 'vitest';
import { SYNC_PARAMS, heartRateSynchrony, slowFluctuations, synchronyOfSeries } from './synchrony';
import { NULL_PARAMS, autocorrelation, normalQuantile, peakCorrelationNull } from './synchrony-null';
import { seededUniform, tachogramFixture } from './tachogram-fixture';
import type { Beat } from './types';

const SPAN = SYNC_PARAMS.spanSec * SYNC_PARAMS.fsHz;
const WINDOW = 120;
const MAX_LAG = SYNC_PARAMS.maxLagSec;

/** A seeded standard normal generator (Box–Muller). */
function gaussian(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Heart rate at 1 Hz: an AR(1) wander around 70 bpm plus an optional sinusoid (breathing with a pacer). */
function heartRate(seed: number, n: number, pacerPerMin: number | null = null): Float64Array {
  const g = gaussian(seed);
  const out = new Float64Array(n);
  let x = 0;
  const phase = 2 * Math.PI * seededUniform(seed + 7)();
  for (let i = 0; i < n; i += 1) {
    x = 0.9 * x + g();
    out[i] = 70 + x + (pacerPerMin === null ? 0 : 4 * Math.sin((2 * Math.PI * pacerPerMin * i) / 60 + phase));
  }
  return out;
}

const asSamples = (hr: Float64Array, fromSec = 0): Beat[] =>
  Array.from(hr, (hrBpm, i) => ({ tSec: fromSec + i, rrMs: null, hrBpm, afterGap: false }));

/** Share of independent pairs (seeds) whose reading is significant, and how many gave a reading. */
function falseClaims(pairs: number, reading: (seed: number) => { significant: boolean } | null): { share: number; read: number } {
  let read = 0;
  let claimed = 0;
  for (let s = 0; s < pairs; s += 1) {
    const r = reading(s);
    if (r === null) continue;
    read += 1;
    if (r.significant) claimed += 1;
  }
  return { share: claimed / Math.max(1, read), read };
}

describe('normalQuantile', () => {
  it('normalQuantile(p) gives the standard normal quantiles of the tables, and refuses p outside (0, 1)', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(0.999_99)).toBeCloseTo(4.264891, 4);
    expect(() => normalQuantile(1)).toThrow('normalQuantile: p must be between 0 and 1, got 1');
  });
});

describe('autocorrelation', () => {
  it('autocorrelation() is 1 at lag 0, near 0 beyond for white noise, and null for a constant stretch', () => {
    const g = gaussian(3);
    const white = Float64Array.from({ length: 400 }, () => g());
    const acf = autocorrelation(white, 0, 400, 5) as Float64Array;
    expect(acf[0]).toBe(1);
    for (let k = 1; k <= 5; k += 1) expect(Math.abs(acf[k])).toBeLessThan(0.15);
    expect(autocorrelation(new Float64Array(50).fill(3), 0, 50, 5)).toBeNull();
    expect(autocorrelation(white, 10, 11, 5)).toBeNull();
  });
});

describe('peakCorrelationNull', () => {
  it('for white series every sample and every lag is independent: Fisher z with N − 3 and Šidák over 2L + 1 lags', () => {
    const white = Float64Array.from([1, 0, 0, 0]);
    const chance = peakCorrelationNull(white, white, 100, 5, 0.05)!;
    expect(chance.effectiveSamples).toBeCloseTo(100, 9);
    expect(chance.effectiveLags).toBeCloseTo(11, 9);
    const perLag = 1 - Math.pow(0.95, 1 / 11);
    expect(chance.threshold).toBeCloseTo(Math.tanh(normalQuantile(1 - perLag / 2) / Math.sqrt(97)), 9);
  });

  it('band-passed series have far fewer effective samples and lags than samples and lags, so the threshold is higher', () => {
    const a = slowFluctuations(heartRate(1, SPAN));
    const b = slowFluctuations(heartRate(2, SPAN));
    const from = Math.round(SYNC_PARAMS.settleSec);
    const acfA = autocorrelation(a, from, SPAN, NULL_PARAMS.maxAcfLagSec)!;
    const acfB = autocorrelation(b, from, SPAN, NULL_PARAMS.maxAcfLagSec)!;
    const chance = peakCorrelationNull(acfA, acfB, WINDOW, MAX_LAG)!;
    expect(chance.effectiveSamples).toBeGreaterThan(10);
    expect(chance.effectiveSamples).toBeLessThan(WINDOW / 2);
    expect(chance.effectiveLags).toBeLessThan(2 * MAX_LAG + 1);
    expect(chance.threshold).toBeGreaterThan(0.3);
    expect(chance.threshold).toBeLessThan(0.8);
  });

  it('a window with too few effective samples gets no threshold rather than a meaningless one', () => {
    const slow = Float64Array.from({ length: 25 }, (_, k) => Math.cos((2 * Math.PI * k) / 50));
    expect(peakCorrelationNull(slow, slow, 30, MAX_LAG)).toBeNull();
  });
});

describe('the null at its edges', () => {
  it('independent partners are claimed linked in at most the level of 120 s windows (and some at 0.05)', () => {
    const claims = falseClaims(300, (s) =>
      synchronyOfSeries(slowFluctuations(heartRate(100 + s, SPAN)), slowFluctuations(heartRate(900 + s, SPAN)), WINDOW),
    );
    expect(claims.read).toBe(300);
    expect(claims.share).toBeLessThanOrEqual(0.05);
    const loose = falseClaims(300, (s) =>
      synchronyOfSeries(slowFluctuations(heartRate(100 + s, SPAN)), slowFluctuations(heartRate(900 + s, SPAN)), WINDOW, 0.2),
    );
    // Not a test that never says yes: at a looser level chance shows up.
    expect(loose.share).toBeGreaterThan(0.05);
  });

  it('a span too short for the window, its lags and the filters’ start-up gives no reading', () => {
    const short = SYNC_PARAMS.settleSec + WINDOW + MAX_LAG - 1;
    const a = slowFluctuations(heartRate(5, short));
    const b = slowFluctuations(heartRate(6, short));
    expect(synchronyOfSeries(a, b, WINDOW)).toBeNull();
    const enough = slowFluctuations(heartRate(5, short + 1));
    expect(synchronyOfSeries(enough, slowFluctuations(heartRate(6, short + 1)), WINDOW)).not.toBeNull();
    // Too short in heart-rate time: the span is not covered.
    const hr = asSamples(heartRate(7, 400));
    expect(heartRateSynchrony(hr, hr, SYNC_PARAMS.spanSec - 10)).toBeNull();
  });

  it('a gap over 5 s in either partner holds readings back until it has left the span', () => {
    const a = asSamples(heartRate(8, 600));
    const b = asSamples(heartRate(9, 600)).filter((beat) => beat.tSec < 300 || beat.tSec > 308);
    for (let end = 305; end < 300 + SYNC_PARAMS.spanSec; end += 5) expect(heartRateSynchrony(a, b, end)).toBeNull();
    expect(heartRateSynchrony(a, b, 310 + SYNC_PARAMS.spanSec)).not.toBeNull();
  });

  it('a heart-rate-only partner and a partner with RR intervals are compared on heart rate: a shared wander is found, none is not claimed', () => {
    const shared = heartRate(10, 400);
    const fixture = tachogramFixture({ durationSec: 400, hrBpm: 70, breathsPerMin: 14, rsaMs: 30, noiseMs: 3, seed: 11 });
    // Partner A's strap sends RR: its heart rate follows the shared wander.
    const withRr: Beat[] = fixture.tSec.map((tSec, i) => {
      const hrBpm = (60_000 / fixture.rrMs[i]) * (shared[Math.min(399, Math.floor(tSec))] / 70);
      return { tSec, rrMs: 60_000 / hrBpm, hrBpm, afterGap: false };
    });
    const own = gaussian(12);
    const hrOnly = asSamples(shared.map((v) => v + 0.3 * own()));
    const linked = heartRateSynchrony(withRr, hrOnly, 390)!;
    expect(linked.significant).toBe(true);
    expect(linked.phase).toBe('in-phase');
    const independent = falseClaims(60, (s) => heartRateSynchrony(withRr, asSamples(heartRate(2000 + s, 400)), 390));
    expect(independent.read).toBe(60);
    expect(independent.share).toBeLessThanOrEqual(0.1);
  });

  it('the pacer’s notch takes the pacer’s rhythm out; partners breathing with one pacer are claimed linked at most at the level, and a shared wander is still found', () => {
    const pacer = 5.45;
    const notch = pacer / 60;
    // A pure pacer rhythm in heart rate: the notch leaves little of it in the band.
    const rhythm = Float64Array.from({ length: SPAN }, (_, i) => 70 + 4 * Math.sin((2 * Math.PI * pacer * i) / 60));
    const power = (x: Float64Array) => x.slice(SYNC_PARAMS.settleSec).reduce((sum, v) => sum + v * v, 0);
    expect(power(slowFluctuations(rhythm, notch, 0))).toBeLessThan(0.05 * power(slowFluctuations(rhythm, null, 0)));
    // Both breathing with the same pacer (the same phase, each with small drift of their own).
    const follower = (seed: number, common: Float64Array | null) => {
      const g = gaussian(seed);
      const out = new Float64Array(SPAN);
      let own = 0;
      let drift = 0;
      for (let i = 0; i < SPAN; i += 1) {
        own = 0.9 * own + g();
        drift += 0.02 * g();
        const wander = common === null ? own : Math.sqrt(0.3) * own + Math.sqrt(0.7) * common[i];
        out[i] = 70 + wander + 2 * Math.sin((2 * Math.PI * pacer * i) / 60 + drift);
      }
      return out;
    };
    const pair = (s: number, common: Float64Array | null) =>
      synchronyOfSeries(slowFluctuations(follower(300 + s, common), notch), slowFluctuations(follower(700 + s, common), notch), WINDOW);
    const independent = falseClaims(100, (s) => pair(s, null));
    expect(independent.read).toBe(100);
    expect(independent.share).toBeLessThanOrEqual(0.05);
    const coupled = falseClaims(100, (s) =>
      pair(
        s,
        heartRate(5000 + s, SPAN).map((v) => v - 70),
      ),
    );
    expect(coupled.share).toBeGreaterThanOrEqual(0.8);
  });
});

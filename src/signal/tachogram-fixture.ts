/**
 * Test fixture only: a minimal deterministic tachogram (sinusoidal RSA + Mayer wave + white noise)
 * so the signal tests can check estimates against a known truth without importing the app's
 * simulator (src/signal may not import src/sources). The app and benchmarks use `simulateRr`.
 */

/** Parameters of {@link tachogramFixture}; times in seconds, amplitudes in ms (peak). */
export interface TachogramFixtureOptions {
  readonly durationSec: number;
  readonly hrBpm: number;
  readonly breathsPerMin: number;
  readonly rsaMs: number;
  readonly mayerMs?: number;
  readonly noiseMs?: number;
  readonly seed?: number;
}

/** Mulberry32: a tiny seeded PRNG with uniform output in [0, 1). */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Beat times (s) and RR intervals (ms) of a synthetic tachogram. */
export function tachogramFixture(o: TachogramFixtureOptions): { tSec: number[]; rrMs: number[] } {
  const uniform = seededUniform(o.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const meanRr = 60_000 / o.hrBpm;
  const tSec: number[] = [];
  const rrMs: number[] = [];
  let t = 0;
  while (t < o.durationSec) {
    const rr =
      meanRr +
      o.rsaMs * Math.sin((2 * Math.PI * o.breathsPerMin * t) / 60) +
      (o.mayerMs ?? 0) * Math.sin(2 * Math.PI * 0.1 * t + 1) +
      (o.noiseMs ?? 0) * gauss();
    t += rr / 1000;
    tSec.push(t);
    rrMs.push(rr);
  }
  return { tSec, rrMs };
}

/**
 * A small seeded pseudo-random generator, so the simulator is deterministic given a seed
 * (no `Math.random`). The core is the SplitMix32-style integer mixer: a Weyl sequence
 * (add an odd constant) passed through two multiply–xorshift rounds. It is fast, has a
 * period of 2^32 per stream, and passes the statistical needs of a physiology simulator
 * (uniform and Gaussian draws); it is not meant for cryptography.
 *
 * Reference: Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators",
 * OOPSLA, doi:10.1145/2714064.2660195 (the SplitMix family).
 */
export interface Random {
  /** Uniform draw in [0, 1). */
  next(): number;
  /** Standard normal draw (mean 0, SD 1), Box–Muller. */
  normal(): number;
}

/** Hashes any integer or string seed into a 32-bit unsigned state. */
export function seedFrom(seed: number | string): number {
  let h = 0x811c9dc5; // FNV-1a offset basis
  const text = typeof seed === 'number' ? String(seed) : seed;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a generator; equal seeds give equal sequences. */
export function createRandom(seed: number | string): Random {
  let state = seedFrom(seed);
  let spareNormal: number | null = null;

  const next = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return { next, normal };
}

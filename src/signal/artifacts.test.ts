import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctArtifacts, detectArtifacts } from './artifacts';
import { rmssdMs } from './rmssd';
import { seededUniform, tachogramFixture } from './tachogram-fixture';

const clean = () => tachogramFixture({ durationSec: 300, hrBpm: 70, breathsPerMin: 12, rsaMs: 40, mayerMs: 15, noiseMs: 8, seed: 3 }).rrMs;

/**
 * Injects artifacts at about `rate` of the beats, cycling ectopic pairs (premature beat shortened
 * by 30 %, compensatory pause), missed beats (two intervals reported as one) and extra beats (one
 * interval reported as two).
 */
function inject(rr: readonly number[], rate: number, seed: number): number[] {
  const uniform = seededUniform(seed);
  const out: number[] = [];
  let kind = 0;
  for (let i = 0; i < rr.length; i += 1) {
    if (i > 5 && i + 2 < rr.length && uniform() < rate / 1.3) {
      kind = (kind + 1) % 3;
      if (kind === 0) {
        out.push(rr[i] * 0.7, rr[i + 1] + rr[i] * 0.3);
        i += 1;
      } else if (kind === 1) {
        out.push(rr[i] + rr[i + 1]);
        i += 1;
      } else {
        const split = 0.3 + 0.4 * uniform();
        out.push(rr[i] * split, rr[i] * (1 - split));
      }
      continue;
    }
    out.push(rr[i]);
  }
  return out;
}

describe('correctArtifacts', () => {
  it('correctArtifacts(rrMs) leaves a clean series unchanged and reports nothing', () => {
    const rr = clean();
    const result = correctArtifacts(rr);
    expect(result.nnMs).toEqual(rr);
    expect(result.report.artifactCount).toBe(0);
    expect(result.report.artifactRate).toBe(0);
    expect(result.pairValid.every(Boolean)).toBe(true);
  });

  it('correctArtifacts(rrMs) splits a missed beat in two', () => {
    const rr = [
      ...Array(40)
        .fill(0)
        .map((_, i) => 800 + (i % 3) * 10),
      1600,
      ...Array(40)
        .fill(0)
        .map((_, i) => 800 + (i % 4) * 8),
    ];
    const result = correctArtifacts(rr);
    expect(result.report.indices.missed).toEqual([40]);
    expect(result.nnMs).toHaveLength(rr.length + 1);
    expect(result.nnMs[40]).toBe(800);
    expect(result.nnMs[41]).toBe(800);
    expect(result.corrected.filter(Boolean)).toHaveLength(2);
  });

  it('correctArtifacts(rrMs) merges an extra beat with its neighbour', () => {
    const base = Array(80)
      .fill(0)
      .map((_, i) => 800 + (i % 3) * 10);
    const rr = [...base.slice(0, 40), 300, 500, ...base.slice(41)];
    const result = correctArtifacts(rr);
    expect(result.report.indices.extra).toEqual([40, 41]);
    expect(result.nnMs).toHaveLength(rr.length - 1);
    expect(result.nnMs[40]).toBe(800);
  });

  it('correctArtifacts(rrMs) interpolates an ectopic pair and breaks the pairs around it', () => {
    const base = Array(80)
      .fill(0)
      .map((_, i) => 800 + (i % 3) * 10);
    const rr = [...base];
    rr[40] = 560; // premature
    rr[41] = 1050; // compensatory pause
    const result = correctArtifacts(rr);
    // The compensatory pause is the ectopic signature (a rise flanked by falls); the premature
    // interval before it is caught as a short beat.
    expect(result.report.indices.ectopic).toEqual([41]);
    expect(result.report.indices.short).toEqual([40]);
    expect(result.nnMs).toHaveLength(rr.length);
    expect(result.nnMs[40]).toBeCloseTo(base[39] + (base[42] - base[39]) / 3, 9);
    expect(result.pairValid.slice(38, 42)).toEqual([true, false, false, false]);
    expect(result.pairValid[42]).toBe(true);
  });

  it('correctArtifacts(rrMs) flags RR outside 250–2500 ms as implausible', () => {
    const base = Array(60)
      .fill(0)
      .map((_, i) => 900 + (i % 5) * 6);
    const rr = [...base];
    rr[10] = -50;
    rr[30] = 3000;
    const result = correctArtifacts(rr);
    expect(result.report.indices.implausible).toEqual([10, 30]);
    expect(result.nnMs.every((v) => v >= 250 && v <= 2500)).toBe(true);
  });

  it('correctArtifacts(rrMs) with breakBefore never pairs across a gap', () => {
    const rr = Array(30)
      .fill(0)
      .map((_, i) => 800 + (i % 2) * 10);
    const breakBefore = rr.map((_, i) => i === 15);
    const result = correctArtifacts(rr, { breakBefore });
    expect(result.pairValid[14]).toBe(false);
    expect(result.pairValid.filter((v) => !v)).toHaveLength(1);
  });

  it('correctArtifacts([]) returns empty outputs and rate 0', () => {
    const result = correctArtifacts([]);
    expect(result.nnMs).toEqual([]);
    expect(result.pairValid).toEqual([]);
    expect(result.report.artifactRate).toBe(0);
  });

  it('correctArtifacts(rrMs) with no genuine beat returns nothing rather than inventing beats', () => {
    const result = correctArtifacts([10, 5000, Number.NaN]);
    expect(result.nnMs).toEqual([]);
    expect(result.report.artifactRate).toBe(1);
  });

  it('with 3 % injected artifacts RMSSD stays within 5 % of the clean value; uncorrected it is far off', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rr = clean();
      const dirty = inject(rr, 0.03, seed);
      const result = correctArtifacts(dirty);
      const cleanRmssd = rmssdMs(rr) as number;
      const corrected = rmssdMs(result.nnMs, result.pairValid) as number;
      const raw = rmssdMs(dirty) as number;
      expect(Math.abs(corrected / cleanRmssd - 1)).toBeLessThan(0.05);
      expect(raw / cleanRmssd).toBeGreaterThan(2);
      expect(result.report.artifactRate).toBeGreaterThan(0.02);
    }
  });

  it('correctArtifacts(rrMs) keeps its invariants on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 4000, noNaN: true }), { maxLength: 150 }), (rr) => {
        const result = correctArtifacts(rr);
        expect(result.nnMs.every(Number.isFinite)).toBe(true);
        expect(result.sourceIndex).toHaveLength(result.nnMs.length);
        expect(result.corrected).toHaveLength(result.nnMs.length);
        expect(result.pairValid).toHaveLength(Math.max(0, result.nnMs.length - 1));
        expect(result.report.artifactRate).toBeGreaterThanOrEqual(0);
        expect(result.report.artifactRate).toBeLessThanOrEqual(1);
        expect(detectArtifacts(rr)).toHaveLength(rr.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('detectArtifacts keeps normal intervals that the NN definition keeps (Task Force 1996)', () => {
  /** A steady rhythm of about 624 ms with ±2 ms ripple, the flat rhythm of some patients. */
  const flat = (beats: number) => Array.from({ length: beats }, (_, i) => 624 + ((i * 7) % 5) - 2);
  const flagged = (rr: readonly number[]) => detectArtifacts(rr).flatMap((k, i) => (k === undefined ? [] : [i]));

  it('keeps the smooth swings of strong sinus arrhythmia: 654 → 1098 → 1073 is a rise the next beat keeps', () => {
    // Slow deep breathing: RR climbs from ~600 to ~1100 ms in one beat at each inspiration.
    const cycle = [683, 828, 1011, 978, 895, 837, 769, 708, 662, 636, 620, 608, 606, 610, 631, 654];
    const rr = [...cycle, ...cycle, 1098, 1073, 942, 854, 790, 727, 672, 635, 613, 604, 610, 660, ...cycle, ...cycle];
    expect(flagged(rr)).toEqual([]);
  });

  it('keeps a single interval 12 % above both neighbours: a spike is set aside only beyond 15 %', () => {
    const rr = flat(60);
    rr[30] = 700;
    expect(flagged(rr)).toEqual([]);
  });

  it('sets aside a premature beat only 12 % early with its compensatory pause (far beyond the typical change)', () => {
    const rr = flat(60);
    rr[30] = 550;
    rr[31] = 700;
    expect(flagged(rr)).toEqual([30, 31]);
  });

  it('sets aside a misplaced beat: long then short intervals that together last two cycles', () => {
    const rr = flat(60);
    rr[30] = 719;
    rr[31] = 529;
    expect(flagged(rr)).toEqual([30, 31]);
  });
});

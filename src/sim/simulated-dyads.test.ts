import { describe, expect, it } from 'vitest';
import { pacerRhythmState, resonanceCoherence } from '../signal/coherence';
import { heartRateSynchrony } from '../signal/synchrony';
import type { Beat } from '../signal/types';
import type { SimulateRrOptions } from './simulator';
import { TOGETHER_PACER_PER_MIN, scenarioSeed, simulateRr } from './simulator';
import { createSharedComponent } from './simulated-dyads';

const beatsOf = (options: SimulateRrOptions): Beat[] => {
  const sim = simulateRr(options);
  return sim.tSec.map((tSec, i) => ({ tSec, rrMs: sim.rrMs[i], hrBpm: 60_000 / sim.rrMs[i], afterGap: sim.afterGap[i] }));
};

const calmA = { hrBpm: 64, breathsPerMin: 14, rmssdMs: 45 };
const calmB = { hrBpm: 72, breathsPerMin: 16, rmssdMs: 35 };

describe('simulated dyads', () => {
  it('the shared component has zero mean and unit variance', () => {
    const shared = createSharedComponent('s');
    const values = Array.from({ length: 20_000 }, (_, i) => shared(i / 2));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeGreaterThan(0.8);
    expect(variance).toBeLessThan(1.2);
  });

  it('a coupled dyad is linked beyond chance with partner A leading by the lag between them', () => {
    const coupling = { seed: 'dyad', share: 0.9 };
    const a = beatsOf({ durationSec: 700, physiology: calmA, seed: 'a1', coupling: { ...coupling, lagSec: 0 } });
    const b = beatsOf({ durationSec: 700, physiology: calmB, seed: 'b1', coupling: { ...coupling, lagSec: 3 } });
    const reading = heartRateSynchrony(a, b, 690, 120);
    expect(reading?.significant).toBe(true);
    expect(reading?.phase).toBe('in-phase');
    expect(Math.abs((reading?.lagSec ?? 99) - 3)).toBeLessThanOrEqual(1);
  });

  it('the same seeds without coupling give the same rhythm as before: coupling is opt-in', () => {
    const plain = simulateRr({ durationSec: 120, physiology: calmA, seed: 'p' });
    const zero = simulateRr({ durationSec: 120, physiology: calmA, seed: 'p', coupling: { seed: 'x', share: 0 } });
    expect(zero.rrMs).toEqual(plain.rrMs);
  });

  it('a full follower breathes at the pacer’s rate and reads following; a non-follower does not', () => {
    const pacer = { perMin: 6, follow: 'full' as const };
    const full = beatsOf({ durationSec: 200, physiology: calmA, seed: 'f', pacer });
    const none = beatsOf({ durationSec: 200, physiology: calmA, seed: 'f', pacer: { ...pacer, follow: 'none' } });
    expect(pacerRhythmState(resonanceCoherence(full, 190), 6)).toBe('following');
    expect(pacerRhythmState(resonanceCoherence(none, 190), 6)).toBe('not-following');
    const sim = simulateRr({ durationSec: 60, physiology: calmA, seed: 'f', pacer });
    expect(sim.breathsPerMin.every((rate) => rate === 6)).toBe(true);
  });

  it('a partial follower alternates stretches with and without the pacer', () => {
    const sim = simulateRr({ durationSec: 900, physiology: calmA, seed: 'p', pacer: { perMin: 6, follow: 'partial' } });
    const paced = sim.breathsPerMin.filter((rate) => rate === 6).length / sim.breathsPerMin.length;
    expect(paced).toBeGreaterThan(0.3);
    expect(paced).toBeLessThan(0.7);
  });

  it('simulateRr rejects a bad coupling or pacer with a specific error', () => {
    expect(() => simulateRr({ durationSec: 10, coupling: { seed: 1, share: 2 } })).toThrow('simulateRr: coupling.share must be 0–1, got 2');
    expect(() => simulateRr({ durationSec: 10, coupling: { seed: 1, lagSec: -1 } })).toThrow(
      'simulateRr: coupling.lagSec must be 0–30 seconds, got -1',
    );
    expect(() => simulateRr({ durationSec: 10, pacer: { perMin: 1, follow: 'full' } })).toThrow(
      'simulateRr: pacer.perMin must be 3–20 breaths/min, got 1',
    );
  });

  it('the together scenario: both partners follow the 5.45/min pacer within two minutes and end calm and linked', () => {
    const partner = (id: 'a' | 'b') => beatsOf({ durationSec: 900, scenario: 'together', partner: id, seed: scenarioSeed('together', id) });
    const a = partner('a');
    const b = partner('b');
    for (const beats of [a, b]) {
      expect(pacerRhythmState(resonanceCoherence(beats, 150), TOGETHER_PACER_PER_MIN)).toBe('following');
      expect(pacerRhythmState(resonanceCoherence(beats, 850), TOGETHER_PACER_PER_MIN)).toBe('following');
    }
    const linked = [700, 750, 800, 850, 895].filter(
      (t) => heartRateSynchrony(a, b, t, 120, { pacerPerMin: TOGETHER_PACER_PER_MIN })?.significant === true,
    );
    expect(linked.length).toBeGreaterThanOrEqual(4);
    const lastA = a[a.length - 1];
    expect(lastA.hrBpm).toBeLessThan(72);
  });
});

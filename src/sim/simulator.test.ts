import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeWindowMetrics } from '../signal/window-metrics';
import { demoBaseline, scenarioBaseline } from './demo-baseline';
import { FIRST_NIGHT_CALM_FROM_SEC } from './scenarios';
import type { SimulatedRr } from './simulator';
import {
  CALM_PHYSIOLOGY,
  SCENARIOS,
  defaultRmssdMs,
  recoveryTimeline,
  scenarioIsHrOnly,
  scenarioTimeline,
  simulateRr,
  simulateRrStream,
} from './simulator';

/** Plain RMSSD of consecutive intervals (Task Force 1996), ms. */
function rmssd(rr: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < rr.length; i += 1) sum += (rr[i] - rr[i - 1]) ** 2;
  return Math.sqrt(sum / (rr.length - 1));
}

function meanHr(rr: readonly number[]): number {
  return 60_000 / (rr.reduce((a, b) => a + b, 0) / rr.length);
}

function slice(sim: SimulatedRr, fromSec: number, toSec: number): number[] {
  return sim.rrMs.filter((_, i) => sim.tSec[i] >= fromSec && sim.tSec[i] < toSec);
}

/** Frequency (Hz) of the largest spectral peak of the RR series in [loHz, hiHz], resampled at 4 Hz. */
function peakHz(sim: SimulatedRr, loHz: number, hiHz: number): number {
  const fs = 4;
  const samples: number[] = [];
  let j = 1;
  for (let t = sim.tSec[0]; t < sim.tSec[sim.tSec.length - 1]; t += 1 / fs) {
    while (sim.tSec[j] < t) j += 1;
    const w = (t - sim.tSec[j - 1]) / (sim.tSec[j] - sim.tSec[j - 1]);
    samples.push(sim.rrMs[j - 1] + w * (sim.rrMs[j] - sim.rrMs[j - 1]));
  }
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  let best = loHz;
  let bestPower = -1;
  for (let f = loHz; f <= hiHz; f += 0.002) {
    let re = 0;
    let im = 0;
    samples.forEach((x, n) => {
      re += (x - mean) * Math.cos((2 * Math.PI * f * n) / fs);
      im -= (x - mean) * Math.sin((2 * Math.PI * f * n) / fs);
    });
    const power = re * re + im * im;
    if (power > bestPower) {
      bestPower = power;
      best = f;
    }
  }
  return best;
}

describe('simulateRr', () => {
  it('simulateRr(options) is deterministic given a seed, and differs between seeds', () => {
    const one = simulateRr({ durationSec: 120, seed: 7, artifacts: { ectopic: 0.02 }, dropouts: { perHour: 30 } });
    const two = simulateRr({ durationSec: 120, seed: 7, artifacts: { ectopic: 0.02 }, dropouts: { perHour: 30 } });
    const other = simulateRr({ durationSec: 120, seed: 8, artifacts: { ectopic: 0.02 }, dropouts: { perHour: 30 } });
    expect(two).toEqual(one);
    expect(other.rrMs).not.toEqual(one.rrMs);
  });

  it('simulateRr(options) places each beat at the previous beat plus its RR interval, within the duration', () => {
    const sim = simulateRr({ durationSec: 300, seed: 3, artifacts: { ectopic: 0.02, missed: 0.01, extra: 0.01 } });
    expect(sim.tSec[0]).toBeCloseTo(sim.rrMs[0] / 1000, 9);
    for (let i = 1; i < sim.tSec.length; i += 1) {
      expect(sim.tSec[i] - sim.tSec[i - 1]).toBeCloseTo(sim.rrMs[i] / 1000, 9);
    }
    expect(sim.tSec[sim.tSec.length - 1]).toBeLessThanOrEqual(300);
    expect(sim.tSec[sim.tSec.length - 1]).toBeGreaterThan(298);
    for (const key of ['rrMs', 'breathsPerMin', 'afterGap', 'artifact'] as const) expect(sim[key]).toHaveLength(sim.tSec.length);
  });

  it('simulateRr(options) rounds RR to the 1/1024 s resolution of the Heart Rate Measurement by default', () => {
    const sim = simulateRr({ durationSec: 30 });
    for (const rr of sim.rrMs) expect(Math.abs(rr * 1.024 - Math.round(rr * 1.024))).toBeLessThan(1e-6);
    const fine = simulateRr({ durationSec: 30, resolutionMs: 0 });
    expect(fine.rrMs.some((rr) => Math.abs(rr * 1.024 - Math.round(rr * 1.024)) > 1e-3)).toBe(true);
  });

  it.each([
    { hrBpm: 60, breathsPerMin: 12, rmssdMs: 50 },
    { hrBpm: 64, breathsPerMin: 11.5, rmssdMs: 46 },
    { hrBpm: 94, breathsPerMin: 19, rmssdMs: 13 },
    { hrBpm: 110, breathsPerMin: 24, rmssdMs: 6 },
  ])('simulateRr(options) hits the requested heart rate and RMSSD ($hrBpm bpm, $rmssdMs ms)', (p) => {
    const sim = simulateRr({ durationSec: 600, physiology: p, seed: 11 });
    expect(meanHr(sim.rrMs)).toBeGreaterThan(p.hrBpm * 0.97);
    expect(meanHr(sim.rrMs)).toBeLessThan(p.hrBpm * 1.02);
    expect(rmssd(sim.rrMs) / p.rmssdMs).toBeGreaterThan(0.85);
    expect(rmssd(sim.rrMs) / p.rmssdMs).toBeLessThan(1.15);
  });

  it('simulateRr(options) puts respiratory sinus arrhythmia at the breathing rate, including 5.5/min paced breathing', () => {
    for (const breathsPerMin of [5.5, 9, 15]) {
      const sim = simulateRr({ durationSec: 300, physiology: { hrBpm: 66, breathsPerMin }, seed: 5 });
      const lo = breathsPerMin < 8 ? 0.06 : 0.13;
      expect(Math.abs(peakHz(sim, lo, 0.4) - breathsPerMin / 60)).toBeLessThan(0.012);
      const truth = sim.breathsPerMin.reduce((a, b) => a + b, 0) / sim.breathsPerMin.length;
      expect(Math.abs(truth - breathsPerMin)).toBeLessThan(breathsPerMin * 0.04);
    }
  });

  it('simulateRr(options) adds Mayer waves near 0.1 Hz', () => {
    const sim = simulateRr({
      durationSec: 600,
      physiology: { hrBpm: 65, breathsPerMin: 15, rmssdMs: 30, mayerAmplitudeMs: 60 },
      seed: 2,
    });
    expect(Math.abs(peakHz(sim, 0.04, 0.15) - 0.1)).toBeLessThan(0.02);
  });

  it('defaultRmssdMs(hrBpm) makes RSA weak at high heart rate', () => {
    expect(defaultRmssdMs(65)).toBeCloseTo(45, 6);
    expect(defaultRmssdMs(100)).toBeLessThan(10);
    expect(defaultRmssdMs(200)).toBe(4);
    const slow = simulateRr({ durationSec: 300, physiology: { hrBpm: 62, breathsPerMin: 12 }, seed: 4 });
    const fast = simulateRr({ durationSec: 300, physiology: { hrBpm: 105, breathsPerMin: 12 }, seed: 4 });
    expect(rmssd(fast.rrMs)).toBeLessThan(rmssd(slow.rrMs) / 4);
  });

  it('simulateRr(options) makes an ectopic beat short and the next one long, summing to about two intervals', () => {
    const sim = simulateRr({
      durationSec: 1200,
      physiology: { hrBpm: 60, breathsPerMin: 12, rmssdMs: 20 },
      artifacts: { ectopic: 0.02 },
      seed: 9,
    });
    const starts = sim.artifact.flatMap((kind, i) => (kind === 'ectopic' && sim.artifact[i - 1] !== 'ectopic' ? [i] : []));
    expect(starts.length).toBeGreaterThan(10);
    expect(starts.length).toBeLessThan(50);
    for (const i of starts) {
      expect(sim.rrMs[i]).toBeLessThan(800);
      expect(sim.rrMs[i + 1]).toBeGreaterThan(1150);
      expect(sim.rrMs[i] + sim.rrMs[i + 1]).toBeGreaterThan(1800);
    }
  });

  it('simulateRr(options) reports a missed beat as one double interval and an extra beat as two parts', () => {
    const sim = simulateRr({
      durationSec: 1200,
      physiology: { hrBpm: 60, breathsPerMin: 12, rmssdMs: 20 },
      artifacts: { missed: 0.01, extra: 0.01 },
      seed: 9,
    });
    const missed = sim.rrMs.filter((_, i) => sim.artifact[i] === 'missed');
    const extra = sim.rrMs.filter((_, i) => sim.artifact[i] === 'extra');
    expect(missed.length).toBeGreaterThan(3);
    expect(extra.length).toBeGreaterThan(6);
    for (const rr of missed) expect(rr).toBeGreaterThan(1700);
    for (const rr of extra) expect(rr).toBeLessThan(720);
  });

  it('simulateRr(options) delivers nothing during a dropout and marks the first beat after it', () => {
    const sim = simulateRr({ durationSec: 120, seed: 1, dropouts: { at: [{ startSec: 40, durationSec: 10 }] } });
    expect(sim.tSec.some((t) => t >= 40 && t < 50)).toBe(false);
    const after = sim.tSec.findIndex((t) => t >= 50);
    expect(sim.afterGap[after]).toBe(true);
    expect(sim.afterGap.filter(Boolean)).toHaveLength(1);
    expect(sim.tSec[after] - sim.tSec[after - 1]).toBeGreaterThan(10);
  });

  it('simulateRr(options) spreads random dropouts at the requested rate', () => {
    const sim = simulateRr({ durationSec: 36_000, seed: 1, dropouts: { perHour: 6, meanSec: 5 } });
    const gaps = sim.afterGap.filter(Boolean).length;
    expect(gaps).toBeGreaterThan(35);
    expect(gaps).toBeLessThan(90);
  });

  it('simulateRr(options) follows a timeline: conflict starts aroused for partner a and recovers within minutes', () => {
    const a = simulateRr({ durationSec: 900, scenario: 'conflict', partner: 'a', seed: 1 });
    const b = simulateRr({ durationSec: 900, scenario: 'conflict', partner: 'b', seed: 2 });
    expect(meanHr(slice(a, 0, 30))).toBeGreaterThan(76);
    expect(meanHr(slice(a, 0, 30))).toBeLessThan(CALM_PHYSIOLOGY.a.hrBpm + 19);
    expect(rmssd(slice(a, 0, 30))).toBeLessThan(20);
    expect(a.breathsPerMin[0]).toBeGreaterThan(16);
    const calmA = CALM_PHYSIOLOGY.a;
    expect(meanHr(slice(a, 480, 540))).toBeLessThan(calmA.hrBpm * 1.05);
    expect(Math.log(rmssd(slice(a, 480, 540)))).toBeGreaterThan(Math.log(calmA.rmssdMs ?? 0) - 0.15);
    expect(meanHr(slice(b, 0, 60))).toBeLessThan(CALM_PHYSIOLOGY.b.hrBpm * 1.05);
  });

  it('simulateRr(options) keeps partner a at 100 bpm or more for the first 20 minutes of the flooded scenario', () => {
    const a = simulateRr({ durationSec: 1200, scenario: 'flooded', partner: 'a' });
    for (let start = 0; start < 1200; start += 20) expect(meanHr(slice(a, start, start + 20))).toBeGreaterThanOrEqual(100);
    expect(scenarioTimeline('flooded', 'b')).toEqual([{ ...CALM_PHYSIOLOGY.b, atSec: 0 }]);
  });

  it('simulateRr(options) plays the first night: both aroused (~97 bpm, RMSSD < 10 ms, 20/min), A calm from 270 s, B from 510 s', () => {
    for (const partner of ['a', 'b'] as const) {
      const sim = simulateRr({ durationSec: 900, scenario: 'first-night', partner, seed: 5 });
      // The slow drift (SD 1 % of the interval while aroused, about 1 bpm) moves the mean a little.
      expect(meanHr(slice(sim, 0, 120))).toBeGreaterThan(93);
      expect(meanHr(slice(sim, 0, 120))).toBeLessThan(100);
      expect(rmssd(slice(sim, 0, 120))).toBeLessThan(10);
      expect(sim.breathsPerMin[0]).toBeGreaterThan(19);
      expect(sim.breathsPerMin[0]).toBeLessThan(22);
      const calm = CALM_PHYSIOLOGY[partner];
      const from = FIRST_NIGHT_CALM_FROM_SEC[partner];
      expect(meanHr(slice(sim, from, from + 60))).toBeLessThan(calm.hrBpm + 5);
      expect(Math.log(rmssd(slice(sim, from, from + 60)))).toBeGreaterThan(Math.log(calm.rmssdMs ?? 0) - 0.2);
    }
    const b = simulateRr({ durationSec: 900, scenario: 'first-night', partner: 'b', seed: 6 });
    expect(meanHr(slice(b, 240, 300))).toBeGreaterThan(90); // still aroused while A has calmed
    expect(FIRST_NIGHT_CALM_FROM_SEC).toEqual({ a: 270, b: 510 });
  });

  it('scenarioIsHrOnly(scenario, partner) is true for partner b of hr-only only', () => {
    const hits = SCENARIOS.flatMap((s) => (['a', 'b'] as const).filter((p) => scenarioIsHrOnly(s, p)).map((p) => `${s}/${p}`));
    expect(hits).toEqual(['hr-only/b']);
  });

  it('recoveryTimeline(from, to, holdSec, tauSec) holds, then approaches the target exponentially', () => {
    const frames = recoveryTimeline({ hrBpm: 100, breathsPerMin: 20, rmssdMs: 10 }, { hrBpm: 60, breathsPerMin: 10, rmssdMs: 40 }, 30, 100);
    expect(frames[1]).toMatchObject({ atSec: 30, hrBpm: 100 });
    const at = frames.find((f) => f.atSec === 130);
    expect(at?.hrBpm).toBeCloseTo(60 + 40 * Math.exp(-1), 9);
    expect(at?.rmssdMs).toBeCloseTo(Math.exp(Math.log(40) + (Math.log(10) - Math.log(40)) * Math.exp(-1)), 9);
    expect(frames[frames.length - 1]).toMatchObject({ hrBpm: 60, breathsPerMin: 10, rmssdMs: 40 });
  });

  it('simulateRrStream(options) runs open-ended and agrees beat for beat with simulateRr', () => {
    const stream = simulateRrStream({ scenario: 'conflict', partner: 'a', seed: 4 });
    const batch = simulateRr({ durationSec: 600, scenario: 'conflict', partner: 'a', seed: 4 });
    for (let i = 0; i < batch.tSec.length; i += 1) {
      const next = stream.next();
      expect(next.done).toBe(false);
      expect([next.value.tSec, next.value.rrMs]).toEqual([batch.tSec[i], batch.rrMs[i]]);
    }
    expect(stream.next().value.tSec).toBeGreaterThan(600);
  });

  it('simulateRr(options) keeps the underlying rhythm when artifacts or dropouts are turned on', () => {
    const clean = simulateRr({ durationSec: 300, seed: 12 });
    const dirty = simulateRr({ durationSec: 300, seed: 12, artifacts: { missed: 0.01 }, dropouts: { perHour: 20 } });
    const cleanAt = new Map(clean.tSec.map((t, i) => [t.toFixed(6), clean.rrMs[i]]));
    let checked = 0;
    dirty.tSec.forEach((t, i) => {
      if (dirty.artifact[i] !== null || dirty.afterGap[i]) return;
      expect(cleanAt.get(t.toFixed(6))).toBe(dirty.rrMs[i]);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(200);
  });

  it('simulateRr(options) rejects out-of-range options with a specific message', () => {
    expect(() => simulateRr({ durationSec: -1 })).toThrow('simulateRr: durationSec must be 0–604800, got -1');
    expect(() => simulateRr({ durationSec: 10, physiology: { hrBpm: 20, breathsPerMin: 12 } })).toThrow(
      'simulateRr: physiology hrBpm must be 30–220, got 20',
    );
    expect(() => simulateRr({ durationSec: 10, physiology: { hrBpm: 60, breathsPerMin: Number.NaN } })).toThrow(
      'breathsPerMin must be 3–40',
    );
    expect(() => simulateRr({ durationSec: 10, physiology: [] })).toThrow('simulateRr: physiology timeline is empty');
    expect(() =>
      simulateRr({
        durationSec: 10,
        physiology: [
          { atSec: 5, hrBpm: 60, breathsPerMin: 12 },
          { atSec: 1, hrBpm: 60, breathsPerMin: 12 },
        ],
      }),
    ).toThrow('simulateRr: keyframe 1 atSec 1 is before keyframe 0 (5)');
    expect(() => simulateRr({ durationSec: 10, artifacts: { ectopic: 2 } })).toThrow(
      'simulateRr: artifacts.ectopic must be a probability 0–0.5, got 2',
    );
    expect(() => simulateRr({ durationSec: 10, dropouts: { at: [{ startSec: 1, durationSec: 0 }] } })).toThrow(
      'simulateRr: dropouts.at[0]',
    );
    expect(() => simulateRr({ durationSec: 10, scenario: 'party' as never })).toThrow('simulateRr: unknown scenario "party"');
  });

  it('simulateRr(options) always yields finite, physiological intervals (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          hrBpm: fc.double({ min: 30, max: 220, noNaN: true }),
          breathsPerMin: fc.double({ min: 3, max: 40, noNaN: true }),
          rmssdMs: fc.double({ min: 0, max: 200, noNaN: true }),
        }),
        fc.integer(),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (physiology, seed, rate) => {
          const sim = simulateRr({ durationSec: 20, physiology, seed, artifacts: { ectopic: rate, missed: rate, extra: rate } });
          for (const rr of sim.rrMs) {
            expect(Number.isFinite(rr)).toBe(true);
            expect(rr).toBeGreaterThanOrEqual(110);
            expect(rr).toBeLessThanOrEqual(5000);
          }
          for (let i = 1; i < sim.tSec.length; i += 1) expect(sim.tSec[i]).toBeGreaterThan(sim.tSec[i - 1]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('demoBaseline', () => {
  it('demoBaseline(scenario, partner) describes the calm physiology, marked as demo data from the simulator', () => {
    for (const partner of ['a', 'b'] as const) {
      const calm = CALM_PHYSIOLOGY[partner];
      const baseline = demoBaseline('conflict', partner);
      expect(baseline).toMatchObject({ device: 'simulator', demo: true, calibrations: 1 });
      expect(Math.abs(baseline.hrBpm - calm.hrBpm)).toBeLessThan(2);
      expect(Math.abs((baseline.lnRmssdMean ?? 0) - Math.log(calm.rmssdMs ?? 0))).toBeLessThan(0.1);
      expect(baseline.lnRmssdSd).toBeGreaterThan(0);
      expect(baseline.lnRmssdSd).toBeLessThan(0.2);
      expect(Math.abs((baseline.breathsPerMin ?? 0) - calm.breathsPerMin)).toBeLessThan(0.5);
      expect(new Date(baseline.recordedAt).toISOString()).toBe(baseline.recordedAt);
    }
  });

  it('demoBaseline(scenario, partner) is the same for every scenario, since every scenario recovers to the same calm', () => {
    for (const scenario of SCENARIOS) expect(demoBaseline(scenario, 'b')).toEqual(demoBaseline('calm', 'b'));
  });

  it('demoBaseline(scenario, partner) keeps the calm partner of a demo inside the DESIGN.md lnRMSSD and heart-rate limits', () => {
    const baseline = demoBaseline('calm', 'a');
    const sim = simulateRr({ durationSec: 1800, scenario: 'calm', partner: 'a', seed: 21 });
    const floor = (baseline.lnRmssdMean ?? 0) - Math.max(baseline.lnRmssdSd ?? 0, 0.1);
    let inside = 0;
    let windows = 0;
    for (let start = 0; start + 60 <= 1800; start += 15) {
      const rr = slice(sim, start, start + 60);
      windows += 1;
      if (Math.log(rmssd(rr)) >= floor && meanHr(rr) <= baseline.hrBpm * 1.1) inside += 1;
    }
    expect(inside / windows).toBeGreaterThan(0.95);
  });

  it('scenarioBaseline(scenario, partner) is the demo baseline, except none for first-night', () => {
    for (const scenario of SCENARIOS) {
      for (const partner of ['a', 'b'] as const) {
        expect(scenarioBaseline(scenario, partner)).toEqual(scenario === 'first-night' ? null : demoBaseline(scenario, partner));
      }
    }
  });

  it('demoBaseline(scenario, partner) rejects an unknown scenario or partner', () => {
    expect(() => demoBaseline('party' as never, 'a')).toThrow('demoBaseline: unknown scenario "party"');
    expect(() => demoBaseline('calm', 'c' as never)).toThrow('demoBaseline: unknown partner "c"');
  });
});

describe('simulateRr rhythm disturbances (hard cases for the signal code)', () => {
  const hr72 = { hrBpm: 72, breathsPerMin: 15 } as const;

  it('runs of ectopy deliver premature beats with compensatory pauses, several in a row', () => {
    const sim = simulateRr({ durationSec: 600, seed: 3, physiology: hr72, rhythm: { ectopicRunsPerMin: 1, ectopicRunBeats: 6 } });
    const ectopic = sim.artifact.map((a) => a === 'ectopic');
    let longestRun = 0;
    let run = 0;
    for (const e of ectopic) {
      run = e ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    expect(longestRun).toBeGreaterThanOrEqual(12); // 6 premature beats, each with its pause
    // Every minute holding a run is too irregular for HRV: the signal code says so.
    const beats = sim.tSec.map((tSec, i) => ({ tSec, rrMs: sim.rrMs[i], hrBpm: 60, afterGap: false }));
    for (let start = 0; start + 60 <= 600; start += 60) {
      const hasRun = sim.tSec.some((t, i) => t > start && t <= start + 60 && sim.artifact[i] === 'ectopic');
      const m = computeWindowMetrics(beats, start, start + 60);
      expect(m.irregular !== null, `window at ${start} s`).toBe(hasRun);
      if (hasRun) expect(m.rmssdMs).toBeNull();
    }
  });

  it('AF-like irregularity draws independent intervals around the mean and is called af-like', () => {
    const sim = simulateRr({ durationSec: 120, seed: 4, physiology: { hrBpm: 90, breathsPerMin: 16 }, rhythm: { afCv: 0.15 } });
    const mean = sim.rrMs.reduce((a, b) => a + b, 0) / sim.rrMs.length;
    const sd = Math.sqrt(sim.rrMs.reduce((a, b) => a + (b - mean) ** 2, 0) / sim.rrMs.length);
    expect(sd / mean).toBeGreaterThan(0.1);
    const beats = sim.tSec.map((tSec, i) => ({ tSec, rrMs: sim.rrMs[i], hrBpm: 60, afterGap: false }));
    const irregular = [0, 30, 60].map((s) => computeWindowMetrics(beats, s, s + 60).irregular);
    expect(irregular.every((k) => k === 'af-like' || k === 'ectopy')).toBe(true);
  });

  it('asymmetric RSA puts power at twice the breathing rate', () => {
    const at = (rsaHarmonic: number) =>
      simulateRr({
        durationSec: 300,
        seed: 5,
        resolutionMs: 0,
        physiology: { hrBpm: 70, breathsPerMin: 12, rsaAmplitudeMs: 20, mayerAmplitudeMs: 0, driftSdMs: 0, noiseShare: 0, rsaHarmonic },
      });
    // Mean of RR at phase bins: a pure sinusoid is symmetric, the harmonic makes the rise and fall differ.
    const sym = at(0).rrMs;
    const asym = at(0.8).rrMs;
    expect(asym.some((v, i) => Math.abs(v - sym[i]) > 5)).toBe(true);
  });

  it('rejects rhythm options out of range with a specific error', () => {
    expect(() => simulateRr({ durationSec: 10, physiology: hr72, rhythm: { afCv: 0.9 } })).toThrow(/rhythm.afCv must be 0–0.4/);
    expect(() => simulateRr({ durationSec: 10, physiology: hr72, rhythm: { ectopicRunBeats: 0 } })).toThrow(/ectopicRunBeats/);
    expect(() => simulateRr({ durationSec: 10, physiology: { ...hr72, rsaHarmonic: 2 } })).toThrow(/rsaHarmonic must be 0–1/);
  });
});

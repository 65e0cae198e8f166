import { describe, expect, it } from 'vitest';
import { calibrationFromBeats, describeCalibrationProblem } from './baseline-calibration';
import type { Beat } from './types';

const meta = { recordedAt: '2026-11-25T08:00:00.000Z', device: 'Polar H10 1A2B3C' };

/**
 * Seated rest without noise: RR = 900 ms ± 40 ms of respiratory sinus arrhythmia at 12 breaths/min,
 * beats at the cumulative sum of the intervals, from event time `fromSec`.
 */
function rest(
  durationSec: number,
  fromSec = 0,
  rrAt: (tSec: number) => number = (t) => 900 + 40 * Math.sin(2 * Math.PI * 0.2 * t),
): Beat[] {
  const beats: Beat[] = [];
  let t = fromSec;
  while (t - fromSec < durationSec) {
    const rrMs = rrAt(t);
    t += rrMs / 1000;
    beats.push({ tSec: t, rrMs, hrBpm: 60_000 / rrMs, afterGap: false });
  }
  return beats;
}

describe('calibrationFromBeats', () => {
  it('calibrationFromBeats(3 min of rest) gives a baseline from five 60 s windows stepped by 30 s', () => {
    const outcome = calibrationFromBeats(rest(181), meta);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.windows.map((w) => [Math.round(w.startSec), Math.round(w.endSec)])).toEqual([
      [0, 60],
      [30, 90],
      [60, 120],
      [90, 150],
      [120, 180],
    ]);
    const b = outcome.baseline;
    expect(b.hrBpm).toBeGreaterThan(66);
    expect(b.hrBpm).toBeLessThan(67.2); // 60 000 / 900 ≈ 66.7 (the sinusoid averages out)
    expect(b.lnRmssdMean).not.toBeNull();
    expect(b.breathsPerMin).toBeCloseTo(12, 0);
    expect(b).toMatchObject({ recordedAt: meta.recordedAt, device: meta.device, calibrations: 1, demo: false });
    expect(outcome.quality).toMatchObject({ artifactRate: 0, longestGapSec: 0, missingSec: 0 });
  });

  it('calibrationFromBeats(...) fails when the recording is shorter than 3 minutes, and says how long it was', () => {
    const outcome = calibrationFromBeats(rest(95), meta);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem).toMatchObject({ kind: 'too-short', needSec: 180 });
    expect(outcome.message).toMatch(/^calibrate: the recording stopped after 95 s; a baseline needs 180 s of seated rest/);
  });

  it('calibrationFromBeats([]) fails as too short, without throwing', () => {
    const outcome = calibrationFromBeats([], meta);
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'too-short', haveSec: 0 } });
  });

  it('calibrationFromBeats(...) fails on a dropout longer than 5 s and names it', () => {
    const beats = rest(185).filter((b) => b.tSec < 100 || b.tSec > 106.5);
    const outcome = calibrationFromBeats(beats, meta);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.kind).toBe('dropouts');
    expect(outcome.message).toMatch(/^calibrate: the strap lost contact for [67] s at the longest/);
  });

  it('calibrationFromBeats(...) accepts short dropouts that add up to no more than 10 s', () => {
    const beats = rest(185).filter((b) => !(b.tSec > 50 && b.tSec < 53) && !(b.tSec > 120 && b.tSec < 123));
    const outcome = calibrationFromBeats(beats, meta);
    expect(outcome.ok).toBe(true);
    expect(outcome.quality.missingSec).toBeGreaterThan(3);
    expect(outcome.quality.missingSec).toBeLessThan(7);
  });

  it('calibrationFromBeats(...) fails when many short dropouts add up to more than 10 s', () => {
    const beats = rest(185).filter((b) => ![20, 50, 80, 110, 140].some((s) => b.tSec > s && b.tSec < s + 3.2));
    expect(calibrationFromBeats(beats, meta)).toMatchObject({ ok: false, problem: { kind: 'dropouts' } });
  });

  it('calibrationFromBeats(...) fails when more than 10 % of beats are artifacts, with the share', () => {
    // Every sixth interval is a missed beat (doubled): about 16 % artifacts.
    let i = 0;
    const beats = rest(181).map((b) => {
      i += 1;
      return i % 6 === 0 ? { ...b, rrMs: b.rrMs! * 1.9 } : b;
    });
    const outcome = calibrationFromBeats(beats, meta);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.kind).toBe('noisy');
    expect(outcome.message).toMatch(/^calibrate: the signal was too noisy \(\d+ % of beats unclear; at most 10 %\)/);
  });

  it('calibrationFromBeats(...) of a heart-rate-only device stores heart rate only', () => {
    const beats: Beat[] = [];
    for (let t = 1; t <= 181; t += 1) beats.push({ tSec: t, rrMs: null, hrBpm: 62, afterGap: false });
    const outcome = calibrationFromBeats(beats, meta);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.baseline).toMatchObject({ hrBpm: 62, lnRmssdMean: null, lnRmssdSd: null, breathsPerMin: null });
  });

  it('calibrationFromBeats(...) ignores beats after the 3 minutes', () => {
    const calm = rest(180.5);
    const then = rest(60, calm.at(-1)!.tSec, () => 500);
    const a = calibrationFromBeats(calm, meta);
    const b = calibrationFromBeats([...calm, ...then], meta);
    expect(b.ok && a.ok && b.baseline.hrBpm).toBe(a.ok && a.baseline.hrBpm);
  });

  it('calibrationFromBeats(...) marks a demo calibration as demo', () => {
    const outcome = calibrationFromBeats(rest(181), { ...meta, demo: true });
    expect(outcome.ok && outcome.baseline.demo).toBe(true);
  });
});

describe('describeCalibrationProblem', () => {
  it('describeCalibrationProblem(no-beats) reads "calibrate: no heartbeat for N s — …"', () => {
    expect(describeCalibrationProblem({ kind: 'no-beats', silentSec: 5 })).toBe(
      'calibrate: no heartbeat for 5 s — check that the strap is on, moist and connected',
    );
    expect(describeCalibrationProblem({ kind: 'no-hrv' })).toMatch(/^calibrate: too few clean successive beats/);
  });
});

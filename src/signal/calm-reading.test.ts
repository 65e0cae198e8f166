import { describe, expect, it } from 'vitest';
import {
  baselineFromReadings,
  baselineLearning,
  checkReading,
  describeReadingProblem,
  readingFromBaseline,
  readingFromBeats,
  type CalmReading,
} from './calm-reading';
import { CALM_BASELINE } from './readiness-fixtures';
import type { Beat } from './types';

const meta = { recordedAt: '2026-12-01T07:30:00.000Z', device: 'Polar H10 1A2B3C', kind: 'calm-check' as const };

/** Beats at the cumulative sum of `rrAt(t)` from event time 0 for `durationSec`. */
function beatsOf(durationSec: number, rrAt: (tSec: number) => number): Beat[] {
  const beats: Beat[] = [];
  let t = 0;
  while (t < durationSec) {
    const rrMs = rrAt(t);
    t += rrMs / 1000;
    beats.push({ tSec: t, rrMs, hrBpm: 60_000 / rrMs, afterGap: false });
  }
  return beats;
}

/** Seated rest: RR 900 ms ± 40 ms of sinus arrhythmia at 12 breaths/min (HR ≈ 66.7 bpm). */
const rest = (t: number): number => 900 + 40 * Math.sin(2 * Math.PI * 0.2 * t);

/** A reading with hand-picked values; settling minutes equal to the whole by default. */
function reading(hrBpm: number, lnRmssd: number | null, overrides: Partial<CalmReading> = {}): CalmReading {
  return {
    recordedAt: '2026-12-01T07:30:00.000Z',
    device: 'Polar H10 1A2B3C',
    kind: 'calm-check',
    demo: false,
    hrOnly: lnRmssd === null,
    durationSec: 120,
    hrBpm,
    lnRmssd,
    lnRmssdSd: lnRmssd === null ? null : 0.05,
    breathsPerMin: 12,
    firstMinute: { hrBpm, lnRmssd },
    lastMinute: { hrBpm, lnRmssd },
    ...overrides,
  };
}

describe('readingFromBeats', () => {
  it('readingFromBeats(2 min of rest) gives one reading: 66.7 bpm, lnRMSSD of the sinusoid, 12 breaths/min, both minutes', () => {
    const outcome = readingFromBeats(beatsOf(121, rest), meta);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const r = outcome.reading;
    expect(r).toMatchObject({ kind: 'calm-check', demo: false, hrOnly: false, recordedAt: meta.recordedAt });
    expect(r.hrBpm).toBeGreaterThan(66);
    expect(r.hrBpm).toBeLessThan(67.2); // 60 000 / 900 ≈ 66.7
    // Successive differences of 40·sin(2π·0.2·t) at 0.9 s spacing have RMS 2·40·sin(π·0.2·0.9)/√2 ≈ 30.3 ms.
    expect(Math.exp(r.lnRmssd!)).toBeGreaterThan(28);
    expect(Math.exp(r.lnRmssd!)).toBeLessThan(33);
    expect(r.breathsPerMin).toBeCloseTo(12, 0);
    expect(r.firstMinute?.hrBpm).toBeCloseTo(r.lastMinute!.hrBpm!, 0);
    expect(r.durationSec).toBeGreaterThan(120);
  });

  it('readingFromBeats(70 s) is a valid 1-minute check with no first/last minute (they would overlap)', () => {
    const outcome = readingFromBeats(beatsOf(70, rest), meta);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect([outcome.reading.firstMinute, outcome.reading.lastMinute]).toEqual([null, null]);
  });

  it('readingFromBeats(40 s) fails as too short, needing 60 s; a calibration needs 180 s', () => {
    expect(readingFromBeats(beatsOf(40, rest), meta)).toMatchObject({ ok: false, problem: { kind: 'too-short', needSec: 60 } });
    expect(readingFromBeats(beatsOf(121, rest), { ...meta, kind: 'calibration' })).toMatchObject({
      ok: false,
      problem: { kind: 'too-short', needSec: 180 },
    });
  });

  it('readingFromBeats(...) fails on a 7 s dropout like a calibration does', () => {
    const beats = beatsOf(121, rest).filter((b) => b.tSec < 50 || b.tSec > 57);
    expect(readingFromBeats(beats, meta)).toMatchObject({ ok: false, problem: { kind: 'dropouts' } });
  });

  it('readingFromBeats(heart-rate-only samples) gives heart rate with null lnRMSSD and breathing', () => {
    const beats: Beat[] = Array.from({ length: 120 }, (_, i) => ({ tSec: i + 1, rrMs: null, hrBpm: 70, afterGap: false }));
    const outcome = readingFromBeats(beats, meta);
    expect(outcome).toMatchObject({ ok: true, reading: { hrOnly: true, hrBpm: 70, lnRmssd: null, breathsPerMin: null } });
  });

  it('readingFromBeats(2 min with heart rate falling from 80 to 70 bpm) keeps the first and last minute apart', () => {
    // RR from 750 ms (80 bpm) to 857 ms (70 bpm) linearly over 120 s.
    const outcome = readingFromBeats(
      beatsOf(121, (t) => 750 + (107 * Math.min(t, 120)) / 120 + 30 * Math.sin(2 * Math.PI * 0.2 * t)),
      meta,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.reading.firstMinute!.hrBpm!).toBeGreaterThan(76);
    expect(outcome.reading.lastMinute!.hrBpm!).toBeLessThan(74);
  });
});

describe('checkReading', () => {
  it('checkReading(first reading, no earlier) accepts a steady reading at 66 bpm', () => {
    expect(checkReading(reading(66, 3.8), [])).toEqual({ accepted: true });
  });

  it('checkReading(...) refuses heart rate falling 84 → 76 bpm (8 > 5) and accepts 84 → 79 (exactly 5)', () => {
    const falling = reading(80, 3.5, { firstMinute: { hrBpm: 84, lnRmssd: 3.5 }, lastMinute: { hrBpm: 76, lnRmssd: 3.5 } });
    expect(checkReading(falling, [])).toEqual({
      accepted: false,
      problem: { kind: 'settling-heart-rate', firstHrBpm: 84, lastHrBpm: 76, limitFallBpm: 5 },
      message: 'Your heart rate was still coming down (from 84 to 76 bpm), so this reading was not used as your calm.',
    });
    const atLimit = reading(81.5, 3.5, { firstMinute: { hrBpm: 84, lnRmssd: 3.5 }, lastMinute: { hrBpm: 79, lnRmssd: 3.5 } });
    expect(checkReading(atLimit, [])).toEqual({ accepted: true });
  });

  it('checkReading(...) refuses lnRMSSD rising 3.2 → 3.6 (0.4 > 0.3) and accepts 3.2 → 3.45 (0.25)', () => {
    const rising = reading(70, 3.4, { firstMinute: { hrBpm: 70, lnRmssd: 3.2 }, lastMinute: { hrBpm: 70, lnRmssd: 3.6 } });
    const check = checkReading(rising, []);
    expect(check).toMatchObject({
      accepted: false,
      problem: { kind: 'settling-hrv', firstLnRmssd: 3.2, lastLnRmssd: 3.6, limitRise: 0.3 },
    });
    // e^3.2 ≈ 24.5 ms, e^3.6 ≈ 36.6 ms
    if (!check.accepted)
      expect(check.message).toBe(
        'Your heart-rate variability was still rising (from 25 to 37 ms), so this reading was not used as your calm.',
      );
    const slight = reading(70, 3.3, { firstMinute: { hrBpm: 70, lnRmssd: 3.2 }, lastMinute: { hrBpm: 70, lnRmssd: 3.45 } });
    expect(checkReading(slight, [])).toEqual({ accepted: true });
  });

  it('checkReading(...) refuses 100 bpm at the flooding line, even as a first reading; 99 bpm passes', () => {
    expect(checkReading(reading(100, 2.5), [])).toMatchObject({
      accepted: false,
      problem: { kind: 'flooding', hrBpm: 100, limitBpm: 100 },
    });
    expect(checkReading(reading(99, 2.5), [])).toEqual({ accepted: true });
  });

  it('checkReading(...) against readings at 60, 64, 68 bpm (mean 64, SD 4): limit 64 + 2×4 = 72; 72.5 refused, 72 accepted', () => {
    const earlier = [reading(60, 3.8), reading(64, 3.8), reading(68, 3.8)];
    expect(checkReading(reading(72.5, 3.8), earlier)).toMatchObject({
      accepted: false,
      problem: { kind: 'aroused-heart-rate', hrBpm: 72.5, usualHrBpm: 64, limitBpm: 72, readings: 3 },
      message: 'Your heart rate was 73 bpm, well above your usual 64 bpm, so this reading was not used as your calm.',
    });
    expect(checkReading(reading(72, 3.8), earlier)).toEqual({ accepted: true });
  });

  it('checkReading(...) floors the heart-rate SD at 4 bpm: readings at 64, 64 give a limit of 72, not 64', () => {
    const earlier = [reading(64, 3.8), reading(64, 3.8)];
    expect(checkReading(reading(71, 3.8), earlier)).toEqual({ accepted: true });
    expect(checkReading(reading(73, 3.8), earlier)).toMatchObject({
      accepted: false,
      problem: { kind: 'aroused-heart-rate', limitBpm: 72 },
    });
  });

  it('checkReading(...) against lnRMSSD 3.6, 3.8, 4.0 (SD 0.2): limit 3.8 − 0.4 = 3.4; 3.35 refused, 3.45 accepted', () => {
    const earlier = [reading(66, 3.6), reading(66, 3.8), reading(66, 4.0)];
    const check = checkReading(reading(66, 3.35), earlier);
    expect(check).toMatchObject({ accepted: false, problem: { kind: 'aroused-hrv', lnRmssd: 3.35, readings: 3 } });
    if (!check.accepted && check.problem.kind === 'aroused-hrv') {
      expect(check.problem.usualLnRmssd).toBeCloseTo(3.8, 10);
      expect(check.problem.limitLnRmssd).toBeCloseTo(3.4, 10);
      // e^3.35 ≈ 28.5 ms, e^3.8 ≈ 44.7 ms
      expect(check.message).toBe(
        'Your heart-rate variability was 29 ms, well below your usual 45 ms, so this reading was not used as your calm.',
      );
    }
    expect(checkReading(reading(66, 3.45), earlier)).toEqual({ accepted: true });
  });

  it('checkReading(demo reading) ignores real readings, and a real reading ignores demo ones', () => {
    const real = [reading(60, 3.8), reading(60, 3.8)];
    expect(checkReading(reading(90, 3.0, { demo: true }), real)).toEqual({ accepted: true });
    const demo = [reading(60, 3.8, { demo: true })];
    expect(checkReading(reading(90, 3.0), demo)).toEqual({ accepted: true });
    expect(checkReading(reading(90, 3.0), real)).toMatchObject({ accepted: false });
  });

  it('checkReading(heart-rate-only reading) is judged on heart rate alone', () => {
    const earlier = [reading(60, 3.8), reading(60, 3.8)];
    expect(checkReading(reading(66, null), earlier)).toEqual({ accepted: true });
    expect(checkReading(reading(69, null), earlier)).toMatchObject({ accepted: false, problem: { kind: 'aroused-heart-rate' } });
  });
});

describe('describeReadingProblem', () => {
  it('describeReadingProblem(flooding) names the heart rate and the line in one sentence', () => {
    expect(describeReadingProblem({ kind: 'flooding', hrBpm: 104.4, limitBpm: 100 })).toBe(
      'Your heart rate was 104 bpm, at the level of strong arousal (100 bpm or more), so this reading was not used as your calm.',
    );
  });
});

describe('baselineFromReadings', () => {
  it('baselineFromReadings([]) is null', () => {
    expect(baselineFromReadings([])).toBeNull();
  });

  it('baselineFromReadings(60, 64, 68 bpm; lnRMSSD 3.6, 3.8, 4.0; breathing 11, 12, 13) is mean ± SD across readings', () => {
    const b = baselineFromReadings([
      reading(60, 3.6, { breathsPerMin: 11, recordedAt: '2026-12-01T07:00:00.000Z' }),
      reading(64, 3.8, { breathsPerMin: 12, recordedAt: '2026-12-02T07:00:00.000Z' }),
      reading(68, 4.0, { breathsPerMin: 13, recordedAt: '2026-12-03T07:00:00.000Z', device: 'Polar H9 9Z' }),
    ])!;
    expect(b.hrBpm).toBe(64);
    expect(b.hrSdBpm).toBe(4);
    expect(b.lnRmssdMean).toBeCloseTo(3.8, 10);
    expect(b.lnRmssdSd).toBeCloseTo(0.2, 10);
    expect(b.breathsPerMin).toBe(12);
    expect(b.breathsPerMinSd).toBe(1);
    expect(b).toMatchObject({ calibrations: 3, recordedAt: '2026-12-03T07:00:00.000Z', device: 'Polar H9 9Z', demo: false });
  });

  it('baselineFromReadings(one reading) takes that reading’s within-reading lnRMSSD SD', () => {
    const b = baselineFromReadings([reading(66, 3.8, { lnRmssdSd: 0.07 })])!;
    expect(b).toMatchObject({ hrBpm: 66, lnRmssdMean: 3.8, lnRmssdSd: 0.07, hrSdBpm: null, calibrations: 1 });
  });

  it('baselineFromReadings(16 readings) uses the newest 14: readings at 100 and 90 bpm drop out', () => {
    const list = [reading(100, 3.0), reading(90, 3.0), ...Array.from({ length: 14 }, () => reading(62, 3.9))];
    const b = baselineFromReadings(list)!;
    expect(b.calibrations).toBe(14);
    expect(b.hrBpm).toBeCloseTo(62, 10);
    expect(b.lnRmssdMean).toBeCloseTo(3.9, 10);
    expect(b.lnRmssdSd).toBeCloseTo(0, 10);
  });

  it('baselineFromReadings(heart-rate-only and RR readings) averages lnRMSSD over the readings that have it', () => {
    const b = baselineFromReadings([reading(70, null, { breathsPerMin: null }), reading(62, 3.7, { lnRmssdSd: 0.1 })])!;
    expect(b).toMatchObject({ hrBpm: 66, lnRmssdMean: 3.7, lnRmssdSd: 0.1, breathsPerMin: 12 });
  });
});

describe('baselineLearning', () => {
  it('baselineLearning(n) is learning for 0, 1, 2 readings and done from 3', () => {
    expect(baselineLearning(0)).toEqual({ learning: true, have: 0, need: 3 });
    expect(baselineLearning(2)).toEqual({ learning: true, have: 2, need: 3 });
    expect(baselineLearning(3)).toEqual({ learning: false, have: 3, need: 3 });
    expect(baselineLearning(14)).toEqual({ learning: false, have: 14, need: 3 });
  });
});

describe('readingFromBaseline', () => {
  it('readingFromBaseline(stored baseline) keeps its values as one migrated reading, and gives the same range back', () => {
    const r = readingFromBaseline(CALM_BASELINE);
    expect(r).toMatchObject({
      kind: 'migrated',
      hrBpm: 68,
      lnRmssd: 3.8,
      lnRmssdSd: 0.2,
      breathsPerMin: 12,
      demo: false,
      hrOnly: false,
      firstMinute: null,
      lastMinute: null,
      recordedAt: CALM_BASELINE.recordedAt,
    });
    expect(baselineFromReadings([r])).toMatchObject({ hrBpm: 68, lnRmssdMean: 3.8, lnRmssdSd: 0.2, breathsPerMin: 12, calibrations: 1 });
  });
});

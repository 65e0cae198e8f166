import { describe, expect, it } from 'vitest';
import { readingFromBaseline, type CalmReading } from '../signal/calm-reading';
import type { Beat } from '../signal/types';
import type { StoredReading } from './dependencies';
import { baselineOfReadings, CALM_END_SEC, calmEndOffer, CalmTail, demoReadingsOf, judgeReading, learningOf } from './partner-readings';

const usual: CalmReading = readingFromBaseline({
  lnRmssdMean: 3.9,
  lnRmssdSd: 0.15,
  hrBpm: 58,
  breathsPerMin: 11,
  recordedAt: '2026-02-01T08:00:00.000Z',
  device: 'Polar H10',
  calibrations: 1,
  demo: false,
});
const accepted = (reading: CalmReading): StoredReading => ({ reading, verdict: { accepted: true } });

/** Beats at a steady, gently varying rate around `bpm`, from `startSec` for `spanSec`. */
function beatsAround(bpm: number, startSec: number, spanSec: number): Beat[] {
  const beats: Beat[] = [];
  for (let tSec = startSec, i = 0; tSec < startSec + spanSec; i++) {
    const rrMs = 60000 / bpm + 40 * Math.sin(i / 2);
    tSec += rrMs / 1000;
    beats.push({ tSec, rrMs, hrBpm: 60000 / rrMs, afterGap: false });
  }
  return beats;
}

describe('partner readings', () => {
  it('the baseline comes from accepted readings only; a refused one is kept but not used', () => {
    const refused: StoredReading = {
      reading: { ...usual, hrBpm: 90 },
      verdict: { accepted: false, problem: { kind: 'aroused' }, message: 'Your heart rate was high.' },
    };
    const readings = [accepted(usual), refused, accepted({ ...usual, hrBpm: 60 })];
    expect(baselineOfReadings(readings)).toMatchObject({ hrBpm: 59, calibrations: 2 });
    expect(learningOf(readings)).toEqual({ learning: true, have: 2, need: 3 });
    expect(baselineOfReadings([refused])).toBeNull();
  });

  it('judgeReading() checks a demo reading only against demo readings, and a real one only against real ones', () => {
    const upset = { ...usual, kind: 'calibration' as const, hrBpm: 88, lnRmssd: 2.6 };
    // Against this person's real calm it is refused, with one sentence.
    const real = judgeReading(upset, [accepted(usual), accepted({ ...usual, hrBpm: 59 })]);
    expect(real.verdict.accepted).toBe(false);
    if (!real.verdict.accepted) expect(real.verdict.message).toMatch(/\.$/);
    // A demo reading never meets the real ones: with no demo reading before it, nothing is aroused against.
    const demo = judgeReading({ ...upset, demo: true }, [accepted(usual)]);
    expect(demo.verdict.accepted).toBe(true);
  });

  it('a scenario without a demo baseline (the first night) starts with no demo readings', () => {
    expect(demoReadingsOf(null)).toEqual([]);
    expect(demoReadingsOf({ ...baselineOfReadings([accepted(usual)])!, demo: true })).toHaveLength(1);
  });

  it('CalmTail keeps only the calm stretch the partner is in, and gives its last two minutes once it is long enough', () => {
    const tail = new CalmTail();
    for (const beat of beatsAround(90, 0, 60)) tail.push(beat, false);
    expect(tail.lastSpan()).toBeNull();
    const calm = beatsAround(62, 60, 400);
    for (const beat of calm.slice(0, 60)) tail.push(beat, true);
    expect(tail.lastSpan()).toBeNull();
    for (const beat of calm.slice(60)) tail.push(beat, true);
    const span = tail.lastSpan()!;
    expect(span.at(-1)).toEqual(calm.at(-1));
    expect(span.at(-1)!.tSec - span[0]!.tSec).toBeGreaterThanOrEqual(CALM_END_SEC - 2);
    expect(span.at(-1)!.tSec - span[0]!.tSec).toBeLessThanOrEqual(CALM_END_SEC);
    // Leaving the calm ends the stretch.
    tail.push({ tSec: 461, rrMs: 600, hrBpm: 100, afterGap: false }, false);
    expect(tail.lastSpan()).toBeNull();
  });

  it('calmEndOffer() offers a steady calm end as a session-end reading, and says why a flooded one is not offered', () => {
    const meta = { recordedAt: '2026-03-01T21:00:00.000Z', device: 'Polar H10', demo: false };
    expect(calmEndOffer(null, meta)).toBeNull();
    const offer = calmEndOffer(beatsAround(62, 0, CALM_END_SEC + 1), meta);
    expect(offer).toMatchObject({ ok: true, stored: { reading: { kind: 'session-end', demo: false }, verdict: { accepted: true } } });
    const flooded = calmEndOffer(beatsAround(112, 0, CALM_END_SEC + 1), meta);
    expect(flooded).toMatchObject({ ok: false, message: expect.stringMatching(/\S/) });
  });
});

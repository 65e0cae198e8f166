import { describe, expect, it } from 'vitest';
import type { WindowMetrics } from '../../signal/types';
import { BREATHING_HOLD_SEC, holdBreathing, NO_BREATHING, type HeldBreathing } from './held-breathing';

const metrics = (endSec: number, breathsPerMin: number | null, extra: Partial<WindowMetrics> = {}): WindowMetrics => ({
  startSec: endSec - 60,
  endSec,
  beats: 60,
  hrBpm: 62,
  rmssdMs: 40,
  lnRmssd: Math.log(40),
  breathsPerMin,
  breathingConfidence: breathsPerMin === null ? 0 : 0.9,
  artifactRate: 0,
  hrOnly: false,
  ...extra,
});

describe('holdBreathing', () => {
  it('holdBreathing() shows a confident rate as it is, and keeps it, marked as held, through unsure estimates for the hold', () => {
    let shown = holdBreathing(NO_BREATHING, metrics(100, 5.5));
    expect(shown).toEqual({ breathsPerMin: 5.5, held: false, confidentSec: 100 });
    shown = holdBreathing(shown, metrics(110, null));
    expect(shown).toEqual({ breathsPerMin: 5.5, held: true, confidentSec: 100 });
    shown = holdBreathing(shown, metrics(100 + BREATHING_HOLD_SEC, null));
    expect(shown.held).toBe(true);
    shown = holdBreathing(shown, metrics(101 + BREATHING_HOLD_SEC, null));
    expect(shown.breathsPerMin).toBeNull();
    expect(holdBreathing(shown, metrics(140, 6))).toEqual({ breathsPerMin: 6, held: false, confidentSec: 140 });
  });

  it('holdBreathing() holds nothing across a heart-rate-only device or an irregular rhythm: those say why at once', () => {
    const shown = holdBreathing(NO_BREATHING, metrics(100, 5.5));
    expect(holdBreathing(shown, metrics(101, null, { hrOnly: true }))).toEqual(NO_BREATHING);
    expect(holdBreathing(shown, metrics(101, null, { irregular: 'ectopy' }))).toEqual(NO_BREATHING);
    expect(holdBreathing(shown, null)).toEqual(NO_BREATHING);
  });

  it('an estimate that flickers beat by beat turns the figure to "can\'t tell" at most once per hold', () => {
    // Confident on 2 beats out of 3 for a while, then on one beat in 40, then again most beats.
    let shown: HeldBreathing = NO_BREATHING;
    const toCantTell: number[] = [];
    for (let t = 0; t < 600; t += 1) {
      const confident = t < 200 ? t % 3 !== 0 : t < 400 ? t % 40 === 0 : t % 5 !== 0;
      const next = holdBreathing(shown, metrics(t, confident ? 12 + (t % 2) : null));
      if (shown.breathsPerMin !== null && next.breathsPerMin === null) toCantTell.push(t);
      shown = next;
    }
    expect(toCantTell.length).toBeGreaterThan(0);
    for (let i = 1; i < toCantTell.length; i += 1) expect(toCantTell[i] - toCantTell[i - 1]).toBeGreaterThanOrEqual(BREATHING_HOLD_SEC);
  });
});

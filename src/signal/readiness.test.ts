import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPartner, type ReadinessReason } from './readiness';
import { CALM_BASELINE, calmSnapshot, calmWindow } from './readiness-fixtures';
import { READINESS_PARAMS } from './readiness-params';
import type { WindowMetrics } from './types';

const kinds = (reasons: readonly ReadinessReason[]) => reasons.map((r) => r.kind);
/** A calm window at `hrBpm` with no HRV or breathing (a heart-rate-only device, an irregular rhythm). */
const withoutHrv = (hrBpm: number, rest: Partial<WindowMetrics>) =>
  calmWindow(100, { hrBpm, rmssdMs: null, lnRmssd: null, breathsPerMin: null, breathingConfidence: 0, ...rest });

describe('assessPartner', () => {
  it('assessPartner(calm snapshot) is near-baseline and says so with the numbers', () => {
    expect(assessPartner(calmSnapshot(200))).toEqual({
      tSec: 200,
      state: 'near-baseline',
      reasons: [{ kind: 'near-baseline', hrBpm: 70, baselineHrBpm: 68 }],
    });
  });

  it('assessPartner(...) is no-signal when the source is not connected, whatever the data', () => {
    const r = assessPartner(calmSnapshot(10, { link: { kind: 'not-connected', status: 'reconnecting', detail: null } }));
    expect(r).toEqual({
      tSec: 10,
      state: 'no-signal',
      reasons: [{ kind: 'not-connected', status: 'reconnecting', detail: null }],
    });
  });

  it('assessPartner(...) is no-signal when no beat came for the silence span', () => {
    const r = assessPartner(calmSnapshot(10, { link: { kind: 'silent', silentSec: 5 } }));
    expect(r.state).toBe('no-signal');
    expect(r.reasons).toEqual([{ kind: 'no-beat', silentSec: 5 }]);
  });

  it('assessPartner(...) without a baseline judges the first night: a plateau not measurable yet, and nothing else amiss, is calibrating and says first-night', () => {
    const r = assessPartner(calmSnapshot(100, { baseline: null }));
    expect(r).toEqual({
      tSec: 100,
      state: 'calibrating',
      reasons: [{ kind: 'heart-rate-settling', hrBpm: null, earlierHrBpm: null, limitFallBpm: 6 }, { kind: 'first-night' }],
    });
  });

  it('assessPartner(...) is calibrating with less than 60 s of usable beats, and says how much it has', () => {
    const r = assessPartner(calmSnapshot(100, { usableSec: 59.5 }));
    expect(r.state).toBe('calibrating');
    expect(r.reasons).toEqual([{ kind: 'not-enough-data', haveSec: 59.5, needSec: 60 }]);
  });

  it('assessPartner(...) without a baseline and with 30 s of data is calibrating, and says first-night', () => {
    const r = assessPartner(calmSnapshot(30, { usableSec: 30, baseline: null }));
    expect(r.state).toBe('calibrating');
    expect(kinds(r.reasons)).toEqual(['not-enough-data', 'first-night']);
  });

  it('assessPartner(...) is calibrating before the first window', () => {
    const r = assessPartner(calmSnapshot(0, { usableSec: 0, metrics: null }));
    expect(r.state).toBe('calibrating');
  });

  it('assessPartner(...) is calibrating, not out, when an RR device has no RMSSD yet (few clean pairs)', () => {
    const r = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { rmssdMs: null, lnRmssd: null }) }));
    expect(r).toMatchObject({ state: 'calibrating', reasons: [{ kind: 'few-clean-beats' }] });
  });

  it('assessPartner(...) uses HR ≤ baseline × 1.10: 74.8 is in, 74.9 is out (baseline 68)', () => {
    expect(assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { hrBpm: 74.8 }) })).state).toBe('near-baseline');
    const out = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { hrBpm: 74.9 }) }));
    expect(out.state).toBe('out');
    expect(out.reasons).toHaveLength(1);
    expect(out.reasons[0]).toMatchObject({ kind: 'heart-rate-high', hrBpm: 74.9, baselineHrBpm: 68 });
    expect((out.reasons[0] as { limitBpm: number }).limitBpm).toBeCloseTo(74.8, 10);
  });

  it('assessPartner(...) uses lnRMSSD ≥ mean − 1 × SD: 3.6 is in, 3.59 is out (baseline 3.8 ± 0.2)', () => {
    expect(assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { lnRmssd: 3.6 }) })).state).toBe('near-baseline');
    const out = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { lnRmssd: 3.59 }) }));
    expect(out.state).toBe('out');
    expect(out.reasons[0]).toMatchObject({ kind: 'hrv-low', lnRmssd: 3.59, baselineLnRmssd: 3.8 });
    expect((out.reasons[0] as { limitLnRmssd: number }).limitLnRmssd).toBeCloseTo(3.6, 10);
  });

  it('assessPartner(...) floors the baseline SD at 0.10 so a very steady calibration does not make the band razor-thin', () => {
    // Three readings or more: no longer learning, so only the 0.10 floor applies (limit 3.8 − 0.1 = 3.7).
    const baseline = { ...CALM_BASELINE, lnRmssdSd: 0.02, calibrations: 3 };
    expect(assessPartner(calmSnapshot(100, { baseline, metrics: calmWindow(100, { lnRmssd: 3.71 }) })).state).toBe('near-baseline');
    expect(assessPartner(calmSnapshot(100, { baseline, metrics: calmWindow(100, { lnRmssd: 3.69 }) })).state).toBe('out');
    const noSd = { ...CALM_BASELINE, lnRmssdSd: null, calibrations: 3 };
    expect(assessPartner(calmSnapshot(100, { baseline: noSd, metrics: calmWindow(100, { lnRmssd: 3.71 }) })).state).toBe('near-baseline');
  });

  it('assessPartner(...) gives a learning baseline (1 or 2 readings) the prior day-to-day SD 0.20: one reading SD 0.05 → limit 3.8 − 0.2 = 3.6', () => {
    for (const calibrations of [1, 2]) {
      const baseline = { ...CALM_BASELINE, lnRmssdSd: 0.05, calibrations };
      expect(assessPartner(calmSnapshot(100, { baseline, metrics: calmWindow(100, { lnRmssd: 3.61 }) })).state).toBe('near-baseline');
      const out = assessPartner(calmSnapshot(100, { baseline, metrics: calmWindow(100, { lnRmssd: 3.59 }) }));
      expect(out.state).toBe('out');
      expect((out.reasons[0] as { limitLnRmssd: number }).limitLnRmssd).toBeCloseTo(3.6, 10);
    }
    // A wider SD of its own still counts: 0.3 → limit 3.5.
    const wide = { ...CALM_BASELINE, lnRmssdSd: 0.3, calibrations: 1 };
    expect(assessPartner(calmSnapshot(100, { baseline: wide, metrics: calmWindow(100, { lnRmssd: 3.51 }) })).state).toBe('near-baseline');
  });

  it('assessPartner(...) judges a window with fewer than 30 clean pairs on heart rate alone, saying so (few-pairs)', () => {
    // lnRMSSD 2.0 is far below the band and the trend falls, but from 29 pairs neither counts.
    const few = calmSnapshot(100, {
      metrics: calmWindow(100, { lnRmssd: 2, pairs: 29, breathsPerMin: 25 }),
      trend: { tSec: 100, lnRmssdPerMin: -0.5, breathsPerMinPerMin: 0 },
    });
    expect(assessPartner(few)).toMatchObject({
      state: 'near-baseline',
      reasons: [{ kind: 'near-baseline' }, { kind: 'few-pairs', pairs: 29, needPairs: 30 }],
    });
    // Heart rate still decides: 75 > 68 × 1.1 = 74.8.
    const fast = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { hrBpm: 75, pairs: 29 }) }));
    expect(fast.state).toBe('out');
    expect(fast.reasons.map((r) => r.kind)).toEqual(['heart-rate-high', 'few-pairs']);
    // 30 pairs: the HRV rules apply again.
    const enough = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { lnRmssd: 2, pairs: 30 }) }));
    expect(enough.reasons.map((r) => r.kind)).toEqual(['hrv-low']);
    // First night: no very-low-HRV verdict from 12 pairs either.
    const night = assessPartner(
      calmSnapshot(100, {
        baseline: null,
        metrics: calmWindow(100, { lnRmssd: 2, pairs: 12 }),
        settling: { earlierHrBpm: 70, laterHrBpm: 70 },
      }),
    );
    expect(night.state).toBe('near-baseline');
    expect(night.reasons.map((r) => r.kind)).toEqual(['settled', 'few-pairs', 'first-night']);
  });

  it('assessPartner(...) judges a device that drops beats once 30 s of the last minute is covered by beats, however interrupted', () => {
    const covered = (coveredSec: number) => assessPartner(calmSnapshot(100, { usableSec: 10, coveredSec }));
    expect(covered(29.9)).toMatchObject({ state: 'calibrating', reasons: [{ kind: 'not-enough-data', haveSec: 29.9, needSec: 30 }] });
    expect(covered(30).state).toBe('near-baseline');
    // Without coveredSec the strap's rule stands: 60 s of uninterrupted beats.
    expect(assessPartner(calmSnapshot(100, { usableSec: 59 })).state).toBe('calibrating');
  });

  it('assessPartner(...) uses breathing ≤ baseline + 3/min: 15 is in, 15.5 is out (baseline 12)', () => {
    expect(assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { breathsPerMin: 15 }) })).state).toBe('near-baseline');
    const out = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { breathsPerMin: 15.5 }) }));
    expect(out.reasons).toEqual([{ kind: 'breathing-fast', breathsPerMin: 15.5, baselineBreathsPerMin: 12, limitPerMin: 15 }]);
  });

  it('assessPartner(...) ignores a breathing estimate below the confidence threshold, or without a baseline rate', () => {
    const unsure = calmWindow(100, { breathsPerMin: 20, breathingConfidence: 0.49 });
    expect(assessPartner(calmSnapshot(100, { metrics: unsure })).state).toBe('near-baseline');
    const sure = calmWindow(100, { breathsPerMin: 20, breathingConfidence: 0.5 });
    expect(assessPartner(calmSnapshot(100, { metrics: sure })).state).toBe('out');
    const noBaselineRate = { ...CALM_BASELINE, breathsPerMin: null };
    expect(assessPartner(calmSnapshot(100, { metrics: sure, baseline: noBaselineRate })).state).toBe('near-baseline');
  });

  it('assessPartner(...) is out while the 2-minute lnRMSSD trend falls faster than 0.1 per minute', () => {
    const flat = { tSec: 100, lnRmssdPerMin: -0.1, breathsPerMinPerMin: 0 };
    expect(assessPartner(calmSnapshot(100, { trend: flat })).state).toBe('near-baseline');
    const falling = { tSec: 100, lnRmssdPerMin: -0.11, breathsPerMinPerMin: 0 };
    expect(assessPartner(calmSnapshot(100, { trend: falling })).reasons).toEqual([
      { kind: 'hrv-falling', lnRmssdPerMin: -0.11, limitPerMin: -0.1 },
    ]);
    expect(assessPartner(calmSnapshot(100, { trend: null })).state).toBe('near-baseline');
  });

  it('assessPartner(...) is out when more than 10 % of beats are artifacts', () => {
    expect(assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { artifactRate: 0.1 }) })).state).toBe('near-baseline');
    const noisy = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { artifactRate: 0.11 }) }));
    expect(noisy.reasons).toEqual([{ kind: 'artifacts', artifactRate: 0.11, limitRate: 0.1 }]);
    const noisyNoRmssd = assessPartner(
      calmSnapshot(100, { metrics: calmWindow(100, { artifactRate: 0.4, lnRmssd: null, rmssdMs: null }) }),
    );
    expect(noisyNoRmssd.state).toBe('out');
  });

  it('assessPartner(...) lists every missed condition at once', () => {
    const r = assessPartner(
      calmSnapshot(100, {
        metrics: calmWindow(100, { hrBpm: 96, lnRmssd: 3.0, breathsPerMin: 18 }),
        trend: { tSec: 100, lnRmssdPerMin: -0.2, breathsPerMinPerMin: 1 },
      }),
    );
    expect(kinds(r.reasons)).toEqual(['heart-rate-high', 'hrv-low', 'breathing-fast', 'hrv-falling']);
  });

  it('assessPartner(...) is flooded when the flooding tracker says so, even without a baseline', () => {
    const flooding = { flooded: true, hrBpm: 104, limitBpm: 100, sinceSec: 70, clearSinceSec: null, heldSec: 30 };
    const r = assessPartner(calmSnapshot(100, { baseline: null, usableSec: 30, flooding }));
    expect(r).toEqual({
      tSec: 100,
      state: 'flooded',
      reasons: [{ kind: 'flooding', hrBpm: 104, limitBpm: 100, baselineHrBpm: null, heldSec: 30 }, { kind: 'first-night' }],
    });
  });

  it('assessPartner(...) never reports flooded without a signal', () => {
    const flooding = { flooded: true, hrBpm: 104, limitBpm: 100, sinceSec: 70, clearSinceSec: null, heldSec: 30 };
    expect(assessPartner(calmSnapshot(100, { flooding, link: { kind: 'silent', silentSec: 5 } })).state).toBe('no-signal');
  });

  describe('heart-rate-only device', () => {
    const hrOnlyWindow = (hrBpm: number) => withoutHrv(hrBpm, { artifactRate: 0, hrOnly: true });

    it('assessPartner(...) judges on heart rate alone and says it is heart rate only', () => {
      const r = assessPartner(calmSnapshot(100, { metrics: hrOnlyWindow(70), hrOnly: true }));
      expect(r.state).toBe('near-baseline');
      expect(kinds(r.reasons)).toEqual(['near-baseline', 'heart-rate-only']);
      const out = assessPartner(calmSnapshot(100, { metrics: hrOnlyWindow(80), hrOnly: true }));
      expect(kinds(out.reasons)).toEqual(['heart-rate-high', 'heart-rate-only']);
    });

    it('assessPartner(...) never uses RMSSD, breathing or the trend of a heart-rate-only device', () => {
      const r = assessPartner(
        calmSnapshot(100, {
          hrOnly: true,
          metrics: calmWindow(100, { hrBpm: 70, lnRmssd: 1, breathsPerMin: 30, hrOnly: false }),
          trend: { tSec: 100, lnRmssdPerMin: -1, breathsPerMinPerMin: 5 },
        }),
      );
      expect(r.state).toBe('near-baseline');
    });

    it('assessPartner(...) recognises heart-rate-only from the metrics too', () => {
      expect(kinds(assessPartner(calmSnapshot(100, { metrics: hrOnlyWindow(70) })).reasons)).toContain('heart-rate-only');
    });
  });

  describe('irregular rhythm', () => {
    const irregularWindow = (hrBpm: number, artifactRate = 0.07) => withoutHrv(hrBpm, { artifactRate, irregular: 'ectopy' });

    it('assessPartner(...) judges an irregular rhythm on heart rate alone and says HRV is not shown', () => {
      const r = assessPartner(calmSnapshot(100, { metrics: irregularWindow(70) }));
      expect(r.state).toBe('near-baseline');
      expect(r.reasons).toContainEqual({ kind: 'irregular-rhythm', rhythm: 'ectopy' });
      expect(kinds(assessPartner(calmSnapshot(100, { metrics: irregularWindow(80) })).reasons)).toEqual([
        'heart-rate-high',
        'irregular-rhythm',
      ]);
    });

    it('assessPartner(...) still keeps a noisy strap out when the rhythm looks irregular', () => {
      expect(assessPartner(calmSnapshot(100, { metrics: irregularWindow(70, 0.2) })).state).toBe('out');
    });
  });

  it('assessPartner(...) always gives at least one reason, and a near-baseline verdict only when every rule holds (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          hrBpm: fc.double({ min: 40, max: 130, noNaN: true }),
          lnRmssd: fc.option(fc.double({ min: 1, max: 5.5, noNaN: true }), { nil: null }),
          breathsPerMin: fc.option(fc.double({ min: 4, max: 30, noNaN: true }), { nil: null }),
          breathingConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
          artifactRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
          slope: fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null }),
          usableSec: fc.double({ min: 0, max: 600, noNaN: true }),
          hrOnly: fc.boolean(),
        }),
        (x) => {
          const r = assessPartner(
            calmSnapshot(100, {
              usableSec: x.usableSec,
              hrOnly: x.hrOnly,
              metrics: calmWindow(100, {
                hrBpm: x.hrBpm,
                lnRmssd: x.lnRmssd,
                breathsPerMin: x.breathsPerMin,
                breathingConfidence: x.breathingConfidence,
                artifactRate: x.artifactRate,
              }),
              trend: { tSec: 100, lnRmssdPerMin: x.slope, breathsPerMinPerMin: null },
            }),
          );
          expect(r.reasons.length).toBeGreaterThan(0);
          if (r.state === 'near-baseline') {
            const p = READINESS_PARAMS;
            expect(x.usableSec).toBeGreaterThanOrEqual(p.minUsableSec);
            expect(x.hrBpm).toBeLessThanOrEqual(CALM_BASELINE.hrBpm * p.maxHrRatio);
            expect(x.artifactRate).toBeLessThanOrEqual(p.maxArtifactRate);
            if (!x.hrOnly) {
              expect(x.lnRmssd).not.toBeNull();
              expect(x.lnRmssd!).toBeGreaterThanOrEqual(3.6 - 1e-12);
            }
          }
        },
      ),
    );
  });

  it('assessPartner(...) is monotone in heart rate: a lower heart rate never makes a partner less ready (property)', () => {
    const rank = { 'no-signal': 0, calibrating: 0, flooded: 0, out: 1, 'near-baseline': 2 } as const;
    fc.assert(
      fc.property(fc.double({ min: 40, max: 130, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }), (hr, drop) => {
        const high = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { hrBpm: hr }) }));
        const low = assessPartner(calmSnapshot(100, { metrics: calmWindow(100, { hrBpm: Math.max(30, hr - drop) }) }));
        expect(rank[low.state]).toBeGreaterThanOrEqual(rank[high.state]);
      }),
    );
  });

  describe('first night (no baseline)', () => {
    /** The minute before at `earlierHrBpm`, the last minute at 72 bpm. */
    const plateau = (earlierHrBpm: number | null) => ({ earlierHrBpm, laterHrBpm: 72 });
    const firstNight = (earlierHrBpm: number | null, metrics: Partial<WindowMetrics> = {}, rest: Parameters<typeof calmSnapshot>[1] = {}) =>
      calmSnapshot(200, { baseline: null, settling: plateau(earlierHrBpm), metrics: calmWindow(200, { hrBpm: 72, ...metrics }), ...rest });

    it('assessPartner(...) is settled once the last minute is at most 6 bpm below the minute before: 78 → 72 is in, 78.1 → 72 is out', () => {
      expect(assessPartner(firstNight(78))).toEqual({
        tSec: 200,
        state: 'near-baseline',
        reasons: [{ kind: 'settled', hrBpm: 72, earlierHrBpm: 78 }, { kind: 'first-night' }],
      });
      expect(assessPartner(firstNight(78.1))).toEqual({
        tSec: 200,
        state: 'out',
        reasons: [{ kind: 'heart-rate-settling', hrBpm: 72, earlierHrBpm: 78.1, limitFallBpm: 6 }, { kind: 'first-night' }],
      });
      // A rise is not the plateau's business (the absolute limits and the HRV trend see it).
      expect(assessPartner(firstNight(64)).state).toBe('near-baseline');
    });

    it('assessPartner(...) cannot tell yet while there are not two minutes of beats for the plateau: calibrating, with the reason', () => {
      const r = assessPartner(firstNight(null));
      expect(r.state).toBe('calibrating');
      expect(r.reasons[0]).toEqual({ kind: 'heart-rate-settling', hrBpm: 72, earlierHrBpm: null, limitFallBpm: 6 });
    });

    it('assessPartner(...) with the plateau not measurable but another miss is out, with both reasons', () => {
      const r = assessPartner(firstNight(null, { hrBpm: 95 }));
      expect(r.state).toBe('out');
      expect(kinds(r.reasons)).toEqual(['heart-rate-settling', 'heart-rate-above-limit', 'first-night']);
    });

    it('assessPartner(...) with a half too sparse for its mean (a wrist device) cannot tell: calibrating', () => {
      const r = assessPartner(
        calmSnapshot(200, { baseline: null, settling: { earlierHrBpm: 72, laterHrBpm: null }, metrics: calmWindow(200, { hrBpm: 72 }) }),
      );
      expect(r.state).toBe('calibrating');
      expect(r.reasons[0]).toEqual({ kind: 'heart-rate-settling', hrBpm: null, earlierHrBpm: 72, limitFallBpm: 6 });
    });

    it('assessPartner(...) holds back a steady but plainly aroused partner: 90 bpm is in, 90.5 is out, with the limit', () => {
      expect(assessPartner(firstNight(72, { hrBpm: 90 })).state).toBe('near-baseline');
      const r = assessPartner(firstNight(72, { hrBpm: 90.5 }));
      expect(r.state).toBe('out');
      expect(r.reasons).toEqual([{ kind: 'heart-rate-above-limit', hrBpm: 90.5, limitBpm: 90 }, { kind: 'first-night' }]);
    });

    it('assessPartner(...) holds back very low HRV: RMSSD 12 ms (ln 2.4849) is in, 11.9 ms is out', () => {
      const ln12 = Math.log(12);
      expect(assessPartner(firstNight(72, { lnRmssd: ln12, rmssdMs: 12 })).state).toBe('near-baseline');
      const r = assessPartner(firstNight(72, { lnRmssd: Math.log(11.9), rmssdMs: 11.9 }));
      expect(r.state).toBe('out');
      expect(r.reasons[0]).toMatchObject({ kind: 'hrv-very-low', limitLnRmssd: ln12 });
    });

    it('assessPartner(...) holds back fast breathing only where the estimate is confident: 18/min in, 18.5 out, 25 at confidence 0.4 ignored', () => {
      expect(assessPartner(firstNight(72, { breathsPerMin: 18 })).state).toBe('near-baseline');
      expect(assessPartner(firstNight(72, { breathsPerMin: 18.5 })).reasons[0]).toEqual({
        kind: 'breathing-above-limit',
        breathsPerMin: 18.5,
        limitPerMin: 18,
      });
      expect(assessPartner(firstNight(72, { breathsPerMin: 25, breathingConfidence: 0.4 })).state).toBe('near-baseline');
    });

    it('assessPartner(...) holds back falling HRV as with a baseline: −0.1/min in, −0.11/min out', () => {
      const trend = (lnRmssdPerMin: number) => ({ tSec: 200, lnRmssdPerMin, breathsPerMinPerMin: 0 });
      expect(assessPartner(firstNight(72, {}, { trend: trend(-0.1) })).state).toBe('near-baseline');
      expect(assessPartner(firstNight(72, {}, { trend: trend(-0.11) })).reasons[0]).toEqual({
        kind: 'hrv-falling',
        lnRmssdPerMin: -0.11,
        limitPerMin: -0.1,
      });
    });

    it('assessPartner(aroused upset partner: 97 bpm, RMSSD 8 ms, 20 breaths/min, HRV falling) lists every missed condition', () => {
      const r = assessPartner(
        firstNight(
          105,
          { hrBpm: 97, rmssdMs: 8, lnRmssd: Math.log(8), breathsPerMin: 20 },
          { trend: { tSec: 200, lnRmssdPerMin: -0.2, breathsPerMinPerMin: 0 } },
        ),
      );
      expect(r.state).toBe('out');
      expect(kinds(r.reasons)).toEqual([
        'heart-rate-settling',
        'heart-rate-above-limit',
        'hrv-very-low',
        'breathing-above-limit',
        'hrv-falling',
        'first-night',
      ]);
    });

    it('assessPartner(heart-rate-only first night) needs only the plateau and the heart-rate limit', () => {
      const metrics = withoutHrv(72, { artifactRate: 0, hrOnly: true });
      const r = assessPartner(calmSnapshot(200, { baseline: null, settling: plateau(73), metrics, hrOnly: true }));
      expect(r.state).toBe('near-baseline');
      expect(kinds(r.reasons)).toEqual(['settled', 'heart-rate-only', 'first-night']);
    });

    it('assessPartner(...) first night with a noisy strap is out for the artifacts, as with a baseline', () => {
      const r = assessPartner(firstNight(72, { artifactRate: 0.2 }));
      expect(r.state).toBe('out');
      expect(kinds(r.reasons)).toEqual(['artifacts', 'first-night']);
    });
  });
});

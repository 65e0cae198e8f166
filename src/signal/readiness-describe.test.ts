import { describe, expect, it } from 'vitest';
import type { ReadinessReason } from './readiness';
import { describeReason } from './readiness-describe';

describe('describeReason', () => {
  it('describeReason(heart-rate-high, "Sam") reads like the design: "Sam: heart rate 96, usually 68 — give it a few minutes"', () => {
    expect(describeReason({ kind: 'heart-rate-high', hrBpm: 96.4, baselineHrBpm: 67.6, limitBpm: 74.4 }, 'Sam')).toBe(
      'Sam: heart rate 96, usually 68 — give it a few minutes',
    );
  });

  it('describeReason(breathing-fast, "B") names breathing and baseline per minute', () => {
    expect(describeReason({ kind: 'breathing-fast', breathsPerMin: 18.2, baselineBreathsPerMin: 12, limitPerMin: 15 }, 'B')).toMatch(
      /^B: breathing 18\/min, baseline 12\/min/,
    );
  });

  it('describeReason(heart-rate-only, ...) says there is no HRV from this device', () => {
    expect(describeReason({ kind: 'heart-rate-only' }, 'Alex')).toBe('Alex: heart rate only — no HRV from this device');
  });

  it('describeReason(hrv-low, ...) speaks in milliseconds of RMSSD, not log units', () => {
    expect(describeReason({ kind: 'hrv-low', lnRmssd: Math.log(28), baselineLnRmssd: Math.log(45), limitLnRmssd: 3.6 }, 'Sam')).toMatch(
      /^Sam: heart-rate variability 28 ms, usually 45 ms/,
    );
  });

  it('describeReason(no-beat, ...) gives the silence in seconds and what to check', () => {
    expect(describeReason({ kind: 'no-beat', silentSec: 5 }, 'A')).toBe(
      'A: no heartbeat for 5 s — check the strap sits snugly on moist skin',
    );
  });

  it('describeReason(not-enough-data, ...) counts progress toward the minute', () => {
    expect(describeReason({ kind: 'not-enough-data', haveSec: 42.7, needSec: 60 }, 'A')).toBe(
      'A: reading the heartbeat — 42 s of 60 s so far',
    );
  });

  it('describeReason(not-connected, ...) passes on why the strap disconnected', () => {
    expect(describeReason({ kind: 'not-connected', status: 'disconnected', detail: 'out of range' }, 'A')).toBe(
      'A: the strap is disconnected (out of range)',
    );
    expect(describeReason({ kind: 'not-connected', status: 'idle', detail: null }, 'A')).toBe('A: no strap connected yet');
    expect(describeReason({ kind: 'not-connected', status: 'disconnected', detail: 'The recording has ended.' }, 'A')).toBe(
      'A: the strap is disconnected (the recording has ended)',
    );
    expect(describeReason({ kind: 'not-connected', status: 'disconnected', detail: 'GATT error 0x85' }, 'A')).toBe(
      'A: the strap is disconnected (GATT error 0x85)',
    );
  });

  it('describeReason(flooding, ...) suggests a 20-minute break while flooded and notes the way down after', () => {
    expect(describeReason({ kind: 'flooding', hrBpm: 104, limitBpm: 100, baselineHrBpm: 70, heldSec: 25 }, 'Sam')).toMatch(
      /^Sam: heart rate 104 — flooded; a 20-minute break/,
    );
    expect(describeReason({ kind: 'flooding', hrBpm: 92, limitBpm: 100, baselineHrBpm: 70, heldSec: 0 }, 'Sam')).toBe(
      'Sam: heart rate 92, coming down — keep resting',
    );
  });

  it('describeReason(...) falls back to "Partner" for an empty name', () => {
    expect(describeReason({ kind: 'no-baseline' }, '  ')).toMatch(/^Partner: no baseline yet/);
  });

  it('describeReason(...) has calm, non-empty words for every kind, with no NaN or undefined', () => {
    const all: ReadinessReason[] = [
      { kind: 'not-connected', status: 'connecting', detail: null },
      { kind: 'not-connected', status: 'reconnecting', detail: null },
      { kind: 'not-connected', status: 'disconnected', detail: null },
      { kind: 'no-beat', silentSec: 125 },
      { kind: 'not-enough-data', haveSec: 0, needSec: 60 },
      { kind: 'few-clean-beats' },
      { kind: 'no-baseline' },
      { kind: 'heart-rate-high', hrBpm: 80, baselineHrBpm: 70, limitBpm: 77 },
      { kind: 'hrv-low', lnRmssd: 3, baselineLnRmssd: 3.8, limitLnRmssd: 3.6 },
      { kind: 'breathing-fast', breathsPerMin: 18, baselineBreathsPerMin: 12, limitPerMin: 15 },
      { kind: 'hrv-falling', lnRmssdPerMin: -0.2, limitPerMin: -0.05 },
      { kind: 'artifacts', artifactRate: 0.234, limitRate: 0.1 },
      { kind: 'flooding', hrBpm: 110, limitBpm: 100, baselineHrBpm: null, heldSec: 20 },
      { kind: 'heart-rate-only' },
      { kind: 'near-baseline', hrBpm: 70, baselineHrBpm: 68 },
    ];
    for (const reason of all) {
      const text = describeReason(reason, 'Sam');
      expect(text.startsWith('Sam: ')).toBe(true);
      expect(text).not.toMatch(/NaN|undefined|null|!/);
    }
    expect(describeReason(all[3]!, 'Sam')).toContain('2 min');
    expect(describeReason(all[11]!, 'Sam')).toContain('23 %');
  });

  describe('first night', () => {
    it('describeReason(first-night, ...) says how the partner is judged', () => {
      expect(describeReason({ kind: 'first-night' }, 'Sam')).toBe(
        'Sam: first time: judged by how you are settling, not by your usual calm',
      );
    });

    it('describeReason(heart-rate-settling, ...) says the heart rate is still coming down, or that two minutes are needed', () => {
      expect(describeReason({ kind: 'heart-rate-settling', hrBpm: 81.6, earlierHrBpm: 88.4, limitFallBpm: 6 }, 'A')).toBe(
        'A: heart rate 82, down from 88 a minute before — still settling',
      );
      expect(describeReason({ kind: 'heart-rate-settling', hrBpm: null, earlierHrBpm: null, limitFallBpm: 6 }, 'A')).toBe(
        'A: watching your heart rate settle — this takes two minutes',
      );
    });

    it('describeReason(first-night limits, ...) give the number and the limit', () => {
      expect(describeReason({ kind: 'heart-rate-above-limit', hrBpm: 96.7, limitBpm: 90 }, 'B')).toBe(
        'B: heart rate 97, above 90 — give it a few minutes',
      );
      expect(describeReason({ kind: 'hrv-very-low', lnRmssd: Math.log(8), limitLnRmssd: Math.log(12) }, 'B')).toBe(
        'B: heart-rate variability 8 ms, very low (under 12 ms) — slow, easy breathing helps it return',
      );
      expect(describeReason({ kind: 'breathing-above-limit', breathsPerMin: 20.4, limitPerMin: 18 }, 'B')).toBe(
        'B: breathing 20/min, faster than 18/min — try longer, slower out-breaths',
      );
    });

    it('describeReason(settled, ...) says the heart rate has been steady', () => {
      expect(describeReason({ kind: 'settled', hrBpm: 66.2, earlierHrBpm: 67 }, 'A')).toBe(
        'A: heart rate 66, level for two minutes — settled',
      );
    });
  });
});

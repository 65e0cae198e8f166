import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READINESS_PARAMS } from './readiness-params';

const doc = readFileSync(new URL('../../docs/readiness.md', import.meta.url), 'utf8');

describe('READINESS_PARAMS', () => {
  it('READINESS_PARAMS holds the DESIGN.md values of the gate rules', () => {
    expect(READINESS_PARAMS).toMatchObject({
      windowSec: 60,
      minUsableSec: 60,
      noBeatSec: 5,
      maxArtifactRate: 0.1,
      maxHrRatio: 1.1,
      lnRmssdSdMultiplier: 1,
      minLnRmssdSd: 0.1,
      maxBreathsAboveBaselinePerMin: 3,
      trendSpanSec: 120,
      floodingHrBpm: 100,
      floodingAboveBaselineBpm: 20,
      floodingSustainSec: 20,
      gateDwellSec: 30,
      gateHysteresisSec: 15,
      calibrationSec: 180,
    });
  });

  it('READINESS_PARAMS is frozen, so no module can change a threshold behind the others’ backs', () => {
    expect(Object.isFrozen(READINESS_PARAMS)).toBe(true);
  });

  it('READINESS_PARAMS: every parameter has a row with its value and rationale in docs/readiness.md', () => {
    for (const name of Object.keys(READINESS_PARAMS)) {
      expect(doc, name).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|]+ \\| .{20,} \\|$`, 'm'));
    }
  });
});

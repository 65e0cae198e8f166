import { describe, expect, it } from 'vitest';
import type { PartnerState } from '../signal/readiness';
import type { RhythmReading } from '../pipeline/together';
import type { GateStatusView } from './readiness-types';
import type { PacerState } from './shared-pacer';
import { pairCalmOf, rhythmView } from './together';

function gateWith(a: PartnerState, b: PartnerState): GateStatusView {
  const partner = (state: PartnerState) => ({ tSec: 100, state, reasons: [] });
  return {
    state: 'settling',
    tSec: 100,
    partners: { a: partner(a), b: partner(b) },
    reasons: [{ kind: 'partner', partner: 'a', state: a }],
  };
}

const RUNNING: PacerState = { running: true, breathsPerMin: 6, sinceSec: 10, sinceMs: 0 };
const STOPPED: PacerState = { running: false, breathsPerMin: 6, sinceSec: null, sinceMs: null };
const following: RhythmReading = { tSec: 120, coherence: 0.8, peakPerMin: 6.1, pacerPerMin: 6, state: 'following' };

describe('pairCalmOf', () => {
  it('pairCalmOf(gate) is calm exactly for partners near their baseline', () => {
    expect(pairCalmOf(gateWith('near-baseline', 'near-baseline'))).toEqual({ a: true, b: true });
    expect(pairCalmOf(gateWith('near-baseline', 'out'))).toEqual({ a: true, b: false });
    expect(pairCalmOf(gateWith('flooded', 'near-baseline'))).toEqual({ a: false, b: true });
  });

  it('pairCalmOf(gate) is unknown (null) before any gate and while either partner has no signal or no baseline', () => {
    expect(pairCalmOf(null)).toBeNull();
    expect(pairCalmOf(gateWith('no-signal', 'near-baseline'))).toBeNull();
    expect(pairCalmOf(gateWith('near-baseline', 'calibrating'))).toBeNull();
  });
});

describe('rhythmView', () => {
  it('rhythmView(reading, running pacer) passes on a reading judged against the running pace', () => {
    expect(rhythmView(following, RUNNING, false)).toEqual({ state: 'following', coherence: 0.8, pacerPerMin: 6, hrOnly: false });
  });

  it('rhythmView() claims nothing while the pacer is off', () => {
    expect(rhythmView(following, STOPPED, false)).toMatchObject({ state: 'unknown', pacerPerMin: null });
  });

  it('rhythmView() claims nothing from a reading judged against another pace (just after a change of pace)', () => {
    expect(rhythmView({ ...following, pacerPerMin: 60 / 11 }, RUNNING, false)).toMatchObject({ state: 'unknown', pacerPerMin: 6 });
  });

  it('rhythmView() never says a heart-rate-only partner follows or does not follow', () => {
    expect(rhythmView(following, RUNNING, true)).toMatchObject({ state: 'unknown', hrOnly: true });
    expect(rhythmView({ ...following, state: 'not-following' }, RUNNING, true).state).toBe('unknown');
  });

  it('rhythmView(null) before any reading is unknown', () => {
    expect(rhythmView(null, RUNNING, false)).toEqual({ state: 'unknown', coherence: null, pacerPerMin: 6, hrOnly: false });
  });
});

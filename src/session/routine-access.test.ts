import { describe, expect, it } from 'vitest';
import { routineAccess, routinesUnlocked, selfReportAllowed, selfReportCounts, type RoutineAccess } from './routine-access';
import { GATE_STATES, type GateState } from '../pipeline/dyad';

const GATES: readonly (GateState | null)[] = [null, ...GATE_STATES];

/** The expected answer for every combination, written out as a table rather than re-derived. */
const TABLE: Readonly<Record<string, RoutineAccess>> = {
  // gate | self-report complete | any source connected
  'null|false|false': 'locked',
  'null|false|true': 'locked',
  'null|true|false': 'self-report',
  'null|true|true': 'locked',
  'no-signal|false|false': 'locked',
  'no-signal|false|true': 'locked',
  'no-signal|true|false': 'self-report',
  'no-signal|true|true': 'locked',
  'calibrating|false|false': 'locked',
  'calibrating|false|true': 'locked',
  'calibrating|true|false': 'locked',
  'calibrating|true|true': 'locked',
  'settling|false|false': 'locked',
  'settling|false|true': 'locked',
  'settling|true|false': 'locked',
  'settling|true|true': 'locked',
  'ready|false|false': 'gate',
  'ready|false|true': 'gate',
  'ready|true|false': 'gate',
  'ready|true|true': 'gate',
  'flooded|false|false': 'locked',
  'flooded|false|true': 'locked',
  'flooded|true|false': 'locked',
  'flooded|true|true': 'locked',
};

describe('routineAccess', () => {
  for (const gate of GATES) {
    for (const selfReportComplete of [false, true]) {
      for (const anySourceConnected of [false, true]) {
        const key = `${gate}|${selfReportComplete}|${anySourceConnected}`;
        it(`gate ${gate ?? 'none yet'}, check-in ${selfReportComplete ? 'done' : 'not done'}, ${anySourceConnected ? 'a source connected' : 'nothing connected'} → ${TABLE[key]}`, () => {
          const input = { gate, selfReportComplete, anySourceConnected };
          expect(routineAccess(input)).toBe(TABLE[key]);
          expect(routinesUnlocked(input)).toBe(TABLE[key] !== 'locked');
        });
      }
    }
  }

  it('covers every combination in the table', () => {
    expect(Object.keys(TABLE)).toHaveLength(GATES.length * 2 * 2);
  });

  it('never lets a hand check-in override a measured flooded, settling or calibrating gate', () => {
    for (const gate of ['flooded', 'settling', 'calibrating'] as const) {
      for (const anySourceConnected of [false, true]) {
        expect(routinesUnlocked({ gate, selfReportComplete: true, anySourceConnected })).toBe(false);
      }
    }
  });

  it('withdraws a completed check-in the moment a source connects; the measured gate decides from then on', () => {
    const before = { gate: 'no-signal' as const, selfReportComplete: true, anySourceConnected: false };
    expect(routineAccess(before)).toBe('self-report');
    expect(routineAccess({ ...before, anySourceConnected: true })).toBe('locked');
    expect(routineAccess({ ...before, anySourceConnected: true, gate: 'ready' })).toBe('gate');
  });
});

describe('selfReportAllowed', () => {
  it('offers the hand check-in only when no source is connected', () => {
    expect(selfReportAllowed(false)).toBe(true);
    expect(selfReportAllowed(true)).toBe(false);
  });
});

describe('selfReportCounts', () => {
  it('counts a hand check-in only with nothing connected and no measured "not yet"', () => {
    expect(selfReportCounts({ gate: null, anySourceConnected: false })).toBe(true);
    expect(selfReportCounts({ gate: 'no-signal', anySourceConnected: false })).toBe(true);
    expect(selfReportCounts({ gate: 'no-signal', anySourceConnected: true })).toBe(false);
    for (const gate of ['flooded', 'settling', 'calibrating'] as const) {
      expect(selfReportCounts({ gate, anySourceConnected: false })).toBe(false);
    }
  });
});

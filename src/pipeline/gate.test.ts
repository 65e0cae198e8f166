import fc from 'fast-check';
import { distinctUntilChanged, map, Subject, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { PartnerReadiness, PartnerState } from '../signal/readiness';
import { combineGate, type GateStatus } from './gate';
import { initialGate, stepGate } from './gate-machine';

/** One-letter codes for partner states in the marbles below. */
const STATE: Record<string, PartnerState> = {
  n: 'near-baseline',
  o: 'out',
  f: 'flooded',
  s: 'no-signal',
  c: 'calibrating',
};
/** One-letter codes for gate states. */
const GATE = { x: 'no-signal', c: 'calibrating', s: 'settling', r: 'ready', f: 'flooded' } as const;

/**
 * Marble string with one event per [ms, char], in order (1 frame = 1 ms of virtual time); events
 * at the same time are grouped, as in `(xs)`.
 */
function marbles(events: readonly (readonly [number, string])[]): string {
  let out = '';
  let frame = 0;
  for (let i = 0; i < events.length;) {
    const ms = events[i]![0];
    let group = '';
    while (i < events.length && events[i]![0] === ms) group += events[i++]![1];
    const wait = ms - frame;
    if (wait < 0) throw new Error(`marbles: events out of order at ${ms} ms`);
    if (wait > 0) out += ` ${wait}ms `;
    const text = group.length > 1 ? `(${group})` : group;
    out += text;
    frame = ms + text.length;
  }
  return out;
}

/**
 * A partner that sends one update per second from 0 s to `untilSec`, in the state given by
 * `segments` ([fromSec, code], latest start wins); `silentFrom` stops updates after a no-signal.
 */
function partner(segments: readonly (readonly [number, string])[], untilSec: number, silentReports = false): string {
  const events: [number, string][] = [];
  for (let s = 0; s <= untilSec; s += 1) {
    const code = [...segments].reverse().find(([from]) => from <= s)![1];
    events.push([s * 1000, code]);
    // A silent partner sends nothing more, unless it keeps reporting its silence (as the partner
    // pipeline does every 5 s while a connected strap sends no beats).
    if (code === 's' && !silentReports) break;
  }
  return marbles(events);
}

function run(
  aMarbles: string,
  bMarbles: string,
  check: (gate$: Observable<GateStatus>, expect: TestScheduler['expectObservable']) => void,
): void {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  scheduler.run(({ cold, expectObservable }) => {
    const toReadiness = (code: string): PartnerReadiness => ({
      tSec: scheduler.now() / 1000,
      state: STATE[code]!,
      reasons: [],
    });
    const a$ = cold(aMarbles).pipe(map(toReadiness));
    const b$ = cold(bMarbles).pipe(map(toReadiness));
    check(combineGate(a$, b$), expectObservable);
  });
}

/** Gate states as a marble stream of changes only. */
const changes = (gate$: Observable<GateStatus>) =>
  gate$.pipe(
    map((s) => Object.entries(GATE).find(([, v]) => v === s.state)![0]),
    distinctUntilChanged(),
  );

describe('combineGate (marbles in virtual time)', () => {
  it('combineGate(a, b) with both calm is ready exactly after the 30 s dwell', () => {
    run(partner([[0, 'n']], 60), partner([[0, 'n']], 60), (gate$, expectObservable) => {
      expectObservable(changes(gate$)).toBe(
        marbles([
          [0, 'x'],
          [0, 's'],
          [30_000, 'r'],
        ]),
      );
    });
  });

  it('combineGate(a, b) counts the dwell from the later partner to reach baseline', () => {
    run(
      partner(
        [
          [0, 'o'],
          [12, 'n'],
        ],
        60,
      ),
      partner([[0, 'n']], 60),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [42_000, 'r'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) restarts the dwell when a partner leaves baseline before it completes', () => {
    run(
      partner(
        [
          [0, 'n'],
          [20, 'o'],
          [22, 'n'],
        ],
        80,
      ),
      partner([[0, 'n']], 80),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [52_000, 'r'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) stays ready through a 10 s excursion', () => {
    run(
      partner(
        [
          [0, 'n'],
          [100, 'o'],
          [110, 'n'],
        ],
        200,
      ),
      partner([[0, 'n']], 200),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [30_000, 'r'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) closes 15 s into a 20 s excursion, then needs the full dwell again', () => {
    run(
      partner(
        [
          [0, 'n'],
          [100, 'o'],
          [120, 'n'],
        ],
        200,
      ),
      partner([[0, 'n']], 200),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [30_000, 'r'],
            [115_000, 's'],
            [150_000, 'r'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) is flooded as soon as one partner is flooded, even when ready', () => {
    run(
      partner(
        [
          [0, 'n'],
          [50, 'f'],
        ],
        80,
      ),
      partner([[0, 'n']], 80),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [30_000, 'r'],
            [50_000, 'f'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) is flooded when one partner is flooded and the other has no signal', () => {
    run(partner([[0, 'f']], 10), partner([[0, 's']], 0), (gate$, expectObservable) => {
      expectObservable(changes(gate$)).toBe(marbles([[0, 'f']]));
    });
  });

  it('combineGate(a, b) shows no-signal when a strap drops out, at once and for as long as it is silent', () => {
    run(
      partner([[0, 'n']], 120),
      partner(
        [
          [0, 'n'],
          [50, 's'],
        ],
        120,
      ),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [30_000, 'r'],
            [50_000, 'x'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) names the silent partner and never says ready on missing data', () => {
    run(
      partner([[0, 'n']], 120),
      partner(
        [
          [0, 'n'],
          [50, 's'],
        ],
        120,
      ),
      (gate$, expectObservable) => {
        const after = gate$.pipe(
          map((s) => (s.partners.b.state === 'no-signal' && s.tSec > 0 ? `${s.state}:${JSON.stringify(s.reasons)}` : 'before')),
          distinctUntilChanged(),
        );
        expectObservable(after, '^ 119999ms !').toBe(
          marbles([
            [0, 'b'],
            [50_000, 'x'],
          ]),
          {
            b: 'before',
            x: 'no-signal:[{"kind":"partner","partner":"b","state":"no-signal"}]',
          },
        );
      },
    );
  });

  it('combineGate(a, b) is no-signal while one partner has not reported, waiting 5 s for it before going on', () => {
    run(partner([[0, 'n']], 40), '-', (gate$, expectObservable) => {
      expectObservable(changes(gate$)).toBe(marbles([[5_000, 'x']]));
    });
  });

  it('combineGate(a, b) passes on that both partners lost their signal, with both reasons', () => {
    run(
      partner(
        [
          [0, 'n'],
          [40, 's'],
        ],
        60,
        true,
      ),
      partner(
        [
          [0, 'n'],
          [45, 's'],
        ],
        60,
        true,
      ),
      (gate$, expectObservable) => {
        const both = gate$.pipe(
          map((s) => `${s.state}:${s.partners.a.state}:${s.partners.b.state}`),
          distinctUntilChanged(),
        );
        expectObservable(both).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [30_000, 'r'],
            [40_000, 'o'],
            [45_000, 'b'],
          ]),
          {
            x: 'no-signal:near-baseline:no-signal',
            s: 'settling:near-baseline:near-baseline',
            r: 'ready:near-baseline:near-baseline',
            o: 'no-signal:no-signal:near-baseline',
            b: 'no-signal:no-signal:no-signal',
          },
        );
      },
    );
  });

  it('combineGate(a, b) is calibrating while either partner calibrates, and never ready then', () => {
    run(
      partner(
        [
          [0, 'c'],
          [60, 'n'],
        ],
        100,
      ),
      partner([[0, 'n']], 100),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 'c'],
            [60_000, 's'],
            [90_000, 'r'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) closes at once, without grace, when a ready partner starts calibrating (missing data)', () => {
    run(
      partner(
        [
          [0, 'n'],
          [40, 'c'],
          [45, 'n'],
        ],
        100,
      ),
      partner([[0, 'n']], 100),
      (gate$, expectObservable) => {
        expectObservable(changes(gate$)).toBe(
          marbles([
            [0, 'x'],
            [0, 's'],
            [30_000, 'r'],
            [40_000, 'c'],
            [45_000, 's'],
            [75_000, 'r'],
          ]),
        );
      },
    );
  });

  it('combineGate(a, b) shares one gate and replays the latest status to a late subscriber', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold(partner([[0, 'n']], 40));
      const b = cold(partner([[0, 'n']], 40));
      const toReadiness = (code: string): PartnerReadiness => ({ tSec: scheduler.now() / 1000, state: STATE[code]!, reasons: [] });
      const gate$ = combineGate(a.pipe(map(toReadiness)), b.pipe(map(toReadiness)));
      const state$ = gate$.pipe(map((s) => `${s.state}@${s.tSec}`));
      expectObservable(state$, '^ 35999ms !').toBe(expectedEvery(0, 35), everyValues(0, 35));
      // Joins at 32.5 s: receives the 32 s status at once, then the live ones.
      expectObservable(state$, '32500ms ^ 3499ms !').toBe(
        marbles([
          [32_500, 'w'],
          [33_000, 'x'],
          [33_000, 'x'],
          [34_000, 'y'],
          [34_000, 'y'],
          [35_000, 'z'],
          [35_000, 'z'],
        ]),
        {
          w: 'ready@32',
          x: 'ready@33',
          y: 'ready@34',
          z: 'ready@35',
        },
      );
      // One subscription to each partner for both subscribers, torn down when the last one leaves.
      expectSubscriptions(a.subscriptions).toBe('^ 35999ms !');
      expectSubscriptions(b.subscriptions).toBe('^ 35999ms !');
    });
  });

  it('combineGate(a, b, options) rejects negative timings with a clear error', () => {
    expect(() => combineGate(cold$(), cold$(), { dwellSec: -1 })).toThrow(/^combineGate: dwellSec and hysteresisSec must be ≥ 0/);
  });
});

/** Expected `state@t` marbles for a calm pair from `fromSec` through `toSec`, one per second. */
function expectedEvery(fromSec: number, toSec: number): string {
  const events: [number, string][] = [];
  events.push([0, '_']); // before partner b's first update, b is unknown: no signal
  // One status per partner update: a's, then b's, at every second (at 0 s, a's is the no-signal above).
  events.push([0, String.fromCharCode(0x4e00)]);
  for (let s = fromSec + 1; s <= toSec; s += 1) {
    const key = String.fromCharCode(0x4e00 + s);
    events.push([s * 1000, key], [s * 1000, key]);
  }
  return marbles(events);
}
function everyValues(fromSec: number, toSec: number): Record<string, string> {
  const values: Record<string, string> = { _: 'no-signal@0' };
  for (let s = fromSec; s <= toSec; s += 1) values[String.fromCharCode(0x4e00 + s)] = `${s >= 30 ? 'ready' : 'settling'}@${s}`;
  return values;
}
function cold$(): Observable<PartnerReadiness> {
  return new TestScheduler(() => undefined).createColdObservable<PartnerReadiness>('-');
}

describe('stepGate', () => {
  const update = (tSec: number, state: PartnerState): PartnerReadiness => ({ tSec, state, reasons: [] });

  it('stepGate(...) places the dwell transition at its exact event time when updates are sparse', () => {
    let m = initialGate();
    const out: GateStatus[] = [];
    for (const [p, u] of [
      ['a', update(0, 'near-baseline')],
      ['b', update(0, 'near-baseline')],
      ['a', update(45, 'near-baseline')],
    ] as const) {
      const step = stepGate(m, p, u);
      m = step.machine;
      out.push(...step.statuses);
    }
    expect(out.map((s) => `${s.state}@${s.tSec}`)).toEqual(['no-signal@0', 'settling@0', 'ready@30', 'ready@45']);
  });

  it('stepGate(...) places the hysteresis close at its exact event time when updates are sparse', () => {
    let m = initialGate();
    const statuses: GateStatus[] = [];
    const steps = [
      ['a', update(0, 'near-baseline')],
      ['b', update(0, 'near-baseline')],
      ['a', update(30, 'near-baseline')],
      ['a', update(40, 'out')],
      ['a', update(70, 'near-baseline')],
    ] as const;
    for (const [p, u] of steps) {
      const step = stepGate(m, p, u);
      m = step.machine;
      statuses.push(...step.statuses);
    }
    expect(statuses.map((s) => `${s.state}@${s.tSec}`)).toEqual([
      'no-signal@0',
      'settling@0',
      'ready@30',
      'ready@40',
      'settling@55',
      'settling@70',
    ]);
    expect(statuses[3]!.reasons).toEqual([{ kind: 'holding', partner: 'a', outSec: 0, graceSec: 15 }]);
  });

  it('stepGate(...) reports the dwell progress while settling', () => {
    let m = stepGate(initialGate(), 'a', update(0, 'near-baseline')).machine;
    m = stepGate(m, 'b', update(0, 'near-baseline')).machine;
    const step = stepGate(m, 'a', update(12, 'near-baseline'));
    expect(step.statuses.at(-1)!.reasons).toEqual([{ kind: 'dwell', heldSec: 12, needSec: 30 }]);
  });

  it('stepGate(...) never lets the gate clock run backwards', () => {
    let m = stepGate(initialGate(), 'a', update(10, 'near-baseline')).machine;
    const step = stepGate(m, 'b', update(5, 'near-baseline'));
    m = step.machine;
    expect(step.statuses.at(-1)!.tSec).toBe(10);
    expect(m.tSec).toBe(10);
  });
});

describe('combineGate (event-time merge, property)', () => {
  it('combineGate(a, b) gives the same transitions however late (up to 4 s) each partner’s updates arrive, never ready on missing data', () => {
    const codes = ['n', 'n', 'n', 'o', 'c', 'f', 's'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 80 }),
        fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 160 }),
        (aCodes, bCodes, delays) => {
          // Partner a reports at whole seconds, b half a second later: no exact ties.
          const lane = (cs: readonly string[], offset: number): PartnerReadiness[] =>
            cs.map((c, i) => ({ tSec: i + offset, state: STATE[c]!, reasons: [] }));
          const a = lane(aCodes, 0);
          const b = lane(bCodes, 0.5);
          const play = (order: readonly ('a' | 'b')[]): string[] => {
            const a$ = new Subject<PartnerReadiness>();
            const b$ = new Subject<PartnerReadiness>();
            const seen: string[] = [];
            combineGate(a$, b$).subscribe((s) => seen.push(`${s.state}@${s.tSec}`));
            let i = 0;
            let j = 0;
            for (const p of order) {
              if (p === 'a') a$.next(a[i++]!);
              else b$.next(b[j++]!);
            }
            a$.complete();
            b$.complete();
            return seen.filter((x, k) => k === 0 || x.split('@')[0] !== seen[k - 1]!.split('@')[0]);
          };
          // Canonical arrival: in event-time order.
          const canonical = [...a.map((u) => ['a', u.tSec] as const), ...b.map((u) => ['b', u.tSec] as const)]
            .sort((x, y) => x[1] - y[1])
            .map(([p]) => p);
          // Real arrival: each update delayed by 0–4 s of event time (less than the 5 s quiet lag),
          // each lane still in its own order.
          let k = 0;
          const arrivals = (updates: readonly PartnerReadiness[], p: 'a' | 'b') => {
            let last = -Infinity;
            return updates.map((u) => {
              last = Math.max(last, u.tSec + (delays[k++ % delays.length]! * 4) / 1000);
              return [p, last] as const;
            });
          };
          const shuffled = [...arrivals(a, 'a'), ...arrivals(b, 'b')].sort((x, y) => x[1] - y[1]).map(([p]) => p);
          expect(play(shuffled)).toEqual(play(canonical));
          // Invariants of every status: never ready on missing data, flooded exactly when a partner is.
          const a$ = new Subject<PartnerReadiness>();
          const b$ = new Subject<PartnerReadiness>();
          combineGate(a$, b$).subscribe((status) => {
            const states = [status.partners.a.state, status.partners.b.state];
            if (status.state === 'ready') expect(states.every((x) => x === 'near-baseline' || x === 'out')).toBe(true);
            expect(status.state === 'flooded').toBe(states.includes('flooded'));
            if (status.state !== 'flooded' && states.includes('no-signal')) expect(status.state).toBe('no-signal');
            expect(status.reasons.length).toBeGreaterThan(0);
          });
          for (const p of shuffled) (p === 'a' ? a$ : b$).next((p === 'a' ? a : b).shift()!);
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualTimeScheduler } from 'rxjs';
import { checkPace, createSharedPacer, formatPace, GROUNDING_BREATHS_PER_MIN, type PacerEvent, type PacerState } from './shared-pacer';

function setup() {
  let clockSec = 0;
  const scheduler = new VirtualTimeScheduler();
  const pacer = createSharedPacer(() => clockSec, scheduler);
  const events: PacerEvent[] = [];
  const states: PacerState[] = [];
  pacer.events$.subscribe((event) => events.push(event));
  pacer.state$.subscribe((state) => states.push(state));
  return {
    pacer,
    events,
    states,
    at(sec: number) {
      clockSec = sec;
    },
  };
}

describe('createSharedPacer', () => {
  it('createSharedPacer() starts stopped at the 4-1-6 grounding breath, 60/11 breaths a minute', () => {
    const { pacer } = setup();
    expect(pacer.current()).toEqual({ running: false, breathsPerMin: 60 / 11, sinceSec: null, sinceMs: null });
    expect(GROUNDING_BREATHS_PER_MIN).toBeCloseTo(5.4545, 4);
  });

  it('start(), setRate() and stop() are each recorded once, at the session clock', () => {
    const { pacer, events, at } = setup();
    at(12);
    pacer.start();
    pacer.start();
    at(40);
    pacer.setRate(6);
    pacer.setRate(6);
    at(75.5);
    pacer.stop();
    pacer.stop();
    expect(events).toEqual([
      { kind: 'start', breathsPerMin: 60 / 11, tSec: 12 },
      { kind: 'rate', breathsPerMin: 6, tSec: 40 },
      { kind: 'stop', breathsPerMin: 6, tSec: 75.5 },
    ]);
  });

  it('setRate() while stopped keeps the pace for the next start and records nothing', () => {
    const { pacer, events, at } = setup();
    pacer.setRate(4.5);
    expect(events).toEqual([]);
    at(3);
    pacer.start();
    expect(pacer.current()).toMatchObject({ running: true, breathsPerMin: 4.5, sinceSec: 3 });
    expect(events).toEqual([{ kind: 'start', breathsPerMin: 4.5, tSec: 3 }]);
  });

  it('start(rate) on a running pacer at another pace is a change of pace, and the breath starts over', () => {
    const { pacer, events, at } = setup();
    pacer.start();
    at(20);
    pacer.start(7);
    expect(events.at(-1)).toEqual({ kind: 'rate', breathsPerMin: 7, tSec: 20 });
    expect(pacer.current().sinceSec).toBe(20);
  });

  it('setRate() refuses a pace outside 4–7 breaths a minute with a specific error and keeps the old one', () => {
    const { pacer } = setup();
    pacer.start(6);
    expect(() => pacer.setRate(3.9)).toThrow('pacer: the pace must be between 4 and 7 breaths a minute, not 3.9');
    expect(() => pacer.setRate(Number.NaN)).toThrow(/pacer: the pace must be between 4 and 7/);
    expect(() => pacer.start(12)).toThrow(/not 12/);
    expect(pacer.current()).toMatchObject({ running: true, breathsPerMin: 6 });
  });

  it('checkPace(x) accepts exactly the paces from 4 to 7', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20, noNaN: true }), (x) => {
        const inRange = x >= 4 && x <= 7;
        if (inRange) expect(checkPace(x)).toBe(x);
        else expect(() => checkPace(x)).toThrow();
      }),
    );
  });
});

describe('formatPace', () => {
  it('formatPace() writes breaths a minute to two decimals without trailing zeros', () => {
    expect(formatPace(60 / 11)).toBe('5.45');
    expect(formatPace(6)).toBe('6');
    expect(formatPace(4.5)).toBe('4.5');
  });
});

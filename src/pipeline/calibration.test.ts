import { from, NEVER, Subject, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
// Tests assemble a simulated strap with the pipeline, as the app's composition root does.
// eslint-disable-next-line no-restricted-imports
import { demoBaseline } from '../sim/demo-baseline';
// eslint-disable-next-line no-restricted-imports
import { createSimulatorSource } from '../sim/simulator-source';
// eslint-disable-next-line no-restricted-imports
import { simulateRr } from '../sim/simulator';
import type { Beat } from '../signal/types';
import { calibrate, CalibrationError, type CalibrationEvent } from './calibration';

const device = 'Polar H10 1A2B3C';

/** Runs `calibrate` in virtual time and collects what it emits, when, and how it ended. */
function collect(make: (scheduler: TestScheduler) => { beats$: Observable<Beat>; start?: () => void; speed?: number }): {
  events: CalibrationEvent[];
  error: unknown;
  completedAtMs: number | null;
  erroredAtMs: number | null;
} {
  const scheduler = new TestScheduler(() => undefined);
  const events: CalibrationEvent[] = [];
  let error: unknown = null;
  let completedAtMs: number | null = null;
  let erroredAtMs: number | null = null;
  scheduler.run(() => {
    const { beats$, start, speed } = make(scheduler);
    calibrate(beats$, { device, scheduler, speed, recordedAt: '2026-11-25T08:00:00.000Z' }).subscribe({
      next: (e) => events.push(e),
      error: (e: unknown) => {
        error = e;
        erroredAtMs = scheduler.now();
      },
      complete: () => (completedAtMs = scheduler.now()),
    });
    start?.();
  });
  return { events, error, completedAtMs, erroredAtMs };
}

function beatsOf(sim: { tSec: number[]; rrMs: number[]; afterGap?: boolean[] }): Beat[] {
  return sim.tSec.map((tSec, i) => ({ tSec, rrMs: sim.rrMs[i]!, hrBpm: 60_000 / sim.rrMs[i]!, afterGap: sim.afterGap?.[i] ?? false }));
}

describe('calibrate', () => {
  it('calibrate(simulated calm strap) reports progress and ends with a baseline close to the calm physiology', () => {
    const { events, error, completedAtMs } = collect((scheduler) => {
      const source = createSimulatorSource({ scenario: 'calm', partner: 'a', scheduler, durationSec: 240 });
      return { beats$: source.beats$, start: () => void source.connect() };
    });
    expect(error).toBeNull();
    const done = events.at(-1)!;
    expect(done.kind).toBe('done');
    if (done.kind !== 'done') return;
    const truth = demoBaseline('calm', 'a');
    expect(done.baseline.hrBpm).toBeCloseTo(truth.hrBpm, -0.5); // within ±1.6 bpm
    expect(Math.abs(done.baseline.lnRmssdMean! - truth.lnRmssdMean!)).toBeLessThan(0.25);
    expect(Math.abs(done.baseline.breathsPerMin! - truth.breathsPerMin!)).toBeLessThan(2);
    expect(done.baseline).toMatchObject({ device, recordedAt: '2026-11-25T08:00:00.000Z', calibrations: 1, demo: false });
    expect(done.windows).toHaveLength(5);
    // Completes on the first beat at or after 3 minutes of event time (played at 1×).
    expect(completedAtMs).toBeGreaterThanOrEqual(180_000);
    expect(completedAtMs).toBeLessThan(182_000);
  });

  it('calibrate(...) progress rises from near 0 to exactly 1, with seconds left counting down to 0', () => {
    const sim = simulateRr({ durationSec: 200, scenario: 'calm', partner: 'b', seed: 7 });
    const { events } = collect(() => ({ beats$: from(beatsOf(sim)) }));
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress[0]!.fraction).toBeLessThan(0.01);
    expect(progress.at(-1)).toMatchObject({ fraction: 1, secondsLeft: 0 });
    expect(progress[0]!.secondsLeft).toBe(180);
    for (let i = 1; i < progress.length; i += 1) {
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    }
    expect(events.at(-1)!.kind).toBe('done');
  });

  it('calibrate(...) fails clearly when the recording ends early', () => {
    const sim = simulateRr({ durationSec: 95, scenario: 'calm', partner: 'a', seed: 3 });
    const { error } = collect(() => ({ beats$: from(beatsOf(sim)) }));
    expect(error).toBeInstanceOf(CalibrationError);
    expect((error as CalibrationError).problem).toMatchObject({ kind: 'too-short', needSec: 180 });
    expect((error as Error).message).toMatch(/^calibrate: the recording stopped after 9[45] s/);
  });

  it('calibrate(...) fails when more than 10 % of beats are artifacts, and says so', () => {
    const sim = simulateRr({ durationSec: 200, scenario: 'calm', partner: 'a', seed: 3, artifacts: { ectopic: 0.08, missed: 0.05 } });
    const { error } = collect(() => ({ beats$: from(beatsOf(sim)) }));
    expect(error).toBeInstanceOf(CalibrationError);
    expect((error as CalibrationError).problem.kind).toBe('noisy');
    expect((error as Error).message).toMatch(/^calibrate: the signal was too noisy \(\d+ % of beats unclear; at most 10 %\)/);
  });

  it('calibrate(...) fails after 15 s when no beat ever arrives (scheduler time at 1×)', () => {
    const { error, erroredAtMs } = collect(() => ({ beats$: NEVER }));
    expect((error as CalibrationError).problem).toEqual({ kind: 'no-beats', silentSec: 15 });
    expect(erroredAtMs).toBe(15_000);
  });

  it('calibrate(...) scales the silence timeout by the source speed, with a 1 s floor', () => {
    expect(collect(() => ({ beats$: NEVER, speed: 10 })).erroredAtMs).toBe(1_500);
    expect(collect(() => ({ beats$: NEVER, speed: 50 })).erroredAtMs).toBe(1_000);
  });

  it('calibrate(...) fails when the strap goes silent for 5 s mid-way', () => {
    const { error, events } = collect((scheduler) => {
      const source = createSimulatorSource({
        scenario: 'calm',
        partner: 'a',
        scheduler,
        dropouts: { at: [{ startSec: 60, durationSec: 30 }] },
        durationSec: 240,
      });
      return { beats$: source.beats$, start: () => void source.connect() };
    });
    expect((error as CalibrationError).problem).toEqual({ kind: 'no-beats', silentSec: 5 });
    expect((error as Error).message).toBe('calibrate: no heartbeat for 5 s — check that the strap is on, moist and connected');
    expect(events.every((e) => e.kind === 'progress')).toBe(true);
  });

  it('calibrate(...) stops listening to the beats when unsubscribed', () => {
    const beats = new Subject<Beat>();
    const scheduler = new TestScheduler(() => undefined);
    scheduler.run(() => {
      const sub = calibrate(beats, { device, scheduler }).subscribe();
      expect(beats.observed).toBe(true);
      sub.unsubscribe();
      expect(beats.observed).toBe(false);
    });
  });

  it('calibrate(...) rejects a bad speed or an empty device name with a clear error', () => {
    expect(() => calibrate(NEVER, { device, speed: 0 })).toThrow('calibrate: speed must be a positive number (got 0)');
    expect(() => calibrate(NEVER, { device: ' ' })).toThrow('calibrate: device name is empty');
  });
});

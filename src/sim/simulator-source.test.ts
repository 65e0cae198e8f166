import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Beat } from '../signal/types';
import { describeHeartRateSourceContract } from '../sources/heart-rate-source.contract';
import type { SourceStatus } from '../sources/heart-rate-source';
import { createSimulatorSource } from './simulator-source';
import { scenarioSeed, simulateRr } from './simulator';

describeHeartRateSourceContract('createSimulatorSource', () => ({
  source: createSimulatorSource({ scenario: 'calm', partner: 'a' }),
  advance: (ms) => vi.advanceTimersByTimeAsync(ms),
}));

describeHeartRateSourceContract('createSimulatorSource (heart-rate-only device)', () => ({
  source: createSimulatorSource({ scenario: 'hr-only', partner: 'b' }),
  advance: (ms) => vi.advanceTimersByTimeAsync(ms),
}));

describe('createSimulatorSource', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function collect(source: ReturnType<typeof createSimulatorSource>): { beats: Beat[]; statuses: SourceStatus[] } {
    const out = { beats: [] as Beat[], statuses: [] as SourceStatus[] };
    source.beats$.subscribe((b) => out.beats.push(b));
    source.status$.subscribe((s) => out.statuses.push(s));
    return out;
  }

  it('createSimulatorSource(options) plays simulateRr in event time, speed times faster than the clock', async () => {
    const source = createSimulatorSource({ scenario: 'conflict', partner: 'a', speed: 10 });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(30_000);
    await source.disconnect();
    const truth = simulateRr({ durationSec: 300, scenario: 'conflict', partner: 'a', seed: scenarioSeed('conflict', 'a') });
    expect(out.beats.length).toBeGreaterThan(300);
    out.beats.forEach((beat, i) => {
      expect(beat.tSec).toBe(truth.tSec[i]);
      expect(beat.rrMs).toBe(truth.rrMs[i]);
      expect(beat.hrBpm).toBeCloseTo(60_000 / truth.rrMs[i], 9);
    });
    expect(out.beats[out.beats.length - 1].tSec).toBeGreaterThan(295);
  });

  it('createSimulatorSource(options) is deterministic: the same options give the same beats', async () => {
    const one = createSimulatorSource({ scenario: 'flooded', partner: 'a', seed: 5, speed: 20 });
    const two = createSimulatorSource({ scenario: 'flooded', partner: 'a', seed: 5, speed: 20 });
    const a = collect(one);
    const b = collect(two);
    await Promise.all([one.connect(), two.connect()]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(a.beats.length).toBeGreaterThan(100);
    expect(b.beats).toEqual(a.beats);
    await Promise.all([one.disconnect(), two.disconnect()]);
  });

  it('createSimulatorSource(options) reports partner b of hr-only as a heart-rate-only device, one sample a second', async () => {
    const source = createSimulatorSource({ scenario: 'hr-only', partner: 'b', speed: 5 });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(12_000);
    await source.disconnect();
    expect(out.statuses.find((s) => s.kind === 'connected')).toMatchObject({ hrOnly: true, batteryPercent: null });
    expect(out.beats.length).toBeGreaterThanOrEqual(58);
    for (const [i, beat] of out.beats.entries()) {
      expect(beat.rrMs).toBeNull();
      expect(Number.isInteger(beat.hrBpm)).toBe(true);
      expect(beat.hrBpm).toBeGreaterThan(55);
      expect(beat.hrBpm).toBeLessThan(90);
      if (i > 0) expect(beat.tSec - out.beats[i - 1].tSec).toBe(1);
    }
  });

  it('createSimulatorSource(options) skips heart-rate-only samples during a dropout and marks the next one', async () => {
    const source = createSimulatorSource({
      scenario: 'hr-only',
      partner: 'b',
      speed: 10,
      dropouts: { at: [{ startSec: 20.5, durationSec: 6 }] },
    });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(4000);
    await source.disconnect();
    const times = out.beats.map((b) => b.tSec);
    expect(times.some((t) => t > 21 && t < 26)).toBe(false);
    const resumed = out.beats.find((b) => b.tSec >= 26);
    expect(resumed?.afterGap).toBe(true);
    expect(out.beats.filter((b) => b.afterGap)).toHaveLength(1);
    expect(out.beats.every((b) => b.rrMs === null)).toBe(true);
  });

  it('createSimulatorSource(options) marks the first beat after a dropout and sends nothing during it', async () => {
    const source = createSimulatorSource({
      scenario: 'calm',
      partner: 'b',
      speed: 10,
      dropouts: { at: [{ startSec: 30, durationSec: 8 }] },
    });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(6000);
    await source.disconnect();
    expect(out.beats.some((b) => b.tSec >= 30 && b.tSec < 38)).toBe(false);
    const first = out.beats.find((b) => b.tSec >= 38);
    expect(first?.afterGap).toBe(true);
    expect(out.beats.filter((b) => b.afterGap)).toHaveLength(1);
    expect(out.statuses.filter((s) => s.kind === 'connected')).toHaveLength(1);
  });

  it('createSimulatorSource(options) carries on in simulated time while disconnected', async () => {
    const source = createSimulatorSource({ scenario: 'calm', partner: 'a', speed: 4 });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(5000);
    await source.disconnect();
    await vi.advanceTimersByTimeAsync(10_000);
    await source.connect();
    await vi.advanceTimersByTimeAsync(5000);
    await source.disconnect();
    const resumed = out.beats.find((b) => b.afterGap);
    expect(resumed?.tSec).toBeGreaterThanOrEqual(60);
    expect(resumed?.tSec).toBeLessThan(62);
  });

  it('createSimulatorSource(options) ends with an ended status when the simulation has a duration', async () => {
    const source = createSimulatorSource({ scenario: 'calm', partner: 'a', speed: 100, durationSec: 60 });
    const out = collect(source);
    await source.connect();
    await vi.advanceTimersByTimeAsync(2000);
    expect(out.statuses[out.statuses.length - 1]).toEqual({ kind: 'disconnected', reason: 'The simulation has ended.', code: 'ended' });
    expect(vi.getTimerCount()).toBe(0);
    await source.connect();
    expect(out.statuses[out.statuses.length - 1].kind).toBe('disconnected');
  });

  it('createSimulatorSource(options) rejects a bad scenario, partner or speed', () => {
    expect(() => createSimulatorSource({ scenario: 'party' as never, partner: 'a' })).toThrow(
      'createSimulatorSource: unknown scenario "party"',
    );
    expect(() => createSimulatorSource({ scenario: 'calm', partner: 'c' as never })).toThrow('createSimulatorSource: unknown partner "c"');
    expect(() => createSimulatorSource({ scenario: 'calm', partner: 'a', speed: 0 })).toThrow(
      'createSimulatorSource: speed must be a number in (0, 100000], got 0',
    );
  });
});

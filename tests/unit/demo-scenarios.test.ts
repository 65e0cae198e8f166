/**
 * The demo scenarios end to end in event time: simulator sources → partner pipelines with the demo
 * baselines → the two-person gate (DESIGN.md, Page URLs). Pins what each scenario is for: `calm`
 * opens the gate soon, `conflict` only after partner A has recovered (3.5–8 minutes), `flooded`
 * holds the break, `hr-only` works with a heart-rate-only partner, `first-night` (no baselines)
 * opens only once both have settled.
 */
import { of } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scenarioBaseline } from '../../src/sim/demo-baseline';
import { FIRST_NIGHT_CALM_FROM_SEC } from '../../src/sim/scenarios';
import type { Scenario } from '../../src/sim/simulator';
import { createSimulatorSource } from '../../src/sim/simulator-source';
import { combineGate } from '../../src/pipeline/gate';
import { createPartnerPipeline } from '../../src/pipeline/partner-pipeline';

const SPEED = 100;

/** Gate states over `minutes` of beat time, as [event-time second of the change, state]. */
async function gateTimeline(scenario: Scenario, minutes: number): Promise<[number, string][]> {
  const parts = (['a', 'b'] as const).map((partner) => {
    const source = createSimulatorSource({ scenario, partner, speed: SPEED });
    const pipeline = createPartnerPipeline({
      beats$: source.beats$,
      status$: source.status$,
      baseline$: of(scenarioBaseline(scenario, partner)),
      speed: SPEED,
    });
    return { source, pipeline };
  });
  const changes: [number, string][] = [];
  const subscription = combineGate(parts[0].pipeline.readiness$, parts[1].pipeline.readiness$).subscribe((gate) => {
    if (changes.length === 0 || changes[changes.length - 1][1] !== gate.state) changes.push([gate.tSec, gate.state]);
  });
  await Promise.all(parts.map((p) => p.source.connect()));
  await vi.advanceTimersByTimeAsync(((minutes * 60) / SPEED) * 1000);
  subscription.unsubscribe();
  await Promise.all(parts.map((p) => p.source.disconnect()));
  return changes;
}

const firstAt = (changes: [number, string][], state: string): number | undefined => changes.find(([, s]) => s === state)?.[0];

describe('demo scenarios through the readiness gate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calm: the gate is ready within two minutes and stays ready', async () => {
    const changes = await gateTimeline('calm', 10);
    const ready = firstAt(changes, 'ready');
    expect(ready).toBeLessThan(120);
    expect(changes.filter(([t]) => t > (ready ?? 0)).map(([, s]) => s)).toEqual([]);
  });

  it('conflict: partner A holds the gate shut, then it opens within 3.5–8 minutes, without a flooding break', async () => {
    const changes = await gateTimeline('conflict', 10);
    const ready = firstAt(changes, 'ready');
    // About 3.9 min: the demo baseline is one calibration, so its lnRMSSD band is a learning band
    // (prior day-to-day SD 0.20, not the 30-minute simulation's own SD floored at 0.10) and A's
    // recovering HRV counts a minute sooner than it did against the narrower band.
    expect(ready).toBeGreaterThan(210);
    expect(ready).toBeLessThan(480);
    expect(changes.map(([, s]) => s)).not.toContain('flooded');
    expect(changes.map(([, s]) => s)).toContain('settling');
  });

  it('flooded: the gate is flooded within a minute and stays so through the break', async () => {
    const changes = await gateTimeline('flooded', 15);
    expect(firstAt(changes, 'flooded')).toBeLessThan(60);
    expect(changes[changes.length - 1][1]).toBe('flooded');
    expect(changes.map(([, s]) => s)).not.toContain('ready');
  });

  it('hr-only: the gate still opens with a heart-rate-only partner', async () => {
    const changes = await gateTimeline('hr-only', 5);
    expect(firstAt(changes, 'ready')).toBeLessThan(180);
  });

  it('first-night: no baselines; the gate stays shut until partner B has settled, then opens within 4 minutes', async () => {
    const changes = await gateTimeline('first-night', 15);
    const ready = firstAt(changes, 'ready');
    expect(ready).toBeGreaterThan(FIRST_NIGHT_CALM_FROM_SEC.b);
    expect(ready).toBeLessThan(FIRST_NIGHT_CALM_FROM_SEC.b + 240);
  });
});

// The live session in virtual time, in Node without React: every source, pipeline timer and view
// throttle runs on one injected VirtualTimeScheduler, so minutes of physiology take milliseconds.
import { describe, expect, it } from 'vitest';
import { BehaviorSubject, interval, map, VirtualTimeScheduler } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../sources/heart-rate-source';
import { READINESS_PARAMS } from '../signal/readiness-params';
import type { Beat, PartnerId, WindowMetrics } from '../signal/types';
import { createDefaultLiveDependencies } from './default-dependencies';
import type { GateSampleView, LiveDependencies, LiveRecorder, RecordingInfo } from './dependencies';
import { createLiveSession } from './live-session';

/** A scheduler that can be moved on by event seconds, letting pending promises settle first. */
function virtualClock() {
  const scheduler = new VirtualTimeScheduler();
  const settle = async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  };
  return {
    scheduler,
    /** Runs everything due in the next `sec` seconds. */
    async advance(sec: number) {
      await settle();
      const until = scheduler.now() + sec * 1000;
      // Step a second at a time so promises started on the way (connects) settle in order.
      while (scheduler.now() < until) {
        scheduler.maxFrames = Math.min(until, scheduler.now() + 1000);
        scheduler.flush();
        // flush() leaves the clock at the last action; move it to the end of the step.
        scheduler.frame = scheduler.maxFrames;
        await settle();
      }
    },
  };
}

/** A strap at 60 bpm counting event time from its own connection, one beat a second on `scheduler`. */
function strapOn(scheduler: VirtualTimeScheduler, name: string): HeartRateSource {
  const status = new BehaviorSubject<SourceStatus>({ kind: 'idle' });
  return {
    kind: 'bluetooth',
    beats$: interval(1000, scheduler).pipe(map((i): Beat => ({ tSec: i + 1, rrMs: 1000, hrBpm: 60, afterGap: false }))),
    status$: status.asObservable(),
    connect: async () => status.next({ kind: 'connected', deviceName: name, batteryPercent: 90, hrOnly: false, malformedPackets: 0 }),
    disconnect: async () => status.next({ kind: 'disconnected', reason: 'Disconnected.', code: 'user' }),
  };
}

/** A recorder that keeps what it is given. */
function keepingRecorder() {
  const kept = {
    info: [] as RecordingInfo[],
    beats: { a: [] as Beat[], b: [] as Beat[] },
    metrics: { a: [] as WindowMetrics[], b: [] as WindowMetrics[] },
    gate: [] as GateSampleView[],
    outcomes: [] as (string | undefined)[],
  };
  const start = (info: RecordingInfo): LiveRecorder => {
    kept.info.push(info);
    return {
      addBeat: (partner, beat) => kept.beats[partner].push(beat),
      addMetrics: (partner, metrics) => kept.metrics[partner].push(metrics),
      addGate: (sample) => kept.gate.push(sample),
      close: async (outcome) => void kept.outcomes.push(outcome),
      sessionId: () => info.resumeSessionId ?? 'new-session',
    };
  };
  return { kept, start };
}

function dependencies(scheduler: VirtualTimeScheduler, overrides: Partial<LiveDependencies> = {}): LiveDependencies {
  return { ...createDefaultLiveDependencies({ scheduler }), ...overrides };
}

describe('createLiveSession in virtual time', () => {
  it('a calm demo session reaches ready only after both partners stayed near baseline for the dwell', async () => {
    const clock = virtualClock();
    const session = createLiveSession(dependencies(clock.scheduler), {
      demo: { scenario: 'calm', speed: 1 },
      uiScheduler: clock.scheduler,
    });
    const gates: { state: string; tSec: number }[] = [];
    const access: string[] = [];
    session.gate$.subscribe((gate) => {
      if (gate && gate.state !== gates.at(-1)?.state) gates.push({ state: gate.state, tSec: gate.tSec });
    });
    session.access$.subscribe((a) => access.push(a));

    await clock.advance(200);

    const ready = gates.find((g) => g.state === 'ready');
    expect(ready).toBeDefined();
    // Before ready the gate waited: the first minute of beats, then the dwell of both near baseline.
    expect(gates[0]?.state).not.toBe('ready');
    expect(ready!.tSec).toBeGreaterThanOrEqual(READINESS_PARAMS.windowSec + READINESS_PARAMS.gateDwellSec);
    const settling = gates.filter((g) => g.state === 'settling' && g.tSec < ready!.tSec).at(-1);
    expect(ready!.tSec - settling!.tSec).toBeGreaterThanOrEqual(READINESS_PARAMS.gateDwellSec);
    expect(session.currentSummary()).toMatchObject({ gate: 'ready', anySourceConnected: true, selfReportComplete: false });
    expect(access).toEqual(['locked', 'gate']);
    await session.dispose();
  });

  it('a strap attached 60 s after the other starts on the session clock, not at zero', async () => {
    const clock = virtualClock();
    const straps: HeartRateSource[] = [];
    const deps = dependencies(clock.scheduler, {
      bluetooth: () => {
        const strap = strapOn(clock.scheduler, `Strap ${straps.length + 1}`);
        straps.push(strap);
        return strap;
      },
    });
    const session = createLiveSession(deps, { uiScheduler: clock.scheduler });
    const beats: Record<PartnerId, Beat[]> = { a: [], b: [] };
    session.partners.a.beats$.subscribe((beat) => beats.a.push(beat));
    session.partners.b.beats$.subscribe((beat) => beats.b.push(beat));

    await session.partners.a.connectStrap();
    await clock.advance(60);
    expect(session.sessionClockSec()).toBeCloseTo(60, 5);
    await session.partners.b.connectStrap();
    await clock.advance(10);

    // B's own first beat is 1 s after it connected; on the session clock that is 61 s.
    expect(beats.b[0]?.tSec).toBeCloseTo(61, 5);
    expect(beats.b.at(-1)?.tSec).toBeCloseTo(beats.a.at(-1)!.tSec, 5);
    expect(session.sessionClockSec()).toBeCloseTo(70, 5);
    // The gate merges both partners on that one timeline.
    expect(session.currentGate()?.tSec).toBeGreaterThanOrEqual(65);
    await session.dispose();
  });

  it('the recording receives beats, metrics and gate changes of both partners, and resumes by id', async () => {
    const clock = virtualClock();
    const { kept, start } = keepingRecorder();
    const session = createLiveSession(dependencies(clock.scheduler, { startRecording: start }), {
      demo: { scenario: 'calm', speed: 1 },
      uiScheduler: clock.scheduler,
      resumeSessionId: 'interrupted-7',
    });
    expect(session.recordingId()).toBeNull();
    await clock.advance(120);

    expect(kept.info).toEqual([
      { source: 'demo', scenario: 'calm', partnerNames: { a: 'Partner A', b: 'Partner B' }, resumeSessionId: 'interrupted-7' },
    ]);
    expect(session.recordingId()).toBe('interrupted-7');
    for (const id of ['a', 'b'] as const) {
      expect(kept.beats[id].length).toBeGreaterThan(100);
      expect(kept.metrics[id].length).toBeGreaterThan(50);
      expect(kept.beats[id].at(-1)!.tSec).toBeLessThanOrEqual(120);
    }
    // Changes of state only, each with its time and reasons in words.
    const states = kept.gate.map((g) => g.state);
    expect(states.length).toBeGreaterThan(1);
    expect(states.every((state, i) => i === 0 || state !== states[i - 1])).toBe(true);
    expect(kept.gate.every((g) => g.reasons.every((r) => typeof r === 'string'))).toBe(true);

    await session.finishRecording('finished');
    const recorded = kept.beats.a.length;
    await clock.advance(10);
    expect(kept.beats.a.length).toBe(recorded);
    await session.dispose();
    expect(kept.outcomes).toEqual(['finished']);
  });

  it('a session with nothing connected records nothing', async () => {
    const clock = virtualClock();
    const { kept, start } = keepingRecorder();
    const session = createLiveSession(dependencies(clock.scheduler, { startRecording: start }), { uiScheduler: clock.scheduler });
    await clock.advance(30);
    await session.dispose();
    expect(kept.info).toEqual([]);
    expect(session.recordingId()).toBeNull();
  });
});

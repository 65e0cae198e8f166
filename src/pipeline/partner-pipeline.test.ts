import { BehaviorSubject, NEVER, Observable, of, Subject, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../sources/heart-rate-source';
// Tests assemble simulated straps with the pipeline, as the app's composition root does.
// eslint-disable-next-line no-restricted-imports
import { demoBaseline } from '../sim/demo-baseline';
// eslint-disable-next-line no-restricted-imports
import { createSimulatorSource, type SimulatorSourceOptions } from '../sim/simulator-source';
import type { PartnerReadiness } from '../signal/readiness';
import type { Baseline, Beat } from '../signal/types';
import { READINESS_PARAMS } from '../signal/readiness-params';
import { createPartnerPipeline } from './partner-pipeline';

interface Seen {
  readonly atMs: number;
  readonly readiness: PartnerReadiness;
}

/** Plays a simulated strap into a partner pipeline in virtual time; returns every readiness. */
function play(
  options: Omit<SimulatorSourceOptions, 'scheduler'>,
  baseline: Baseline | null,
  during?: (source: ReturnType<typeof createSimulatorSource>, scheduler: TestScheduler) => void,
): Seen[] {
  const scheduler = new TestScheduler(() => undefined);
  const seen: Seen[] = [];
  scheduler.run(() => {
    const source = createSimulatorSource({ ...options, scheduler });
    const pipeline = createPartnerPipeline({
      beats$: source.beats$,
      status$: source.status$,
      baseline$: of(baseline),
      scheduler,
      speed: options.speed,
    });
    pipeline.readiness$.subscribe((readiness) => seen.push({ atMs: scheduler.now(), readiness }));
    void source.connect();
    during?.(source, scheduler);
  });
  return seen;
}

/** State changes only, as "state@tSec" with tSec rounded to 0.1 s. */
const transitions = (seen: readonly Seen[]): string[] =>
  seen
    .filter((s, i) => i === 0 || s.readiness.state !== seen[i - 1]!.readiness.state)
    .map((s) => `${s.readiness.state}@${Math.round(s.readiness.tSec * 10) / 10}`);

describe('createPartnerPipeline', () => {
  it('createPartnerPipeline(calm strap) calibrates for the first minute, then is near baseline', () => {
    const seen = play({ scenario: 'calm', partner: 'a', durationSec: 150 }, demoBaseline('calm', 'a'));
    const t = transitions(seen);
    expect(t[0]).toBe('no-signal@0'); // idle before connect
    expect(t[1]).toBe('calibrating@0');
    expect(t[2]).toMatch(/^near-baseline@60(\.\d)?$/);
    expect(t.at(-1)).toMatch(/^no-signal@1(49|50)/); // the simulation ended
    const calibrating = seen.find((s) => s.readiness.state === 'calibrating' && s.readiness.tSec > 30)!;
    expect(calibrating.readiness.reasons[0]).toMatchObject({ kind: 'not-enough-data', needSec: 60 });
  });

  it('createPartnerPipeline(...) without a baseline judges the first night by settling, then by the baseline once one arrives', () => {
    const scheduler = new TestScheduler(() => undefined);
    const seen: PartnerReadiness[] = [];
    scheduler.run(() => {
      const baseline$ = new BehaviorSubject<Baseline | null>(null);
      const source = createSimulatorSource({ scenario: 'calm', partner: 'b', scheduler, durationSec: 260 });
      const pipeline = createPartnerPipeline({ beats$: source.beats$, status$: source.status$, baseline$, scheduler });
      pipeline.readiness$.subscribe((r) => seen.push(r));
      void source.connect();
      scheduler.schedule(() => baseline$.next(demoBaseline('calm', 'b')), 220_000);
    });
    const kindsAt = (tSec: number) =>
      seen
        .filter((r) => r.tSec < tSec)
        .at(-1)!
        .reasons.map((r) => r.kind);
    // A calm partner: it cannot be told until two whole minutes of beats show a level heart rate
    // (118 s: one beat of slack), then it is settled; every judgement says first-night.
    expect(seen.filter((r) => r.tSec > 1 && r.tSec < 118).every((r) => r.state === 'calibrating')).toBe(true);
    expect(kindsAt(59)).toEqual(['not-enough-data', 'first-night']);
    expect(kindsAt(100)).toEqual(['heart-rate-settling', 'first-night']);
    const settledAt = seen.find((r) => r.state === 'near-baseline')!.tSec;
    expect(settledAt).toBeGreaterThan(118);
    expect(settledAt).toBeLessThan(121);
    expect(seen.filter((r) => r.tSec > 121 && r.tSec < 219).every((r) => r.state === 'near-baseline')).toBe(true);
    expect(kindsAt(219)).toEqual(['settled', 'first-night']);
    expect(kindsAt(259)).toEqual(['near-baseline']);
  });

  it('createPartnerPipeline(...) reports no-signal 5 s after the last beat when a strap drops out, then recalibrates', () => {
    const seen = play(
      { scenario: 'calm', partner: 'a', durationSec: 260, dropouts: { at: [{ startSec: 100, durationSec: 30 }] } },
      demoBaseline('calm', 'a'),
    );
    const t = transitions(seen);
    const lastBeforeGap = seen.filter((s) => s.readiness.tSec < 100 && s.readiness.state === 'near-baseline').at(-1)!;
    const silent = seen.find((s) => s.readiness.state === 'no-signal' && s.readiness.tSec > 60)!;
    expect(silent.readiness.tSec).toBeCloseTo(lastBeforeGap.readiness.tSec + 5, 6);
    expect(silent.readiness.reasons).toEqual([{ kind: 'no-beat', silentSec: 5 }]);
    // Declared by the scheduler at 1×: 5 s of wall time after the last beat.
    expect(silent.atMs).toBeCloseTo(lastBeforeGap.readiness.tSec * 1000 + 5000, -1);
    expect(t).toEqual([
      'no-signal@0',
      'calibrating@0',
      expect.stringMatching(/^near-baseline@60/),
      expect.stringMatching(/^no-signal@10[45]/),
      expect.stringMatching(/^calibrating@13\d/),
      expect.stringMatching(/^near-baseline@19\d/),
      expect.stringMatching(/^no-signal@2(59|60)/),
    ]);
    // While silent, the silence keeps growing, every 5 s.
    const silences = seen.filter((s) => s.readiness.reasons[0]?.kind === 'no-beat').map((s) => s.readiness.reasons[0]);
    expect(silences.slice(0, 3)).toEqual([
      { kind: 'no-beat', silentSec: 5 },
      { kind: 'no-beat', silentSec: 10 },
      { kind: 'no-beat', silentSec: 15 },
    ]);
  });

  it('createPartnerPipeline(...) gives the same no-signal stamps at 1× and 50× (event time, not timer time)', () => {
    const options = { scenario: 'calm', partner: 'a', durationSec: 200, dropouts: { at: [{ startSec: 100, durationSec: 7 }] } } as const;
    const slow = transitions(play({ ...options, speed: 1 }, demoBaseline('calm', 'a')));
    const fast = transitions(play({ ...options, speed: 50 }, demoBaseline('calm', 'a')));
    expect(fast).toEqual(slow);
    expect(slow.some((s) => /^no-signal@10[45]/.test(s))).toBe(true);
  });

  it('createPartnerPipeline(...) is no-signal at once when the source disconnects, naming the reason', () => {
    const seen = play({ scenario: 'calm', partner: 'a', durationSec: 200 }, demoBaseline('calm', 'a'), (source, scheduler) => {
      scheduler.schedule(() => void source.disconnect(), 90_000);
    });
    const last = seen.at(-1)!;
    expect(last.atMs).toBe(90_000);
    expect(last.readiness).toMatchObject({
      state: 'no-signal',
      reasons: [{ kind: 'not-connected', status: 'disconnected', detail: 'Disconnected.' }],
    });
  });

  it('createPartnerPipeline(flooded) is flooded after 20 s at a flooding heart rate, even before calibration ends', () => {
    const seen = play({ scenario: 'flooded', partner: 'a', durationSec: 90 }, null);
    const first = seen.find((s) => s.readiness.state === 'flooded')!;
    expect(first.readiness.tSec).toBeGreaterThanOrEqual(20);
    expect(first.readiness.tSec).toBeLessThan(23);
    expect(first.readiness.reasons[0]).toMatchObject({ kind: 'flooding', limitBpm: 100 });
    expect(seen.filter((s) => s.readiness.tSec > 25 && s.readiness.tSec < 89).every((s) => s.readiness.state === 'flooded')).toBe(true);
  });

  it('createPartnerPipeline(heart-rate-only strap) judges on heart rate and says it is heart rate only', () => {
    const seen = play({ scenario: 'hr-only', partner: 'b', durationSec: 120 }, demoBaseline('hr-only', 'b'));
    const late = seen.filter((s) => s.readiness.tSec > 65 && s.readiness.tSec < 119);
    expect(late.length).toBeGreaterThan(40);
    expect(late.every((s) => s.readiness.state === 'near-baseline')).toBe(true);
    expect(late.every((s) => s.readiness.reasons.some((r) => r.kind === 'heart-rate-only'))).toBe(true);
  });

  it('createPartnerPipeline(...) subscribes to the beats once for all outputs and tears down when the last subscriber leaves', () => {
    let subscriptions = 0;
    let active = 0;
    const beats = new Subject<Beat>();
    const counted$ = new Observable<Beat>((subscriber) => {
      subscriptions += 1;
      active += 1;
      const sub = beats.subscribe(subscriber);
      return () => {
        active -= 1;
        sub.unsubscribe();
      };
    });
    const status$ = of<SourceStatus>({ kind: 'connected', deviceName: 'Test', batteryPercent: 80, hrOnly: false, malformedPackets: 0 });
    const scheduler = new TestScheduler(() => undefined);
    scheduler.run(() => {
      const p = createPartnerPipeline({ beats$: counted$, status$, baseline$: of(null), scheduler });
      const s1 = p.readiness$.subscribe();
      const s2 = p.metrics$.subscribe();
      const s3 = p.trend$.subscribe();
      expect(subscriptions).toBe(1);
      beats.next({ tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false });
      let latest: PartnerReadiness | undefined;
      const late = p.readiness$.subscribe((r) => (latest = r));
      expect(latest).toMatchObject({ tSec: 1, state: 'calibrating' }); // replayed to a late subscriber
      for (const s of [s1, s2, s3, late]) s.unsubscribe();
      expect(active).toBe(0);
    });
  });

  it('createPartnerPipeline(...) leaves no timer behind: nothing is emitted after the last subscriber leaves', () => {
    const scheduler = new TestScheduler(() => undefined);
    let after = 0;
    let unsubscribed = false;
    scheduler.run(() => {
      const beats = new Subject<Beat>();
      const status$ = of<SourceStatus>({ kind: 'connected', deviceName: 'Test', batteryPercent: null, hrOnly: false, malformedPackets: 0 });
      const p = createPartnerPipeline({ beats$: beats, status$, baseline$: of(null), scheduler });
      const sub = p.readiness$.subscribe(() => {
        if (unsubscribed) after += 1;
      });
      beats.next({ tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false });
      scheduler.schedule(() => {
        sub.unsubscribe();
        unsubscribed = true;
        expect(beats.observed).toBe(false);
      }, 2_000);
      // Without teardown the silence timer would fire at 6 s and every 5 s after, forever.
    });
    expect(after).toBe(0);
  });

  it('createPartnerPipeline(...) rejects a bad speed with a clear error', () => {
    expect(() => createPartnerPipeline({ beats$: NEVER, status$: NEVER, baseline$: NEVER, speed: 0 })).toThrow(
      'createPartnerPipeline: speed must be a positive number (got 0)',
    );
  });
});

describe('createPartnerPipeline (a device that drops beats)', () => {
  /** 20 s of beats at 60 bpm (RR 1000 ± 40 ms, sinus arrhythmia), 10 s left out, repeated for 120 s. */
  const beats: Beat[] = [];
  for (let t = 1; t <= 120; t += 1) {
    if (t % 30 > 20 || t % 30 === 0) continue;
    beats.push({ tSec: t, rrMs: 1000 + 40 * Math.sin(2 * Math.PI * 0.2 * t), hrBpm: 60, afterGap: t > 1 && t % 30 === 1 });
  }
  const baseline: Baseline = {
    ...demoBaseline('calm', 'a'),
    lnRmssdMean: 3.5,
    lnRmssdSd: 0.2,
    hrBpm: 60,
    breathsPerMin: null,
    demo: false,
  };
  const run = (
    dropsBeats: boolean,
    noBeatSec: number,
    played: readonly Beat[] = beats,
    calm: Baseline | null = baseline,
  ): PartnerReadiness[] => {
    const seen: PartnerReadiness[] = [];
    const scheduler = new VirtualTimeScheduler();
    const status$ = of<SourceStatus>({ kind: 'connected', deviceName: 'E4', batteryPercent: null, hrOnly: false, malformedPackets: 0 });
    createPartnerPipeline({
      // Each beat at its own time on the virtual clock (1×), so silences are seen by the timer too.
      beats$: new Observable<Beat>((s) => {
        for (const b of played) scheduler.schedule(() => s.next(b), b.tSec * 1000);
        scheduler.schedule(() => s.complete(), (played.at(-1)!.tSec + 1) * 1000);
      }),
      status$,
      baseline$: of(calm),
      scheduler,
      params: { ...READINESS_PARAMS, noBeatSec },
      dropsBeats,
    }).readiness$.subscribe((r) => seen.push(r));
    scheduler.flush();
    return seen;
  };

  it('createPartnerPipeline({ dropsBeats }) judges once beats cover 30 s of the last minute (t = 40 s: 20 + 10), through 10 s silences', () => {
    const seen = run(true, 30);
    const firstJudged = seen.find((r) => r.state === 'near-baseline' || r.state === 'out')!;
    // Beats at whole seconds, each covering its ~1 s interval: 29 s at t = 39, 30 s at t = 40 (± rounding of the intervals).
    expect(firstJudged.tSec).toBeGreaterThanOrEqual(40);
    expect(firstJudged.tSec).toBeLessThanOrEqual(41);
    const before = seen.filter((r) => r.tSec === 39).at(-1)!;
    expect(before.reasons[0]).toEqual({ kind: 'not-enough-data', haveSec: 29, needSec: 30 });
    // Never "no signal" for a 10 s silence, judged to the end of the file.
    const during = seen.filter((r) => r.tSec >= 41 && r.tSec < 110 && r.reasons[0]?.kind !== 'not-connected');
    expect(during.every((r) => r.state === 'near-baseline')).toBe(true);
  });

  it('createPartnerPipeline({ dropsBeats }) on a first night judges the heart-rate plateau through a 40 s silence: settled as soon as 30 s are covered again (170 s)', () => {
    // Steady 60 bpm from 1 to 200 s with nothing between 100 and 140 s.
    const steady: Beat[] = [];
    for (let t = 1; t <= 200; t += 1) {
      if (t > 100 && t <= 140) continue;
      steady.push({ tSec: t, rrMs: 1000 + 40 * Math.sin(2 * Math.PI * 0.2 * t), hrBpm: 60, afterGap: t === 141 });
    }
    const seen = run(true, 30, steady, null);
    // The silence is reported at 100 + 30 s; beats from 141 s cover 30 s of (t − 60, t] again at t = 170.
    expect(seen.some((r) => r.state === 'no-signal' && r.tSec === 130)).toBe(true);
    const after = seen.filter((r) => r.tSec >= 141 && r.tSec < 200);
    const firstSettled = after.find((r) => r.state === 'near-baseline')!;
    expect(firstSettled.tSec).toBeGreaterThanOrEqual(170);
    expect(firstSettled.tSec).toBeLessThanOrEqual(171);
    // The plateau is judged on the beats of its span, through the silence: 60 bpm both minutes.
    expect(firstSettled.reasons[0]).toMatchObject({ kind: 'settled' });
  });

  it('createPartnerPipeline(strap rules) never judges the same beats: each 10 s silence is a lost signal and 60 s uninterrupted never comes', () => {
    const seen = run(false, 5);
    expect(seen.some((r) => r.state === 'near-baseline' || r.state === 'out')).toBe(false);
    expect(seen.some((r) => r.state === 'no-signal' && r.tSec > 0 && r.tSec < 120)).toBe(true);
  });
});

describe('createPartnerPipeline (reconnecting)', () => {
  it('createPartnerPipeline(...) reports a reconnect gap once, as not connected, then recalibrates on the new beats', () => {
    const seen = play({ scenario: 'calm', partner: 'a', durationSec: 300 }, demoBaseline('calm', 'a'), (source, scheduler) => {
      scheduler.schedule(() => void source.disconnect(), 100_000);
      scheduler.schedule(() => void source.connect(), 110_000);
    });
    const t = transitions(seen);
    expect(t.map((s) => s.replace(/@.*/, ''))).toEqual([
      'no-signal',
      'calibrating',
      'near-baseline',
      'no-signal',
      'calibrating',
      'near-baseline',
      'no-signal',
    ]);
    const gap = seen.filter((s) => s.readiness.state === 'no-signal' && s.readiness.tSec > 90 && s.readiness.tSec < 200);
    // Disconnected, then connecting: never a second, "no heartbeat" report of the same gap.
    expect(gap.map((s) => s.readiness.reasons[0])).toEqual([
      { kind: 'not-connected', status: 'disconnected', detail: 'Disconnected.' },
      { kind: 'not-connected', status: 'connecting', detail: null },
    ]);
    const back = seen.find((s) => s.atMs > 110_000 && s.readiness.state === 'near-baseline')!;
    expect(back.readiness.tSec).toBeGreaterThan(169);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BehaviorSubject, NEVER, Subject } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../sources/heart-rate-source';
import { createSubscriptionCounter } from '../pipeline/subscription-counter';
import type { Baseline, Beat, PartnerId } from '../signal/types';
import { createDefaultLiveDependencies } from './default-dependencies';
import { FakeBluetooth } from '../sources/bluetooth/testing/fake-bluetooth';
import { createWebBluetoothSource } from '../sources/bluetooth/web-bluetooth-source';
import type {
  GateSampleView,
  LiveDependencies,
  LiveRecorder,
  ReadingStore,
  RecordingInfo,
  StoredReading,
  StrapMemo,
  StrapStore,
} from './dependencies';
import { readingFromBaseline } from '../signal/calm-reading';
import { createLiveSession } from './live-session';
import type { PacerEvent } from './shared-pacer';

/** Real parts, with every source's streams counted and a recorder that keeps what it is given. */
function harness(overrides: Partial<LiveDependencies> = {}) {
  const counter = createSubscriptionCounter();
  const sources: HeartRateSource[] = [];
  const disconnected: HeartRateSource[] = [];
  const recorded = {
    info: [] as RecordingInfo[],
    beats: { a: [] as Beat[], b: [] as Beat[] },
    gate: [] as GateSampleView[],
    pacer: [] as PacerEvent[],
    closed: 0,
    outcomes: [] as (string | undefined)[],
  };
  const real = createDefaultLiveDependencies();
  const counted = (source: HeartRateSource): HeartRateSource => {
    const wrapped: HeartRateSource = {
      kind: source.kind,
      beats$: source.beats$.pipe(counter.track(`${source.kind}-beats`)),
      status$: source.status$.pipe(counter.track(`${source.kind}-status`)),
      connect: () => source.connect(),
      disconnect: () => {
        disconnected.push(wrapped);
        return source.disconnect();
      },
    };
    sources.push(wrapped);
    return wrapped;
  };
  const deps: LiveDependencies = {
    ...real,
    simulator: (options) => counted(real.simulator(options)),
    startRecording: (info): LiveRecorder => {
      recorded.info.push(info);
      return {
        addBeat: (partner, beat) => recorded.beats[partner].push(beat),
        addMetrics: () => undefined,
        addGate: (sample) => recorded.gate.push(sample),
        addPacer: (event) => recorded.pacer.push(event),
        close: async (outcome) => {
          recorded.closed += 1;
          recorded.outcomes.push(outcome);
        },
        sessionId: () => info.resumeSessionId ?? 'session-1',
      };
    },
    ...overrides,
  };
  return { deps, counter, sources, disconnected, recorded, counted };
}

describe('createLiveSession', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a calm demo link connects both partners with demo baselines and opens the gate', async () => {
    const { deps, recorded } = harness();
    const model = createLiveSession(deps, { demo: { scenario: 'calm', speed: 20 } });
    await vi.advanceTimersByTimeAsync(10_000); // 200 s of event time
    expect(model.currentGate()?.state).toBe('ready');
    for (const id of ['a', 'b'] as PartnerId[]) {
      const snapshot = model.partners[id].current();
      expect(snapshot.origin).toEqual({ kind: 'simulator', label: 'Simulator (calm)', demo: true, speed: 20 });
      expect(snapshot.baseline?.demo).toBe(true);
      expect(snapshot.ownBaseline).toBeNull();
      expect(snapshot.readiness?.state).toBe('near-baseline');
    }
    expect(recorded.info).toEqual([{ source: 'demo', scenario: 'calm', partnerNames: { a: 'Partner A', b: 'Partner B' } }]);
    expect(recorded.beats.a.length).toBeGreaterThan(150);
    expect(recorded.beats.b.length).toBeGreaterThan(150);
    // The recording keeps changes of state only, in order, and never "ready" first.
    const states = recorded.gate.map((g) => g.state);
    expect(states.every((state, i) => i === 0 || state !== states[i - 1])).toBe(true);
    expect(states.at(-1)).toBe('ready');
    expect(states.indexOf('ready')).toBeGreaterThan(0);
    await model.dispose();
  });

  it('the shared pacer is recorded with the session: a start before the first beat counts from that beat, then each change at the session clock', async () => {
    const { deps, recorded } = harness();
    const model = createLiveSession(deps, { demo: { scenario: 'calm', speed: 20 } });
    model.pacer.start();
    expect(recorded.pacer).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000); // 20 s of event time
    const first = recorded.beats.a[0]!.tSec < recorded.beats.b[0]!.tSec ? recorded.beats.a[0]! : recorded.beats.b[0]!;
    expect(recorded.pacer).toEqual([{ kind: 'start', breathsPerMin: 60 / 11, tSec: first.tSec }]);
    model.pacer.setRate(6);
    const changedAt = model.sessionClockSec();
    await vi.advanceTimersByTimeAsync(500);
    model.pacer.stop();
    expect(recorded.pacer.slice(1)).toEqual([
      { kind: 'rate', breathsPerMin: 6, tSec: changedAt },
      { kind: 'stop', breathsPerMin: 6, tSec: model.sessionClockSec() },
    ]);
    await model.dispose();
  });

  it('dispose() disconnects both sources, leaves no subscription behind and closes the recording', async () => {
    const { deps, counter, recorded, sources, disconnected } = harness();
    const model = createLiveSession(deps, { demo: { scenario: 'conflict', speed: 20 } });
    const views = [model.partners.a.snapshot$.subscribe(), model.gate$.subscribe(), model.partners.b.chartTick$.subscribe()];
    await vi.advanceTimersByTimeAsync(2_000);
    expect(counter.live()).toBeGreaterThan(0);
    // The session counts its own streams too: sources, pipelines, gate and the three views.
    expect(model.liveSubscriptions()).toBeGreaterThanOrEqual(counter.live() + 3);
    expect(model.sessionClockSec()).toBeGreaterThan(30);
    views.forEach((s) => s.unsubscribe());
    await model.dispose();
    expect(counter.live()).toBe(0);
    expect(model.liveSubscriptions()).toBe(0);
    expect(recorded.closed).toBe(1);
    expect(sources).toHaveLength(2);
    expect(new Set(disconnected)).toEqual(new Set(sources));
  });

  it('finishRecording("finished") closes the recording once as finished; later beats and dispose() record nothing more', async () => {
    const { deps, recorded } = harness();
    const model = createLiveSession(deps, { demo: { scenario: 'calm', speed: 20 } });
    expect(model.recordingId()).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(model.recordingId()).toBe('session-1');
    await model.finishRecording('finished');
    const beatsAtFinish = recorded.beats.a.length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(recorded.beats.a.length).toBe(beatsAtFinish);
    await model.dispose();
    expect(recorded.outcomes).toEqual(['finished']);
    expect(recorded.info).toHaveLength(1);
  });

  it('dispose() without a finish closes the recording as stopped', async () => {
    const { deps, recorded } = harness();
    const model = createLiveSession(deps, { demo: { scenario: 'calm', speed: 20 } });
    await vi.advanceTimersByTimeAsync(1_000);
    await model.dispose();
    expect(recorded.outcomes).toEqual(['stopped']);
  });

  it('a session opened to resume records into the interrupted session, by its id', async () => {
    const { deps, recorded } = harness();
    const model = createLiveSession(deps, { resumeSessionId: 'interrupted-7', demo: { scenario: 'calm', speed: 20 } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recorded.info).toEqual([expect.objectContaining({ resumeSessionId: 'interrupted-7' })]);
    expect(model.recordingId()).toBe('interrupted-7');
    await model.dispose();
  });

  it('a source attached later starts on the session clock, where the other partner is', async () => {
    const { deps } = harness();
    const model = createLiveSession(deps);
    await model.partners.a.attach(deps.simulator({ scenario: 'calm', partner: 'a', speed: 20 }), {
      kind: 'simulator',
      label: 'sim',
      demo: true,
      speed: 20,
    });
    await vi.advanceTimersByTimeAsync(5_000); // 100 s
    const aNow = model.partners.a.latestBeatSec()!;
    expect(aNow).toBeGreaterThan(95);
    await model.partners.b.attach(deps.simulator({ scenario: 'calm', partner: 'b', speed: 20 }), {
      kind: 'simulator',
      label: 'sim',
      demo: true,
      speed: 20,
    });
    await vi.advanceTimersByTimeAsync(200);
    const bFirst = model.partners.b.tachogram.toArray()[0]!;
    expect(bFirst.tSec).toBeGreaterThanOrEqual(aNow);
    await model.dispose();
  });

  it('a cancelled chooser returns the partner to the choice of sources with a calm message', async () => {
    const status = new BehaviorSubject<SourceStatus>({ kind: 'idle' });
    const chooser: HeartRateSource = {
      kind: 'bluetooth',
      beats$: NEVER,
      status$: status.asObservable(),
      connect: async () => {
        status.next({ kind: 'connecting' });
        status.next({ kind: 'disconnected', reason: 'No strap was chosen.', code: 'cancelled' });
      },
      disconnect: async () => undefined,
    };
    const { deps } = harness({ bluetooth: () => chooser });
    const model = createLiveSession(deps);
    await model.partners.a.attach(deps.bluetooth(), { kind: 'bluetooth', label: 'Heart-rate strap', demo: false, speed: 1 });
    const snapshot = model.partners.a.current();
    expect(snapshot.origin).toBeNull();
    expect(snapshot.status).toEqual({ kind: 'idle' });
    expect(snapshot.error).toBe('No strap was chosen. You can try again.');
    await model.dispose();
  });

  it('a calibration on a real source is checked and kept as a reading ("learning (1 of 3)"); on demo data it stays in memory', async () => {
    const saved: [PartnerId, StoredReading][] = [];
    const readings: ReadingStore = {
      load: async () => [],
      save: async (partner, stored) => {
        saved.push([partner, stored]);
      },
    };
    const { deps, counted } = harness({ readings });
    const real = createDefaultLiveDependencies();
    const model = createLiveSession(deps);
    // A replayed recording is real data: its calibration becomes the partner's own first reading.
    const rest = real.simulator({ scenario: 'calm', partner: 'a', speed: 20 });
    await model.partners.a.attach(counted(rest), { kind: 'replay', label: 'rest.csv', demo: false, speed: 20 });
    await vi.advanceTimersByTimeAsync(500);
    // No baseline yet: judged as on a first night.
    expect(model.partners.a.current().readiness?.reasons.map((r) => r.kind)).toContain('first-night');
    model.partners.a.startCalibration();
    await vi.advanceTimersByTimeAsync(9_500);
    const calibration = model.partners.a.current().calibration;
    expect(calibration).toMatchObject({ kind: 'calibration', phase: 'done', message: 'Reading kept: still learning your calm (1 of 3).' });
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).toBe('a');
    expect(saved[0]![1]).toMatchObject({
      reading: { kind: 'calibration', demo: false, device: 'Simulator (calm, partner A)' },
      verdict: { accepted: true },
    });
    expect(model.partners.a.current().ownBaseline).toMatchObject({ demo: false, calibrations: 1, hrBpm: saved[0]![1].reading.hrBpm });
    expect(model.partners.a.current().learning).toEqual({ learning: true, have: 1, need: 3 });

    await model.partners.b.attach(deps.simulator({ scenario: 'calm', partner: 'b', speed: 20 }), {
      kind: 'simulator',
      label: 'sim',
      demo: true,
      speed: 20,
    });
    model.partners.b.startCalmCheck();
    await vi.advanceTimersByTimeAsync(7_000);
    expect(model.partners.b.current().calibration).toMatchObject({ kind: 'calm-check', phase: 'done' });
    expect(model.partners.b.current().baseline?.demo).toBe(true);
    expect(model.partners.b.current().ownBaseline).toBeNull();
    expect(saved).toHaveLength(1);
    await model.dispose();
  });

  it('a calibration taken while aroused is kept but refused with its sentence, and the old baseline stays', async () => {
    const calm = readingFromBaseline({
      lnRmssdMean: 3.9,
      lnRmssdSd: 0.15,
      hrBpm: 58,
      breathsPerMin: 11,
      recordedAt: '2026-02-01T08:00:00.000Z',
      device: 'Polar H10',
      calibrations: 1,
      demo: false,
    });
    const earlier: StoredReading[] = [
      { reading: { ...calm, kind: 'calm-check' }, verdict: { accepted: true } },
      { reading: { ...calm, kind: 'calm-check', hrBpm: 60, recordedAt: '2026-02-02T08:00:00.000Z' }, verdict: { accepted: true } },
    ];
    const saved: StoredReading[] = [];
    const { deps, counted } = harness({ readings: { load: async () => earlier, save: async (_p, stored) => void saved.push(stored) } });
    const real = createDefaultLiveDependencies();
    const model = createLiveSession(deps);
    await vi.advanceTimersByTimeAsync(0);
    const before = model.partners.a.current().ownBaseline;
    expect(before).toMatchObject({ calibrations: 2, hrBpm: 59 });
    // The conflict scenario's partner is aroused: well above this person's usual heart rate.
    const upset = real.simulator({ scenario: 'conflict', partner: 'a', speed: 20 });
    await model.partners.a.attach(counted(upset), { kind: 'replay', label: 'fight.csv', demo: false, speed: 20 });
    model.partners.a.startCalibration();
    await vi.advanceTimersByTimeAsync(10_000);
    const calibration = model.partners.a.current().calibration;
    expect(calibration?.phase).toBe('refused');
    expect(calibration?.message).toMatch(/ Your baseline stays as it was\.$/);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.verdict).toMatchObject({ accepted: false, problem: { kind: expect.any(String) }, message: expect.any(String) });
    expect(calibration?.message?.startsWith((saved[0]!.verdict as { message: string }).message)).toBe(true);
    expect(model.partners.a.current().ownBaseline).toEqual(before);
    expect(model.partners.a.current().readings).toHaveLength(3);
    expect(model.partners.a.current().learning).toEqual({ learning: true, have: 2, need: 3 });
    await model.dispose();
  });

  it('a first night on real data: the calm end of the session is offered as the first reading; none for a demo partner or one with readings', async () => {
    const { deps, counted } = harness({ readings: { load: async () => [], save: async () => undefined } });
    const real = createDefaultLiveDependencies();
    const model = createLiveSession(deps);
    await model.partners.a.attach(counted(real.simulator({ scenario: 'calm', partner: 'a', speed: 20 })), {
      kind: 'replay',
      label: 'tonight.csv',
      demo: false,
      speed: 20,
    });
    await model.partners.b.attach(deps.simulator({ scenario: 'calm', partner: 'b', speed: 20 }), {
      kind: 'simulator',
      label: 'sim',
      demo: true,
      speed: 20,
    });
    expect(model.calmEnds('2026-03-01T21:00:00.000Z')).toEqual({ a: null, b: null });
    await vi.advanceTimersByTimeAsync(30_000); // 10 minutes of event time
    expect(model.partners.a.current().readiness?.state).toBe('near-baseline');
    const offers = model.calmEnds('2026-03-01T21:00:00.000Z');
    expect(offers.a).toMatchObject({
      ok: true,
      stored: { reading: { kind: 'session-end', demo: false, recordedAt: '2026-03-01T21:00:00.000Z' }, verdict: { accepted: true } },
    });
    expect(offers.b).toBeNull();
    // Once the partner has a reading of their own, there is nothing to offer.
    if (offers.a?.ok) model.partners.a.setReadings([offers.a.stored]);
    expect(model.calmEnds('2026-03-01T21:00:00.000Z').a).toBeNull();
    await model.dispose();
  });

  it('a calibration whose strap goes silent stops with a sentence saying what to check', async () => {
    const beats = new Subject<Beat>();
    const status = new BehaviorSubject<SourceStatus>({ kind: 'idle' });
    const strap: HeartRateSource = {
      kind: 'bluetooth',
      beats$: beats.asObservable(),
      status$: status.asObservable(),
      connect: async () =>
        status.next({ kind: 'connected', deviceName: 'Polar H10', batteryPercent: 80, hrOnly: false, malformedPackets: 0 }),
      disconnect: async () => status.next({ kind: 'disconnected', reason: 'Disconnected.', code: 'user' }),
    };
    const { deps } = harness();
    const model = createLiveSession(deps);
    await model.partners.a.attach(strap, { kind: 'bluetooth', label: 'Heart-rate strap', demo: false, speed: 1 });
    model.partners.a.startCalibration();
    for (let i = 1; i <= 10; i += 1) {
      beats.next({ tSec: i, rrMs: 1000, hrBpm: 60, afterGap: false });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(model.partners.a.current().calibration).toMatchObject({ phase: 'recording', elapsedSec: expect.any(Number) });
    await vi.advanceTimersByTimeAsync(30_000);
    const calibration = model.partners.a.current().calibration;
    expect(calibration?.phase).toBe('failed');
    expect(calibration?.message).toMatch(/^no heartbeat for \d+ s/);
    expect(model.partners.a.current().ownBaseline).toBeNull();
    await model.dispose();
  });

  it('loads each partner’s stored real readings (their baseline) and ignores a demo one', async () => {
    const stored: Record<PartnerId, Baseline> = {
      a: {
        lnRmssdMean: 3.7,
        lnRmssdSd: 0.2,
        hrBpm: 62,
        breathsPerMin: 12,
        recordedAt: '2026-02-01T08:00:00.000Z',
        device: 'Polar H10',
        calibrations: 2,
        demo: false,
      },
      b: {
        lnRmssdMean: 3.7,
        lnRmssdSd: 0.2,
        hrBpm: 62,
        breathsPerMin: 12,
        recordedAt: '2026-02-01T08:00:00.000Z',
        device: 'simulator',
        calibrations: 1,
        demo: true,
      },
    };
    const { deps } = harness({
      readings: {
        load: async (p) => [{ reading: readingFromBaseline(stored[p]), verdict: { accepted: true } }],
        save: async () => undefined,
      },
    });
    const model = createLiveSession(deps);
    await vi.advanceTimersByTimeAsync(0);
    expect(model.partners.a.current().ownBaseline).toMatchObject({ ...stored.a, calibrations: 1 });
    expect(model.partners.a.current().baseline).toBe(model.partners.a.current().ownBaseline);
    expect(model.partners.b.current().ownBaseline).toBeNull();
    await model.dispose();
  });

  it('names: stored ones are loaded, a typed one is kept when the partner leaves the field', async () => {
    const saved: [PartnerId, string][] = [];
    const { deps } = harness({
      names: { load: async (p) => (p === 'a' ? 'Sam' : undefined), save: async (p, name) => void saved.push([p, name]) },
    });
    const model = createLiveSession(deps);
    await vi.advanceTimersByTimeAsync(0);
    expect(model.partners.a.current().name).toBe('Sam');
    expect(model.partners.b.current().name).toBe('Partner B');
    model.partners.b.rename('  Alex ');
    model.partners.b.keepName();
    model.partners.a.rename('   ');
    model.partners.a.keepName();
    expect(saved).toEqual([['b', 'Alex']]);
    await model.dispose();
  });

  it('hand check-ins: each partner by hand, reset when the mode is left', () => {
    const model = createLiveSession(harness().deps);
    const seen: unknown[] = [];
    model.selfReport$.subscribe((s) => seen.push(s));
    model.setSelfReportMode(true);
    model.setSelfReportCalm('a', true);
    model.setSelfReportCalm('b', true);
    model.setSelfReportMode(false);
    expect(seen).toEqual([
      { active: false, calm: { a: false, b: false } },
      { active: true, calm: { a: false, b: false } },
      { active: true, calm: { a: true, b: false } },
      { active: true, calm: { a: true, b: true } },
      { active: false, calm: { a: false, b: false } },
    ]);
    void model.dispose();
  });

  it('a source connected after a hand check-in withdraws it, and no check-in starts while one is connected', async () => {
    const { deps } = harness();
    const model = createLiveSession(deps);
    const seen: unknown[] = [];
    model.selfReport$.subscribe((s) => seen.push(s));
    expect(model.anySourceConnected()).toBe(false);
    model.setSelfReportMode(true);
    model.setSelfReportCalm('a', true);
    model.setSelfReportCalm('b', true);
    await model.partners.b.attach(deps.simulator({ scenario: 'flooded', partner: 'b', speed: 20 }), {
      kind: 'simulator',
      label: 'sim',
      demo: true,
      speed: 20,
    });
    expect(model.anySourceConnected()).toBe(true);
    expect(seen.at(-1)).toEqual({ active: false, calm: { a: false, b: false }, withdrawn: true });
    expect(() => model.setSelfReportMode(true)).toThrow('hand check-in: a source is connected');
    expect(() => model.setSelfReportCalm('a', true)).toThrow('hand check-in: a source is connected');
    expect(seen.at(-1)).toEqual({ active: false, calm: { a: false, b: false }, withdrawn: true });
    // Disconnected again: the couple may check in by hand once more.
    await model.partners.b.disconnect();
    expect(model.anySourceConnected()).toBe(false);
    model.setSelfReportMode(true);
    expect(seen.at(-1)).toEqual({ active: true, calm: { a: false, b: false } });
    await model.dispose();
  });
});

describe('straps: remembered per partner, swapped between partners', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const baselineOf = (hrBpm: number): Baseline => ({
    lnRmssdMean: 3.6,
    lnRmssdSd: 0.2,
    hrBpm,
    breathsPerMin: 11,
    device: 'Polar H10',
    demo: false,
    recordedAt: '2026-02-20T08:00:00.000Z',
    calibrations: 1,
  });

  /** A session on two fake straps of the same model, with the straps' memory kept in a map. */
  function twoStraps() {
    const bluetooth = new FakeBluetooth();
    const sam = bluetooth.addStrap({ id: 'dev-sam', name: 'Polar H10 A1B2C3D4' });
    const alex = bluetooth.addStrap({ id: 'dev-alex', name: 'Polar H10 A1B2C3E5' });
    const memory = new Map<PartnerId, StrapMemo | null>();
    const straps: StrapStore = {
      load: async (partner) => memory.get(partner) ?? undefined,
      save: async (partner, strap) => {
        memory.set(partner, strap);
      },
    };
    const { deps, recorded } = harness({
      straps,
      bluetooth: (options = {}) => createWebBluetoothSource({ bluetooth, ...options }),
      rememberedStraps: async () =>
        ((await bluetooth.getDevices?.()) ?? []).map((device) => ({
          id: device.id,
          name: device.name ?? '',
          open: () => createWebBluetoothSource({ bluetooth, device }),
        })),
    });
    return { bluetooth, sam, alex, memory, deps, recorded };
  }

  it('a swap exchanges two connected straps without pairing again; baselines stay, recordings follow the strap', async () => {
    const { bluetooth, sam, alex, memory, deps, recorded } = twoStraps();
    const model = createLiveSession(deps, { names: { a: 'Sam', b: 'Alex' } });
    model.partners.a.setReadings([{ reading: readingFromBaseline(baselineOf(64)), verdict: { accepted: true } }]);
    model.partners.b.setReadings([{ reading: readingFromBaseline(baselineOf(70)), verdict: { accepted: true } }]);
    // Paired the wrong way round: Sam's panel got Alex's strap.
    bluetooth.chooseNext(alex);
    await model.partners.a.connectStrap();
    bluetooth.chooseNext(sam);
    await model.partners.b.connectStrap();
    expect(model.partners.a.current().origin?.label).toBe('Polar H10 A1B2C3E5');
    expect(memory.get('a')).toEqual({ deviceId: 'dev-alex', name: 'Polar H10 A1B2C3E5' });
    expect(model.canSwapStraps()).toBe(true);

    await model.swapStraps();
    expect(model.partners.a.current()).toMatchObject({
      origin: { kind: 'bluetooth', label: 'Polar H10 A1B2C3D4' },
      status: { kind: 'connected', deviceId: 'dev-sam' },
    });
    expect(model.partners.b.current().status).toMatchObject({ kind: 'connected', deviceId: 'dev-alex' });
    expect(bluetooth.requestDeviceCalls).toBe(2);
    expect([sam.connectCalls, alex.connectCalls]).toEqual([1, 1]);
    expect(model.partners.a.current().ownBaseline?.hrBpm).toBe(64);
    expect(model.partners.b.current().ownBaseline?.hrBpm).toBe(70);
    expect(memory.get('a')).toEqual({ deviceId: 'dev-sam', name: 'Polar H10 A1B2C3D4' });
    expect(memory.get('b')).toEqual({ deviceId: 'dev-alex', name: 'Polar H10 A1B2C3E5' });

    // Sam's strap beats slowly (1000 ms), Alex's faster (750 ms): each lands in its wearer's recording.
    const before = { a: recorded.beats.a.length, b: recorded.beats.b.length };
    sam.sendRr([1000]);
    alex.sendRr([750]);
    expect(recorded.beats.a.slice(before.a).map((b) => b.rrMs)).toEqual([1000]);
    expect(recorded.beats.b.slice(before.b).map((b) => b.rrMs)).toEqual([750]);
    await model.dispose();
    expect(sam.connected || alex.connected).toBe(false);
  });

  it('a swap is refused unless both partners have a strap', async () => {
    const { deps } = twoStraps();
    const model = createLiveSession(deps);
    await model.partners.a.useSimulator('calm');
    expect(model.canSwapStraps()).toBe(false);
    await expect(model.swapStraps()).rejects.toThrow('swap straps: both partners need a strap connected');
    await model.dispose();
  });

  it('the strap a partner used last connects with one tap, without the chooser while the browser still permits it', async () => {
    const { bluetooth, sam, alex, memory, deps } = twoStraps();
    const first = createLiveSession(deps);
    bluetooth.chooseNext(sam);
    await first.partners.a.connectStrap();
    await first.dispose();
    expect(memory.get('a')).toEqual({ deviceId: 'dev-sam', name: 'Polar H10 A1B2C3D4' });

    // Next time: Sam's strap is known before any tap, and one tap connects it.
    const next = createLiveSession(deps);
    await vi.advanceTimersByTimeAsync(0);
    expect(next.partners.a.current().rememberedStrap).toEqual({ deviceId: 'dev-sam', name: 'Polar H10 A1B2C3D4' });
    expect(next.partners.b.current().rememberedStrap).toBeNull();
    await next.partners.a.connectOwnStrap();
    expect(next.partners.a.current().status).toMatchObject({ kind: 'connected', deviceId: 'dev-sam' });
    expect(bluetooth.requestDeviceCalls).toBe(1);
    expect(alex.connectCalls).toBe(0);
    await next.dispose();
  });

  it('when the browser no longer permits the strap, one tap opens the chooser narrowed to its name, saying why', async () => {
    const { bluetooth, sam, memory, deps } = twoStraps();
    memory.set('b', { deviceId: 'forgotten-by-the-browser', name: 'Polar H10 A1B2C3D4' });
    const model = createLiveSession(deps);
    await vi.advanceTimersByTimeAsync(0);
    const spy = vi.spyOn(bluetooth, 'requestDevice');
    bluetooth.autoChoose = false;
    const connecting = model.partners.b.connectOwnStrap();
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ filters: [{ name: 'Polar H10 A1B2C3D4' }] }));
    expect(model.partners.b.current().notice).toBe('The browser asks again which strap to use: choose “Polar H10 A1B2C3D4” in its list.');
    await vi.advanceTimersByTimeAsync(0);
    bluetooth.answerOpenChooser(sam);
    await connecting;
    expect(model.partners.b.current()).toMatchObject({ notice: null, status: { kind: 'connected', deviceId: 'dev-sam' } });
    expect(memory.get('b')).toEqual({ deviceId: 'dev-sam', name: 'Polar H10 A1B2C3D4' });
    await model.dispose();
  });
});

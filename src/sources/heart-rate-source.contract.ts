/**
 * The contract every `HeartRateSource` passes: the Web Bluetooth source (through
 * the fake `navigator.bluetooth`), the simulator and file replay each call
 * `describeHeartRateSourceContract` from their own test file. Time is Vitest's fake clock: the
 * sources run on `asyncScheduler`, whose clock and timers the fake clock drives.
 */
import type { Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Beat } from '../signal/types';
import type { HeartRateSource, SourceStatus } from './heart-rate-source';

export interface ContractHarness {
  readonly source: HeartRateSource;
  /** Lets `ms` of (fake) time pass, with the device sending as it would meanwhile. */
  advance(ms: number): Promise<unknown>;
  /** Listeners the source holds on the device, when the implementation has any (0 after teardown). */
  liveListeners?(): number;
}

interface Recorder {
  readonly beats: Beat[];
  readonly statuses: SourceStatus[];
  ended: boolean;
  stop(): void;
}

function record(source: HeartRateSource): Recorder {
  const recorder: Recorder = { beats: [], statuses: [], ended: false, stop: () => undefined };
  const end = (): void => {
    recorder.ended = true;
  };
  const subscriptions: Subscription[] = [
    source.beats$.subscribe({ next: (b) => recorder.beats.push(b), error: end, complete: end }),
    source.status$.subscribe({ next: (s) => recorder.statuses.push(s), error: end, complete: end }),
  ];
  recorder.stop = () => subscriptions.forEach((s) => s.unsubscribe());
  return recorder;
}

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/** Registers the contract tests for one implementation; `make` builds a fresh harness per test. */
export function describeHeartRateSourceContract(name: string, make: () => ContractHarness): void {
  describe(`${name} (HeartRateSource contract)`, () => {
    let harness: ContractHarness;

    beforeEach(() => {
      vi.useFakeTimers({ now: new Date('2026-03-01T20:00:00Z') });
      harness = make();
    });

    afterEach(async () => {
      await harness.source.disconnect();
      vi.useRealTimers();
    });

    it('status$ starts idle and replays the latest status to a late subscriber', async () => {
      const early = record(harness.source);
      expect(early.statuses).toEqual([{ kind: 'idle' }]);
      await harness.source.connect();
      await harness.advance(100);
      const late = record(harness.source);
      expect(late.statuses).toHaveLength(1);
      expect(late.statuses[0]).toEqual(last(early.statuses));
      early.stop();
      late.stop();
    });

    it('connect() goes from connecting to connected and resolves, never rejects', async () => {
      const rec = record(harness.source);
      await expect(harness.source.connect()).resolves.toBeUndefined();
      await harness.advance(100);
      const kinds = rec.statuses.map((s) => s.kind);
      expect(kinds[0]).toBe('idle');
      expect(kinds).toContain('connecting');
      expect(kinds.indexOf('connecting')).toBeLessThan(kinds.indexOf('connected'));
      const connected = last(rec.statuses);
      expect(connected?.kind).toBe('connected');
      if (connected?.kind === 'connected') {
        expect(connected.deviceName.length).toBeGreaterThan(0);
        expect(connected.malformedPackets).toBe(0);
        expect(typeof connected.hrOnly).toBe('boolean');
      }
      rec.stop();
    });

    it('beats$ delivers beats in strictly increasing event time, with finite values and units', async () => {
      const rec = record(harness.source);
      await harness.source.connect();
      await harness.advance(60_000);
      expect(rec.beats.length).toBeGreaterThan(40);
      for (const [i, beat] of rec.beats.entries()) {
        expect(Number.isFinite(beat.tSec)).toBe(true);
        expect(beat.tSec).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(beat.tSec).toBeGreaterThan(rec.beats[i - 1].tSec);
        expect(Number.isFinite(beat.hrBpm)).toBe(true);
        expect(beat.hrBpm).toBeGreaterThan(20);
        expect(beat.hrBpm).toBeLessThan(250);
        if (beat.rrMs !== null) {
          expect(Number.isFinite(beat.rrMs)).toBe(true);
          expect(beat.rrMs).toBeGreaterThan(200);
          expect(beat.rrMs).toBeLessThan(3000);
        }
        expect(typeof beat.afterGap).toBe('boolean');
      }
      expect(rec.beats[0].afterGap).toBe(false);
      // Event time tracks the clock: a minute of time is about a minute of beats.
      const span = (last(rec.beats)?.tSec ?? 0) - rec.beats[0].tSec;
      expect(span).toBeGreaterThan(50);
      expect(span).toBeLessThan(62);
      rec.stop();
    });

    it('beats$ is hot: a late subscriber receives only beats after it subscribed', async () => {
      const early = record(harness.source);
      await harness.source.connect();
      await harness.advance(20_000);
      const late = record(harness.source);
      expect(late.beats).toHaveLength(0);
      await harness.advance(20_000);
      expect(late.beats.length).toBeGreaterThan(10);
      expect(early.beats.slice(-late.beats.length)).toEqual(late.beats);
      early.stop();
      late.stop();
    });

    it('disconnect() stops the beats and reports disconnected; a second call changes nothing', async () => {
      const rec = record(harness.source);
      await harness.source.connect();
      await harness.advance(10_000);
      await harness.source.disconnect();
      const beatsAtDisconnect = rec.beats.length;
      const statusesAtDisconnect = rec.statuses.length;
      expect(last(rec.statuses)?.kind).toBe('disconnected');
      await harness.source.disconnect();
      await harness.advance(20_000);
      expect(rec.beats).toHaveLength(beatsAtDisconnect);
      expect(rec.statuses).toHaveLength(statusesAtDisconnect);
      rec.stop();
    });

    it('disconnect() before connect() does nothing', async () => {
      const rec = record(harness.source);
      await harness.source.disconnect();
      expect(rec.statuses).toEqual([{ kind: 'idle' }]);
      rec.stop();
    });

    it('connect() while a connect is pending joins it: one connection, one connecting status', async () => {
      const rec = record(harness.source);
      const first = harness.source.connect();
      const second = harness.source.connect();
      await Promise.all([first, second]);
      await harness.source.connect();
      await harness.advance(5000);
      expect(rec.statuses.filter((s) => s.kind === 'connecting')).toHaveLength(1);
      expect(rec.statuses.filter((s) => s.kind === 'connected').length).toBeGreaterThanOrEqual(1);
      const times = rec.beats.map((b) => b.tSec);
      expect(new Set(times).size).toBe(times.length);
      rec.stop();
    });

    it('connect() after disconnect() resumes: time moves on and the first beat is marked afterGap', async () => {
      const rec = record(harness.source);
      await harness.source.connect();
      await harness.advance(15_000);
      await harness.source.disconnect();
      const before = rec.beats.length;
      const lastBefore = rec.beats[before - 1].tSec;
      await harness.advance(10_000);
      await harness.source.connect();
      await harness.advance(15_000);
      const after = rec.beats.slice(before);
      expect(after.length).toBeGreaterThan(5);
      expect(after[0].afterGap).toBe(true);
      expect(after[0].tSec).toBeGreaterThan(lastBefore);
      expect(after.slice(1).every((b) => !b.afterGap)).toBe(true);
      expect(last(rec.statuses)?.kind).toBe('connected');
      rec.stop();
    });

    it('disconnect() leaves no timers and no listeners behind', async () => {
      const rec = record(harness.source);
      await harness.source.connect();
      await harness.advance(10_000);
      await harness.source.disconnect();
      await harness.advance(1000);
      expect(vi.getTimerCount()).toBe(0);
      if (harness.liveListeners) expect(harness.liveListeners()).toBe(0);
      rec.stop();
    });

    it('streams never complete or error, and survive every subscriber leaving', async () => {
      const first = record(harness.source);
      await harness.source.connect();
      await harness.advance(5000);
      first.stop();
      await harness.advance(5000);
      const second = record(harness.source);
      await harness.advance(10_000);
      expect(second.beats.length).toBeGreaterThan(3);
      await harness.source.disconnect();
      await harness.advance(1000);
      expect(first.ended).toBe(false);
      expect(second.ended).toBe(false);
      second.stop();
    });
  });
}

/**
 * The rig of the Web Bluetooth source's tests: a source on a fake `navigator.bluetooth` with one
 * strap, fed with simulated calm beats once a second while (fake) time passes.
 */
import { expect, vi } from 'vitest';
import type { Beat } from '../../../signal/types';
import { encodeHeartRateMeasurement } from '../heart-rate-measurement';
import type { HeartRateSource, SourceStatus } from '../../heart-rate-source';
// Tests feed simulated physiology through the source.
// eslint-disable-next-line no-restricted-imports
import { simulateRr } from '../../../sim/simulator';
import type { FakeStrap } from './fake-bluetooth';
import { FakeBluetooth } from './fake-bluetooth';
import { createStrapFeeder } from './strap-feeder';
import type { WebBluetoothSourceOptions } from '../web-bluetooth-source';
import { createWebBluetoothSource } from '../web-bluetooth-source';

/** An hour of a calm partner's beats. */
export const calm = simulateRr({ durationSec: 3600, scenario: 'calm', partner: 'a', seed: 8 });

export interface Rig {
  readonly bluetooth: FakeBluetooth;
  readonly strap: FakeStrap;
  readonly source: HeartRateSource;
  readonly beats: Beat[];
  readonly statuses: SourceStatus[];
  /** Lets time pass in 250 ms steps; `feed` (default true) keeps the strap notifying once a second. */
  advance(ms: number, feed?: boolean): Promise<void>;
  status(): SourceStatus;
}

export function rig(options: Partial<WebBluetoothSourceOptions> = {}, strapOptions: Parameters<FakeBluetooth['addStrap']>[0] = {}): Rig {
  const bluetooth = new FakeBluetooth();
  const strap = bluetooth.addStrap({ name: 'Polar H10 A1B2C3D4', ...strapOptions });
  const source = createWebBluetoothSource({ bluetooth, ...options });
  const beats: Beat[] = [];
  const statuses: SourceStatus[] = [];
  source.beats$.subscribe((b) => beats.push(b));
  source.status$.subscribe((s) => statuses.push(s));
  let fedMs = 0;
  let seriesOffsetSec = 0;
  const feeder = createStrapFeeder(strap, calm);
  return {
    bluetooth,
    strap,
    source,
    beats,
    statuses,
    async advance(ms, feed = true) {
      const end = fedMs + ms;
      while (fedMs < end) {
        const step = Math.min(250, end - fedMs);
        fedMs += step;
        if (feed) feeder.feedUntil(fedMs / 1000 - seriesOffsetSec);
        else seriesOffsetSec += step / 1000;
        await vi.advanceTimersByTimeAsync(step);
      }
    },
    status: () => statuses[statuses.length - 1],
  };
}

export const packet = (rrIntervalsMs: number[], bpm = 60): Uint8Array =>
  encodeHeartRateMeasurement({ bpm, rrIntervalsMs, sensorContact: 'detected' });

export function expectIncreasing(beats: readonly Beat[]): void {
  for (let i = 1; i < beats.length; i += 1) expect(beats[i].tSec).toBeGreaterThan(beats[i - 1].tSec);
}

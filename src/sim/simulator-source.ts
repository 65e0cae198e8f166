import type { SchedulerLike } from 'rxjs';
import { Subject, asyncScheduler } from 'rxjs';
import type { Beat, PartnerId } from '../signal/types';
import type { HeartRateSource } from '../sources/heart-rate-source';
import type { Playback } from '../sources/recordings/playback';
import { checkSpeed, markingResume, startPlayback } from '../sources/recordings/playback';
import type { ArtifactRates, DropoutOptions, Scenario, SimulatedBeat } from './simulator';
import { isScenario, scenarioIsHrOnly, scenarioSeed, simulateRrStream } from './simulator';
import { createStatusStore } from '../sources/source-status';

export interface SimulatorSourceOptions {
  readonly scenario: Scenario;
  readonly partner: PartnerId;
  /** Default: a fixed seed per scenario and partner, so a demo is the same every time. */
  readonly seed?: number | string;
  /** Event-time seconds per scheduler second. Default 1. */
  readonly speed?: number;
  /** Clock and timers. Default `asyncScheduler` (the wall clock). */
  readonly scheduler?: SchedulerLike;
  readonly artifacts?: ArtifactRates;
  readonly dropouts?: DropoutOptions;
  /** Event time after which the simulation ends. Default: endless. */
  readonly durationSec?: number;
  /** Send heart rate without RR, once a second, like many watches. Default: as the scenario says (partner b of `hr-only`). */
  readonly hrOnly?: boolean;
}

/** Beats averaged into the heart rate a heart-rate-only device reports. */
const HR_ONLY_AVERAGE_BEATS = 5;

/**
 * Heart-rate-only samples from a beat stream: one per second of event time, carrying the rounded
 * heart rate of the last few beats, as a device without RR would notify it. A dropout skips the
 * samples inside it and marks the next one `afterGap`.
 */
function hrOnlySamples(pull: () => SimulatedBeat | undefined): () => Beat | undefined {
  const recent: number[] = [];
  let nextSec: number | null = null;
  let gap = false;
  let beat = pull();
  return () => {
    for (;;) {
      if (beat === undefined) return undefined;
      if (nextSec === null) nextSec = Math.ceil(beat.tSec);
      if (beat.tSec <= nextSec) {
        if (beat.afterGap) {
          gap = true;
          recent.length = 0;
          nextSec = Math.ceil(beat.tSec);
        }
        recent.push(beat.rrMs);
        if (recent.length > HR_ONLY_AVERAGE_BEATS) recent.shift();
        beat = pull();
        continue;
      }
      if (beat.afterGap) {
        // The notifications during the dropout never arrived.
        nextSec = Math.ceil(beat.tSec);
        continue;
      }
      const tSec = nextSec;
      nextSec += 1;
      if (recent.length === 0) continue;
      const meanRr = recent.reduce((a, b) => a + b, 0) / recent.length;
      const sample: Beat = { tSec, rrMs: null, hrBpm: Math.round(60_000 / meanRr), afterGap: gap };
      gap = false;
      return sample;
    }
  };
}

/**
 * A simulated strap (DESIGN.md, Sources: simulator): plays `simulateRrStream` in scheduler time,
 * `speed` times faster than real time, with `tSec` the simulation's event time. Deterministic
 * given the seed. While disconnected, simulated time goes on: after `connect()` again the beats
 * resume where the simulation has got to, the first one marked `afterGap`.
 *
 * @throws Error ("createSimulatorSource: …") for an unknown scenario or partner, or a bad speed.
 */
export function createSimulatorSource(options: SimulatorSourceOptions): HeartRateSource {
  const { scenario, partner } = options;
  if (!isScenario(scenario)) throw new Error(`createSimulatorSource: unknown scenario "${String(scenario)}"`);
  if (partner !== 'a' && partner !== 'b') throw new Error(`createSimulatorSource: unknown partner "${String(partner)}"`);
  const speed = checkSpeed(options.speed ?? 1, 'createSimulatorSource');
  const scheduler = options.scheduler ?? asyncScheduler;
  const hrOnly = options.hrOnly ?? scenarioIsHrOnly(scenario, partner);
  const stream = simulateRrStream({
    scenario,
    partner,
    seed: options.seed ?? scenarioSeed(scenario, partner),
    artifacts: options.artifacts,
    dropouts: options.dropouts,
    durationSec: options.durationSec,
  });
  const pullBeat = (): SimulatedBeat | undefined => {
    const next = stream.next();
    return next.done === true ? undefined : next.value;
  };
  const pull: () => Beat | undefined = hrOnly
    ? hrOnlySamples(pullBeat)
    : () => {
        const beat = pullBeat();
        return beat && { tSec: beat.tSec, rrMs: beat.rrMs, hrBpm: 60_000 / beat.rrMs, afterGap: beat.afterGap };
      };

  const beats = new Subject<Beat>();
  const status = createStatusStore();
  const deviceName = `Simulator (${scenario}, partner ${partner.toUpperCase()})`;
  let playback: Playback | null = null;
  /** Event time and scheduler time when playback last stopped; null before the first connect. */
  let pausedAt: { eventSec: number; wallMs: number } | null = null;
  let ended = false;

  const connect = async (): Promise<void> => {
    if (playback !== null || ended) return;
    status.set({ kind: 'connecting' });
    // Simulated time runs on while disconnected, like a strap still on the chest.
    const fromSec = pausedAt === null ? 0 : pausedAt.eventSec + ((scheduler.now() - pausedAt.wallMs) / 1000) * speed;
    status.set({ kind: 'connected', deviceName, batteryPercent: null, hrOnly, malformedPackets: 0 });
    playback = startPlayback<Beat>({
      pull: markingResume(() => {
        let beat = pull();
        while (beat !== undefined && beat.tSec < fromSec) beat = pull();
        return beat;
      }, pausedAt !== null),
      speed,
      scheduler,
      fromSec,
      deliver: (beat) => beats.next(beat),
      end: () => {
        playback = null;
        ended = true;
        status.set({ kind: 'disconnected', reason: 'The simulation has ended.', code: 'ended' });
      },
    });
  };

  const disconnect = async (): Promise<void> => {
    if (playback === null) return;
    const eventSec = playback.stop();
    playback = null;
    pausedAt = { eventSec, wallMs: scheduler.now() };
    status.set({ kind: 'disconnected', reason: 'Disconnected.', code: 'user' });
  };

  return { kind: 'simulator', beats$: beats.asObservable(), status$: status.status$, connect, disconnect };
}

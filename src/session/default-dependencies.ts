import { scenarioBaseline } from '../sim/demo-baseline';
import { checkReplayRecording, createReplaySource, replayRecordingOf } from '../sources/recordings/replay-source';
import { createSimulatorSource } from '../sim/simulator-source';
import { createWebBluetoothSource } from '../sources/bluetooth/web-bluetooth-source';
import { rememberedDevices, webBluetoothSupport, type SupportEnvironment } from '../sources/bluetooth/web-bluetooth-support';
import { navigatorBluetooth } from '../sources/bluetooth/web-bluetooth-types';
import { catchError, defer, map, tap, throwError, type SchedulerLike } from 'rxjs';
import { calibrate } from '../pipeline/calibration';
import { combineGate } from '../pipeline/gate';
import { createPartnerPipeline } from '../pipeline/partner-pipeline';
import { READINESS_PARAMS } from '../signal/readiness-params';
import { readingFromBeats } from '../signal/calm-reading';
import type { Beat } from '../signal/types';
import { describeReason } from '../signal/readiness-describe';
import type { AttuneStore } from '../store';
import { plainCalibrationMessage } from './calibrate-beats';
import type { CalibrationStep, LiveDependencies, LiveRecorder, NameStore, ReadingStore, RecordingInfo, StrapStore } from './dependencies';

/** The part of the app's store the live session uses: readings, names and straps, and the session recorder. */
export type LiveStore = Pick<AttuneStore, 'readings' | 'createRecorder' | 'partners'>;

/** The live view's readings in the store: it loads, keeps and deletes the partner's real readings only. */
function readingStoreOf(store: LiveStore): ReadingStore {
  return {
    load: async (partner) => (await store.readings.history(partner)).map(({ reading, verdict }) => ({ reading, verdict })),
    save: async (partner, { reading, verdict }) => {
      await store.readings.add(partner, reading, verdict);
    },
    // Deletes every reading of the partner, so a reload does not bring an older baseline back.
    remove: async (partner) => {
      await store.readings.remove(partner);
    },
  };
}

function nameStoreOf(store: LiveStore): NameStore {
  return {
    load: async (partner) => (await store.partners.get(partner))?.name,
    save: async (partner, name) => {
      await store.partners.rename(partner, name);
    },
  };
}

function strapStoreOf(store: LiveStore): StrapStore {
  return {
    load: async (partner) => {
      const strap = (await store.partners.get(partner))?.strap;
      return strap === undefined ? undefined : { deviceId: strap.deviceId, name: strap.name };
    },
    save: async (partner, strap, displayName) => {
      await store.partners.rememberStrap(partner, strap, displayName);
    },
  };
}

function recorderOf(store: LiveStore, info: RecordingInfo): LiveRecorder {
  const recorder = store.createRecorder({
    source: info.source,
    scenario: info.scenario,
    partnerNames: info.partnerNames,
    // The store continues the interrupted session as a new segment of the same record.
    ...(info.resumeSessionId === undefined ? {} : { sessionId: info.resumeSessionId, resume: true }),
  });
  return {
    addBeat: (partner, beat) => recorder.addBeat(partner, beat),
    addMetrics: (partner, metrics) => recorder.addMetrics(partner, metrics),
    addGate: (sample) => recorder.addGate({ state: sample.state, tSec: sample.tSec, reasons: [...sample.reasons] }),
    addPacer: (event) => recorder.markPacer(event),
    close: (outcome = 'stopped') => recorder.close(outcome),
    sessionId: () => recorder.sessionId,
  };
}

/**
 * Seconds of quiet rest a calm check records: two minutes, the top of the 1–2 minutes a morning
 * reading takes in HRV apps, and enough for the first and last minute the checks compare.
 */
export const CALM_CHECK_SEC = 120;

/** Outside a browser (Node, tests): no Bluetooth, and nothing here reads the page's globals. */
const NO_BROWSER: SupportEnvironment = { navigator: undefined, isSecureContext: false, userAgent: '' };

export interface DefaultDependencyOptions {
  /** Baselines, names and recording; without it nothing persists. */
  readonly store?: LiveStore;
  /** The page's navigator and security context, given by the composition root; none by default. */
  readonly browser?: SupportEnvironment;
  /** Clock and timers for the sources, pipelines and calibration; the wall clock by default (tests pass a virtual one). */
  readonly scheduler?: SchedulerLike;
}

/**
 * The real parts of the live session: Bluetooth, simulator and replay sources, the readiness
 * pipeline and gate, calibration, and — when a store is given — baselines and recording in
 * IndexedDB. A new object per call; nothing here is shared between sessions.
 */
export function createDefaultLiveDependencies(options: DefaultDependencyOptions = {}): LiveDependencies {
  const { store, scheduler } = options;
  const browser = options.browser ?? NO_BROWSER;
  const bluetoothHere = () => navigatorBluetooth(browser.navigator);
  const clock = scheduler === undefined ? {} : { scheduler };
  return {
    simulator: ({ scenario, partner, speed, seed }) =>
      createSimulatorSource({ scenario, partner, speed, ...clock, ...(seed === undefined ? {} : { seed }) }),
    replay: ({ recording, speed, name }) => createReplaySource({ recording, speed, ...clock, ...(name === undefined ? {} : { name }) }),
    bluetooth: (options = {}) =>
      createWebBluetoothSource({ bluetooth: bluetoothHere(), ...(options.onlyName === undefined ? {} : { onlyName: options.onlyName }) }),
    bluetoothSupport: () => {
      const support = webBluetoothSupport(browser);
      return support.available ? { available: true } : { available: false, reason: support.reason, advice: support.advice };
    },
    rememberedStraps: async () => {
      const bluetooth = bluetoothHere();
      const devices = await rememberedDevices(bluetooth);
      return devices.map((remembered) => ({
        id: remembered.id,
        name: remembered.name,
        open: (knownName?: string) =>
          createWebBluetoothSource({ bluetooth, device: remembered.device, ...(knownName === undefined ? {} : { knownName }) }),
      }));
    },
    demoBaseline: scenarioBaseline,
    // The readers (and the FIT SDK) load when a recording is first loaded, not with the session.
    readRrFile: async (contents, fileName) => {
      const bytes = contents instanceof Uint8Array ? contents : new Uint8Array(await contents.arrayBuffer());
      const [{ readRrFile }, { readFitHrv }] = await Promise.all([
        import('../sources/recordings/rr-file'),
        import('../sources/recordings/rr-fit'),
      ]);
      const file = readRrFile(bytes, fileName, { readFit: readFitHrv });
      const tSec = file.hasTimeColumn ? file.tSec : null;
      // Checked here, as the worker's reader does, so a bad recording is a reading error either way
      // (a heart-rate-only file is checked and replayed as its heart rate).
      const checked = checkReplayRecording(replayRecordingOf(file));
      return { rrMs: file.rrMs, tSec, warnings: file.warnings, checked };
    },
    partnerPipeline: (inputs) => createPartnerPipeline(inputs),
    combineGate: (a, b) => combineGate(a, b),
    // The seated rest's timing, silence timeouts and signal checks are the calibration stream's
    // (over `durationSec`); the beats it took become one calm reading, checked later by the partner.
    calibrate: (beats$, { device, demo, speed, kind, durationSec }) =>
      defer(() => {
        const taken: Beat[] = [];
        const params = { ...READINESS_PARAMS, calibrationSec: durationSec };
        return calibrate(beats$.pipe(tap((beat) => taken.push(beat))), { device, demo, speed, params, ...clock }).pipe(
          map((event): CalibrationStep => {
            if (event.kind === 'progress') return { kind: 'progress', elapsedSec: event.elapsedSec };
            const outcome = readingFromBeats(taken, { recordedAt: event.baseline.recordedAt, device, kind, demo }, params);
            if (!outcome.ok) throw new Error(`calibrate: ${outcome.message}`);
            return { kind: 'done', reading: outcome.reading };
          }),
          catchError((error: unknown) => throwError(() => new Error(plainCalibrationMessage(error)))),
        );
      }),
    calibrationSec: READINESS_PARAMS.calibrationSec,
    calmCheckSec: CALM_CHECK_SEC,
    describeReason,
    ...clock,
    ...(store
      ? {
          readings: readingStoreOf(store),
          names: nameStoreOf(store),
          straps: strapStoreOf(store),
          startRecording: (info: RecordingInfo) => recorderOf(store, info),
        }
      : {}),
  };
}

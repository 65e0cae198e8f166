import { demoBaseline } from '../../ble/demo-baseline';
import { createReplaySource } from '../../ble/replay-source';
import { createSimulatorSource } from '../../ble/simulator-source';
import { combineGate } from '../../pipeline/gate';
import { createPartnerPipeline } from '../../pipeline/partner';
import { READINESS_PARAMS } from '../../signal/readiness-params';
import { describeReason } from '../../signal/readiness-describe';
import type { AttuneStore } from '../../store';
import { calibrateFromBeats } from './calibrate-beats';
import type { BaselineStore, LiveDependencies, LiveRecorder, RecordingInfo } from './live-dependencies';

/** The part of the app's store the live session uses: baselines and the session recorder. */
export type LiveStore = Pick<AttuneStore, 'baselines' | 'createRecorder'>;

function baselineStoreOf(store: LiveStore): BaselineStore {
  return {
    load: (partner) => store.baselines.latest(partner),
    save: async (partner, baseline) => {
      await store.baselines.add(partner, baseline);
    },
  };
}

function recorderOf(store: LiveStore, info: RecordingInfo): LiveRecorder {
  const recorder = store.createRecorder({ source: info.source, scenario: info.scenario, partnerNames: info.partnerNames });
  return {
    addBeat: (partner, beat) => recorder.addBeat(partner, beat),
    addMetrics: (partner, metrics) => recorder.addMetrics(partner, metrics),
    addGate: (sample) => recorder.addGate({ state: sample.state, tSec: sample.tSec, reasons: [...sample.reasons] }),
    close: () => recorder.close('stopped'),
  };
}

/**
 * The real parts of the live session: Bluetooth, simulator and replay sources, the readiness
 * pipeline and gate, calibration, and — when a store is given — baselines and recording in
 * IndexedDB. A new object per call; nothing here is shared between sessions.
 */
export function createDefaultLiveDependencies(options: { store?: LiveStore } = {}): LiveDependencies {
  const { store } = options;
  return {
    simulator: ({ scenario, partner, speed, seed }) => createSimulatorSource({ scenario, partner, speed, ...(seed === undefined ? {} : { seed }) }),
    replay: ({ recording, speed }) => createReplaySource({ recording, speed }),
    bluetooth: () => {
      throw new Error('connect a strap: Bluetooth is not part of this build yet');
    },
    bluetoothSupport: () => ({ available: false, reason: 'not part of this build yet', advice: 'Use the simulator or load a recording.' }),
    rememberedStraps: async () => [],
    demoBaseline,
    parseRrFile: () => {
      throw new Error('load a recording: file import is not part of this build yet');
    },
    partnerPipeline: (inputs) => createPartnerPipeline(inputs),
    combineGate: (a, b) => combineGate(a, b),
    calibrate: (beats, calibrateOptions) => calibrateFromBeats(beats, { ...calibrateOptions, recordedAt: new Date().toISOString() }),
    calibrationSec: READINESS_PARAMS.calibrationSec,
    describeReason,
    ...(store ? { baselines: baselineStoreOf(store), startRecording: (info: RecordingInfo) => recorderOf(store, info) } : {}),
  };
}

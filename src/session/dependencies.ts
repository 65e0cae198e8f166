import type { Observable, SchedulerLike } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../sources/heart-rate-source';
import type { CheckedReplayRecording } from '../sources/recordings/replay-source';
import type { CalmReading, ReadingKind } from '../signal/calm-reading';
import type { Baseline, Beat, PartnerId, Trend, WindowMetrics } from '../signal/types';
import type { Scenario } from '../sim/simulator';
import type { PacerEvent } from './shared-pacer';
import type { GateStatusView, PartnerReadinessView, ReadinessReason } from './readiness-types';

/** Why Web Bluetooth cannot be used here, and what to do instead (from the Bluetooth source). */
export interface BluetoothSupportView {
  readonly available: boolean;
  /** Plain-language reason when unavailable. */
  readonly reason?: string;
  /** What to do instead (browser to use, simulator, file import). */
  readonly advice?: string;
}

/** A strap this browser has been allowed to use before. */
export interface RememberedStrap {
  readonly id: string;
  readonly name: string;
  /**
   * Opens a source on this strap without the chooser; `knownName` is shown while the browser lists
   * the device without a name (it may, after a reload).
   */
  readonly open: (knownName?: string) => HeartRateSource;
}

/** The strap a partner used last time, as kept between visits. */
export interface StrapMemo {
  /** The browser's id for the device (random per site; `getDevices()` lists it again). */
  readonly deviceId: string;
  /** Its advertised name, e.g. "Polar H10 A1B2C3D4". */
  readonly name: string;
}

/** Where each partner's strap is remembered (STORE's partners repository, adapted). */
export interface StrapStore {
  load(partner: PartnerId): Promise<StrapMemo | undefined>;
  /** Remembers `strap` for the partner (null forgets); `displayName` names a partner who has typed none. */
  save(partner: PartnerId, strap: StrapMemo | null, displayName: string): Promise<void>;
}

/** One partner's chain: beats in, metrics, trend and readiness out (READINESS's createPartnerPipeline). */
export interface PartnerPipelineView {
  readonly metrics$: Observable<WindowMetrics>;
  readonly trend$: Observable<Trend>;
  readonly readiness$: Observable<PartnerReadinessView>;
}

/**
 * Whether a reading counts: accepted, or refused with the problem (its kind and the numbers that
 * decided it) and the one sentence the person is told.
 */
export type ReadingVerdictView =
  { readonly accepted: true } | { readonly accepted: false; readonly problem: { readonly kind: string }; readonly message: string };

/** One kept calm reading with its verdict. */
export interface StoredReading {
  readonly reading: CalmReading;
  readonly verdict: ReadingVerdictView;
}

/**
 * Where each partner's calm readings persist (STORE's readings repository, adapted); absent → kept
 * for the page only. Only real readings pass through it: demo readings stay in memory.
 */
export interface ReadingStore {
  /** The partner's real readings, oldest first, accepted and refused. */
  load(partner: PartnerId): Promise<readonly StoredReading[]>;
  save(partner: PartnerId, stored: StoredReading): Promise<void>;
  /** Absent when the storage cannot delete: the view then offers no delete. */
  remove?(partner: PartnerId): Promise<void>;
}

/** One gate decision as the recording keeps it: state, event time, reasons in words. */
export interface GateSampleView {
  readonly state: GateStatusView['state'];
  readonly tSec: number;
  readonly reasons: readonly string[];
}

/** What a recording is of, fixed when its first beat arrives. */
export interface RecordingInfo {
  readonly source: 'demo' | 'strap' | 'replay' | 'mixed';
  readonly scenario: string | null;
  readonly partnerNames: { readonly a: string; readonly b: string };
  /** Continue this interrupted session (by its id) instead of starting a new one. */
  readonly resumeSessionId?: string;
}

/** How a recorded session ends: the couple went through to the reflection, or it was left earlier. */
export type RecordingOutcome = 'finished' | 'stopped';

/** A session being recorded (STORE's recorder, adapted). */
export interface LiveRecorder {
  addBeat(partner: PartnerId, beat: Beat): void;
  addMetrics(partner: PartnerId, metrics: WindowMetrics): void;
  /** Every gate status; the recorder keeps the changes of state. */
  addGate(sample: GateSampleView): void;
  /** A start, stop or change of pace of the shared breathing pacer; absent → not kept. */
  addPacer?(event: PacerEvent): void;
  /** Flushes and closes the recording, as `outcome` ("stopped" when not given). */
  close(outcome?: RecordingOutcome): Promise<void>;
  /** The stored session's id, when the store gives one. */
  sessionId?(): string | null;
}

/** Where the partners' names persist (STORE's partners repository, adapted). */
export interface NameStore {
  load(partner: PartnerId): Promise<string | undefined>;
  save(partner: PartnerId, name: string): Promise<void>;
}

/** What a running calibration or calm check reports: progress in event time, then the reading once. */
export type CalibrationStep =
  { readonly kind: 'progress'; readonly elapsedSec: number } | { readonly kind: 'done'; readonly reading: CalmReading };

/** The two readings a person starts: the 3-minute calibration, and the short calm check. */
export type StartedReadingKind = Extract<ReadingKind, 'calibration' | 'calm-check'>;

/**
 * Everything the live session is assembled from. `createDefaultLiveDependencies` gives the real
 * parts; tests and the shell may replace any of them (the app is assembled in
 * one place, nothing is a module-level singleton).
 */
export interface LiveDependencies {
  readonly simulator: (options: { scenario: Scenario; partner: PartnerId; speed: number; seed?: number }) => HeartRateSource;
  /** Plays a recording; `name` (the file name) is shown as the device. */
  readonly replay: (options: {
    /** Intervals (and beat times), or a recording already checked where it was read. */
    recording: { rrMs: ArrayLike<number>; tSec?: ArrayLike<number> } | CheckedReplayRecording;
    speed: number;
    name?: string;
  }) => HeartRateSource;
  /**
   * A source that asks for a strap with the browser's chooser; `connect()` must run in the click.
   * `onlyName` narrows the chooser to the strap of that name (one used before).
   */
  readonly bluetooth: (options?: { readonly onlyName?: string }) => HeartRateSource;
  readonly bluetoothSupport: () => BluetoothSupportView;
  readonly rememberedStraps: () => Promise<readonly RememberedStrap[]>;
  /** The baseline a demo partner brings; null for a scenario without baselines (`first-night`). */
  readonly demoBaseline: (scenario: Scenario, partner: PartnerId) => Baseline | null;
  /**
   * Reads an RR file from its bytes, or from a Blob (a browser File) whose bytes are read where the
   * reader runs — in the app a worker, so the page never holds them (any format `readRrFile`
   * reads, FIT included); rejects with an Error naming the line and, in `expected`, what was
   * expected. `tSec` null: no time column.
   * `checked`: the same intervals already checked for replay (`checkReplayRecording`), to pass to
   * `replay` so they are not checked again; a failed check rejects like a reader's error. The
   * bytes may be moved to a worker: the caller must not use them afterwards.
   */
  readonly readRrFile: (
    contents: Uint8Array | Blob,
    fileName?: string,
  ) => Promise<{
    rrMs: ArrayLike<number>;
    tSec: ArrayLike<number> | null;
    warnings: readonly string[];
    checked?: CheckedReplayRecording;
  }>;
  readonly partnerPipeline: (inputs: {
    beats$: Observable<Beat>;
    status$: Observable<SourceStatus>;
    baseline$: Observable<Baseline | null>;
    scheduler?: SchedulerLike;
    /** Event-time seconds per wall-clock second of the source (1 for a strap). */
    speed: number;
  }) => PartnerPipelineView;
  readonly combineGate: (a: Observable<PartnerReadinessView>, b: Observable<PartnerReadinessView>) => Observable<GateStatusView>;
  /**
   * Records a seated rest of `durationSec` from `beats$` and turns it into one calm reading of
   * `kind` (not yet checked against the person's earlier readings). Errors with a plain sentence
   * when the rest cannot give a reading (noisy, dropouts, silent strap). Cold: unsubscribing
   * abandons it.
   */
  readonly calibrate: (
    beats$: Observable<Beat>,
    options: { device: string; demo: boolean; speed: number; kind: StartedReadingKind; durationSec: number },
  ) => Observable<CalibrationStep>;
  /** Seconds of seated rest a calibration records. */
  readonly calibrationSec: number;
  /** Seconds of quiet rest a calm check records. */
  readonly calmCheckSec: number;
  /** Plain-language reason, e.g. "Sam: heart rate 96, usually 68 — give it a few minutes". */
  readonly describeReason: (reason: ReadinessReason, partnerName: string) => string;
  readonly readings?: ReadingStore;
  /** Names kept between visits; absent → the names last for the page only. */
  readonly names?: NameStore;
  /** Each partner's strap kept between visits; absent → nothing is remembered. */
  readonly straps?: StrapStore;
  /** Starts recording a session; absent → nothing is recorded. Called on the first beat. */
  readonly startRecording?: (info: RecordingInfo) => LiveRecorder;
  /** Scheduler for wall-time work in the pipeline (timeouts); the default async scheduler when absent. */
  readonly scheduler?: SchedulerLike;
}

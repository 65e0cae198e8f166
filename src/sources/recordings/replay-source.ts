import type { SchedulerLike } from 'rxjs';
import { Subject, asyncScheduler } from 'rxjs';
import type { Beat } from '../../signal/types';
import type { HeartRateSource } from '../heart-rate-source';
import type { RrFile } from './rr-file';
import type { Playback } from './playback';
import { checkSpeed, markingResume, startPlayback } from './playback';
import { createStatusStore } from '../source-status';

/** A recording to replay: RR intervals, and beat times when the file has them; or heart rate only. */
export interface ReplayRecording {
  /** RR interval ending at each beat, ms; ignored (may be empty) when `hrBpm` is given. */
  readonly rrMs: ArrayLike<number>;
  /** Event time of each beat, seconds; default the cumulative sum of `rrMs`. Required with `hrBpm`. */
  readonly tSec?: ArrayLike<number> | null;
  /**
   * Heart rate of each sample, bpm, for a recording without RR intervals: it replays as a
   * heart-rate-only device (beats with `rrMs` null, status `hrOnly`).
   */
  readonly hrBpm?: ArrayLike<number> | null;
}

/** The recording a file read by `readRrFile` replays: its intervals, or its heart rate only. */
export function replayRecordingOf(file: Pick<RrFile, 'rrMs' | 'tSec' | 'hasTimeColumn' | 'hrBpm'>): ReplayRecording {
  if (file.hrBpm !== undefined) return { rrMs: [], tSec: file.tSec, hrBpm: file.hrBpm };
  return { rrMs: file.rrMs, tSec: file.hasTimeColumn ? file.tSec : null };
}

export interface ReplaySourceOptions {
  /** A recording, or one already checked where it was read (not checked again). */
  readonly recording: ReplayRecording | CheckedReplayRecording;
  /** Event-time seconds per scheduler second. Default 1. */
  readonly speed?: number;
  readonly scheduler?: SchedulerLike;
  /** Shown as the device name, e.g. the file name. */
  readonly name?: string;
}

/**
 * Extra time between two beats, beyond the later beat's RR interval, that marks missing beats, s.
 * Beat times from a file are R-peak times; a difference well above the RR interval means beats
 * were removed or lost there.
 */
const GAP_TOLERANCE_SEC = 0.5;
/** A step between heart-rate samples longer than this marks missing samples (devices send one a second), s. */
const HR_GAP_SEC = 2.5;
/** Heart rates above this cannot be a heart's, bpm. */
const MAX_HR_BPM = 400;

declare const checkedBrand: unique symbol;

/**
 * A recording that passed {@link checkReplayRecording}: every interval and beat time valid, beat
 * times and gap marks computed, all in typed arrays that a worker can transfer without copying.
 * Branded: only `checkReplayRecording` makes one, and {@link adoptCheckedRecording} takes one back
 * after it crossed a worker's message boundary. `createReplaySource` does not check it again.
 */
export interface CheckedReplayRecording {
  readonly kind: 'checked';
  /** RR interval ending at each beat, ms; each in (0, 60 000]. Empty for heart rate only. */
  readonly rrMs: Float64Array;
  /** Heart rate of each sample, bpm, each in (0, 400], for a heart-rate-only recording; else null. */
  readonly hrBpm: Float64Array | null;
  /** Event time of each beat, s; finite and strictly increasing. */
  readonly tSec: Float64Array;
  /** 1 where beats are missing just before this beat (see GAP_TOLERANCE_SEC), else 0. */
  readonly afterGap: Uint8Array;
  readonly [checkedBrand]: true;
}

/** The parts of a checked recording, as a worker's message carries them (the brand does not travel). */
export type CheckedRecordingParts = Pick<CheckedReplayRecording, 'kind' | 'rrMs' | 'tSec' | 'afterGap'> & {
  /** Absent or null: RR intervals. */
  readonly hrBpm?: Float64Array | null;
};

/**
 * Validates a recording and indexes its beats in event time, in one pass into typed arrays. Run it
 * where the file is read (a Web Worker in the app) so the page's thread does not make the pass.
 * @throws Error ("createReplaySource: …") naming the first bad value.
 */
export function checkReplayRecording(recording: ReplayRecording): CheckedReplayRecording {
  if (recording.hrBpm !== undefined && recording.hrBpm !== null) return checkHeartRateOnly(recording.hrBpm, recording.tSec ?? null);
  const { rrMs } = recording;
  const times = recording.tSec ?? null;
  if (!Array.isArray(rrMs) && !(rrMs instanceof Float64Array)) {
    throw new Error('createReplaySource: recording.rrMs must be an array of milliseconds');
  }
  if (times !== null && times.length !== rrMs.length) {
    throw new Error(`createReplaySource: recording.tSec has ${times.length} values but rrMs has ${rrMs.length}`);
  }
  const intervalsMs = new Float64Array(rrMs.length);
  const tSecs = new Float64Array(rrMs.length);
  const gaps = new Uint8Array(rrMs.length);
  let cumulativeSec = 0;
  for (let i = 0; i < rrMs.length; i += 1) {
    const rr = rrMs[i];
    if (typeof rr !== 'number' || !Number.isFinite(rr) || rr <= 0 || rr > 60_000) {
      throw new Error(`createReplaySource: rrMs[${i}] must be a positive number of milliseconds, got ${String(rr)}`);
    }
    intervalsMs[i] = rr;
    cumulativeSec += rr / 1000;
    let tSec = cumulativeSec;
    if (times !== null) {
      tSec = times[i];
      if (typeof tSec !== 'number' || !Number.isFinite(tSec)) {
        throw new Error(`createReplaySource: tSec[${i}] must be a finite number of seconds, got ${String(tSec)}`);
      }
      if (i > 0) {
        const previous = tSecs[i - 1];
        if (tSec <= previous) {
          throw new Error(`createReplaySource: tSec[${i}] = ${tSec} does not come after tSec[${i - 1}] = ${previous}`);
        }
        gaps[i] = tSec - previous > rr / 1000 + GAP_TOLERANCE_SEC ? 1 : 0;
      }
    }
    tSecs[i] = tSec;
  }
  return { kind: 'checked', rrMs: intervalsMs, tSec: tSecs, afterGap: gaps, hrBpm: null } as CheckedReplayRecording;
}

/** {@link checkReplayRecording} for heart-rate samples: rates and times valid, steps over 2.5 s marked as gaps. */
function checkHeartRateOnly(hrBpm: ArrayLike<number>, times: ArrayLike<number> | null): CheckedReplayRecording {
  if (times === null) throw new Error('createReplaySource: a heart-rate-only recording needs the time of each sample (tSec)');
  if (times.length !== hrBpm.length) {
    throw new Error(`createReplaySource: recording.tSec has ${times.length} values but hrBpm has ${hrBpm.length}`);
  }
  const rates = new Float64Array(hrBpm.length);
  const tSecs = new Float64Array(hrBpm.length);
  const gaps = new Uint8Array(hrBpm.length);
  for (let i = 0; i < hrBpm.length; i += 1) {
    const hr = hrBpm[i];
    if (typeof hr !== 'number' || !Number.isFinite(hr) || hr <= 0 || hr > MAX_HR_BPM) {
      throw new Error(`createReplaySource: hrBpm[${i}] must be a heart rate in (0, ${MAX_HR_BPM}] bpm, got ${String(hr)}`);
    }
    const tSec = times[i];
    if (typeof tSec !== 'number' || !Number.isFinite(tSec)) {
      throw new Error(`createReplaySource: tSec[${i}] must be a finite number of seconds, got ${String(tSec)}`);
    }
    if (i > 0 && tSec <= tSecs[i - 1]) {
      throw new Error(`createReplaySource: tSec[${i}] = ${tSec} does not come after tSec[${i - 1}] = ${tSecs[i - 1]}`);
    }
    rates[i] = hr;
    tSecs[i] = tSec;
    gaps[i] = i > 0 && tSec - tSecs[i - 1] > HR_GAP_SEC ? 1 : 0;
  }
  return { kind: 'checked', rrMs: new Float64Array(0), tSec: tSecs, afterGap: gaps, hrBpm: rates } as CheckedReplayRecording;
}

/**
 * Takes back a recording that {@link checkReplayRecording} made on the other side of a worker's
 * message boundary (structured cloning keeps the arrays, not the brand). Checks its shape — typed
 * arrays of one length — in constant time; the values were checked where it was made, and only
 * that worker's answer may be passed here.
 * @throws Error ("adoptCheckedRecording: …") for anything of another shape.
 */
export function adoptCheckedRecording(parts: CheckedRecordingParts): CheckedReplayRecording {
  const { rrMs, tSec, afterGap } = parts;
  const hrBpm = parts.hrBpm ?? null;
  const perBeat = hrBpm === null ? rrMs : hrBpm;
  if (
    parts.kind !== 'checked' ||
    !(rrMs instanceof Float64Array) ||
    !(tSec instanceof Float64Array) ||
    !(afterGap instanceof Uint8Array) ||
    !(hrBpm === null || (hrBpm instanceof Float64Array && rrMs.length === 0)) ||
    tSec.length !== perBeat.length ||
    afterGap.length !== perBeat.length
  ) {
    throw new Error('adoptCheckedRecording: expected the typed arrays of one checked recording, of equal length');
  }
  return { ...parts, hrBpm } as CheckedReplayRecording;
}

function isChecked(recording: ReplayRecording | CheckedReplayRecording): recording is CheckedReplayRecording {
  return 'kind' in recording && recording.kind === 'checked';
}

/** A checked recording's beats by index, made when asked for (a long file allocates nothing per beat up front). */
interface IndexedRecording {
  readonly count: number;
  /** True for heart-rate samples without RR intervals. */
  readonly hrOnly: boolean;
  beatAt(index: number): Beat;
}

function indexRecording(recording: ReplayRecording | CheckedReplayRecording): IndexedRecording {
  const { rrMs, tSec, afterGap, hrBpm } = isChecked(recording) ? recording : checkReplayRecording(recording);
  if (hrBpm !== null) {
    return {
      count: hrBpm.length,
      hrOnly: true,
      beatAt: (i) => ({ tSec: tSec[i], rrMs: null, hrBpm: hrBpm[i], afterGap: afterGap[i] === 1 }),
    };
  }
  return {
    count: rrMs.length,
    hrOnly: false,
    beatAt: (i) => ({ tSec: tSec[i], rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: afterGap[i] === 1 }),
  };
}

/**
 * Validates a recording and returns its beats in event time.
 * @throws Error ("createReplaySource: …") naming the first bad value.
 */
export function replayBeats(recording: ReplayRecording | CheckedReplayRecording): Beat[] {
  const checked = indexRecording(recording);
  return Array.from({ length: checked.count }, (_, i) => checked.beatAt(i));
}

/**
 * Replays a recording as a live source (DESIGN.md, Sources: replay): each beat is delivered when
 * the scheduler's clock reaches its event time divided by `speed`, counted from the start of the
 * recording (the first beat's time minus its RR interval). `disconnect()` pauses; `connect()`
 * resumes where it paused, the first beat marked `afterGap`. At the end the status becomes
 * `disconnected` with code `ended`. A heart-rate-only recording (`hrBpm`) plays its samples as
 * beats with `rrMs` null and reports `hrOnly` in its status, as a strap that sends no RR does.
 *
 * @throws Error ("createReplaySource: …") for a malformed recording or speed, before anything plays.
 */
export function createReplaySource(options: ReplaySourceOptions): HeartRateSource {
  const all = indexRecording(options.recording);
  const speed = checkSpeed(options.speed ?? 1, 'createReplaySource');
  const scheduler = options.scheduler ?? asyncScheduler;
  const deviceName = options.name === undefined || options.name === '' ? 'Recording' : `Recording: ${options.name}`;
  const beats = new Subject<Beat>();
  const status = createStatusStore();
  const first = all.count === 0 ? null : all.beatAt(0);
  const originSec = first === null ? 0 : Math.max(0, first.tSec - (first.rrMs ?? 0) / 1000);
  /** Next beat to pull, and next beat not yet delivered (the player looks one beat ahead). */
  let index = 0;
  let delivered = 0;
  let playback: Playback | null = null;
  let resumed = false;

  const connect = async (): Promise<void> => {
    if (playback !== null || (status.current().kind === 'disconnected' && delivered >= all.count)) return;
    status.set({ kind: 'connecting' });
    status.set({ kind: 'connected', deviceName, batteryPercent: null, hrOnly: all.hrOnly, malformedPackets: 0 });
    const fromSec = index < all.count ? Math.max(originSec, index === 0 ? originSec : all.beatAt(index - 1).tSec) : originSec;
    playback = startPlayback<Beat>({
      pull: markingResume(() => (index < all.count ? all.beatAt(index++) : undefined), resumed),
      speed,
      scheduler,
      fromSec,
      deliver: (beat) => {
        delivered += 1;
        beats.next(beat);
      },
      end: () => {
        playback = null;
        status.set({ kind: 'disconnected', reason: 'The recording has ended.', code: 'ended' });
      },
    });
  };

  const disconnect = async (): Promise<void> => {
    if (playback === null) return;
    playback.stop();
    playback = null;
    index = delivered;
    resumed = true;
    status.set({ kind: 'disconnected', reason: 'Disconnected.', code: 'user' });
  };

  return { kind: 'replay', beats$: beats.asObservable(), status$: status.status$, connect, disconnect };
}

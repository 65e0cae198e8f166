/**
 * One partner as the view sees it: what their beats come from, the figures, the calibration, and the
 * plain words for what went wrong. Plain data; `partner.ts` keeps it up to date.
 */
import type { HeartRateSource, SourceStatus } from '../sources/heart-rate-source';
import type { Baseline, Beat, PartnerId, WindowMetrics } from '../signal/types';
import type { StartedReadingKind, StoredReading, StrapMemo } from './dependencies';
import type { PartnerReadinessView } from './readiness-types';

/**
 * How often, at most, the view redraws a partner's charts and the slower parts of the panel
 * (connection, reasons, calibration): 4 per second. The gauge's figures follow every beat (`live$`).
 */
export const UI_REFRESH_MS = 250;
/** The tachogram shows the last two minutes of beats. */
export const TACHOGRAM_SPAN_SEC = 120;
/** The trend chart shows the last ten minutes. */
export const TREND_SPAN_SEC = 600;
/** One trend point per 5 s of event time: 120 points for ten minutes, whatever the heart rate. */
export const TREND_STEP_SEC = 5;

/** What a partner's beats come from, as the view names it. */
export interface SourceOrigin {
  readonly kind: HeartRateSource['kind'];
  /** "Simulator (calm)", a file name, or the strap's name once known. */
  readonly label: string;
  /** Simulated demo data: gets the demo baseline and is never stored as a real baseline. */
  readonly demo: boolean;
  /** Event-time seconds the source plays per wall-clock second (1 for a strap). */
  readonly speed: number;
}

/**
 * A calibration or calm check in progress or just finished: `done` when its reading counts,
 * `refused` when the reading was kept but not used (the message says why in one sentence),
 * `failed` when no reading could be made.
 */
export interface CalibrationProgress {
  readonly kind: StartedReadingKind;
  readonly phase: 'waiting-for-beats' | 'recording' | 'done' | 'refused' | 'failed';
  /** Event-time seconds recorded so far. */
  readonly elapsedSec: number;
  readonly totalSec: number;
  /** Why it failed or was refused, or what was kept. */
  readonly message: string | null;
}

/** How far the baseline in use has got: "learning (n of 3)" until `need` readings are accepted. */
export interface BaselineLearningView {
  readonly learning: boolean;
  readonly have: number;
  readonly need: number;
}

/** Everything the view shows for one partner; a new object on every change. */
export interface PartnerView {
  readonly id: PartnerId;
  /** The name as typed (may be blank while editing). */
  readonly name: string;
  /** The name to show: the typed one, or "Partner A" / "Partner B" when blank. */
  readonly displayName: string;
  readonly origin: SourceOrigin | null;
  readonly status: SourceStatus;
  readonly lastBeat: Beat | null;
  readonly metrics: WindowMetrics | null;
  readonly readiness: PartnerReadinessView | null;
  /** The baseline in use: the demo one for demo data, else the partner's own (or none yet). */
  readonly baseline: Baseline | null;
  /** The partner's own baseline (from their accepted readings), whatever is attached. */
  readonly ownBaseline: Baseline | null;
  /** The partner's own readings, oldest first, accepted and refused (never demo ones). */
  readonly readings: readonly StoredReading[];
  /** Learning state of the baseline in use; null for a demo baseline (a scenario's, not learnt). */
  readonly learning: BaselineLearningView | null;
  /** True when the device sends heart rate without RR intervals: no HRV can be shown. */
  readonly hrOnly: boolean;
  readonly calibration: CalibrationProgress | null;
  /** The last thing that went wrong with this partner's source, in plain language. */
  readonly error: string | null;
  /** What the reader noticed about a loaded recording (skipped lines, guessed units). */
  readonly recordingWarnings: readonly string[];
  /** The strap this partner used last (kept between visits), to connect again with one tap. */
  readonly rememberedStrap: StrapMemo | null;
  /** A plain note about the connection under way (e.g. the browser asking again which strap). */
  readonly notice: string | null;
}

/** A point of the trend chart. */
export interface TrendPoint {
  readonly tSec: number;
  readonly lnRmssd: number | null;
  readonly breathsPerMin: number | null;
}

export const IDLE: SourceStatus = { kind: 'idle' };

export function displayNameOf(id: PartnerId, name: string): string {
  return name.trim() === '' ? `Partner ${id.toUpperCase()}` : name.trim();
}

/** A partner's view before any source: idle, no figures, no baseline. */
export function initialPartnerView(id: PartnerId, name: string): PartnerView {
  return {
    id,
    name,
    displayName: displayNameOf(id, name),
    origin: null,
    status: IDLE,
    lastBeat: null,
    metrics: null,
    readiness: null,
    baseline: null,
    ownBaseline: null,
    readings: [],
    learning: null,
    hrOnly: false,
    calibration: null,
    error: null,
    recordingWarnings: [],
    rememberedStrap: null,
    notice: null,
  };
}

/** Plain words for a failed connect: a cancelled chooser is not an error the user must fix. */
export function describeConnectError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'NotFoundError' || /cancel/i.test(error.message)) return 'No strap was chosen. You can try again.';
    if (error.name === 'SecurityError') return 'The browser blocked Bluetooth here. Open Attune over https or on localhost.';
    if (error.name === 'NotAllowedError') return 'Bluetooth permission was refused. Allow it in the site settings and try again.';
    return error.message;
  }
  return String(error);
}

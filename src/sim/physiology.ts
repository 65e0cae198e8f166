/**
 * The simulator's physiology: parameters, their defaults, and how a timeline of them becomes the
 * generator's amplitudes (the model is described in simulator.ts).
 *
 * Sizes follow the target RMSSD: for a sinusoid of peak amplitude A at frequency f sampled once per
 * mean interval T, the RMS of successive differences is √2·A·sin(πfT); white noise of SD σ adds √2·σ.
 * The RSA amplitude is solved so that the clean series has the requested RMSSD (Task Force of the
 * ESC/NASPE 1996, doi:10.1161/01.CIR.93.5.1043, for the RMSSD definition). Without a target, RMSSD
 * falls with heart rate (about 45 ms at 65 bpm, 8 ms at 100 bpm), so RSA is weak when aroused —
 * the usual picture of vagal withdrawal (Shaffer & Ginsberg 2017, doi:10.3389/fpubh.2017.00258).
 */
import type { Random } from './random';

/** Physiology at one moment. Only heart rate and breathing rate are required. */
export interface PhysiologyParams {
  /** Mean heart rate, beats per minute (30–220). */
  readonly hrBpm: number;
  /** Breathing rate, breaths per minute (3–40); 5.5 for resonance-paced breathing. */
  readonly breathsPerMin: number;
  /** Target RMSSD of the clean series, ms. Default falls with heart rate (see module doc). */
  readonly rmssdMs?: number;
  /** Peak RSA amplitude, ms. When given it wins over `rmssdMs` for the RSA part. */
  readonly rsaAmplitudeMs?: number;
  /** Peak Mayer-wave amplitude, ms. Default 0.8 × target RMSSD. */
  readonly mayerAmplitudeMs?: number;
  /** Mayer-wave frequency, Hz. Default 0.1. */
  readonly mayerHz?: number;
  /** SD of the slow drift, ms. Default 3 % of the mean interval. */
  readonly driftSdMs?: number;
  /** Share (0–1) of the successive-difference variance that is beat-to-beat noise. Default 0.1. */
  readonly noiseShare?: number;
  /**
   * Second-harmonic amplitude of RSA as a share of the first (0–1). Default 0: a sinusoid. Real RSA
   * is often asymmetric (a quicker change at inspiration than at expiration), which puts power at
   * twice the breathing rate — the trap of a harmonic read as the breathing rate.
   */
  readonly rsaHarmonic?: number;
  /**
   * Share (0–1) of the partner's slow (Mayer-wave band, 0.03–0.15 Hz) variability carried by a
   * component shared with the other partner (see `SharedCoupling` in simulator.ts); the partner's
   * own Mayer wave keeps the rest, so the band's variance stays the same. Default 0: independent.
   * Only takes effect when the simulation is given a shared component.
   */
  readonly sharedShare?: number;
}

/** A point of a physiology timeline; values are interpolated between points. */
export interface Keyframe extends PhysiologyParams {
  /** Event time of this point, seconds. */
  readonly atSec: number;
}

/** Time constant of the slow drift, seconds. */
export const DRIFT_TAU_SEC = 90;

/** Default RMSSD for a heart rate, ms: about 45 ms at 65 bpm, halving every ~14 bpm, at least 4 ms. */
export function defaultRmssdMs(hrBpm: number): number {
  return Math.max(4, 45 * Math.exp(-(hrBpm - 65) / 20));
}

/** The generator's amplitudes at one moment. */
export interface Resolved {
  meanRrMs: number;
  breathsPerMin: number;
  rsaMs: number;
  rsaHarmonic: number;
  mayerMs: number;
  mayerHz: number;
  driftSdMs: number;
  noiseSdMs: number;
  /** Share of the Mayer-wave band carried by a shared component, 0–1 (mayerMs is the whole band's amplitude). */
  sharedShare: number;
}

function checkParams(p: PhysiologyParams, where: string): void {
  const fail = (reason: string): never => {
    throw new Error(`simulateRr: ${where} ${reason}`);
  };
  if (!Number.isFinite(p.hrBpm) || p.hrBpm < 30 || p.hrBpm > 220) fail(`hrBpm must be 30–220, got ${p.hrBpm}`);
  if (!Number.isFinite(p.breathsPerMin) || p.breathsPerMin < 3 || p.breathsPerMin > 40) {
    fail(`breathsPerMin must be 3–40, got ${p.breathsPerMin}`);
  }
  for (const key of ['rmssdMs', 'rsaAmplitudeMs', 'mayerAmplitudeMs', 'driftSdMs'] as const) {
    const value = p[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 500)) {
      fail(`${key} must be 0–500 ms, got ${value}`);
    }
  }
  if (p.mayerHz !== undefined && (!Number.isFinite(p.mayerHz) || p.mayerHz <= 0 || p.mayerHz > 0.3)) {
    fail(`mayerHz must be in (0, 0.3], got ${p.mayerHz}`);
  }
  for (const key of ['noiseShare', 'rsaHarmonic', 'sharedShare'] as const) {
    const value = p[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 1)) fail(`${key} must be 0–1, got ${value}`);
  }
}

/** Turns physiology into the generator's amplitudes (see the module doc for the RMSSD algebra). */
function resolve(p: PhysiologyParams): Resolved {
  const meanRrMs = 60_000 / p.hrBpm;
  const tSec = meanRrMs / 1000;
  const rmssd = p.rmssdMs ?? defaultRmssdMs(p.hrBpm);
  const mayerHz = p.mayerHz ?? 0.1;
  const mayerMs = p.mayerAmplitudeMs ?? 0.8 * rmssd;
  const driftSdMs = p.driftSdMs ?? 0.03 * meanRrMs;
  const noiseShare = p.noiseShare ?? 0.1;
  const noiseSdMs = (Math.sqrt(noiseShare) * rmssd) / Math.SQRT2;
  let rsaMs: number;
  if (p.rsaAmplitudeMs !== undefined) {
    rsaMs = p.rsaAmplitudeMs;
  } else {
    const sMayer = Math.sin(Math.PI * mayerHz * tSec);
    // Variance of successive differences of an OU process with step T: 2σ²(1 − e^(−T/τ)).
    const driftVar = 2 * driftSdMs ** 2 * (1 - Math.exp(-tSec / DRIFT_TAU_SEC));
    const left = rmssd ** 2 - 2 * noiseSdMs ** 2 - 2 * (mayerMs * sMayer) ** 2 - driftVar;
    const sBreath = Math.sin(Math.PI * (p.breathsPerMin / 60) * tSec);
    rsaMs = left > 0 && sBreath > 1e-6 ? Math.sqrt(left / (2 * sBreath ** 2)) : 0;
  }
  return {
    meanRrMs,
    breathsPerMin: p.breathsPerMin,
    rsaMs,
    rsaHarmonic: p.rsaHarmonic ?? 0,
    mayerMs,
    mayerHz,
    driftSdMs,
    noiseSdMs,
    sharedShare: p.sharedShare ?? 0,
  };
}

/** Interpolates a timeline: linear in HR and breathing, logarithmic in RMSSD and amplitudes. */
function interpolate(a: Keyframe, b: Keyframe, tSec: number): PhysiologyParams {
  const span = b.atSec - a.atSec;
  const w = span > 0 ? Math.min(1, Math.max(0, (tSec - a.atSec) / span)) : 1;
  const lin = (x: number, y: number): number => x + (y - x) * w;
  const log = (x: number | undefined, y: number | undefined): number | undefined =>
    x === undefined || y === undefined ? (w < 0.5 ? x : y) : Math.exp(lin(Math.log(x + 1e-3), Math.log(y + 1e-3))) - 1e-3;
  const opt = (x: number | undefined, y: number | undefined): number | undefined =>
    x === undefined || y === undefined ? (w < 0.5 ? x : y) : lin(x, y);
  return {
    hrBpm: lin(a.hrBpm, b.hrBpm),
    breathsPerMin: lin(a.breathsPerMin, b.breathsPerMin),
    rmssdMs: log(a.rmssdMs ?? defaultRmssdMs(a.hrBpm), b.rmssdMs ?? defaultRmssdMs(b.hrBpm)),
    rsaAmplitudeMs: log(a.rsaAmplitudeMs, b.rsaAmplitudeMs),
    mayerAmplitudeMs: log(a.mayerAmplitudeMs, b.mayerAmplitudeMs),
    mayerHz: opt(a.mayerHz, b.mayerHz),
    driftSdMs: opt(a.driftSdMs, b.driftSdMs),
    noiseShare: opt(a.noiseShare, b.noiseShare),
    rsaHarmonic: opt(a.rsaHarmonic, b.rsaHarmonic),
    sharedShare: opt(a.sharedShare, b.sharedShare),
  };
}

/** Reads a timeline beat by beat, forwards only (the cursor never goes back). */
export function timelineReader(physiology: PhysiologyParams | readonly Keyframe[]): (tSec: number) => Resolved {
  if (!Array.isArray(physiology)) {
    const params = physiology as PhysiologyParams;
    checkParams(params, 'physiology');
    const resolved = resolve(params);
    return () => resolved;
  }
  const frames = physiology as readonly Keyframe[];
  if (frames.length === 0) throw new Error('simulateRr: physiology timeline is empty');
  frames.forEach((frame, i) => {
    checkParams(frame, `keyframe ${i}`);
    if (!Number.isFinite(frame.atSec)) throw new Error(`simulateRr: keyframe ${i} atSec must be finite, got ${frame.atSec}`);
    if (i > 0 && frame.atSec < frames[i - 1].atSec) {
      throw new Error(`simulateRr: keyframe ${i} atSec ${frame.atSec} is before keyframe ${i - 1} (${frames[i - 1].atSec})`);
    }
  });
  const first = resolve(frames[0]);
  const last = resolve(frames[frames.length - 1]);
  let cursor = 0;
  return (tSec) => {
    if (tSec <= frames[0].atSec) return first;
    while (cursor < frames.length - 1 && frames[cursor + 1].atSec <= tSec) cursor += 1;
    if (cursor >= frames.length - 1) return last;
    return resolve(interpolate(frames[cursor], frames[cursor + 1], tSec));
  };
}

/** One step of an Ornstein–Uhlenbeck process with unit stationary SD. */
export function ouStep(x: number, dtSec: number, tauSec: number, random: Random): number {
  const decay = Math.exp(-dtSec / tauSec);
  return x * decay + Math.sqrt(1 - decay * decay) * random.normal();
}

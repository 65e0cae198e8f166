/**
 * A deterministic, physiologically plausible RR-interval generator (DESIGN.md, Sources: simulator).
 *
 * Pure: options in, arrays out; randomness comes from a seeded generator, never `Math.random`.
 * Each RR interval is the sum of
 * - the mean interval 60 000 / HR,
 * - respiratory sinus arrhythmia (RSA): a sinusoid at the breathing rate, whose phase is integrated
 *   beat by beat so the rate may change over time; breath-to-breath variability of about 4 %,
 * - Mayer waves: a sinusoid near 0.1 Hz (baroreflex), Julien (2006) doi:10.1016/j.cardiores.2005.11.008,
 * - slow drift: an Ornstein–Uhlenbeck process (time constant 90 s),
 * - beat-to-beat noise (Gaussian),
 * then optional artifacts (ectopic, missed and extra beats), rhythm disturbances (runs of ectopy,
 * AF-like irregularity) and dropouts.
 *
 * Sizes follow the target RMSSD: for a sinusoid of peak amplitude A at frequency f sampled once per
 * mean interval T, the RMS of successive differences is √2·A·sin(πfT); white noise of SD σ adds √2·σ.
 * The RSA amplitude is solved so that the clean series has the requested RMSSD (Task Force of the
 * ESC/NASPE 1996, doi:10.1161/01.CIR.93.5.1043, for the RMSSD definition). Without a target, RMSSD
 * falls with heart rate (about 45 ms at 65 bpm, 8 ms at 100 bpm), so RSA is weak when aroused —
 * the usual picture of vagal withdrawal (Shaffer & Ginsberg 2017, doi:10.3389/fpubh.2017.00258).
 *
 * Limitations: the model is additive and linear; it does not model the cardiac cycle's refractory
 * behaviour beyond clamping RR to 250–2500 ms, nor posture, speech or movement.
 */
import type { PartnerId } from '../signal/types';
import type { Random } from './random';
import { createRandom, seedFrom } from './random';

/** The demo scenarios (DESIGN.md, Page URLs). */
export const SCENARIOS = ['calm', 'conflict', 'flooded', 'hr-only'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** True when `value` names a scenario. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value);
}

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
}

/** A point of a physiology timeline; values are interpolated between points. */
export interface Keyframe extends PhysiologyParams {
  /** Event time of this point, seconds. */
  readonly atSec: number;
}

/** Artifact probabilities per beat (0–1 each). */
export interface ArtifactRates {
  /** Premature beat followed by a compensatory pause. */
  readonly ectopic?: number;
  /** A beat the strap failed to detect: two intervals reported as one. */
  readonly missed?: number;
  /** A false detection: one interval reported as two. */
  readonly extra?: number;
}

/**
 * Rhythms that are not a sinus rhythm with the odd artifact: HRV is not meaningful in them, and the
 * signal code must say so rather than give a number.
 */
export interface RhythmDisturbance {
  /** Runs of premature beats (each with its compensatory pause, bigeminy-like), starts per minute. */
  readonly ectopicRunsPerMin?: number;
  /** Premature beats per run. Default 6. */
  readonly ectopicRunBeats?: number;
  /**
   * AF-like irregularity: each interval is drawn independently around the mean interval with this
   * coefficient of variation (0–0.4), and RSA, Mayer waves and drift no longer shape it.
   */
  readonly afCv?: number;
}

/** Stretches of time with no beats delivered (a loose strap, lost radio). */
export interface DropoutOptions {
  /** Random dropouts per hour of event time. */
  readonly perHour?: number;
  /** Mean duration of random dropouts, seconds (exponentially distributed, at least 2 s). */
  readonly meanSec?: number;
  /** Explicit dropouts. */
  readonly at?: readonly { readonly startSec: number; readonly durationSec: number }[];
}

export interface SimulateRrOptions {
  /** Event time to cover, seconds. */
  readonly durationSec: number;
  /** Seed of the generator; equal options and seed give identical output. Default 1. */
  readonly seed?: number | string;
  /**
   * Physiology: constant params, a timeline of keyframes, or omitted to use the scenario's
   * timeline for `partner`.
   */
  readonly physiology?: PhysiologyParams | readonly Keyframe[];
  /** Scenario whose timeline to play when `physiology` is omitted. Default `calm`. */
  readonly scenario?: Scenario;
  /** Partner whose scenario timeline to play. Default `a`. */
  readonly partner?: PartnerId;
  readonly artifacts?: ArtifactRates;
  readonly dropouts?: DropoutOptions;
  readonly rhythm?: RhythmDisturbance;
  /**
   * RR resolution, ms; intervals are rounded to multiples of it. Default 1000/1024, the
   * resolution of the Heart Rate Measurement characteristic; 0 keeps full precision.
   */
  readonly resolutionMs?: number;
}

/** What kind of artifact a delivered beat is, if any (truth for artifact-correction tests). */
export type ArtifactKind = 'ectopic' | 'missed' | 'extra';

export interface SimulatedRr {
  /** Event time of each delivered beat, seconds: the previous beat's time plus rrMs, except after a dropout. */
  readonly tSec: number[];
  /** RR interval ending at each beat, ms. */
  readonly rrMs: number[];
  /** True breathing rate at each beat, breaths per minute. */
  readonly breathsPerMin: number[];
  /** True when beats were dropped just before this one. */
  readonly afterGap: boolean[];
  /** Artifact truth per beat: null for a normal beat. */
  readonly artifact: (ArtifactKind | null)[];
}

const MIN_RR_MS = 250;
const MAX_RR_MS = 2500;
/** Shortest part of an interval split by a false detection, ms. */
const MIN_EXTRA_MS = 120;
const DRIFT_TAU_SEC = 90;
const BREATH_VARIABILITY = 0.04;
const BREATH_TAU_SEC = 20;
const MAYER_JITTER_HZ = 0.008;
const MAYER_TAU_SEC = 60;

/** Default RMSSD for a heart rate, ms: about 45 ms at 65 bpm, halving every ~14 bpm, at least 4 ms. */
export function defaultRmssdMs(hrBpm: number): number {
  return Math.max(4, 45 * Math.exp(-(hrBpm - 65) / 20));
}

interface Resolved {
  meanRrMs: number;
  breathsPerMin: number;
  rsaMs: number;
  rsaHarmonic: number;
  mayerMs: number;
  mayerHz: number;
  driftSdMs: number;
  noiseSdMs: number;
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
  for (const key of ['noiseShare', 'rsaHarmonic'] as const) {
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
  const noiseSdMs = Math.sqrt(noiseShare) * rmssd / Math.SQRT2;
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
  return { meanRrMs, breathsPerMin: p.breathsPerMin, rsaMs, rsaHarmonic: p.rsaHarmonic ?? 0, mayerMs, mayerHz, driftSdMs, noiseSdMs };
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
  };
}

/** Reads a timeline beat by beat, forwards only (the cursor never goes back). */
function timelineReader(physiology: PhysiologyParams | readonly Keyframe[]): (tSec: number) => Resolved {
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
function ouStep(x: number, dtSec: number, tauSec: number, random: Random): number {
  const decay = Math.exp(-dtSec / tauSec);
  return x * decay + Math.sqrt(1 - decay * decay) * random.normal();
}

/** Each partner's resting physiology: what their demo baseline describes. */
export const CALM_PHYSIOLOGY: Readonly<Record<PartnerId, PhysiologyParams>> = {
  a: { hrBpm: 64, breathsPerMin: 11.5, rmssdMs: 46 },
  b: { hrBpm: 70, breathsPerMin: 13, rmssdMs: 36 },
};

/**
 * A recovery timeline: `from` held for `holdSec`, then an exponential approach to `to` with time
 * constant `tauSec` (sampled every 10 s up to 6 τ, then `to` for good).
 */
export function recoveryTimeline(
  from: PhysiologyParams,
  to: PhysiologyParams,
  holdSec: number,
  tauSec: number,
): Keyframe[] {
  const frames: Keyframe[] = [{ ...from, atSec: 0 }, { ...from, atSec: holdSec }];
  const fromRmssd = from.rmssdMs ?? defaultRmssdMs(from.hrBpm);
  const toRmssd = to.rmssdMs ?? defaultRmssdMs(to.hrBpm);
  for (let dt = 10; dt <= 6 * tauSec; dt += 10) {
    const left = Math.exp(-dt / tauSec);
    frames.push({
      atSec: holdSec + dt,
      hrBpm: to.hrBpm + (from.hrBpm - to.hrBpm) * left,
      breathsPerMin: to.breathsPerMin + (from.breathsPerMin - to.breathsPerMin) * left,
      rmssdMs: Math.exp(Math.log(toRmssd) + (Math.log(fromRmssd) - Math.log(toRmssd)) * left),
    });
  }
  frames.push({ ...to, atSec: holdSec + 6 * tauSec + 10 });
  return frames;
}

/**
 * Aroused physiology after a fight: faster heart, little HRV, fast breathing — but short of
 * flooding (DESIGN.md: HR ≥ 100 or ≥ baseline + 20 bpm), which is its own scenario.
 */
const AROUSED: PhysiologyParams = { hrBpm: 80, breathsPerMin: 18, rmssdMs: 15 };
/** Flooded (Gottman): heart rate well above 100, almost no vagal modulation. */
const FLOODED: PhysiologyParams = { hrBpm: 108, breathsPerMin: 22, rmssdMs: 7 };

/**
 * The physiology timeline of a scenario for one partner (event-time seconds).
 * - `calm` and `hr-only`: both partners at rest throughout.
 * - `conflict`: partner a starts aroused (HR 80, RMSSD 15 ms, 18 breaths/min: out of range, not
 *   flooded), holds 30 s, then recovers with a 90 s time constant; partner b is calm. With the gate
 *   rules of DESIGN.md the gate opens about 5 minutes into the scenario.
 * - `flooded`: partner a at HR 108 for 20 minutes (the suggested break), then recovers with a 120 s
 *   time constant; partner b is calm.
 */
export function scenarioTimeline(scenario: Scenario, partner: PartnerId): Keyframe[] {
  const calm = CALM_PHYSIOLOGY[partner];
  if (partner === 'a' && scenario === 'conflict') return recoveryTimeline(AROUSED, calm, 30, 90);
  if (partner === 'a' && scenario === 'flooded') return recoveryTimeline(FLOODED, calm, 20 * 60, 120);
  return [{ ...calm, atSec: 0 }];
}

/** True when the scenario's device for this partner sends heart rate without RR intervals. */
export function scenarioIsHrOnly(scenario: Scenario, partner: PartnerId): boolean {
  return scenario === 'hr-only' && partner === 'b';
}

/** The default seed of a scenario's partner, so the two partners never share a sequence. */
export function scenarioSeed(scenario: Scenario, partner: PartnerId): number {
  return seedFrom(`${scenario}/${partner}`);
}

function checkRate(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 0.5) {
    throw new Error(`simulateRr: artifacts.${name} must be a probability 0–0.5, got ${value}`);
  }
  return value;
}

/** Decides, forwards in event time, whether a moment falls inside a dropout. */
function dropoutSchedule(options: DropoutOptions | undefined, random: Random): (tSec: number) => boolean {
  if (options === undefined) return () => false;
  const explicit: [number, number][] = [];
  for (const [i, d] of (options.at ?? []).entries()) {
    if (!Number.isFinite(d.startSec) || !Number.isFinite(d.durationSec) || d.durationSec <= 0) {
      throw new Error(`simulateRr: dropouts.at[${i}] needs a finite startSec and a positive durationSec`);
    }
    explicit.push([d.startSec, d.startSec + d.durationSec]);
  }
  explicit.sort((x, y) => x[0] - y[0]);
  const perHour = options.perHour ?? 0;
  if (!Number.isFinite(perHour) || perHour < 0) throw new Error(`simulateRr: dropouts.perHour must be ≥ 0, got ${perHour}`);
  const meanSec = options.meanSec ?? 8;
  if (!Number.isFinite(meanSec) || meanSec <= 0) throw new Error(`simulateRr: dropouts.meanSec must be > 0, got ${meanSec}`);

  // Random dropouts: a Poisson process of starts, exponential durations (at least 2 s).
  const drawAfter = (tSec: number): [number, number] => {
    const start = tSec + (-Math.log(1 - random.next()) * 3600) / perHour;
    return [start, start + Math.max(2, -Math.log(1 - random.next()) * meanSec)];
  };
  let next: [number, number] | null = null;
  let index = 0;
  return (tSec) => {
    while (index < explicit.length && explicit[index][1] <= tSec) index += 1;
    if (index < explicit.length && explicit[index][0] <= tSec) return true;
    if (perHour === 0) return false;
    next ??= drawAfter(0);
    while (next[1] <= tSec) next = drawAfter(next[1]);
    return next[0] <= tSec;
  };
}

/** One delivered beat of the simulation. */
export interface SimulatedBeat {
  readonly tSec: number;
  readonly rrMs: number;
  readonly breathsPerMin: number;
  readonly afterGap: boolean;
  readonly artifact: ArtifactKind | null;
}

/** Options of the open-ended generator: as `simulateRr`, with an optional, possibly infinite, duration. */
export type SimulateRrStreamOptions = Omit<SimulateRrOptions, 'durationSec'> & { readonly durationSec?: number };

/**
 * The simulation as a lazy, possibly endless, sequence of delivered beats (the live simulator source
 * pulls from it). Same model and seeds as `simulateRr`, which collects it into arrays.
 *
 * Three independent random streams derive from the seed — physiology, artifacts, dropouts — so
 * turning artifacts or dropouts on leaves the underlying rhythm identical (useful to score artifact
 * correction against the clean series).
 *
 * @throws Error ("simulateRr: …") for out-of-range options, when called.
 */
export function simulateRrStream(options: SimulateRrStreamOptions): Iterator<SimulatedBeat> {
  const durationSec = options.durationSec ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(durationSec) || durationSec < 0) {
    throw new Error(`simulateRr: durationSec must be ≥ 0, got ${durationSec}`);
  }
  const resolutionMs = options.resolutionMs ?? 1000 / 1024;
  if (!Number.isFinite(resolutionMs) || resolutionMs < 0 || resolutionMs > 50) {
    throw new Error(`simulateRr: resolutionMs must be 0–50, got ${resolutionMs}`);
  }
  const scenario = options.scenario ?? 'calm';
  if (!isScenario(scenario)) throw new Error(`simulateRr: unknown scenario "${String(scenario)}"`);
  const partner = options.partner ?? 'a';
  const paramsAt = timelineReader(options.physiology ?? scenarioTimeline(scenario, partner));
  const ectopicRate = checkRate(options.artifacts?.ectopic, 'ectopic');
  const missedRate = checkRate(options.artifacts?.missed, 'missed');
  const extraRate = checkRate(options.artifacts?.extra, 'extra');

  const runsPerMin = options.rhythm?.ectopicRunsPerMin ?? 0;
  const runBeats = options.rhythm?.ectopicRunBeats ?? 6;
  const afCv = options.rhythm?.afCv ?? 0;
  if (!Number.isFinite(runsPerMin) || runsPerMin < 0 || runsPerMin > 10) {
    throw new Error(`simulateRr: rhythm.ectopicRunsPerMin must be 0–10, got ${runsPerMin}`);
  }
  if (!Number.isInteger(runBeats) || runBeats < 1 || runBeats > 100) {
    throw new Error(`simulateRr: rhythm.ectopicRunBeats must be a whole number 1–100, got ${runBeats}`);
  }
  if (!Number.isFinite(afCv) || afCv < 0 || afCv > 0.4) throw new Error(`simulateRr: rhythm.afCv must be 0–0.4, got ${afCv}`);

  const seed = String(options.seed ?? 1);
  const random = createRandom(seed);
  const artifactRandom = createRandom(`${seed}/artifacts`);
  const rhythmRandom = createRandom(`${seed}/rhythm`);
  const inDropout = dropoutSchedule(options.dropouts, createRandom(`${seed}/dropouts`));
  const quantize = resolutionMs > 0 ? (ms: number) => Math.round(ms / resolutionMs) * resolutionMs : (ms: number) => ms;
  return generate();

  function* generate(): Generator<SimulatedBeat> {
    let gapPending = false;
    /** The beat as delivered, or null when it falls after the end or inside a dropout. */
    const deliver = (tSec: number, rrMs: number, breaths: number, kind: ArtifactKind | null): SimulatedBeat | null => {
      if (tSec > durationSec) return null;
      if (inDropout(tSec)) {
        gapPending = true;
        return null;
      }
      const beat = { tSec, rrMs, breathsPerMin: breaths, afterGap: gapPending, artifact: kind };
      gapPending = false;
      return beat;
    };

    // Random phases so two partners (two seeds) never breathe in lockstep.
    let breathPhase = 2 * Math.PI * random.next();
    let mayerPhase = 2 * Math.PI * random.next();
    let drift = random.normal();
    let breathWander = random.normal();
    let mayerWander = random.normal();
    let t = 0; // event time of the last true beat, s
    let heldRrMs = 0; // a true interval waiting to be merged (missed beat)
    let compensationMs = 0; // pause owed after a premature beat
    let runLeft = 0; // premature beats still to come in a run of ectopy

    while (t < durationSec) {
      const p = paramsAt(t);
      const breaths = p.breathsPerMin * (1 + BREATH_VARIABILITY * breathWander);
      const mayerHz = p.mayerHz + MAYER_JITTER_HZ * mayerWander;
      let rr =
        p.meanRrMs +
        p.rsaMs * (Math.sin(breathPhase) + p.rsaHarmonic * Math.sin(2 * breathPhase)) +
        p.mayerMs * Math.sin(mayerPhase) +
        p.driftSdMs * drift +
        p.noiseSdMs * random.normal();
      // AF-like: no sinus modulation left, each interval independent of the last.
      if (afCv > 0) rr = p.meanRrMs * (1 + afCv * rhythmRandom.normal());
      rr = Math.min(MAX_RR_MS, Math.max(MIN_RR_MS, rr));

      // Advance the oscillators by this interval, so the phase follows changing rates smoothly.
      const dt = rr / 1000;
      breathPhase = (breathPhase + 2 * Math.PI * (breaths / 60) * dt) % (2 * Math.PI);
      mayerPhase = (mayerPhase + 2 * Math.PI * mayerHz * dt) % (2 * Math.PI);
      drift = ouStep(drift, dt, DRIFT_TAU_SEC, random);
      breathWander = ouStep(breathWander, dt, BREATH_TAU_SEC, random);
      mayerWander = ouStep(mayerWander, dt, MAYER_TAU_SEC, random);

      if (runsPerMin > 0 && runLeft === 0 && compensationMs === 0 && rhythmRandom.next() < (runsPerMin * dt) / 60) runLeft = runBeats;
      let kind: ArtifactKind | null = null;
      if (compensationMs > 0) {
        // The beat after a premature one: the sinus rhythm resumes on schedule.
        rr += compensationMs;
        compensationMs = 0;
        kind = 'ectopic';
      } else if (runLeft > 0 || (ectopicRate > 0 && artifactRandom.next() < ectopicRate)) {
        if (runLeft > 0) runLeft -= 1;
        // A premature beat, 25–40 % early, but never closer than the refractory minimum.
        const early = Math.min(rr * (0.25 + 0.15 * artifactRandom.next()), rr - MIN_RR_MS);
        if (early > 0) {
          compensationMs = early;
          rr -= early;
          kind = 'ectopic';
        }
      }

      const rrQ = quantize(rr);
      if (missedRate > 0 && heldRrMs === 0 && artifactRandom.next() < missedRate) {
        heldRrMs = rrQ; // this beat is not detected; its interval joins the next
        t += rrQ / 1000;
        continue;
      }
      if (heldRrMs > 0) {
        const merged = heldRrMs + rrQ;
        heldRrMs = 0;
        t += rrQ / 1000;
        const beat = deliver(t, merged, breaths, 'missed');
        if (beat !== null) yield beat;
      } else if (extraRate > 0 && artifactRandom.next() < extraRate && rrQ >= 2 * MIN_EXTRA_MS) {
        const first = quantize(Math.max(MIN_EXTRA_MS, Math.min(rrQ - MIN_EXTRA_MS, rrQ * (0.35 + 0.3 * artifactRandom.next()))));
        const early = deliver(t + first / 1000, first, breaths, 'extra');
        if (early !== null) yield early;
        t += rrQ / 1000;
        const late = deliver(t, rrQ - first, breaths, 'extra');
        if (late !== null) yield late;
      } else {
        t += rrQ / 1000;
        const beat = deliver(t, rrQ, breaths, kind);
        if (beat !== null) yield beat;
      }
    }
  }
}

/**
 * Generates RR intervals for `durationSec` of event time.
 *
 * @returns Parallel arrays, one entry per delivered beat: `tSec` (s), `rrMs` (ms), the true
 *   `breathsPerMin`, `afterGap` and the `artifact` kind. `tSec[k] = tSec[k−1] + rrMs[k]/1000`
 *   except after a dropout, where beats are missing and `afterGap[k]` is true.
 * @throws Error ("simulateRr: …") for out-of-range options.
 *
 * Performance: about 10⁵ beats per partner-day; a day for two partners takes well under a second.
 */
export function simulateRr(options: SimulateRrOptions): SimulatedRr {
  const { durationSec } = options;
  if (!Number.isFinite(durationSec) || durationSec < 0 || durationSec > 7 * 86_400) {
    throw new Error(`simulateRr: durationSec must be 0–604800, got ${durationSec}`);
  }
  const out: SimulatedRr = { tSec: [], rrMs: [], breathsPerMin: [], afterGap: [], artifact: [] };
  const beats = simulateRrStream(options);
  for (let next = beats.next(); next.done !== true; next = beats.next()) {
    const beat = next.value;
    out.tSec.push(beat.tSec);
    out.rrMs.push(beat.rrMs);
    out.breathsPerMin.push(beat.breathsPerMin);
    out.afterGap.push(beat.afterGap);
    out.artifact.push(beat.artifact);
  }
  return out;
}

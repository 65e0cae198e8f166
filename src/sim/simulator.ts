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
 * - optionally a slow component shared with the other partner of a dyad ({@link SharedCoupling}):
 *   it takes over a share of the Mayer-wave band's variance, delayed by a lag,
 * then optional artifacts (ectopic, missed and extra beats), rhythm disturbances (runs of ectopy,
 * AF-like irregularity) and dropouts.
 *
 * A partner may breathe with a pacer ({@link PacerFollowing}): fully (rate and phase locked to it),
 * partly (in stretches) or not at all. Slow breathing enlarges RSA the way the RMSSD algebra of
 * physiology.ts implies (amplitude ∝ 1 / sin(π f T), at most three times), which is the resonance
 * that coherence reads.
 *
 * Sizes follow the target RMSSD (physiology.ts); the demo scenarios' timelines are in scenarios.ts.
 *
 * Limitations: the model is additive and linear; it does not model the cardiac cycle's refractory
 * behaviour beyond clamping RR to 250–2500 ms, nor posture, speech or movement.
 */
import type { PartnerId } from '../signal/types';
import type { Random } from './random';
import { createRandom } from './random';
import type { Keyframe, PhysiologyParams } from './physiology';
import { DRIFT_TAU_SEC, ouStep, timelineReader } from './physiology';
import type { Scenario } from './scenarios';
import { isScenario, scenarioPacing, scenarioTimeline } from './scenarios';
import type { PacerFollowing, SharedCoupling } from './simulated-dyads';
import { checkPacerFollowing, checkSharedCoupling, createFollowSchedule, createSharedComponent } from './simulated-dyads';

export type { Keyframe, PhysiologyParams } from './physiology';
export { defaultRmssdMs } from './physiology';
export type { Scenario } from './scenarios';
export {
  CALM_PHYSIOLOGY,
  SCENARIOS,
  TOGETHER_PACER_PER_MIN,
  isScenario,
  recoveryTimeline,
  scenarioIsHrOnly,
  scenarioPacing,
  scenarioSeed,
  scenarioTimeline,
} from './scenarios';
export type { PacerFollowing, SharedCoupling } from './simulated-dyads';

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
  /** A slow component shared with another partner. Default: the scenario's (only `together` has one). */
  readonly coupling?: SharedCoupling;
  /** A breathing pacer and how this partner follows it. Default: the scenario's (only `together` has one). */
  readonly pacer?: PacerFollowing;
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
const BREATH_VARIABILITY = 0.04;
const BREATH_TAU_SEC = 20;
const MAYER_JITTER_HZ = 0.008;
const MAYER_TAU_SEC = 60;
/** How fast a follower's breath locks on to the pacer's phase, per second. */
const PACER_PULL_PER_SEC = 0.5;
/** Largest growth of RSA when breathing slows to the pacer. */
const MAX_RSA_GAIN = 3;

/**
 * How much RSA grows when breathing slows from `ownPerMin` to `pacedPerMin` at the same RMSSD: the
 * RMSSD algebra of physiology.ts makes the amplitude ∝ 1 / sin(π f T); at most {@link MAX_RSA_GAIN}.
 */
function rsaGain(ownPerMin: number, pacedPerMin: number, meanRrMs: number): number {
  const s = (perMin: number) => Math.sin((Math.PI * perMin * meanRrMs) / 60_000);
  const own = s(ownPerMin);
  const paced = s(pacedPerMin);
  return paced > 1e-6 ? Math.min(MAX_RSA_GAIN, Math.max(1, own / paced)) : 1;
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
  const pacing = options.physiology === undefined ? scenarioPacing(scenario, partner) : {};
  const coupling = options.coupling ?? pacing.coupling;
  const pacer = options.pacer ?? pacing.pacer;
  if (coupling !== undefined) checkSharedCoupling(coupling);
  if (pacer !== undefined) checkPacerFollowing(pacer);
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
  const shared = coupling === undefined ? undefined : createSharedComponent(coupling.seed);
  const following = pacer === undefined ? undefined : createFollowSchedule(pacer, createRandom(`${seed}/pacer`));
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
      // With a pacer being followed, breathing takes its rate and RSA grows as breathing slows.
      const pacerPhase = following?.(t);
      const paced = pacerPhase !== undefined && pacer !== undefined;
      const breaths = paced ? pacer.perMin : p.breathsPerMin * (1 + BREATH_VARIABILITY * breathWander);
      const rsaMs = paced ? p.rsaMs * rsaGain(p.breathsPerMin, pacer.perMin, p.meanRrMs) : p.rsaMs;
      const mayerHz = p.mayerHz + MAYER_JITTER_HZ * mayerWander;
      // A shared component takes over its share of the Mayer band's variance (a sinusoid of peak A
      // has variance A²/2), so the band's variance stays the same.
      const sharedShare = shared === undefined ? 0 : (coupling?.share ?? p.sharedShare);
      const sharedSdMs = (p.mayerMs / Math.SQRT2) * Math.sqrt(sharedShare);
      const mayerMs = p.mayerMs * Math.sqrt(1 - sharedShare);
      let rr =
        p.meanRrMs +
        rsaMs * (Math.sin(breathPhase) + p.rsaHarmonic * Math.sin(2 * breathPhase)) +
        mayerMs * Math.sin(mayerPhase) +
        (shared === undefined || sharedShare === 0 ? 0 : sharedSdMs * shared(t - (coupling?.lagSec ?? 0))) +
        p.driftSdMs * drift +
        p.noiseSdMs * random.normal();
      // AF-like: no sinus modulation left, each interval independent of the last.
      if (afCv > 0) rr = p.meanRrMs * (1 + afCv * rhythmRandom.normal());
      rr = Math.min(MAX_RR_MS, Math.max(MIN_RR_MS, rr));

      // Advance the oscillators by this interval, so the phase follows changing rates smoothly.
      const dt = rr / 1000;
      breathPhase += 2 * Math.PI * (breaths / 60) * dt;
      // Following: the breath is drawn towards the pacer's phase within a few seconds.
      if (paced) breathPhase += Math.min(1, PACER_PULL_PER_SEC * dt) * Math.sin(pacerPhase - breathPhase);
      breathPhase %= 2 * Math.PI;
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

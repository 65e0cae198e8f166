/**
 * Accuracy evaluation shared by the accuracy benchmark and its tests: window metrics against
 * reference windows (recordings with measured breathing) and against the simulator's truth.
 */
import type { ArtifactRates, DropoutOptions, PhysiologyParams } from '../sim/simulator';
import { simulateRr } from '../sim/simulator';
import { correctArtifacts } from '../signal/artifacts';
import { breathingDetail } from '../signal/breathing';
import { welchBreathingRate } from '../signal/breathing-welch';
import { rmssdMs } from '../signal/rmssd';
import type { Beat } from '../signal/types';
import { computeWindowMetrics } from '../signal/window-metrics';

/** A recording with reference windows (shape of tests/recordings.ts). */
export interface ReferenceRecording {
  readonly name: string;
  readonly tSec: readonly number[];
  readonly rrMs: readonly number[];
  readonly truth: readonly { startSec: number; endSec: number; breathsPerMin: number; rmssdMs?: number }[];
}

/** Breathing accuracy of one method over a set of windows. */
export interface BreathingScore {
  readonly windows: number;
  /** Windows with an estimate. */
  readonly estimated: number;
  /** Mean absolute error over estimated windows, breaths/min (null with none). */
  readonly maeBreathsPerMin: number | null;
  /** Share of ALL windows estimated within ±2 breaths/min. */
  readonly within2Share: number;
  readonly estimatedShare: number;
}

/** Scores of one recording or of all together. */
export interface AccuracyReport {
  readonly name: string;
  /** The app's estimate: spectral peak and counting fused with an agreement check. */
  readonly ours: BreathingScore;
  /** The plain Welch-peak baseline (README of the recordings). */
  readonly welch: BreathingScore;
  /** Ours, counting only estimates with confidence ≥ {@link CONFIDENT} (what the readiness gate uses). */
  readonly confident: BreathingScore;
  /** Our spectral step alone (band-limited periodogram, highest peak). */
  readonly spectral: BreathingScore;
  /** Schäfer & Kratky advanced counting alone. */
  readonly counted: BreathingScore;
  /** Mean absolute relative RMSSD error vs the reference, 0–1 (null without reference RMSSD). */
  readonly rmssdRelError: number | null;
  readonly rmssdAbsErrorMs: number | null;
}

/** Confidence from which the readiness gate uses a breathing estimate (READINESS_PARAMS). */
export const CONFIDENT = 0.5;

interface WindowResult {
  truth: number;
  ours: number | null;
  oursConfidence: number;
  welch: number | null;
  spectral: number | null;
  counted: number | null;
  rmssdRef: number | null;
  rmssd: number | null;
}

function score(results: readonly WindowResult[], pick: (r: WindowResult) => number | null): BreathingScore {
  const estimated = results.filter((r) => pick(r) !== null);
  const errors = estimated.map((r) => Math.abs((pick(r) as number) - r.truth));
  return {
    windows: results.length,
    estimated: estimated.length,
    maeBreathsPerMin: errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : null,
    within2Share: results.length > 0 ? errors.filter((e) => e <= 2).length / results.length : 0,
    estimatedShare: results.length > 0 ? estimated.length / results.length : 0,
  };
}

function report(name: string, results: readonly WindowResult[]): AccuracyReport {
  const withRef = results.filter((r) => r.rmssdRef !== null && r.rmssd !== null);
  const rel = withRef.map((r) => Math.abs((r.rmssd as number) - (r.rmssdRef as number)) / (r.rmssdRef as number));
  const abs = withRef.map((r) => Math.abs((r.rmssd as number) - (r.rmssdRef as number)));
  const avg = (v: number[]) => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null);
  return {
    name,
    ours: score(results, (r) => r.ours),
    welch: score(results, (r) => r.welch),
    confident: score(results, (r) => (r.oursConfidence >= CONFIDENT ? r.ours : null)),
    spectral: score(results, (r) => r.spectral),
    counted: score(results, (r) => r.counted),
    rmssdRelError: avg(rel),
    rmssdAbsErrorMs: avg(abs),
  };
}

function windowResults(beats: readonly Beat[], truth: ReferenceRecording['truth']): WindowResult[] {
  return truth.map((w) => {
    const inWindow = beats.filter((b) => b.tSec > w.startSec && b.tSec <= w.endSec);
    const m = computeWindowMetrics(beats, w.startSec, w.endSec);
    const corrected = correctArtifacts(inWindow.map((b) => b.rrMs as number));
    let t = inWindow[0]?.tSec ?? 0;
    const times = corrected.nnMs.map((nn, i) => (i === 0 ? t : (t += nn / 1000)));
    const detail = breathingDetail(times, corrected.nnMs);
    return {
      spectral: detail.spectralPerMin,
      counted: detail.countedPerMin,
      truth: w.breathsPerMin,
      ours: m.breathsPerMin,
      oursConfidence: m.breathingConfidence,
      welch: welchBreathingRate(inWindow.map((b) => b.tSec), inWindow.map((b) => b.rrMs as number)) ?? null,
      rmssdRef: w.rmssdMs ?? null,
      rmssd: m.rmssdMs,
    };
  });
}

const toBeats = (tSec: readonly number[], rrMs: readonly number[], afterGap?: readonly boolean[]): Beat[] =>
  tSec.map((t, i) => ({ tSec: t, rrMs: rrMs[i], hrBpm: 60_000 / rrMs[i], afterGap: afterGap?.[i] ?? false }));

/**
 * Scores each recording and all of them pooled (the last report, named "all").
 */
export function evaluateRecordings(recordings: readonly ReferenceRecording[]): AccuracyReport[] {
  const all: WindowResult[] = [];
  const reports = recordings.map((r) => {
    const results = windowResults(toBeats(r.tSec, r.rrMs), r.truth);
    all.push(...results);
    return report(r.name, results);
  });
  return [...reports, report('all', all)];
}

/** A simulated condition: constant physiology over several seeds. */
export interface SimulatedCondition {
  readonly name: string;
  readonly physiology: PhysiologyParams;
  readonly seeds?: readonly number[];
  readonly durationSec?: number;
  readonly artifacts?: ArtifactRates;
  readonly dropouts?: DropoutOptions;
}

/**
 * Scores breathing on simulated recordings: 60 s windows stepped 30 s, truth = the simulator's
 * mean breathing rate over each window's beats; RMSSD reference = the same window's clean RMSSD.
 */
export function evaluateSimulated(condition: SimulatedCondition): AccuracyReport {
  const results: WindowResult[] = [];
  const durationSec = condition.durationSec ?? 600;
  for (const seed of condition.seeds ?? [1, 2, 3, 4, 5]) {
    const sim = simulateRr({
      durationSec,
      seed,
      physiology: condition.physiology,
      ...(condition.artifacts ? { artifacts: condition.artifacts } : {}),
      ...(condition.dropouts ? { dropouts: condition.dropouts } : {}),
    });
    const truth = [];
    for (let start = 0; start + 60 <= durationSec; start += 30) {
      const idx = sim.tSec.flatMap((t, i) => (t > start && t <= start + 60 ? [i] : []));
      const rates = idx.map((i) => sim.breathsPerMin[i]);
      truth.push({ startSec: start, endSec: start + 60, breathsPerMin: rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length) });
    }
    results.push(...windowResults(toBeats(sim.tSec, sim.rrMs, sim.afterGap), truth));
  }
  return report(condition.name, results);
}

/** RMSSD with injected artifacts: clean, corrected and uncorrected, per seed. */
export interface ArtifactTrial {
  readonly seed: number;
  readonly artifactShare: number;
  readonly cleanMs: number;
  readonly correctedMs: number;
  readonly uncorrectedMs: number;
}

/**
 * Simulates 10 minutes twice with the same seed — clean, and with about `share` of beats made
 * artifacts (ectopic pairs, missed and extra beats at equal event rates; an ectopic pair and an
 * extra beat touch two delivered intervals, a missed beat one, so the per-kind rate is share / 5)
 * — and compares RMSSD.
 */
export function artifactTrials(share = 0.03, seeds: readonly number[] = [1, 2, 3, 4, 5], hrBpm = 68): ArtifactTrial[] {
  return seeds.map((seed) => {
    const physiology = { hrBpm, breathsPerMin: 12 };
    const clean = simulateRr({ durationSec: 600, seed, physiology });
    const each = share / 5;
    const dirty = simulateRr({ durationSec: 600, seed, physiology, artifacts: { ectopic: each, missed: each, extra: each } });
    const corrected = correctArtifacts(dirty.rrMs, { breakBefore: dirty.afterGap });
    return {
      seed,
      artifactShare: dirty.artifact.filter((a) => a !== null).length / dirty.rrMs.length,
      cleanMs: rmssdMs(clean.rrMs) as number,
      correctedMs: rmssdMs(corrected.nnMs, corrected.pairValid) as number,
      uncorrectedMs: rmssdMs(dirty.rrMs) as number,
    };
  });
}

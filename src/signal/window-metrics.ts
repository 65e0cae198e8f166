/**
 * All metrics of one window of beats: the row of `attune analyze` and of the live pipeline.
 */
import { correctArtifacts } from './artifacts';
import { estimateBreathingRate } from './breathing';
import { heartRate } from './heart-rate';
import { lnRmssd, rmssdMs } from './rmssd';
import { RHYTHM_KINDS, assessRhythm } from './rhythm';
import type { Beat, WindowMetrics } from './types';

/** Fewest valid successive pairs for an RMSSD (below this it is noise, not a measure). */
export const MIN_RMSSD_PAIRS = 10;

/**
 * Stretches of an NN series without a break (gap in the input), as [from, to) index ranges.
 */
function stretches(sourceIndex: readonly number[], breakBefore: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 1; i <= sourceIndex.length; i += 1) {
    if (i === sourceIndex.length || (sourceIndex[i] !== sourceIndex[i - 1] && breakBefore[sourceIndex[i]])) {
      if (i > from) out.push([from, i]);
      from = i;
    }
  }
  return out;
}

/**
 * Computes the metrics of the beats with startSec < tSec ≤ endSec.
 *
 * - RR beats are artifact-corrected ({@link correctArtifacts}); heart rate is over the corrected NN
 *   intervals ({@link heartRate}); RMSSD only over genuine, truly consecutive pairs (a beat after a
 *   gap, after a heart-rate-only sample or next to a corrected artifact breaks its pair), and needs
 *   {@link MIN_RMSSD_PAIRS} of them; breathing ({@link estimateBreathingRate}) uses the longest
 *   gap-free stretch of the corrected series.
 * - When the rhythm is irregular ({@link assessRhythm}: frequent ectopy, AF-like, flat) RMSSD,
 *   lnRMSSD and breathing are null and `irregular` says why; heart rate is still given.
 * - A window of heart-rate-only samples (rrMs null) gives `hrOnly: true`, the mean reported heart
 *   rate and null HRV and breathing.
 * - An empty window gives beats 0 and nulls (never NaN).
 * @param beats - beats in event time, increasing tSec (others are ignored)
 * @param startSec - window start, exclusive, seconds
 * @param endSec - window end, inclusive, seconds
 */
export function computeWindowMetrics(beats: readonly Beat[], startSec: number, endSec: number): WindowMetrics {
  const inWindow = beats.filter((b) => b.tSec > startSec && b.tSec <= endSec);
  const empty: WindowMetrics = {
    startSec,
    endSec,
    beats: inWindow.length,
    hrBpm: null,
    rmssdMs: null,
    lnRmssd: null,
    breathsPerMin: null,
    breathingConfidence: 0,
    artifactRate: 0,
    hrOnly: false,
  };
  const rrBeats: Beat[] = [];
  const breakBefore: boolean[] = [];
  let previousHadRr = false;
  for (const beat of inWindow) {
    if (beat.rrMs === null || !Number.isFinite(beat.rrMs)) {
      previousHadRr = false;
      continue;
    }
    breakBefore.push(rrBeats.length > 0 && (beat.afterGap || !previousHadRr));
    rrBeats.push(beat);
    previousHadRr = true;
  }
  if (rrBeats.length === 0) {
    const hrs = inWindow.map((b) => b.hrBpm).filter((hr) => Number.isFinite(hr) && hr > 0);
    if (hrs.length === 0) return empty;
    return { ...empty, hrBpm: hrs.reduce((a, b) => a + b, 0) / hrs.length, hrOnly: true };
  }
  const rr = rrBeats.map((b) => b.rrMs as number);
  const corrected = correctArtifacts(rr, { breakBefore });
  const validPairs = corrected.pairValid.filter(Boolean).length;
  const rmssd = validPairs >= MIN_RMSSD_PAIRS ? rmssdMs(corrected.nnMs, corrected.pairValid) : undefined;
  let best: [number, number] = [0, 0];
  for (const range of stretches(corrected.sourceIndex, breakBefore)) {
    if (range[1] - range[0] > best[1] - best[0]) best = range;
  }
  const nn = corrected.nnMs.slice(best[0], best[1]);
  // Times from the stretch's first beat onward by cumulative NN, so split and merged beats get
  // consistent times.
  const times: number[] = [];
  let t = rrBeats[corrected.sourceIndex[best[0]]]?.tSec ?? 0;
  nn.forEach((value, i) => {
    if (i > 0) t += value / 1000;
    times.push(t);
  });
  const hrBpm = heartRate(corrected.nnMs) ?? null;
  const artifactRate = corrected.report.artifactRate;
  const rhythmEvents = RHYTHM_KINDS.reduce((sum, kind) => sum + corrected.report.indices[kind].length, 0);
  const irregular = assessRhythm(
    corrected.nnMs.filter((_, i) => !corrected.corrected[i]),
    rhythmEvents / rr.length,
    rmssd ?? null,
  );
  if (irregular !== null) return { ...empty, hrBpm, artifactRate, irregular, pairs: validPairs };
  const breathing = estimateBreathingRate(times, nn);
  return {
    ...empty,
    hrBpm,
    rmssdMs: rmssd ?? null,
    lnRmssd: lnRmssd(rmssd) ?? null,
    breathsPerMin: breathing.breathsPerMin,
    breathingConfidence: breathing.confidence,
    artifactRate,
    irregular: null,
    pairs: validPairs,
  };
}

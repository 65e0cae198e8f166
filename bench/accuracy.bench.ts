/**
 * Accuracy of the signal core: breathing rate and RMSSD on the public recordings against their
 * reference windows, per source group and pooled, for our method and the plain Welch-peak
 * baseline; the confidence trade-off curve; breathing on simulated conditions and hard cases;
 * RMSSD with 3 % injected artifacts.
 */
import type { AccuracyReport, BreathingScore, ConfidencePoint, WindowResult } from '../src/cli/accuracy';
import {
  CONFIDENT,
  HARD_CASES,
  artifactTrials,
  confidenceCurve,
  evaluateRecordingWindows,
  evaluateSimulatedWindows,
  report,
  reportRecordings,
} from '../src/cli/accuracy';
import { loadRecordings } from '../tests/recordings';

export const title = 'signal accuracy: breathing rate and RMSSD vs references per source group, confidence curve, hard cases, artifacts';

const BUDGET = {
  /** At confidence ≥ 0.5: MAE, breaths/min, and no window off by more than 3/min. */
  maeConfident: 1.0,
  /** Healthy recordings (neurokit, physio): MAE over windows with an estimate, and their share. */
  maeHealthy: 1.0,
  healthyShare: 0.9,
  /** All 98 windows: MAE better than before this check existed (2.13 breaths/min). */
  maeAll: 2.13,
  /** MAE on simulated paced and normal breathing, breaths/min. */
  maeSimulated: 1.0,
  /** RMSSD on clean windows (≤ 2 % not NN): median and p90 relative error per source group. */
  rmssdMedian: 0.01,
  rmssdP90: 0.1,
  /** RMSSD with 3 % artifacts, corrected, relative to clean. */
  artifactRmssd: 0.05,
} as const;

const f = (v: number | null, digits = 2) => (v === null ? '   —' : v.toFixed(digits).padStart(6));
const pct = (v: number | null, digits = 0) => (v === null ? '  —' : `${(100 * v).toFixed(digits).padStart(3)} %`);
const line = (label: string, s: BreathingScore) =>
  `    ${label.padEnd(9)} MAE ${f(s.maeBreathsPerMin)} /min   within ±2: ${pct(s.within2Share)}   estimated: ${pct(s.estimatedShare)} (${s.estimated}/${s.windows})   off >3: ${s.offBy3}`;

function printReport(r: AccuracyReport, methods = true): void {
  const c = r.rmssdClean;
  const rmssd =
    c.windows === 0
      ? ''
      : `   RMSSD on ${c.windows} clean windows: median ${pct(c.medianRelError, 2)}, p90 ${pct(c.p90RelError, 2)}${c.missing > 0 ? `, ${c.missing} not given` : ''}`;
  console.log(`  ${r.name}${rmssd}${r.irregular > 0 ? `   irregular rhythm: ${r.irregular} windows` : ''}`);
  console.log(line('ours', r.ours));
  console.log(line(`conf≥${CONFIDENT}`, r.confident));
  console.log(line('welch', r.welch));
  if (methods) {
    console.log(line('spectral', r.spectral));
    console.log(line('counting', r.counted));
  }
}

function printCurve(points: readonly ConfidencePoint[]): void {
  console.log('    confidence ≥   share of windows   MAE /min   worst /min');
  for (const p of points) {
    console.log(
      `    ${p.minConfidence.toFixed(1).padStart(10)}   ${pct(p.share).padStart(16)} (${String(p.count).padStart(3)})   ${f(p.maeBreathsPerMin)}   ${f(p.worstErrorPerMin)}`,
    );
  }
}

export async function run(): Promise<boolean> {
  let ok = true;
  const check = (pass: boolean, what: string) => {
    console.log(`  ${pass ? 'ok  ' : 'MISS'} ${what}`);
    ok &&= pass;
  };

  const recordings = loadRecordings();
  console.log(`Recordings (${recordings.length}; 60 s windows stepped 30 s; reference breathing from the respiration signal):`);
  const windows = evaluateRecordingWindows(recordings);
  const reports = reportRecordings(windows);
  for (const r of reports) printReport(r, r.name === 'all' || r.name.startsWith('group:'));
  const all = reports[reports.length - 1];
  const groups = reports.filter((r) => r.name.startsWith('group:'));

  console.log('\nConfidence trade-off on the recordings (windows with confidence ≥ c):');
  for (const g of [...new Set(windows.map((w) => w.group))]) {
    console.log(`  ${g}`);
    printCurve(confidenceCurve(windows.filter((w) => w.group === g).flatMap((w) => w.windows)));
  }
  console.log('  all');
  printCurve(confidenceCurve(windows.flatMap((w) => w.windows)));

  console.log('\nChecks on the recordings:');
  check(
    all.confident.offBy3 === 0,
    `confidence ≥ ${CONFIDENT}: no window off by more than 3/min (${all.confident.offBy3} of ${all.confident.estimated})`,
  );
  check(
    (all.confident.maeBreathsPerMin ?? Infinity) <= BUDGET.maeConfident,
    `confidence ≥ ${CONFIDENT}: MAE ${f(all.confident.maeBreathsPerMin)} ≤ ${BUDGET.maeConfident} /min`,
  );
  const healthy = windows.filter((w) => w.group === 'neurokit' || w.group === 'physio').flatMap((w) => w.windows);
  const h = report('healthy', healthy);
  console.log(
    `  healthy (neurokit, physio), every estimate: MAE ${f(h.ours.maeBreathsPerMin)} over ${pct(h.ours.estimatedShare)} of ${h.ours.windows} windows`,
  );
  check(
    (h.confident.maeBreathsPerMin ?? Infinity) <= BUDGET.maeHealthy && h.confident.estimatedShare >= BUDGET.healthyShare,
    `healthy (neurokit, physio) at confidence ≥ ${CONFIDENT}: MAE ${f(h.confident.maeBreathsPerMin)} ≤ ${BUDGET.maeHealthy} over ${pct(h.confident.estimatedShare)} ≥ ${pct(BUDGET.healthyShare)} of windows`,
  );
  check(
    (all.ours.maeBreathsPerMin ?? Infinity) < BUDGET.maeAll,
    `all ${all.ours.windows} windows: MAE ${f(all.ours.maeBreathsPerMin)} < ${BUDGET.maeAll} /min (estimated ${pct(all.ours.estimatedShare)}, within ±2 ${pct(all.ours.within2Share)}; Welch ${f(all.welch.maeBreathsPerMin)}, ${pct(all.welch.within2Share)})`,
  );
  for (const g of groups) {
    const c = g.rmssdClean;
    check(
      c.windows > 0 &&
        c.missing === 0 &&
        (c.medianRelError ?? Infinity) <= BUDGET.rmssdMedian &&
        (c.p90RelError ?? Infinity) <= BUDGET.rmssdP90,
      `${g.name}: RMSSD on ${c.windows} clean windows, median ${pct(c.medianRelError, 2)} ≤ ${pct(BUDGET.rmssdMedian)}, p90 ${pct(c.p90RelError, 2)} ≤ ${pct(BUDGET.rmssdP90)}`,
    );
  }

  console.log('\nSimulator (simulateRr, 10 min × 5 seeds each, 60 s windows stepped 30 s):');
  const conditions = [
    { name: 'paced 5.5/min, 64 bpm', physiology: { hrBpm: 64, breathsPerMin: 5.5 }, budget: true },
    { name: 'paced 6/min, 58 bpm', physiology: { hrBpm: 58, breathsPerMin: 6 }, budget: true },
    { name: 'normal 12/min, 66 bpm', physiology: { hrBpm: 66, breathsPerMin: 12 }, budget: true },
    { name: 'normal 15/min, 72 bpm', physiology: { hrBpm: 72, breathsPerMin: 15 }, budget: true },
    { name: 'normal 18/min, 75 bpm', physiology: { hrBpm: 75, breathsPerMin: 18 }, budget: true },
    { name: 'aroused 20/min, 105 bpm (weak RSA)', physiology: { hrBpm: 105, breathsPerMin: 20 }, budget: false },
    { name: 'fast 30/min, 90 bpm', physiology: { hrBpm: 90, breathsPerMin: 30 }, budget: false },
    {
      name: 'normal 15/min with ~3 % artifacts',
      physiology: { hrBpm: 72, breathsPerMin: 15 },
      artifacts: { ectopic: 0.006, missed: 0.006, extra: 0.006 },
      budget: false,
    },
    {
      name: 'normal 15/min with dropouts (20/h, ~8 s)',
      physiology: { hrBpm: 72, breathsPerMin: 15 },
      dropouts: { perHour: 20, meanSec: 8 },
      budget: false,
    },
  ];
  // Each condition is simulated and evaluated once: its windows feed both its report and the curve.
  const pooled: WindowResult[] = [];
  for (const c of conditions) {
    const windows = evaluateSimulatedWindows(c);
    pooled.push(...windows);
    const r = report(c.name, windows);
    console.log(`  ${c.name}`);
    console.log(line('ours', r.ours));
    console.log(line(`conf≥${CONFIDENT}`, r.confident));
    console.log(line('welch', r.welch));
    if (c.budget)
      check(
        (r.ours.maeBreathsPerMin ?? Infinity) <= BUDGET.maeSimulated,
        `${c.name}: MAE ${f(r.ours.maeBreathsPerMin)} ≤ ${BUDGET.maeSimulated} /min`,
      );
  }

  console.log('\nSimulator hard cases (10 min × 5 seeds each):');
  for (const c of HARD_CASES) {
    const windows = evaluateSimulatedWindows(c);
    pooled.push(...windows);
    const r = report(c.name, windows);
    console.log(`  ${c.name}${r.irregular > 0 ? `   (irregular rhythm: ${r.irregular}/${r.ours.windows} windows)` : ''}`);
    console.log(line('ours', r.ours));
    console.log(line(`conf≥${CONFIDENT}`, r.confident));
    check(
      r.confident.offBy3 === 0,
      `${c.name}: no window at confidence ≥ ${CONFIDENT} off by more than 3/min (${r.confident.offBy3} of ${r.confident.estimated})`,
    );
  }
  console.log('  all simulated conditions and hard cases, pooled:');
  printCurve(confidenceCurve(pooled));

  console.log('\nRMSSD with ~3 % injected artifacts (ectopic pairs, missed and extra beats), 10 min at 68 bpm:');
  for (const t of artifactTrials(0.03)) {
    const rel = t.correctedMs / t.cleanMs - 1;
    console.log(
      `  seed ${t.seed}: artifacts ${(100 * t.artifactShare).toFixed(1)} %   clean ${f(t.cleanMs)} ms   corrected ${f(t.correctedMs)} ms (${(100 * rel).toFixed(1)} %)   uncorrected ${f(t.uncorrectedMs)} ms (${(100 * (t.uncorrectedMs / t.cleanMs - 1)).toFixed(0)} %)`,
    );
    check(Math.abs(rel) <= BUDGET.artifactRmssd, `seed ${t.seed}: corrected RMSSD within ${100 * BUDGET.artifactRmssd} % of clean`);
  }
  return ok;
}

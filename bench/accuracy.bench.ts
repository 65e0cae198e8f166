/**
 * Accuracy of the signal core: breathing rate and RMSSD on the public
 * recordings against their reference windows, for our method and the plain Welch-peak baseline;
 * breathing on simulated paced, normal and aroused breathing; RMSSD with 3 % injected artifacts.
 */
import type { AccuracyReport, BreathingScore } from '../src/cli/accuracy';
import { artifactTrials, evaluateRecordings, evaluateSimulated } from '../src/cli/accuracy';
import { loadRecordings } from '../tests/recordings';

export const title = 'signal accuracy: breathing rate and RMSSD vs references, ours vs Welch baseline, artifacts';

const BUDGET = {
  /** MAE on windows with an estimate, breaths/min (recordings). */
  maeRecordings: 1.5,
  /** Share of all windows with an estimate (recordings). */
  estimatedShare: 0.85,
  /** MAE on simulated paced and normal breathing, breaths/min. */
  maeSimulated: 1.0,
  /** RMSSD with 3 % artifacts, corrected, relative to clean. */
  artifactRmssd: 0.05,
} as const;

const f = (v: number | null, digits = 2) => (v === null ? '   —' : v.toFixed(digits).padStart(6));
const pct = (v: number) => `${(100 * v).toFixed(0).padStart(3)} %`;
const line = (label: string, s: BreathingScore) =>
  `    ${label.padEnd(9)} MAE ${f(s.maeBreathsPerMin)} /min   within ±2: ${pct(s.within2Share)}   estimated: ${pct(s.estimatedShare)} (${s.estimated}/${s.windows})`;

function printReport(r: AccuracyReport): void {
  const rmssd = r.rmssdRelError === null ? '' : `   RMSSD error vs reference: ${f(r.rmssdAbsErrorMs)} ms (${(100 * r.rmssdRelError).toFixed(1)} %)`;
  console.log(`  ${r.name}${rmssd}`);
  console.log(line('ours', r.ours));
  console.log(line('conf≥0.5', r.confident));
  console.log(line('welch', r.welch));
  console.log(line('spectral', r.spectral));
  console.log(line('counting', r.counted));
}

export async function run(): Promise<boolean> {
  let ok = true;
  const check = (pass: boolean, what: string) => {
    console.log(`  ${pass ? 'ok  ' : 'MISS'} ${what}`);
    ok &&= pass;
  };

  console.log('Recordings (60 s windows stepped 30 s; reference breathing from the respiration signal):');
  const reports = evaluateRecordings(loadRecordings());
  reports.forEach(printReport);
  const all = reports[reports.length - 1];
  check((all.ours.maeBreathsPerMin ?? Infinity) <= BUDGET.maeRecordings, `breathing MAE ${f(all.ours.maeBreathsPerMin)} ≤ ${BUDGET.maeRecordings} /min`);
  check(all.ours.estimatedShare >= BUDGET.estimatedShare, `windows estimated ${pct(all.ours.estimatedShare)} ≥ ${pct(BUDGET.estimatedShare)}`);
  check(
    (all.ours.maeBreathsPerMin ?? Infinity) < (all.welch.maeBreathsPerMin ?? 0) / 2 && all.ours.within2Share > all.welch.within2Share,
    `clearly better than Welch baseline (MAE ${f(all.ours.maeBreathsPerMin)} vs ${f(all.welch.maeBreathsPerMin)}; within ±2 ${pct(all.ours.within2Share)} vs ${pct(all.welch.within2Share)})`,
  );

  console.log('\nSimulator (simulateRr, 10 min × 5 seeds each, 60 s windows stepped 30 s):');
  const conditions = [
    { name: 'paced 5.5/min, 64 bpm', physiology: { hrBpm: 64, breathsPerMin: 5.5 }, budget: true },
    { name: 'paced 6/min, 58 bpm', physiology: { hrBpm: 58, breathsPerMin: 6 }, budget: true },
    { name: 'normal 12/min, 66 bpm', physiology: { hrBpm: 66, breathsPerMin: 12 }, budget: true },
    { name: 'normal 15/min, 72 bpm', physiology: { hrBpm: 72, breathsPerMin: 15 }, budget: true },
    { name: 'normal 18/min, 75 bpm', physiology: { hrBpm: 75, breathsPerMin: 18 }, budget: true },
    { name: 'aroused 20/min, 105 bpm (weak RSA)', physiology: { hrBpm: 105, breathsPerMin: 20 }, budget: false },
    { name: 'fast 30/min, 90 bpm', physiology: { hrBpm: 90, breathsPerMin: 30 }, budget: false },
    { name: 'normal 15/min with ~3 % artifacts', physiology: { hrBpm: 72, breathsPerMin: 15 }, artifacts: { ectopic: 0.006, missed: 0.006, extra: 0.006 }, budget: false },
    { name: 'normal 15/min with dropouts (20/h, ~8 s)', physiology: { hrBpm: 72, breathsPerMin: 15 }, dropouts: { perHour: 20, meanSec: 8 }, budget: false },
  ];
  for (const c of conditions) {
    const r = evaluateSimulated(c);
    console.log(`  ${c.name}`);
    console.log(line('ours', r.ours));
    console.log(line('welch', r.welch));
    if (c.budget) check((r.ours.maeBreathsPerMin ?? Infinity) <= BUDGET.maeSimulated, `${c.name}: MAE ${f(r.ours.maeBreathsPerMin)} ≤ ${BUDGET.maeSimulated} /min`);
  }

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

/**
 * Speed of the signal core: a 24-hour two-partner recording from the simulator, analysed in
 * 60 s windows stepped 30 s (what `attune analyze` does), and streamed beat by beat through the
 * live `toMetrics` pipeline, whose per-beat cost must stay flat as the history grows.
 */
import { from } from 'rxjs';
import { simulateRr } from '../src/sim/simulator';
import { analyzeRecording } from '../src/cli/analyze';
import { toMetrics } from '../src/pipeline/metrics';
import type { Beat } from '../src/signal/types';

export const title = 'signal speed: 24 h two-partner analysis and live per-beat update cost';

const BUDGET = {
  /** Whole 24 h analysis of both partners, seconds ("seconds, not minutes"). */
  analysisSec: 10,
  /** Mean live update per beat, microseconds (a strap sends 1–3 beats/s). */
  perBeatUs: 100,
  /** Per-beat cost of the last hour over the first hour: flat, not growing with history. */
  growth: 1.5,
} as const;

/**
 * CPU time of this process, ms. Budgets are checked on CPU time, which other work on a shared
 * machine does not inflate; wall-clock time is printed beside it.
 */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const now = () => performance.now();

export async function run(): Promise<boolean> {
  let ok = true;
  const check = (pass: boolean, what: string) => {
    console.log(`  ${pass ? 'ok  ' : 'MISS'} ${what}`);
    ok &&= pass;
  };
  const day = 86_400;
  let t0 = now();
  const partners = (['a', 'b'] as const).map((partner) =>
    simulateRr({ durationSec: day, scenario: 'calm', partner, seed: `speed-${partner}` }),
  );
  const beatsTotal = partners.reduce((n, p) => n + p.rrMs.length, 0);
  console.log(`  generated 24 h for 2 partners: ${beatsTotal} beats in ${((now() - t0) / 1000).toFixed(2)} s`);

  t0 = now();
  const c0 = cpu();
  let windows = 0;
  for (const p of partners) {
    windows += analyzeRecording({ rrMs: p.rrMs, tSec: p.tSec, afterGap: p.afterGap, hasTimeColumn: true, warnings: [] }, 60, 30).length;
  }
  const analysisSec = (cpu() - c0) / 1000;
  console.log(
    `  analysis (60 s windows every 30 s): ${windows} windows in ${analysisSec.toFixed(2)} s CPU (${((now() - t0) / 1000).toFixed(2)} s wall) — ${Math.round(beatsTotal / analysisSec)} beats/s`,
  );
  check(analysisSec <= BUDGET.analysisSec, `24 h two-partner analysis ${analysisSec.toFixed(2)} s ≤ ${BUDGET.analysisSec} s`);

  // Live pipeline: every beat through toMetrics, timing each hour of event time.
  const hourly: number[][] = [];
  let totalMs = 0;
  let wallMs = 0;
  for (const p of partners) {
    const beats: Beat[] = p.rrMs.map((rrMs, i) => ({ tSec: p.tSec[i], rrMs, hrBpm: 60_000 / rrMs, afterGap: p.afterGap[i] }));
    const perHour: number[] = [];
    let hourStart = cpu();
    let hour = 0;
    let inHour = 0;
    const start = cpu();
    const wallStart = now();
    from(beats)
      .pipe(toMetrics())
      .subscribe((m) => {
        inHour += 1;
        const h = Math.floor(m.endSec / 3600);
        if (h !== hour) {
          const t = cpu();
          perHour.push(((t - hourStart) * 1000) / inHour);
          hourStart = t;
          hour = h;
          inHour = 0;
        }
      });
    totalMs += cpu() - start;
    wallMs += now() - wallStart;
    hourly.push(perHour);
  }
  const perBeatUs = (totalMs * 1000) / beatsTotal;
  console.log(
    `  live toMetrics: ${beatsTotal} beats in ${(totalMs / 1000).toFixed(2)} s CPU (${(wallMs / 1000).toFixed(2)} s wall) — ${perBeatUs.toFixed(1)} µs per beat (${Math.round(beatsTotal / (totalMs / 1000))} beats/s)`,
  );
  const firstHours = hourly.flatMap((h) => h.slice(1, 4));
  const lastHours = hourly.flatMap((h) => h.slice(-3));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const growth = mean(lastHours) / mean(firstHours);
  console.log(`  per-beat CPU cost by hour of history (partner a, µs): ${hourly[0].map((x) => x.toFixed(0)).join(' ')}`);
  console.log(
    `  hours 2–4: ${mean(firstHours).toFixed(1)} µs, last 3 hours: ${mean(lastHours).toFixed(1)} µs — ratio ${growth.toFixed(2)}`,
  );
  check(perBeatUs <= BUDGET.perBeatUs, `live update ${perBeatUs.toFixed(1)} µs per beat ≤ ${BUDGET.perBeatUs} µs`);
  check(growth <= BUDGET.growth, `per-beat cost flat as history grows: ratio ${growth.toFixed(2)} ≤ ${BUDGET.growth}`);
  return ok;
}

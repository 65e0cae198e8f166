/**
 * The `attune` command as a shell runs it: whole processes timed by bash's `time` (real, user and
 * system seconds) — `attune --help` for start-up, and `attune analyze` over the 24 h two-partner
 * recording of `npm run bench -- speed` (same simulator seeds), written as t_s,rr_ms files. Beside
 * it, the same analysis in this process, measured as the speed benchmark measures it; the whole
 * run may cost at most 1.5× that (reading and parsing the files, start-up and printing included).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeRrCsv } from '../src/sources/recordings/rr-write';
import { analyzeRecording } from '../src/cli/analyze';
import { simulateRr } from '../src/sim/simulator';
import { median as medianOf } from '../src/stats/descriptive';

export const title = 'attune command: start-up and a 24 h two-partner analyze, as whole processes';

const BUDGET = {
  /** `attune --help`, real seconds. */
  startSec: 0.3,
  /** Whole `attune analyze` over the in-process analysis, CPU and wall. */
  ratio: 1.5,
} as const;

const OUT = 'bench/out/cli';
const BIN = 'dist-cli/attune.js';

interface Timed {
  readonly realSec: number;
  readonly cpuSec: number;
}

/** Runs `command` under bash's `time` and returns its figures (the command's own output is discarded). */
function shellTime(command: string): Timed {
  const result = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time (${command} > /dev/null 2>&1)`], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cli bench: "${command}" failed with status ${String(result.status)}: ${result.stderr}`);
  const [real, user, sys] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (![real, user, sys].every(Number.isFinite)) throw new Error(`cli bench: could not read the time of "${command}": ${result.stderr}`);
  return { realSec: real, cpuSec: user + sys };
}

/** Median of timings (never empty here). */
const median = (values: number[]): number => medianOf(values) as number;
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export async function run(): Promise<boolean> {
  let ok = true;
  const check = (pass: boolean, what: string) => {
    console.log(`  ${pass ? 'ok  ' : 'MISS'} ${what}`);
    ok &&= pass;
  };
  const built = spawnSync('npm', ['run', 'build:cli', '--silent'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('cli bench: npm run build:cli failed');
  console.log(`  load average ${loadavg()[0].toFixed(1)} on this machine`);

  const bare = median(Array.from({ length: 5 }, () => shellTime('node -e 0').realSec));
  const helps = Array.from({ length: 7 }, () => shellTime(`node ${BIN} --help`));
  const start = median(helps.map((h) => h.realSec));
  console.log(
    `  attune --help: ${start.toFixed(3)} s real (median of 7; ${median(helps.map((h) => h.cpuSec)).toFixed(3)} s CPU); node -e 0 alone: ${bare.toFixed(3)} s`,
  );
  check(start < BUDGET.startSec, `start-up ${start.toFixed(3)} s < ${BUDGET.startSec} s`);

  mkdirSync(OUT, { recursive: true });
  const day = 86_400;
  const partners = (['a', 'b'] as const).map((partner) =>
    simulateRr({ durationSec: day, scenario: 'calm', partner, seed: `speed-${partner}` }),
  );
  const files = partners.map((p, i) => {
    const file = join(OUT, `day-${'ab'[i]}.csv`);
    writeFileSync(file, writeRrCsv(p));
    return file;
  });

  // In process, as `npm run bench -- speed` measures it.
  const t0 = performance.now();
  const c0 = cpu();
  for (const p of partners)
    analyzeRecording({ rrMs: p.rrMs, tSec: p.tSec, afterGap: p.afterGap, hasTimeColumn: true, warnings: [] }, 60, 30);
  const inCpu = cpu() - c0;
  const inWall = (performance.now() - t0) / 1000;
  console.log(`  in-process analysis of 24 h × 2 partners: ${inCpu.toFixed(2)} s CPU (${inWall.toFixed(2)} s wall)`);

  const runs = Array.from({ length: 3 }, () => shellTime(`node ${BIN} analyze ${files.join(' ')}`));
  const whole = { realSec: median(runs.map((r) => r.realSec)), cpuSec: median(runs.map((r) => r.cpuSec)) };
  const cpuRatio = whole.cpuSec / inCpu;
  const wallRatio = whole.realSec / inWall;
  console.log(
    `  attune analyze ${files.join(' ')}: ${whole.realSec.toFixed(2)} s real, ${whole.cpuSec.toFixed(2)} s CPU (median of 3) — ` +
      `${cpuRatio.toFixed(2)}× the in-process CPU, ${wallRatio.toFixed(2)}× its wall time`,
  );
  check(cpuRatio <= BUDGET.ratio, `whole run ${cpuRatio.toFixed(2)}× the in-process analysis CPU ≤ ${BUDGET.ratio}×`);
  check(wallRatio <= BUDGET.ratio, `whole run ${wallRatio.toFixed(2)}× the in-process analysis wall time ≤ ${BUDGET.ratio}×`);
  return ok;
}

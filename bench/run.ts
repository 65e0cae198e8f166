/**
 * `npm run bench`: runs every bench/*.bench.ts in name order and prints its figures.
 * `npm run bench -- NAME` runs only the benchmarks whose file name contains NAME.
 * Benchmarks print figures and their budgets; they are not part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  /** What the benchmark measures, one line. */
  readonly title: string;
  /** Runs the benchmark and prints its figures; resolves false when a budget is missed. */
  run(): Promise<boolean>;
}

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let missed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  console.log(`\n== ${file}: ${mod.title}`);
  const withinBudget = await mod.run();
  if (!withinBudget) missed += 1;
}
console.log(`\n${files.length} benchmarks run, ${missed} outside budget`);
process.exitCode = missed > 0 ? 1 : 0;

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Signal property tests run many cases; give slow CI machines room without hiding hangs.
    testTimeout: 30_000,
    // Vitest's default keeps one core for its main process, which on a 2-core machine leaves one
    // worker; the main process is mostly idle once files are transformed, so use both cores there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

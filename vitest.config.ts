import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Signal property tests run many cases; give slow CI machines room without hiding hangs.
    testTimeout: 30_000,
  },
});

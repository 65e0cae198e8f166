/**
 * Builds the `attune` command (`npm run build:cli`, run by `prepare` on `npm install` / `npm ci`):
 * src/cli/bin.ts and everything it imports as an ES module for Node in dist-cli/attune.js, and the
 * FIT reader with the FIT SDK in dist-cli/fit.js (loaded on first use), so starting the command
 * compiles no TypeScript and resolves no packages.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      // The FIT reader is its own entry: the command loads it only when it meets a FIT file.
      input: { attune: 'src/cli/bin.ts', fit: 'src/sources/recordings/rr-fit.ts' },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        format: 'es',
        banner: (chunk) => (chunk.name === 'attune' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});

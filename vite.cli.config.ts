/**
 * Builds the `attune` command (`npm run build:cli`, run by `prepare` on `npm install` / `npm ci`):
 * src/cli/bin.ts and everything it imports, FIT SDK included, as one ES module for Node in
 * dist-cli/attune.js, so starting the command compiles no TypeScript and resolves no packages.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: { entryFileNames: 'attune.js', format: 'es', banner: '#!/usr/bin/env node' },
    },
  },
});

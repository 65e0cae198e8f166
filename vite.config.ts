import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy of production builds. The app is served from its own origin only;
 * nothing is fetched from elsewhere, ever. `blob:` is for recorded voice clips and exports the app
 * makes itself. Injected at build time so the dev server (which inlines scripts) keeps working.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function cspPlugin(): Plugin {
  const charset = /<meta charset="UTF-8"\s*\/?>/i;
  return {
    name: 'attune-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!charset.test(html)) throw new Error('attune-csp: index.html has no <meta charset="UTF-8"> to place the policy after');
        // Right after the charset, before anything the policy governs.
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
        return html.replace(charset, (found) => `${found}\n    ${meta}`);
      },
    },
  };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Fills public/sw.js with this build's file list and a version derived from the files' contents,
 * so the browser sees a new worker exactly when something changed (and never for a rebuild of the
 * same code). Source maps stay out of the precache: nobody needs them offline.
 */
function precachePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'attune-precache',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle(options, bundle) {
      const outDir = options.dir ?? config.build.outDir;
      const hash = createHash('sha256');
      const files = new Set<string>(['/', '/index.html']);
      for (const [fileName, output] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName.endsWith('.map')) continue;
        files.add(`/${fileName}`);
        hash.update(fileName);
        hash.update(output.type === 'chunk' ? output.code : output.source);
      }
      const publicDir = config.publicDir;
      if (publicDir) {
        for (const path of filesUnder(publicDir).sort()) {
          const name = relative(publicDir, path).split(sep).join('/');
          if (name === 'sw.js') continue;
          files.add(`/${name}`);
          hash.update(name);
          hash.update(readFileSync(path));
        }
      }
      const template = readFileSync(join(publicDir || 'public', 'sw.js'), 'utf8');
      const version = hash.digest('hex').slice(0, 16);
      const versionLine = "const VERSION = 'attune-dev';";
      const precacheLine = "const PRECACHE = ['/', '/index.html'];";
      if (!template.includes(versionLine) || !template.includes(precacheLine)) {
        throw new Error('attune-precache: public/sw.js lost its VERSION or PRECACHE placeholder line');
      }
      const worker = template
        .replace(versionLine, `const VERSION = ${JSON.stringify(version)};`)
        .replace(precacheLine, `const PRECACHE = ${JSON.stringify([...files])};`);
      writeFileSync(join(outDir, 'sw.js'), worker);
    },
  };
}

/**
 * The modules of the Connect step after Begin (the live view without its charts, the live session and
 * what it is built from), for one chunk: left to the bundler they come in some thirty small chunks,
 * and on a phone's network every chunk is a round trip (about 0.56 s on "Fast 3G", six at a time),
 * so fetching them while the welcome is read took longer than reading it. Modules the welcome screen
 * itself loads stay out (the shell's session host and demo link, the store's partners, gate states
 * and readiness parameters), or the welcome would fetch the whole chunk.
 */
const CONNECT_STEP =
  /[\\/]src[\\/](session|pipeline|sources|sim|routines|signal|stats|ui[\\/]live|ui[\\/]routine)[\\/]|[\\/]src[\\/]ui[\\/]shell[\\/](live-part|beat-marks|rr-file-reader|before-check-in-part|screens[\\/]live-screen)\.|[\\/]src[\\/]ui[\\/]practice[\\/]check-in-form\.|[\\/]node_modules[\\/]rxjs[\\/]/;
const NOT_CONNECT_STEP =
  /[\\/]src[\\/](signal[\\/](types|readiness-params|migrated-reading)|pipeline[\\/]dyad|routines[\\/]content|session[\\/](session-host|demo-url)|sim[\\/]scenario-names|ui[\\/]live[\\/]use-observable)\.|[\\/]src[\\/]ui[\\/]live[\\/](charts|tachogram|trend-chart|use-theme-version)\.|[\\/]src[\\/]sources[\\/]recordings[\\/](rr-fit|fit-)|rr-file-worker/;

// The app is served from its own origin only; nothing is fetched from elsewhere.
export default defineConfig({
  plugins: [react(), cspPlugin(), precachePlugin()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'connect-step',
              test: (id: string) => CONNECT_STEP.test(id) && !NOT_CONNECT_STEP.test(id),
              // Only the modules named: what they import from outside stays where the bundler puts it.
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});

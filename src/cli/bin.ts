/**
 * Entry of the installed `attune` command: `npm run build:cli` compiles this file and everything it
 * uses into `dist-cli/attune.js` (package.json `bin`), so the command starts without compiling
 * TypeScript; the FIT reader and its SDK go to `dist-cli/fit.js`, loaded only when a FIT file is
 * read, so starting stays quick. `npm run analyze` runs this file from the sources with tsx.
 */
import { createRequire } from 'node:module';
import type { FitHrv } from '../sources/recordings/rr-file';
import type { readFitHrv as ReadFitHrv } from '../sources/recordings/rr-fit';
import { defaultIo, main } from './attune';

const load = createRequire(import.meta.url);
/** The built command's FIT module beside it, or the source module when run from the sources. */
const fitModule = import.meta.url.endsWith('.ts') ? '../sources/recordings/rr-fit.ts' : './fit.js';
let readFitHrv: ((bytes: Uint8Array) => FitHrv) | undefined;

process.exitCode = main(process.argv.slice(2), {
  ...defaultIo,
  readFit: (bytes) => {
    readFitHrv ??= (load(fitModule) as { readFitHrv: typeof ReadFitHrv }).readFitHrv;
    return readFitHrv(bytes);
  },
});

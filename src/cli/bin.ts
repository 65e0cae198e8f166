/**
 * Entry of the installed `attune` command: `npm run build:cli` compiles this file and everything it
 * uses into one JavaScript file, `dist-cli/attune.js` (package.json `bin`), so the command starts
 * without compiling TypeScript. `npm run analyze` runs this file from the sources with tsx.
 */
import { main } from './attune';

process.exitCode = main(process.argv.slice(2));

import { config } from 'zod/mini';

// The production Content-Security-Policy forbids eval. zod probes for it with `new Function` when a
// schema is built (caught, but reported as a policy violation) to compile fast parsers; parse
// without that instead. main.tsx imports this module before any module that builds a schema.
config({ jitless: true });

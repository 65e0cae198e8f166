import { z } from 'zod';
import { SCENARIOS, type Scenario } from '../sim/scenario-names';

/** Fastest playback a URL may ask for; beyond this the browser cannot keep up with two partners. */
export const MAX_DEMO_SPEED = 200;

const demoQuery = z.object({
  demo: z.enum(SCENARIOS, { error: `demo must be one of ${SCENARIOS.join(', ')}` }),
  speed: z.coerce
    .number({ error: 'speed must be a number' })
    .positive({ error: 'speed must be above 0' })
    .max(MAX_DEMO_SPEED, { error: `speed must be at most ${MAX_DEMO_SPEED}` })
    .default(1),
});

export interface DemoRequest {
  readonly scenario: Scenario;
  /** Simulated seconds per wall-clock second. */
  readonly speed: number;
}

/** What the URL asks for: nothing, a demo, or a demo it cannot run (with why). */
export type DemoUrl =
  | { readonly kind: 'none' }
  | { readonly kind: 'demo'; readonly request: DemoRequest }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * Reads `?demo=calm|conflict|flooded|hr-only|together|first-night&speed=N` from a query string. Without `demo` nothing
 * is connected; a bad value gives one readable message instead of a half-started demo.
 */
export function parseDemoUrl(search: string): DemoUrl {
  const params = new URLSearchParams(search);
  const demo = params.get('demo');
  if (demo === null) return { kind: 'none' };
  const speed = params.get('speed');
  const parsed = demoQuery.safeParse({ demo, speed: speed === null || speed === '' ? undefined : speed });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
    return { kind: 'invalid', message: `demo link: ${reasons}` };
  }
  return { kind: 'demo', request: { scenario: parsed.data.demo, speed: parsed.data.speed } };
}

import { SCENARIOS, type Scenario } from '../sim/scenario-names';

/** Fastest playback a URL may ask for; beyond this the browser cannot keep up with two partners. */
export const MAX_DEMO_SPEED = 200;

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
  // Checked by hand rather than with a zod schema: this runs before the first paint, and zod's code
  // then loads with the store instead of holding up the welcome screen.
  const reasons: string[] = [];
  const scenario = SCENARIOS.find((name) => name === demo);
  if (scenario === undefined) reasons.push(`demo must be one of ${SCENARIOS.join(', ')}`);
  let speedValue = 1;
  if (speed !== null && speed !== '') {
    speedValue = Number(speed);
    if (!Number.isFinite(speedValue)) reasons.push('speed must be a number');
    else if (speedValue <= 0) reasons.push('speed must be above 0');
    else if (speedValue > MAX_DEMO_SPEED) reasons.push(`speed must be at most ${MAX_DEMO_SPEED}`);
  }
  if (scenario === undefined || reasons.length > 0) return { kind: 'invalid', message: `demo link: ${reasons.join('; ')}` };
  return { kind: 'demo', request: { scenario, speed: speedValue } };
}

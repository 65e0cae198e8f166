/**
 * The names of the demo scenarios (DESIGN.md, Page URLs), on their own so that reading a demo link
 * loads nothing of the simulator.
 */
/** The demo scenarios (DESIGN.md, Page URLs). */
export const SCENARIOS = ['calm', 'conflict', 'flooded', 'hr-only', 'together', 'first-night'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * True when the scenario's demo partners have no baseline: `first-night` shows how an upset couple
 * is judged by their own settling before any calm reading exists.
 */
export function scenarioHasNoBaseline(scenario: Scenario): boolean {
  return scenario === 'first-night';
}

/** True when `value` names a scenario. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value);
}

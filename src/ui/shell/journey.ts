/**
 * The guided journey as plain data: which screen is showing and where "next" and "back" lead.
 * Pure (no DOM, no React) so that its rules are unit-tested on their own; `use-journey.ts`
 * connects it to the browser history so the phone's back gesture walks back through it.
 */

/** The screens of the journey, in order. */
export const SCREENS = ['welcome', 'live', 'routine', 'reflect', 'history'] as const;
/** Screens beside the journey: the weekly plan (from the welcome), progress and the report (from History). */
export const SIDE_SCREENS = ['plan', 'progress', 'report'] as const;
export type Screen = (typeof SCREENS)[number] | (typeof SIDE_SCREENS)[number];

/** The journey screen a side screen belongs to (for the progress line, "back" and the live session). */
export function journeyPlace(screen: Screen): (typeof SCREENS)[number] {
  switch (screen) {
    case 'plan':
      return 'welcome';
    case 'progress':
    case 'report':
      return 'history';
    default:
      return screen;
  }
}

/**
 * The steps a person sees in the progress line. The live screen covers three of them (pair,
 * calibrate, readiness): which one is current follows the gate, because pairing, the first-time
 * calibration and the wait for calm all happen on the same live view.
 */
export const STEPS = ['welcome', 'pair', 'calibrate', 'readiness', 'routine', 'reflect', 'history'] as const;
export type Step = (typeof STEPS)[number];

/** Plain-language names of the steps, as shown in the progress line and page titles. */
export const STEP_LABELS: Readonly<Record<Step, string>> = {
  welcome: 'Welcome',
  pair: 'Connect',
  calibrate: 'Calibrate',
  readiness: 'Settle',
  routine: 'Routine',
  reflect: 'Reflect',
  history: 'History',
};

import type { GateState } from '../../pipeline/dyad';

/** Where the journey starts for a given page address. */
export interface JourneyStart {
  readonly screen: 'welcome' | 'live';
  /** The demo scenario from `?demo=`, when the address asks for one. */
  readonly demo: string | null;
}

/**
 * Reads the start of the journey from the page's query string: any `?demo=` deep-links straight to
 * the live readiness view (DESIGN.md, Page URLs). The live view itself checks the scenario and the
 * speed, and explains a bad link there; without `demo` the journey starts at the welcome screen.
 */
export function journeyStart(search: string): JourneyStart {
  const demo = new URLSearchParams(search).get('demo');
  if (demo !== null) return { screen: 'live', demo };
  return { screen: 'welcome', demo: null };
}

/** The screen after `screen`; the history screen leads back to the live view for another round. */
export function nextScreen(screen: Screen): Screen {
  switch (screen) {
    case 'welcome':
      return 'live';
    case 'live':
      return 'routine';
    case 'routine':
      return 'reflect';
    case 'reflect':
      return 'history';
    case 'history':
    case 'plan':
      return 'live';
    case 'progress':
      return 'report';
    case 'report':
      return 'history';
  }
}

/** The screen before `screen`, or null on the first screen. */
export function previousScreen(screen: Screen): Screen | null {
  if (screen === 'plan') return 'welcome';
  if (screen === 'progress') return 'history';
  if (screen === 'report') return 'progress';
  const index = SCREENS.indexOf(screen);
  return index <= 0 ? null : SCREENS[index - 1];
}

/**
 * The step shown in the progress line. On the live screen it follows the gate: no signal yet means
 * the couple is still connecting; calibrating means the first-time rest; settling, flooded and
 * ready are the wait for calm.
 */
export function currentStep(screen: Screen, gate: GateState | null): Step {
  const place = journeyPlace(screen);
  if (place !== 'live') return place;
  switch (gate) {
    case null:
    case 'no-signal':
      return 'pair';
    case 'calibrating':
      return 'calibrate';
    case 'settling':
    case 'ready':
    case 'flooded':
      return 'readiness';
  }
}

/** Checks a value read back from `history.state`; anything unexpected is not a screen. */
export function isScreen(value: unknown): value is Screen {
  return typeof value === 'string' && ([...SCREENS, ...SIDE_SCREENS] as readonly string[]).includes(value);
}

/**
 * Settings chosen before the start that shape how the player guides: the remembered ones (touch
 * option, safe word, warm-up, voice and chime) plus the named behaviour, which is about one fight
 * and so is never remembered.
 */
import type { RoutineSettings } from '../../routines';

export type { GuideMode } from '../../routines';

export interface RunSettings extends RoutineSettings {
  /** What the apologiser typed; checked with `checkBehaviour` before use. */
  readonly behaviour: string;
}

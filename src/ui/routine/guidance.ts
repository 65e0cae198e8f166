/**
 * Settings chosen before the start that shape how the player guides: touch option, the named
 * behaviour, the safe word, the warm-up, and voice and chime.
 */
import type { GentlerOptionId } from '../../routines';

export type GuideMode = 'off' | 'speech' | 'recording';

export interface RoutineSettings {
  readonly option: GentlerOptionId;
  /** What the apologiser typed; checked with `checkBehaviour` before use. */
  readonly behaviour: string;
  readonly safeWord: string;
  readonly warmUp: boolean;
  readonly guide: GuideMode;
  readonly voiceUri: string;
  readonly rate: number;
  readonly chime: boolean;
}

import { use, useCallback } from 'react';
import type { AttuneStore } from '../../store';
import { routineById } from '../../routines';
import type { RoutineAccess } from '../../session/routine-access';
import { RoutinesPanel, createLocalRoutineSettings, type RoutineRunSummary } from '../routine';

/** The couple's routine choices, remembered in this browser (a device preference, like the theme). */
const rememberedSettings = createLocalRoutineSettings();

export interface RoutinePartProps {
  readonly store: Promise<AttuneStore>;
  /** How the routines stand (`routineAccess`, decided once by the shell). */
  readonly access: RoutineAccess;
  readonly onRunFinished: (run: RoutineRunSummary) => void;
  /** A routine started playing (true) or ended / closed (false). */
  readonly onActiveChange?: (active: boolean) => void;
}

/**
 * The routines panel as the shell places it: voice clips and finished runs kept in the store, and
 * the chosen way of running (touch, safe word, warm-up, voice, chime) remembered on this device.
 */
export default function RoutinePart({ store, access, onRunFinished, onActiveChange }: RoutinePartProps) {
  const resolved = use(store);
  const finished = useCallback(
    (run: RoutineRunSummary) => {
      let title: string = run.routineId;
      try {
        title = routineById(run.routineId).title;
      } catch {
        // An unknown id is still worth keeping, under its id.
      }
      // The store reports failures to its own notice; the journey goes on either way.
      resolved.routineRuns.addSummary(run, { title }).catch((error: unknown) => console.error('routine run: could not be saved', error));
      onRunFinished(run);
    },
    [resolved, onRunFinished],
  );
  return (
    <RoutinesPanel
      access={access}
      voiceClips={resolved.voiceClips}
      settings={rememberedSettings}
      onRunFinished={finished}
      {...(onActiveChange ? { onActiveChange } : {})}
    />
  );
}

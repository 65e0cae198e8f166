/**
 * What the app keeps about a routine run, and the store for a partner's own recordings of the lines.
 * Both are implemented elsewhere (the store), so they are defined here as contracts.
 */
import { z } from 'zod';
import { gentlerOptionIdSchema } from './routine-schema';
import type { Plan } from './plan';
import type { PlayerState } from './player';

export const routineRunSummarySchema = z.object({
  routineId: z.string().min(1),
  /** ISO 8601: when the first step began (or the consent question was shown, if none began). */
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  outcome: z.enum(['completed', 'stopped']),
  /** The gentler option in use when the run ended. */
  gentler: gentlerOptionIdSchema,
  /** The specific behaviour the apologiser named; empty when the routine did not ask for it. */
  behaviour: z.string(),
  withWarmUp: z.boolean(),
  stepsDone: z.number().int().nonnegative(),
  stepsTotal: z.number().int().positive(),
  /** What the receiver chose at the end (talk, more touch, space), when the routine asked. */
  receiverChoice: z.enum(['talk', 'more-touch', 'space']).nullable(),
  /** What the couple did instead after a stop or a no. */
  aftercare: z.enum(['hold-hands', 'space', 'other-ways']).nullable(),
});
export type RoutineRunSummary = z.infer<typeof routineRunSummarySchema>;

/**
 * Where a partner's own recording of each script line lives (by line id, see plan.ts). Implemented
 * by the store over IndexedDB; the routine panel only calls these three functions.
 */
export interface VoiceClipStore {
  save(lineId: string, clip: Blob): Promise<void>;
  load(lineId: string): Promise<Blob | undefined>;
  remove(lineId: string): Promise<void>;
}

/** The summary of a finished run; throws `summarise routine run: …` if the run has not ended. */
export function summariseRun(plan: Plan, state: PlayerState): RoutineRunSummary {
  if (state.phase !== 'done' || state.endedAtMs === null || state.outcome === null) {
    throw new Error(`summarise routine run: the run has not ended (it is ${state.phase})`);
  }
  return {
    routineId: plan.routine.id,
    startedAt: new Date(state.firstStepAtMs ?? state.openedAtMs).toISOString(),
    endedAt: new Date(state.endedAtMs).toISOString(),
    outcome: state.outcome,
    gentler: state.option,
    behaviour: plan.behaviour,
    withWarmUp: plan.withWarmUp,
    stepsDone: state.stepsDone,
    stepsTotal: plan.steps.length,
    receiverChoice: state.receiverChoice,
    aftercare: state.aftercare,
  };
}

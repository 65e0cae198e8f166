/**
 * A plan is what the player runs: a routine's steps (optionally after the warm-up), with the script
 * lines filled in and each line given a stable id (used to store a partner's own recording of it).
 */
import { fillTemplate, needsBehaviour } from './template';
import type { Breathing, Line, Prompt, Routine, Touch } from './routine-schema';

export interface PlanLine {
  /** Stable id: `<routine id>/<step id>/<index>`. */
  readonly id: string;
  readonly speaker: Line['speaker'];
  readonly kind: Line['kind'];
  /** The text with `{behaviour}` filled in. */
  readonly text: string;
}

export interface PlanStep {
  /** Unique within the plan: `<routine id>/<step id>`. */
  readonly id: string;
  readonly routineId: string;
  readonly title: string;
  readonly durationSec: number;
  /** Seconds from the start of the first step to the start of this one. */
  readonly offsetSec: number;
  readonly lines: readonly PlanLine[];
  /** Touch as written; the player resolves it under the current gentler option. */
  readonly touch: Touch | null;
  readonly prompts: readonly Prompt[];
  readonly breathing?: Breathing;
  readonly note?: string;
}

export interface Plan {
  readonly routine: Routine;
  /** The warm-up run first, when chosen. */
  readonly warmUp?: Routine;
  readonly withWarmUp: boolean;
  readonly behaviour: string;
  readonly steps: readonly PlanStep[];
  readonly totalSec: number;
}

/** Whether any line of the routine uses the `{behaviour}` slot. */
export function routineNeedsBehaviour(routine: Routine): boolean {
  return routine.steps.some((step) => step.lines.some((line) => needsBehaviour(line.text)));
}

/** Every line of a routine as a plan line (filled when a behaviour is given, raw otherwise). */
export function scriptLines(routine: Routine, behaviour = ''): PlanLine[] {
  return routine.steps.flatMap((step) => planStepLines(routine, step.id, step.lines, behaviour));
}

function planStepLines(routine: Routine, stepId: string, lines: readonly Line[], behaviour: string): PlanLine[] {
  return lines.map((line, index) => ({
    id: `${routine.id}/${stepId}/${index}`,
    speaker: line.speaker,
    kind: line.kind,
    text: behaviour.trim() === '' && needsBehaviour(line.text) ? line.text : fillTemplate(line.text, { behaviour }),
  }));
}

/**
 * Builds the plan. Throws `build routine plan: …` when the routine's lines need the behaviour and
 * none was given.
 */
export function buildPlan(routine: Routine, options: { behaviour?: string; warmUp?: Routine } = {}): Plan {
  const behaviour = options.behaviour?.trim() ?? '';
  const parts = options.warmUp && options.warmUp.id !== routine.id ? [options.warmUp, routine] : [routine];
  if (behaviour === '' && parts.some(routineNeedsBehaviour)) {
    throw new Error(`build routine plan: "${routine.title}" names the specific behaviour; fill it in first`);
  }
  const steps: PlanStep[] = [];
  let offsetSec = 0;
  for (const part of parts) {
    for (const step of part.steps) {
      steps.push({
        id: `${part.id}/${step.id}`,
        routineId: part.id,
        title: step.title,
        durationSec: step.durationSec,
        offsetSec,
        lines: planStepLines(part, step.id, step.lines, behaviour),
        touch: step.touch,
        prompts: step.prompts,
        ...(step.breathing ? { breathing: step.breathing } : {}),
        ...(step.note ? { note: step.note } : {}),
      });
      offsetSec += step.durationSec;
    }
  }
  const warmUp = parts.length > 1 ? parts[0] : undefined;
  return { routine, ...(warmUp ? { warmUp } : {}), withWarmUp: warmUp !== undefined, behaviour, steps, totalSec: offsetSec };
}

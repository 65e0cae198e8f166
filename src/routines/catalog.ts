/**
 * The routine catalog: every content file parsed once through its schema. A content error throws
 * one readable error naming the file and the path inside it.
 */
import type { z } from 'zod';
import {
  calmResponseSchema,
  checklistSchema,
  gentlerOptionSchema,
  routineSchema,
  safetySchema,
  type CalmResponse,
  type Checklist,
  type GentlerOption,
  type GentlerOptionId,
  type Routine,
  type Safety,
} from './routine-schema';
import { warmUp } from './content/warm-up';
import { apologyReset } from './content/apology-reset';
import { reconnectFlow } from './content/reconnect-flow';
import { repairSequence } from './content/repair-sequence';
import { groundingHandhold } from './content/grounding-handhold';
import { neutralTouch } from './content/neutral-touch';
import { boundaryReset } from './content/boundary-reset';
import { calmResponses as calmResponsesInput } from './content/calm-responses';
import { roomSetup as roomSetupInput } from './content/room-setup';
import { safety as safetyInput } from './content/safety';
import { gentlerOptions as gentlerOptionsInput } from './content/gentler-options';

/** Parses one content value, or throws `load routine content: <name>: <path>: <problem>`. */
export function parseContent<S extends z.ZodType>(schema: S, value: unknown, name: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`load routine content: ${name}: ${problems}`);
}

/** Every routine content file by name, unparsed (the schema tests walk this). */
export const ROUTINE_FILES = {
  'warm-up': warmUp,
  'apology-reset': apologyReset,
  'reconnect-flow': reconnectFlow,
  'repair-sequence': repairSequence,
  'grounding-handhold': groundingHandhold,
  'neutral-touch': neutralTouch,
  'boundary-reset': boundaryReset,
} as const;

export type RoutineId = keyof typeof ROUTINE_FILES;

/** All routines in the order the app lists them: warm-up, the three routines by length, the mini practices. */
export const ROUTINES: readonly Routine[] = Object.entries(ROUTINE_FILES).map(([name, value]) => {
  const routine = parseContent(routineSchema, value, name);
  if (routine.id !== name) throw new Error(`load routine content: ${name}: id "${routine.id}" does not match the file`);
  return routine;
});

export const CALM_RESPONSES: readonly CalmResponse[] = calmResponsesInput.map((value, index) =>
  parseContent(calmResponseSchema, value, `calm-responses[${index}]`),
);
export const ROOM_SETUP: Checklist = parseContent(checklistSchema, roomSetupInput, 'room-setup');
export const SAFETY: Safety = parseContent(safetySchema, safetyInput, 'safety');
export const GENTLER_OPTIONS: readonly GentlerOption[] = gentlerOptionsInput.map((value, index) =>
  parseContent(gentlerOptionSchema, value, `gentler-options[${index}]`),
);

/** The routine with this id, or a clear error. */
export function routineById(id: string): Routine {
  const routine = ROUTINES.find((candidate) => candidate.id === id);
  if (!routine) throw new Error(`find routine: no routine with id "${id}"`);
  return routine;
}

/** The gentler option with this id (every id of the schema has one; the catalog test pins that). */
export function gentlerOption(id: GentlerOptionId): GentlerOption {
  const option = GENTLER_OPTIONS.find((candidate) => candidate.id === id);
  if (!option) throw new Error(`find gentler option: no option "${id}"`);
  return option;
}

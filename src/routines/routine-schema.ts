/**
 * The shape of routine content (the schema is the single source of truth; the
 * types are inferred from it). Content files are plain data checked by these schemas when the
 * catalog loads, so a typo in a script fails loudly in the schema tests, never silently on screen.
 */
import { z } from 'zod';

/** Template slots a line may use. The apologiser fills `{behaviour}` once before starting. */
export const TEMPLATE_SLOTS = ['behaviour'] as const;
export type TemplateSlot = (typeof TEMPLATE_SLOTS)[number];

const SLOT_PATTERN = /\{([^{}]*)\}/g;

/** Every `{slot}` in a text, in order of appearance. */
export function slotsIn(text: string): string[] {
  return [...text.matchAll(SLOT_PATTERN)].map((match) => match[1] ?? '');
}

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case letters, digits and single hyphens');

const text = z
  .string()
  .trim()
  .min(1, 'text must not be empty')
  .refine((value) => slotsIn(value).every((slot) => (TEMPLATE_SLOTS as readonly string[]).includes(slot)), {
    message: `text may use only the template slots ${TEMPLATE_SLOTS.map((slot) => `{${slot}}`).join(', ')}`,
  })
  .refine((value) => value.split('{').length === value.split('}').length, { message: 'text has unbalanced braces' });

/** Who a line is for: the apologising partner (giver), the receiver, or both together. */
export const speakerSchema = z.enum(['giver', 'receiver', 'both']);
export type Speaker = z.infer<typeof speakerSchema>;

/**
 * One line of the script. `say` lines are spoken aloud by that partner; `do` lines tell them what to
 * do. `quoted` marks a line kept word for word from the source material, so edits can respect it.
 */
export const lineSchema = z.object({
  speaker: speakerSchema,
  kind: z.enum(['say', 'do']),
  text,
  quoted: z.boolean().default(false),
});
export type Line = z.infer<typeof lineSchema>;

/** The body area a touch instruction uses; gentler options transform touch by area. */
export const touchAreaSchema = z.enum(['back', 'neck-shoulders', 'chest', 'hands', 'forearm', 'knee', 'shoulder']);
export type TouchArea = z.infer<typeof touchAreaSchema>;

export const GENTLER_OPTION_IDS = ['as-written', 'blanket', 'knee', 'hands-only', 'voice-only'] as const;
export const gentlerOptionIdSchema = z.enum(GENTLER_OPTION_IDS);
export type GentlerOptionId = z.infer<typeof gentlerOptionIdSchema>;

/**
 * Touch for one step. `gentler` holds hand-written variants for the less-touch options; where a
 * variant is missing, a generic transformation of `instruction` is used (see gentler.ts).
 * Voice-only never touches and needs no variant.
 */
export const touchSchema = z.object({
  area: touchAreaSchema,
  instruction: text,
  pressure: z.enum(['resting', 'light', 'gentle', 'medium']).default('light'),
  gentler: z
    .object({
      blanket: text.optional(),
      knee: text.optional(),
      'hands-only': text.optional(),
    })
    .default({}),
});
export type Touch = z.infer<typeof touchSchema>;

/**
 * Prompts interrupt the flow on purpose. `atSec` is when the prompt appears, seconds into the
 * step; `forSec` how long it stays (omitted: until the step ends).
 */
export const promptKindSchema = z.enum([
  'pressure-check',
  'pause-and-listen',
  'receiver-choice',
  'breathe-together',
  'reflect',
  'validate',
  'check-in',
]);
export type PromptKind = z.infer<typeof promptKindSchema>;

export const promptSchema = z.object({
  kind: promptKindSchema,
  text,
  atSec: z.number().int().nonnegative().default(0),
  forSec: z.number().int().positive().optional(),
});
export type Prompt = z.infer<typeof promptSchema>;

/** The breathing pattern the pacer shows, seconds per phase (the warm-up's 4-in, 1-hold, 6-out). */
export const breathingSchema = z.object({
  inSec: z.number().positive(),
  holdSec: z.number().nonnegative(),
  outSec: z.number().positive(),
  cycles: z.number().int().positive().optional(),
});
export type Breathing = z.infer<typeof breathingSchema>;

export const stepSchema = z
  .object({
    id,
    title: text,
    durationSec: z.number().int().positive(),
    lines: z.array(lineSchema).default([]),
    /** `null`: this step uses no touch in any option. */
    touch: touchSchema.nullable(),
    prompts: z.array(promptSchema).default([]),
    breathing: breathingSchema.optional(),
    /** Safety or technique note shown small under the step (e.g. "no direct pressure on the lower back if there is pain"). */
    note: text.optional(),
  })
  .superRefine((step, ctx) => {
    for (const [index, prompt] of step.prompts.entries()) {
      if (prompt.atSec >= step.durationSec) {
        ctx.addIssue({
          code: 'custom',
          path: ['prompts', index, 'atSec'],
          message: `prompt at ${prompt.atSec} s starts after the step ends (${step.durationSec} s)`,
        });
      }
    }
    if (step.breathing?.cycles !== undefined) {
      const cycleSec = step.breathing.inSec + step.breathing.holdSec + step.breathing.outSec;
      if (cycleSec * step.breathing.cycles > step.durationSec) {
        ctx.addIssue({
          code: 'custom',
          path: ['breathing', 'cycles'],
          message: `${step.breathing.cycles} breathing cycles of ${cycleSec} s do not fit in ${step.durationSec} s`,
        });
      }
    }
  });
export type Step = z.infer<typeof stepSchema>;

export const routineKindSchema = z.enum(['warm-up', 'routine', 'mini']);
export type RoutineKind = z.infer<typeof routineKindSchema>;

export const routineSchema = z
  .object({
    id,
    title: text,
    kind: routineKindSchema,
    /** When the material says to use it, one or two sentences. */
    summary: text,
    /** The stated length; the steps must add up to exactly this many minutes. */
    minutes: z.number().positive(),
    position: text,
    prep: z.array(text).default([]),
    /** What the giver asks before any touch; the receiver's explicit yes opens the routine. */
    consent: z.object({
      question: text,
      /** What the touch will be, in a few words, so the yes is informed. */
      touchSummary: text,
    }),
    steps: z.array(stepSchema).min(1),
    /** Closing words after the last step (shown on the finished screen). */
    closing: text.optional(),
    /** Why it works, in the material's words where it gives some. */
    why: text.optional(),
  })
  .superRefine((routine, ctx) => {
    const seen = new Set<string>();
    for (const [index, step] of routine.steps.entries()) {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `step id "${step.id}" is used twice` });
      }
      seen.add(step.id);
    }
    const totalSec = routine.steps.reduce((sum, step) => sum + step.durationSec, 0);
    if (totalSec !== Math.round(routine.minutes * 60)) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: `steps add up to ${totalSec} s but the routine says ${routine.minutes} min (${Math.round(routine.minutes * 60)} s)`,
      });
    }
  });
export type Routine = z.infer<typeof routineSchema>;
export type RoutineInput = z.input<typeof routineSchema>;

/** A gentler way to run any routine, for a partner for whom touch is hard. */
export const gentlerOptionSchema = z.object({
  id: gentlerOptionIdSchema,
  label: text,
  description: text,
  /** The consent question's addition for this option ("with a blanket between us"). */
  consentAddition: text.optional(),
});
export type GentlerOption = z.infer<typeof gentlerOptionSchema>;
export type GentlerOptionInput = z.input<typeof gentlerOptionSchema>;

/** The two calm responses (reflective listening, simple validation). */
export const calmResponseSchema = z.object({
  id,
  title: text,
  phrases: z.array(text).min(1),
  guidance: text,
});
export type CalmResponse = z.infer<typeof calmResponseSchema>;
export type CalmResponseInput = z.input<typeof calmResponseSchema>;

export const checklistSchema = z.object({
  title: text,
  minutes: z.number().positive(),
  items: z.array(text).min(1),
});
export type Checklist = z.infer<typeof checklistSchema>;
export type ChecklistInput = z.input<typeof checklistSchema>;

export const safetySchema = z.object({
  contraindications: z.array(text).min(1),
  rules: z.array(text).min(1),
  /** Other ways to repair, offered whenever touch is declined. */
  otherWays: z.array(text).min(1),
  /** The boundary reset line, spoken by the partner who feels overwhelmed. */
  boundaryLine: text,
});
export type Safety = z.infer<typeof safetySchema>;
export type SafetyInput = z.input<typeof safetySchema>;

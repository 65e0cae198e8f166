/**
 * The apologiser names the specific behaviour once; script lines carry a `{behaviour}` slot that is
 * filled from it. Specific apologies repair more than vague remorse, so the slot is never filled
 * with a generic stand-in: a line that needs it and has none is an error.
 */
import { slotsIn, type TemplateSlot } from './routine-schema';

export type TemplateValues = Partial<Record<TemplateSlot, string>>;

/** Longest behaviour text we accept: one sentence, spoken in a breath. */
export const BEHAVIOUR_MAX_CHARS = 160;

export type BehaviourCheck = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Tidies what the apologiser typed so it reads well inside a sentence ("I’m sorry for {behaviour}."):
 * trims, collapses whitespace, drops a trailing full stop, lower-cases a capitalised first word
 * (but not "I" or an acronym). Says why when the text cannot be used.
 */
export function checkBehaviour(input: string): BehaviourCheck {
  let value = input
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .trim();
  if (value.length === 0) return { ok: false, reason: 'Name the specific thing you did, in a few words.' };
  if (value.length > BEHAVIOUR_MAX_CHARS) {
    return { ok: false, reason: `Keep it to one short sentence (at most ${BEHAVIOUR_MAX_CHARS} characters).` };
  }
  if (/[{}]/.test(value)) return { ok: false, reason: 'Please leave out curly braces.' };
  const firstWord = value.split(' ')[0] ?? '';
  const looksLikeName = firstWord === 'I' || firstWord.startsWith('I’') || firstWord.startsWith("I'") || /^[A-Z]{2,}/.test(firstWord);
  if (!looksLikeName && /^[A-Z][a-z]/.test(value)) value = value[0]!.toLowerCase() + value.slice(1);
  return { ok: true, value };
}

/** Whether a text needs the behaviour filled in. */
export function needsBehaviour(text: string): boolean {
  return slotsIn(text).includes('behaviour');
}

/** Fills every slot of `text`; throws `fill script line: …` when a slot has no value. */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{([^{}]*)\}/g, (_match, slot: string) => {
    const value = values[slot as TemplateSlot];
    if (value === undefined || value.trim() === '') {
      throw new Error(`fill script line: the line needs {${slot}}, and none was given`);
    }
    return value;
  });
}

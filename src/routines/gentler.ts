/**
 * Gentler options change only the touch, never the words or the timing: the same routine, with a
 * blanket between, a hand on the knee instead of the chest, hands only, or no touch at all.
 */
import { gentlerOption } from './catalog';
import type { GentlerOptionId, Routine, Touch, TouchArea } from './routine-schema';

/** The touch a step asks for under a gentler option; `null` means no touch at all. */
export interface ResolvedTouch {
  readonly area: TouchArea;
  readonly instruction: string;
  readonly pressure: Touch['pressure'];
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * The step's touch under `option`. Hand-written variants win; otherwise a blanket goes between,
 * chest becomes knee, anything but hands becomes holding hands, and voice-only removes touch.
 */
export function resolveTouch(touch: Touch | null, option: GentlerOptionId): ResolvedTouch | null {
  if (touch === null || option === 'voice-only') return null;
  const { area, instruction, pressure } = touch;
  switch (option) {
    case 'as-written':
      return { area, instruction, pressure };
    case 'blanket':
      return {
        area,
        pressure,
        instruction: touch.gentler.blanket ?? (area === 'hands' ? instruction : `With a blanket between you: ${lowerFirst(instruction)}`),
      };
    case 'knee':
      if (area !== 'chest') return { area, instruction, pressure };
      return {
        area: 'knee',
        pressure: 'resting',
        instruction: touch.gentler.knee ?? 'Rest a hand on their knee instead of the chest, and keep it still.',
      };
    case 'hands-only':
      if (area === 'hands') return { area, instruction, pressure };
      return {
        area: 'hands',
        pressure: 'resting',
        instruction: touch.gentler['hands-only'] ?? 'No massage: hold their hand, still and light.',
      };
  }
}

/**
 * The consent question for a routine under an option, and what the receiver is agreeing to (with
 * the warm-up's touch first when the run begins with it), so the yes is an informed one.
 */
export function consentFor(routine: Routine, option: GentlerOptionId, warmUp?: Routine): { question: string; agreeingTo: string } {
  const first = warmUp && warmUp.id !== routine.id ? warmUp : undefined;
  if (option === 'voice-only') {
    return {
      question: 'Can we go through a few calm words together, with no touch?',
      agreeingTo: `${first ? `${first.title}, then ` : ''}${routine.title}, words only: nobody touches.`,
    };
  }
  const addition = gentlerOption(option).consentAddition;
  const touch = first ? `first ${first.consent.touchSummary}; then ${routine.consent.touchSummary}` : routine.consent.touchSummary;
  return {
    question: routine.consent.question,
    agreeingTo: addition ? `${touch}, ${addition}.` : `${touch}.`,
  };
}

/** True when the routine has any touch under this option. */
export function routineTouches(routine: Routine, option: GentlerOptionId): boolean {
  return routine.steps.some((step) => resolveTouch(step.touch, option) !== null);
}

import type { SafetyInput } from '../routine-schema';

/** Contraindications, the non-negotiable rules, and the other ways to repair. */
export const safety: SafetyInput = {
  contraindications: [
    'If either of you has a recent injury, inflammation, or a medical condition, check with a healthcare professional before any massage.',
    'Agree on areas to avoid before you start (injuries, recent surgery) and on a pressure that is comfortable.',
    'No direct pressure on the lower back if there is pain there.',
    'If touch may bring back trauma, choose a gentler option below, and consider trauma-informed couples therapy.',
  ],
  rules: [
    'Touch is never used to manipulate, or to pressure an apology.',
    'Either partner may decline, at any moment, without giving a reason.',
    'If one of you needs space, respect it.',
    'Agree a safe word or gesture. When it is used, touch stops at once.',
    'Start small: 2 to 5 minute practices before longer ones. Repair is incremental.',
  ],
  otherWays: [
    'Writing: a letter or a message, read when the other is ready.',
    'Therapy: a couples therapist, trauma-informed if touch is hard.',
    'Time: agree when to come back to it, and keep to it.',
  ],
  boundaryLine: 'I feel overwhelmed. Can we switch to holding hands instead?',
};

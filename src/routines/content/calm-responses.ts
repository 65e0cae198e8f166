import type { CalmResponseInput } from '../routine-schema';

/** The two calm responses that prevent defensiveness: reflection and validation, not correction. */
export const calmResponses: CalmResponseInput[] = [
  {
    id: 'reflective-listening',
    title: 'Reflective listening',
    phrases: ['So what I hear you saying is...'],
    guidance: 'Then summarise briefly, in their words more than yours. Add no defence.',
  },
  {
    id: 'simple-validation',
    title: 'Simple validation',
    phrases: ['I can see why you’d feel that way.', 'That makes sense given what you experienced.'],
    guidance:
      'No problem-solving yet. Reflection followed by a short touch (a hand on the heart, a stroke of the forearm) calms faster than words alone.',
  },
];

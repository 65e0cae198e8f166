import type { RoutineInput } from '../routine-schema';

/**
 * Mini practice: the boundary reset, rehearsed while calm so it is easy to use when touch becomes
 * too much. During any routine the player offers the same reset (and the gentler options).
 */
export const boundaryReset: RoutineInput = {
  id: 'boundary-reset',
  title: 'Boundary Reset',
  kind: 'mini',
  summary: 'Rehearse what you will do if touch becomes triggering: pause, name it, and switch to holding hands or to space.',
  minutes: 1,
  position: 'Sit near each other.',
  consent: {
    question: 'Can we practise what we will do if touch becomes too much?',
    touchSummary: 'holding hands at the end, only if you both want to',
  },
  steps: [
    {
      id: 'pause-and-name',
      title: 'Pause and name it',
      durationSec: 20,
      touch: null,
      lines: [
        {
          speaker: 'receiver',
          kind: 'say',
          text: 'I feel overwhelmed. Can we switch to holding hands instead?',
          quoted: true,
        },
        { speaker: 'giver', kind: 'do', text: 'Stop any touch at once. Do not ask why.' },
      ],
    },
    {
      id: 'switch',
      title: 'Switch to holding hands',
      durationSec: 40,
      touch: { area: 'hands', pressure: 'resting', instruction: 'If you both want to, hold hands. Otherwise sit near each other.' },
      lines: [{ speaker: 'giver', kind: 'say', text: 'Thank you for telling me. We can go as slowly as you need.' }],
    },
  ],
};

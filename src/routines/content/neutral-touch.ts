import type { RoutineInput } from '../routine-schema';

/** Mini practice: affectionate neutral touch, small predictable touches during ordinary tasks. */
export const neutralTouch: RoutineInput = {
  id: 'neutral-touch',
  title: 'Affectionate Neutral Touch',
  kind: 'mini',
  summary:
    'Small, consistent touches during ordinary tasks signal predictability and safety over time. Practise once now, then let it happen through the week.',
  minutes: 1,
  position: 'Anywhere: standing in the kitchen, passing in the hallway, sitting together.',
  consent: {
    question: 'Is it okay if I sometimes rest a hand on your back or knee during the day?',
    touchSummary: 'a brief hand on your back or knee, now and then',
  },
  steps: [
    {
      id: 'practise-once',
      title: 'Practise once',
      durationSec: 30,
      touch: {
        area: 'back',
        pressure: 'resting',
        instruction: 'Place a hand lightly on their back or knee for a few seconds, then carry on with what you were doing.',
      },
      lines: [{ speaker: 'receiver', kind: 'do', text: 'Notice how it feels. It is fine to say it is not welcome right now.' }],
    },
    {
      id: 'through-the-week',
      title: 'Through the week',
      durationSec: 30,
      touch: null,
      lines: [
        {
          speaker: 'giver',
          kind: 'do',
          text: 'Now and then, while cooking, tidying or passing by, rest a hand on their back or knee. Nothing more is asked.',
        },
        { speaker: 'both', kind: 'do', text: 'Small and predictable is the point: no hidden request attached.' },
      ],
    },
  ],
};

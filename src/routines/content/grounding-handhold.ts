import type { RoutineInput } from '../routine-schema';

/** Mini practice: the 2-Minute Grounding Handhold (builds trust daily; good after a low-conflict moment). */
export const groundingHandhold: RoutineInput = {
  id: 'grounding-handhold',
  title: '2-Minute Grounding Handhold',
  kind: 'mini',
  summary: 'Hold hands and breathe together for two minutes. A good first practice, after a low-conflict moment.',
  minutes: 2,
  position: 'Sit facing one another.',
  consent: {
    question: 'Would you hold hands with me and breathe together for two minutes?',
    touchSummary: 'holding hands for two minutes',
  },
  steps: [
    {
      id: 'take-hands',
      title: 'Take hands',
      durationSec: 20,
      touch: { area: 'hands', pressure: 'resting', instruction: 'Sit facing one another and hold hands.' },
      lines: [{ speaker: 'both', kind: 'do', text: 'Decide who counts breaths and who listens.' }],
    },
    {
      id: 'breathe-together',
      title: 'Breathe together',
      durationSec: 100,
      touch: { area: 'hands', pressure: 'resting', instruction: 'Keep holding hands, still and light.' },
      breathing: { inSec: 4, holdSec: 1, outSec: 6 },
      lines: [
        { speaker: 'giver', kind: 'do', text: 'Count your breaths silently.' },
        { speaker: 'receiver', kind: 'do', text: 'Listen to your partner’s breathing: its tone, its presence.' },
      ],
    },
  ],
};

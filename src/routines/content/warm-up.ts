import type { RoutineInput } from '../routine-schema';

/** Quick practical warm-up (1–2 minutes): consent, grounding breath, hand-on-heart check. */
export const warmUp: RoutineInput = {
  id: 'warm-up',
  title: 'Warm-up',
  kind: 'warm-up',
  summary: 'A minute and a half to arrive together: three slow breaths and a hand on the heart. Good before any routine.',
  minutes: 1.5,
  position: 'Sit facing each other or side by side, close enough to reach.',
  consent: {
    question: 'Can I offer you a short touch sequence to help us calm?',
    touchSummary: 'a hand resting on your chest for about 20 seconds, after three slow breaths together',
  },
  steps: [
    {
      id: 'arrive',
      title: 'Arrive',
      durationSec: 30,
      touch: null,
      lines: [
        { speaker: 'both', kind: 'do', text: 'Feet on the floor, shoulders soft. Let the room be quiet for a moment.' },
        { speaker: 'giver', kind: 'do', text: 'Hands in your own lap for now; the only touch comes at the end of the warm-up.' },
      ],
    },
    {
      id: 'grounding-breath',
      title: 'Grounding breath together',
      durationSec: 40,
      touch: null,
      breathing: { inSec: 4, holdSec: 1, outSec: 6, cycles: 3 },
      lines: [{ speaker: 'both', kind: 'do', text: 'Breathe in for 4 counts, hold for 1, breathe out for 6. Three times, together.' }],
    },
    {
      id: 'hand-on-heart',
      title: 'Hand-on-heart check',
      durationSec: 20,
      touch: {
        area: 'chest',
        pressure: 'resting',
        instruction: 'Place a hand on your partner’s chest and keep it still for 20 seconds.',
        gentler: {
          blanket: 'Place a hand on your partner’s chest over the blanket and keep it still.',
          knee: 'Rest a hand on your partner’s knee and keep it still.',
          'hands-only': 'Hold your partner’s hand, still and light.',
        },
      },
      lines: [{ speaker: 'giver', kind: 'say', text: 'I’m here. I want to understand.', quoted: true }],
    },
  ],
};

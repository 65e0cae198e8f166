import type { RoutineInput } from '../routine-schema';

/** Routine 2, the 15-Minute Reconnect Flow, for deeper repair. */
export const reconnectFlow: RoutineInput = {
  id: 'reconnect-flow',
  title: '15-Minute Reconnect Flow',
  kind: 'routine',
  summary: 'For when you both have time and willingness to work through what happened and reconnect through slow, steady touch.',
  minutes: 15,
  position: 'The receiver lies face down on a soft surface; the giver sits at their head.',
  prep: [
    'A pillow under the ankles and a folded towel under the forehead, if that is more comfortable.',
    'Unscented lotion or a light oil, tested for allergies first.',
    'Agree a pressure scale from 1 to 10 before you start, and stay well below the receiver’s limit.',
  ],
  consent: {
    question: 'Would you let me give you a slow back and shoulder massage for about fifteen minutes, while I apologise?',
    touchSummary:
      'palms resting on your back, strokes and gentle kneading on your neck, shoulders and back, then holding hands facing each other',
  },
  steps: [
    {
      id: 'opening',
      title: 'Opening: palms on the back',
      durationSec: 60,
      touch: {
        area: 'back',
        pressure: 'resting',
        instruction: 'Place both palms lightly on their back and keep them still for 20 to 30 seconds.',
      },
      lines: [{ speaker: 'giver', kind: 'say', text: 'I’m here. I want to listen and make amends.', quoted: true }],
    },
    {
      id: 'neck-shoulders',
      title: 'Neck and shoulders, and the specific apology',
      durationSec: 180,
      touch: {
        area: 'neck-shoulders',
        pressure: 'gentle',
        instruction: 'Long, slow strokes across the shoulders, then gentle kneading along the trapezius.',
      },
      lines: [
        { speaker: 'giver', kind: 'say', text: 'I’m sorry for {behaviour}. I can see how that hurt you.', quoted: true },
        { speaker: 'giver', kind: 'do', text: 'Do not justify. If an explanation rises, let it go for now.' },
      ],
    },
    {
      id: 'upper-back',
      title: 'Upper back, checking in each minute',
      durationSec: 240,
      touch: {
        area: 'back',
        pressure: 'gentle',
        instruction: 'Alternate circular kneading with long strokes from the spine out to the shoulder blade.',
      },
      lines: [
        { speaker: 'giver', kind: 'say', text: 'Is this pressure okay?', quoted: true },
        {
          speaker: 'giver',
          kind: 'say',
          text: 'That seems really hard; thank you for sharing that with me.',
          quoted: true,
        },
        { speaker: 'receiver', kind: 'do', text: 'Answer with a number on your scale, or “lighter”, or the safe word.' },
      ],
      prompts: [
        { kind: 'pressure-check', atSec: 60, forSec: 25, text: 'Pause and ask: “Is this pressure okay?” Then offer a short validation.' },
        { kind: 'pressure-check', atSec: 120, forSec: 25, text: 'Pause and ask: “Is this pressure okay?” Then offer a short validation.' },
        { kind: 'pressure-check', atSec: 180, forSec: 25, text: 'Pause and ask: “Is this pressure okay?” Then offer a short validation.' },
      ],
    },
    {
      id: 'lower-back',
      title: 'Lower back and a calm pause',
      durationSec: 180,
      touch: {
        area: 'back',
        pressure: 'gentle',
        instruction: 'Gentle thumbs along the muscles either side of the spine; then rest your palms on their back.',
      },
      note: 'No direct pressure on the lower back if there is any pain there.',
      lines: [{ speaker: 'giver', kind: 'say', text: 'I want to be someone you can rely on.', quoted: true }],
      prompts: [
        {
          kind: 'breathe-together',
          atSec: 120,
          text: 'Rest your palms on their back. Take two slow, deep breaths together.',
        },
      ],
    },
    {
      id: 'hand-to-heart-close',
      title: 'Hand to heart close',
      durationSec: 240,
      touch: {
        area: 'hands',
        pressure: 'resting',
        instruction: 'The receiver turns over or sits up. Sit facing each other and hold hands; eye contact only if it feels comfortable.',
      },
      lines: [
        {
          speaker: 'giver',
          kind: 'say',
          text: 'I’m sorry. I want to understand. Tell me one thing I can do differently.',
          quoted: true,
        },
        { speaker: 'giver', kind: 'say', text: 'That makes sense. Thank you for telling me.', quoted: true },
        { speaker: 'receiver', kind: 'do', text: 'Name one thing, in your own time. One is enough.' },
      ],
      prompts: [
        { kind: 'pause-and-listen', atSec: 20, forSec: 70, text: 'Wait. Let them answer in their own time.' },
        { kind: 'reflect', atSec: 90, forSec: 60, text: 'Reflect what you heard: “So what I hear you saying is…”' },
        { kind: 'validate', atSec: 150, text: 'Validate: “That makes sense. Thank you for telling me.”' },
      ],
    },
  ],
  why: 'Specific apologies that name the action repair more than vague remorse. Keep the focus on feelings and behaviour, not character.',
  closing: 'Write down the one thing you heard, so it stays visible this week.',
};

import type { RoutineInput } from '../routine-schema';

/** Routine 1, the 5-Minute Apology Reset, for immediate de-escalation. */
export const apologyReset: RoutineInput = {
  id: 'apology-reset',
  title: '5-Minute Apology Reset',
  kind: 'routine',
  summary: 'Quick and safe after a heated exchange, when you are both open to repair but not ready for a long conversation.',
  minutes: 5,
  position: 'Sitting side by side on a couch or bed, leaning into one another.',
  prep: ['Giver: you will place one hand on their shoulder and one on their forearm once they say yes.'],
  consent: {
    question: 'I want to try something small to calm us — may I?',
    touchSummary:
      'about five minutes: long light strokes down your upper back, gentle kneading at your neck and shoulders, then a palm resting on your heart',
  },
  steps: [
    {
      id: 'effleurage',
      title: 'Long, light strokes',
      durationSec: 60,
      touch: {
        area: 'back',
        pressure: 'light',
        instruction:
          'Start with one hand on their shoulder and one on their forearm. Then slow effleurage: long, light strokes down the trapezius and upper back.',
        gentler: {
          blanket: 'With the blanket over their shoulders, make long, light strokes down the upper back.',
        },
      },
      lines: [
        { speaker: 'giver', kind: 'say', text: 'I care about how you felt earlier. I’m sorry for my part.', quoted: true },
        { speaker: 'giver', kind: 'do', text: 'Keep it brief. No explanations, no defence.' },
        { speaker: 'receiver', kind: 'do', text: 'Just notice the strokes. Say “lighter”, or the safe word, whenever you like.' },
      ],
    },
    {
      id: 'kneading',
      title: 'Slow circles and reflective listening',
      durationSec: 120,
      touch: {
        area: 'neck-shoulders',
        pressure: 'light',
        instruction: 'Slow circular kneading around the base of the skull and the tops of the shoulders, with light pressure.',
      },
      lines: [
        { speaker: 'giver', kind: 'say', text: 'It sounds like you felt ignored/upset because...', quoted: true },
        { speaker: 'giver', kind: 'do', text: 'Finish the sentence with what you think they felt, in their terms, not yours.' },
        { speaker: 'receiver', kind: 'do', text: 'If you want to, say whether that is right, or what it was really like.' },
      ],
      prompts: [
        {
          kind: 'pause-and-listen',
          atSec: 30,
          forSec: 60,
          text: 'Pause and listen for acknowledgment. Do not interrupt; keep your hands slow.',
        },
      ],
    },
    {
      id: 'palm-on-heart',
      title: 'Palm on the heart, and the receiver’s choice',
      durationSec: 120,
      touch: {
        area: 'chest',
        pressure: 'resting',
        instruction: 'Finish with a palm resting on the heart area. Keep it still.',
        gentler: {
          blanket: 'Rest a palm on the heart area over the blanket. Keep it still.',
          knee: 'Rest a hand on their knee and keep it still.',
          'hands-only': 'Hold one of their hands in both of yours.',
        },
      },
      lines: [{ speaker: 'giver', kind: 'say', text: 'I want to rebuild trust. What feels safest for you next?', quoted: true }],
      prompts: [
        {
          kind: 'receiver-choice',
          atSec: 15,
          text: 'Receiver, you choose what comes next: talk, more touch, or space.',
        },
      ],
    },
  ],
  why: 'Short slow strokes and brief empathetic phrases lower arousal, while asking for next steps honours autonomy and prevents coercion.',
  closing: 'Afterwards, notice together what felt reparative. Nothing else has to happen tonight.',
};

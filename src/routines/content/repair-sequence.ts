import type { RoutineInput } from '../routine-schema';

/** Routine 3, the 30-Minute Repair Sequence, for a significant breach of trust. */
export const repairSequence: RoutineInput = {
  id: 'repair-sequence',
  title: '30-Minute Repair Sequence',
  kind: 'routine',
  summary: 'When trust has been deeply damaged: calming touch, a structured conversation, and a plan you both can check.',
  minutes: 30,
  position: 'Calming touch lying face down or seated; then sit facing each other for the conversation and the plan.',
  prep: ['Paper and a pen, or a shared note, for the plan.', 'Agree a pressure scale from 1 to 10 for the calming touch.'],
  consent: {
    question: 'Would you be willing to do a repair sequence with me: ten minutes of calming touch, then talking, then planning together?',
    touchSummary:
      'ten minutes of slow touch on your back and shoulders, then no touch while we talk, and a short non-sexual touch at the close',
  },
  steps: [
    {
      id: 'settle',
      title: 'Calming touch: settle',
      durationSec: 60,
      touch: {
        area: 'back',
        pressure: 'resting',
        instruction: 'Rest both palms lightly on their back or shoulders and breathe slowly.',
      },
      lines: [{ speaker: 'giver', kind: 'say', text: 'Thank you for doing this with me. I will go slowly.' }],
    },
    {
      id: 'calming-strokes',
      title: 'Calming touch: slow strokes',
      durationSec: 300,
      touch: {
        area: 'back',
        pressure: 'light',
        instruction: 'Long, slow, light strokes over the back and shoulders, in the same rhythm each time.',
      },
      lines: [{ speaker: 'giver', kind: 'do', text: 'Say little. Let the touch be steady and predictable.' }],
      prompts: [{ kind: 'pressure-check', atSec: 120, forSec: 25, text: 'Pause and ask: “Is this pressure okay?”' }],
    },
    {
      id: 'calming-kneading',
      title: 'Calming touch: gentle kneading',
      durationSec: 240,
      touch: {
        area: 'neck-shoulders',
        pressure: 'light',
        instruction: 'Slow circular kneading on the tops of the shoulders and the base of the skull, with light pressure.',
      },
      lines: [{ speaker: 'receiver', kind: 'do', text: 'Let your breath slow. Say “lighter” or the safe word whenever you like.' }],
      prompts: [
        {
          kind: 'breathe-together',
          atSec: 180,
          text: 'Let your hands rest still. Take two slow breaths together, then sit up facing each other.',
        },
      ],
    },
    {
      id: 'take-responsibility',
      title: 'Dialogue: take responsibility',
      durationSec: 120,
      touch: null,
      lines: [
        { speaker: 'giver', kind: 'say', text: 'I want to take responsibility for what I did: {behaviour}.', quoted: true },
        { speaker: 'giver', kind: 'do', text: 'Stop there. No explanation, no “but”.' },
      ],
      prompts: [{ kind: 'pause-and-listen', atSec: 20, text: 'Pause. Let the receiver take their time before they speak.' }],
    },
    {
      id: 'name-the-impact',
      title: 'Dialogue: the receiver names the impact',
      durationSec: 120,
      touch: null,
      lines: [
        { speaker: 'receiver', kind: 'do', text: 'State the impact in one sentence: what it did to you.' },
        { speaker: 'giver', kind: 'do', text: 'Listen without interrupting, even when it is hard to hear.' },
      ],
      prompts: [{ kind: 'pause-and-listen', atSec: 0, text: 'Giver: listen only. The receiver speaks uninterrupted.' }],
    },
    {
      id: 'reflect',
      title: 'Dialogue: reflect and validate',
      durationSec: 120,
      touch: null,
      lines: [
        { speaker: 'giver', kind: 'say', text: 'It sounds like you felt...', quoted: true },
        { speaker: 'giver', kind: 'say', text: 'That makes sense given what you experienced.', quoted: true },
        { speaker: 'receiver', kind: 'do', text: 'Say whether that is what you meant. Correct it if not.' },
      ],
      prompts: [{ kind: 'reflect', atSec: 0, text: 'Reflect back the receiver’s sentence in your own words. No defence.' }],
    },
    {
      id: 'concrete-change',
      title: 'Dialogue: a concrete change',
      durationSec: 240,
      touch: null,
      lines: [
        {
          speaker: 'giver',
          kind: 'say',
          text: 'I will change by doing X (concrete behavior) and check in weekly. Is that something you would trust to begin with?',
          quoted: true,
        },
        { speaker: 'giver', kind: 'do', text: 'Put one concrete, time-bound behaviour where the X is: what you will do, and when.' },
        { speaker: 'receiver', kind: 'do', text: 'Say what would make it trustworthy to you, or what you would change about it.' },
      ],
      prompts: [
        { kind: 'pause-and-listen', atSec: 60, forSec: 90, text: 'Listen to the answer. Adjust the commitment rather than defend it.' },
      ],
    },
    {
      id: 'shared-planning',
      title: 'Shared planning',
      durationSec: 420,
      touch: null,
      lines: [
        { speaker: 'both', kind: 'do', text: 'Write the change down together: what, when, how often, and how you will both notice it.' },
        { speaker: 'giver', kind: 'do', text: 'Keep commitments specific and time-bound. Small and reliable beats big and vague.' },
      ],
      prompts: [{ kind: 'check-in', atSec: 300, text: 'Agree when you will check in: tomorrow, or this time next week.' }],
    },
    {
      id: 'accountability',
      title: 'The accountability plan',
      durationSec: 90,
      touch: null,
      lines: [
        { speaker: 'both', kind: 'do', text: 'Put the check-in in both your calendars now: a short one the next day or the next week.' },
      ],
    },
    {
      id: 'closing-touch',
      title: 'Closing: a reaffirming touch',
      durationSec: 90,
      touch: {
        area: 'forearm',
        pressure: 'resting',
        instruction: 'A non-sexual, reaffirming touch for 60 to 90 seconds: hold their forearm, or rest a hand on their shoulder.',
      },
      lines: [{ speaker: 'giver', kind: 'say', text: 'Thank you for staying with this. I meant what I said.' }],
    },
  ],
  why: 'Somatic calming first makes the hard conversation possible; a specific, time-bound pledge with a check-in turns the apology into something the receiver can watch happen.',
  closing: 'Keep the plan where you both will see it. The check-in is part of the apology.',
};

import { useEffect, useRef } from 'react';
import type { Chime, Prompt, SpeechGuide } from '../../routines';

export interface PromptCueInput {
  /** Prompts showing now (empty unless running). */
  readonly prompts: readonly Prompt[];
  readonly stepId: string;
  readonly chime: Chime | null;
  /** The synthetic voice, or null when the voice is off. */
  readonly speech: SpeechGuide | null;
  readonly voiceUri: string;
  readonly rate: number;
}

/**
 * During a massage the giver's eyes are on their partner, not the screen: when a prompt appears
 * mid-step (a pressure check after each minute, a pause to listen), a soft chime and, with the
 * voice on, the prompt read aloud after whatever is being read.
 */
export function usePromptCues({ prompts, stepId, chime, speech, voiceUri, rate }: PromptCueInput): void {
  const seen = useRef(new Set<string>());
  const step = useRef(stepId);
  const latest = useRef({ prompts, chime, speech, voiceUri, rate });
  useEffect(() => {
    latest.current = { prompts, chime, speech, voiceUri, rate };
  });
  const key = prompts.map((prompt) => `${prompt.kind}@${prompt.atSec}`).join('|');
  useEffect(() => {
    if (step.current !== stepId) {
      // A step entered again (Back) cues its prompts again.
      step.current = stepId;
      seen.current.clear();
    }
    const current = latest.current;
    for (const prompt of current.prompts) {
      const id = `${prompt.kind}@${prompt.atSec}`;
      if (seen.current.has(id)) continue;
      seen.current.add(id);
      // A prompt at the very start of a step arrives with the step's own chime.
      if (prompt.atSec > 0) current.chime?.play();
      void current.speech?.say(prompt.text, { voiceUri: current.voiceUri, rate: current.rate });
    }
  }, [key, stepId]);
}

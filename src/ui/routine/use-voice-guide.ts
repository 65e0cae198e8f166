import { useEffect } from 'react';
import type { PlanStep, SpeechGuide, VoiceClipStore } from '../../routines';
import type { GuideMode } from './guidance';

export interface VoiceGuideInput {
  readonly mode: GuideMode;
  readonly speech: SpeechGuide;
  readonly voiceClips: VoiceClipStore | undefined;
  readonly voiceUri: string;
  readonly rate: number;
  /** The step to read, or null when nothing should sound (consent, paused, stopped, done). */
  readonly step: PlanStep | null;
  /** The touch instruction under the current option, or null for no touch. */
  readonly touchText: string | null;
}

function playClip(clip: Blob, register: (stop: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const url = URL.createObjectURL(clip);
    const player = new Audio(url);
    const finish = () => {
      URL.revokeObjectURL(url);
      resolve();
    };
    register(() => {
      player.pause();
      finish();
    });
    player.addEventListener('ended', finish, { once: true });
    player.addEventListener('error', finish, { once: true });
    player.play().catch(finish);
  });
}

/**
 * Reads each step once as it begins: with the Web Speech voice, or with a partner's own recordings
 * of the lines (the synthetic voice fills in for the title, the touch and any line not recorded).
 * Falls silent at once when `step` becomes null (pause, stop, boundary reset) or on unmount.
 */
export function useVoiceGuide({ mode, speech, voiceClips, voiceUri, rate, step, touchText }: VoiceGuideInput): void {
  useEffect(() => {
    if (mode === 'off' || step === null) return undefined;
    const options = { voiceUri, rate };
    const intro = [step.title, ...(touchText ? [touchText] : [])];
    if (mode === 'speech' || !voiceClips || typeof Audio === 'undefined') {
      speech.speak([...intro, ...step.lines.map((line) => line.text)], options);
      return () => speech.cancel();
    }
    let cancelled = false;
    let stopClip: () => void = () => undefined;
    void (async () => {
      speech.cancel();
      for (const text of intro) {
        if (cancelled) return;
        await speech.say(text, options);
      }
      for (const line of step.lines) {
        if (cancelled) return;
        const clip = await voiceClips.load(line.id).catch(() => undefined);
        if (cancelled) return;
        if (clip) await playClip(clip, (stop) => (stopClip = stop));
        else await speech.say(line.text, options);
      }
    })();
    return () => {
      cancelled = true;
      speech.cancel();
      stopClip();
    };
  }, [mode, speech, voiceClips, voiceUri, rate, step, touchText]);
}

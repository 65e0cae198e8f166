/**
 * Guided voice through the Web Speech API. Everything degrades to silence: without speech synthesis
 * (or with no voices installed) the guide reports `available: false` and its calls do nothing, so
 * the routine carries on with the text on screen.
 */

export interface GuideVoice {
  readonly uri: string;
  readonly name: string;
  readonly lang: string;
  readonly isDefault: boolean;
}

export interface SpeakOptions {
  /** `voiceURI` of the chosen voice; the browser's default when absent or not found. */
  readonly voiceUri?: string;
  /** Speaking rate, 0.5–1.5 (1 is normal); calm guidance reads a little slow. */
  readonly rate?: number;
}

export interface SpeechGuide {
  readonly available: boolean;
  voices(): GuideVoice[];
  /** Voices often load after the page; called when the list changes. Returns the unsubscribe. */
  onVoicesChanged(listener: () => void): () => void;
  /** Reads the texts in order, replacing whatever was being read. */
  speak(texts: readonly string[], options?: SpeakOptions): void;
  cancel(): void;
}

export const DEFAULT_SPEECH_RATE = 0.9;
export const MIN_SPEECH_RATE = 0.5;
export const MAX_SPEECH_RATE = 1.5;

/** Script text as it should sound: "ignored/upset" reads "ignored or upset", a trailing "..." becomes a pause. */
export function spokenText(text: string): string {
  return text
    .replace(/(\p{L})\/(\p{L})/gu, '$1 or $2')
    .replace(/\.\.\.|…/g, ', …')
    .replace(/\s+/g, ' ')
    .trim();
}

type UtteranceConstructor = new (text: string) => SpeechSynthesisUtterance;

const silent: SpeechGuide = {
  available: false,
  voices: () => [],
  onVoicesChanged: () => () => undefined,
  speak: () => undefined,
  cancel: () => undefined,
};

/** A guide over the given synthesis (the browser's by default); silent when there is none. */
export function createSpeechGuide(
  synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
  Utterance: UtteranceConstructor | undefined = globalThis.SpeechSynthesisUtterance,
): SpeechGuide {
  if (!synth || !Utterance) return silent;
  const voices = (): GuideVoice[] =>
    synth.getVoices().map((voice) => ({ uri: voice.voiceURI, name: voice.name, lang: voice.lang, isDefault: voice.default }));
  return {
    available: true,
    voices,
    onVoicesChanged(listener) {
      synth.addEventListener('voiceschanged', listener);
      return () => synth.removeEventListener('voiceschanged', listener);
    },
    speak(texts, options = {}) {
      synth.cancel();
      const rate = Math.min(MAX_SPEECH_RATE, Math.max(MIN_SPEECH_RATE, options.rate ?? DEFAULT_SPEECH_RATE));
      const voice = options.voiceUri ? synth.getVoices().find((candidate) => candidate.voiceURI === options.voiceUri) : undefined;
      for (const text of texts) {
        const utterance = new Utterance(spokenText(text));
        utterance.rate = rate;
        if (voice) {
          utterance.voice = voice;
          utterance.lang = voice.lang;
        }
        // A failed utterance (no voice, interrupted) must never break the routine; it just stays quiet.
        utterance.onerror = () => undefined;
        synth.speak(utterance);
      }
    },
    cancel() {
      synth.cancel();
    },
  };
}

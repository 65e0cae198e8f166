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
  /**
   * Reads one text after whatever is queued, resolving when it ends, fails or is cancelled (or,
   * since some browsers never report the end, after a generous estimate of its length).
   */
  say(text: string, options?: SpeakOptions): Promise<void>;
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
  say: () => Promise.resolve(),
  cancel: () => undefined,
};

/** A guide over the given synthesis (the browser's by default); silent when there is none. */
export function createSpeechGuide(
  synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
  Utterance: UtteranceConstructor | undefined = globalThis.SpeechSynthesisUtterance,
): SpeechGuide {
  if (!synth || !Utterance) return silent;
  const utter = (text: string, options: SpeakOptions): SpeechSynthesisUtterance => {
    const rate = Math.min(MAX_SPEECH_RATE, Math.max(MIN_SPEECH_RATE, options.rate ?? DEFAULT_SPEECH_RATE));
    const voice = options.voiceUri ? synth.getVoices().find((candidate) => candidate.voiceURI === options.voiceUri) : undefined;
    const utterance = new Utterance(spokenText(text));
    utterance.rate = rate;
    if (voice) {
      utterance.voice = voice;
      utterance.lang = voice.lang;
    }
    // A failed utterance (no voice, interrupted) must never break the routine; it just stays quiet.
    utterance.onerror = () => undefined;
    return utterance;
  };
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
      for (const text of texts) synth.speak(utter(text, options));
    },
    say(text, options = {}) {
      return new Promise<void>((resolve) => {
        const utterance = utter(text, options);
        const words = text.split(/\s+/).length;
        const rate = utterance.rate || 1;
        // About 2.5 words a second at rate 1, plus slack; only used when no end event arrives.
        const fallback = setTimeout(resolve, ((words / 2.5) * 1000) / rate + 2000);
        const done = () => {
          clearTimeout(fallback);
          resolve();
        };
        utterance.onend = done;
        utterance.onerror = done;
        synth.speak(utterance);
      });
    },
    cancel() {
      synth.cancel();
    },
  };
}

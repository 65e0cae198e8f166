/**
 * Guided voice through the Web Speech API, on-device voices only. Some browsers offer network voices
 * that send the text to a remote service; a routine's lines (with the named behaviour in them) must
 * not leave the device, so those voices are never listed and never used, not even as the default.
 * Everything degrades to silence: without speech synthesis or without an on-device voice, calls do
 * nothing and the routine carries on with the text on screen.
 */

export interface GuideVoice {
  readonly uri: string;
  readonly name: string;
  readonly lang: string;
  readonly isDefault: boolean;
}

export interface SpeakOptions {
  /** `voiceURI` of the chosen voice; an on-device default when absent or not found. */
  readonly voiceUri?: string;
  /** Speaking rate, 0.5–1.5 (1 is normal); calm guidance reads a little slow. */
  readonly rate?: number;
}

export interface SpeechGuide {
  /** Speech synthesis exists in this browser (on-device voices may still be loading or missing). */
  readonly available: boolean;
  /** The on-device voices. */
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

/**
 * The voice to use: the chosen one if it is on the device; else the browser's default if it is on
 * the device; else one matching the page language; else any on-device voice; else none.
 */
export function pickVoice(
  all: readonly SpeechSynthesisVoice[],
  voiceUri: string | undefined,
  lang: string,
): SpeechSynthesisVoice | undefined {
  const local = all.filter((voice) => voice.localService);
  const base = lang.toLowerCase().split('-')[0] ?? '';
  return (
    (voiceUri ? local.find((voice) => voice.voiceURI === voiceUri) : undefined) ??
    local.find((voice) => voice.default) ??
    local.find((voice) => voice.lang.toLowerCase() === lang.toLowerCase()) ??
    local.find((voice) => voice.lang.toLowerCase().split('-')[0] === base) ??
    local[0]
  );
}

/** A guide over the given synthesis (the browser's by default); silent when there is none. */
export function createSpeechGuide(
  synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
  Utterance: UtteranceConstructor | undefined = globalThis.SpeechSynthesisUtterance,
  lang: string = globalThis.navigator?.language ?? 'en',
): SpeechGuide {
  if (!synth || !Utterance) return silent;
  /** An utterance bound to an on-device voice, or undefined when there is none (then: silence). */
  const utter = (text: string, options: SpeakOptions): SpeechSynthesisUtterance | undefined => {
    const voice = pickVoice(synth.getVoices(), options.voiceUri, lang);
    if (!voice) return undefined;
    const utterance = new Utterance(spokenText(text));
    utterance.rate = Math.min(MAX_SPEECH_RATE, Math.max(MIN_SPEECH_RATE, options.rate ?? DEFAULT_SPEECH_RATE));
    utterance.voice = voice;
    utterance.lang = voice.lang;
    // A failed utterance (interrupted, engine error) must never break the routine; it just stays quiet.
    utterance.onerror = () => undefined;
    return utterance;
  };
  return {
    available: true,
    voices: () =>
      synth
        .getVoices()
        .filter((voice) => voice.localService)
        .map((voice) => ({ uri: voice.voiceURI, name: voice.name, lang: voice.lang, isDefault: voice.default })),
    onVoicesChanged(listener) {
      synth.addEventListener('voiceschanged', listener);
      return () => synth.removeEventListener('voiceschanged', listener);
    },
    speak(texts, options = {}) {
      synth.cancel();
      for (const text of texts) {
        const utterance = utter(text, options);
        if (utterance) synth.speak(utterance);
      }
    },
    say(text, options = {}) {
      const utterance = utter(text, options);
      if (!utterance) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const words = text.split(/\s+/).length;
        // About 2.5 words a second at rate 1, plus slack; only used when no end event arrives.
        const fallback = setTimeout(resolve, ((words / 2.5) * 1000) / utterance.rate + 2000);
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

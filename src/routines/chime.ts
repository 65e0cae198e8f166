/**
 * A gentle chime for step changes: two soft sine partials with a slow fade, quiet enough not to
 * startle. Web Audio needs a user gesture before it may sound, so the player primes the chime from
 * the Start click; without Web Audio the chime is silent.
 */

export interface Chime {
  /** Creates or resumes the audio context; call from a click. */
  prime(): void;
  play(): void;
  /** Releases the audio context. */
  close(): void;
}

/** Peak loudness of the chime, 0–1 of full scale: soft on purpose. */
export const CHIME_PEAK_GAIN = 0.08;
/** The partials, Hz: a fifth apart, warm rather than piercing. */
export const CHIME_PARTIALS_HZ = [523.25, 784] as const;
export const CHIME_FADE_SEC = 1.8;

type ContextFactory = () => AudioContext | undefined;

const defaultFactory: ContextFactory = () => {
  const Context = globalThis.AudioContext as typeof AudioContext | undefined;
  return Context ? new Context() : undefined;
};

export function createChime(createContext: ContextFactory = defaultFactory): Chime {
  let context: AudioContext | undefined;
  const ensure = (): AudioContext | undefined => {
    try {
      context ??= createContext();
      if (context?.state === 'suspended') void context.resume().catch(() => undefined);
    } catch {
      // No audio (blocked, unsupported): the routine runs silently.
      context = undefined;
    }
    return context;
  };
  return {
    prime() {
      ensure();
    },
    play() {
      const ctx = ensure();
      if (!ctx) return;
      const start = ctx.currentTime + 0.01;
      const gain = ctx.createGain();
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(CHIME_PEAK_GAIN, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + CHIME_FADE_SEC);
      gain.connect(ctx.destination);
      CHIME_PARTIALS_HZ.forEach((frequency, index) => {
        const oscillator = ctx.createOscillator();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        const partialGain = ctx.createGain();
        partialGain.gain.value = index === 0 ? 1 : 0.4;
        oscillator.connect(partialGain).connect(gain);
        oscillator.start(start);
        oscillator.stop(start + CHIME_FADE_SEC + 0.05);
      });
    },
    close() {
      void context?.close().catch(() => undefined);
      context = undefined;
    },
  };
}

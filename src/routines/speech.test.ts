import { describe, expect, it, vi } from 'vitest';
import { createSpeechGuide, spokenText } from './speech';

class FakeUtterance {
  rate = 1;
  voice: unknown = null;
  lang = '';
  onerror: (() => void) | null = null;
  onend: (() => void) | null = null;
  constructor(readonly text: string) {}
}

function fakeSynth(voices: { voiceURI: string; name: string; lang: string; default: boolean }[]) {
  const spoken: FakeUtterance[] = [];
  let cancels = 0;
  const listeners = new Set<() => void>();
  const synth = {
    getVoices: () => voices,
    speak: (utterance: FakeUtterance) => spoken.push(utterance),
    cancel: () => {
      cancels += 1;
    },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  return { synth: synth as unknown as SpeechSynthesis, spoken, cancels: () => cancels, listeners };
}

describe('createSpeechGuide', () => {
  it('is silent and unavailable without speech synthesis', () => {
    const guide = createSpeechGuide(undefined, undefined);
    expect(guide.available).toBe(false);
    expect(guide.voices()).toEqual([]);
    expect(() => guide.speak(['Hello'])).not.toThrow();
  });

  it('reads texts in order with the chosen voice and a clamped rate, replacing what was being read', () => {
    const voices = [
      { voiceURI: 'a', name: 'Alma', lang: 'en-GB', default: true },
      { voiceURI: 'b', name: 'Ben', lang: 'en-US', default: false },
    ];
    const fake = fakeSynth(voices);
    const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);
    expect(guide.voices().map((voice) => voice.name)).toEqual(['Alma', 'Ben']);
    guide.speak(['One.', 'Two.'], { voiceUri: 'b', rate: 3 });
    expect(fake.cancels()).toBe(1);
    expect(fake.spoken.map((utterance) => [utterance.text, utterance.rate, utterance.lang])).toEqual([
      ['One.', 1.5, 'en-US'],
      ['Two.', 1.5, 'en-US'],
    ]);
  });

  it('say(text) queues after what is playing and resolves when the utterance ends', async () => {
    const fake = fakeSynth([]);
    const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);
    let ended = false;
    const saying = guide.say('One line.').then(() => {
      ended = true;
    });
    expect(fake.cancels()).toBe(0);
    expect(fake.spoken.map((utterance) => utterance.text)).toEqual(['One line.']);
    await Promise.resolve();
    expect(ended).toBe(false);
    fake.spoken[0]!.onend?.();
    await saying;
    expect(ended).toBe(true);
  });

  it('say(text) resolves even when the browser never reports the end', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeSynth([]);
      const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);
      const saying = guide.say('Four words said here.', { rate: 1 });
      vi.advanceTimersByTime(1_600 + 2_000);
      await expect(saying).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells when voices arrive, and stops telling after unsubscribe', () => {
    const fake = fakeSynth([]);
    const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);
    const unsubscribe = guide.onVoicesChanged(() => undefined);
    expect(fake.listeners.size).toBe(1);
    unsubscribe();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('spokenText', () => {
  it('spokenText(text) reads a slash as "or" and a trailing ellipsis as a pause', () => {
    expect(spokenText('It sounds like you felt ignored/upset because...')).toBe('It sounds like you felt ignored or upset because, …');
  });
});

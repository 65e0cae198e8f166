import { describe, expect, it, vi } from 'vitest';
import { createSpeechGuide, pickVoice, spokenText } from './speech';

class FakeUtterance {
  rate = 1;
  voice: unknown = null;
  lang = '';
  onerror: (() => void) | null = null;
  onend: (() => void) | null = null;
  constructor(readonly text: string) {}
}

type FakeVoice = { voiceURI: string; name: string; lang: string; default: boolean; localService: boolean };
const LOCAL: FakeVoice = { voiceURI: 'local', name: 'Local', lang: 'en-GB', default: true, localService: true };

function fakeSynth(voices: FakeVoice[]) {
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
      { voiceURI: 'a', name: 'Alma', lang: 'en-GB', default: true, localService: true },
      { voiceURI: 'b', name: 'Ben', lang: 'en-US', default: false, localService: true },
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
    const fake = fakeSynth([LOCAL]);
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
      const fake = fakeSynth([LOCAL]);
      const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);
      const saying = guide.say('Four words said here.', { rate: 1 });
      vi.advanceTimersByTime(1_600 + 2_000);
      await expect(saying).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('never lists or uses a network voice, not even as the browser’s default: the lines stay on the device', () => {
    const remote = { voiceURI: 'cloud', name: 'Cloud voice', lang: 'en-US', default: true, localService: false };
    const fake = fakeSynth([remote, { ...LOCAL, default: false, lang: 'en-US' }]);
    const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance, 'en-US');
    expect(guide.voices().map((voice) => voice.uri)).toEqual(['local']);
    guide.speak(['I’m sorry for leaving.'], { voiceUri: 'cloud' });
    expect(fake.spoken.map((utterance) => (utterance.voice as FakeVoice).voiceURI)).toEqual(['local']);
  });

  it('stays silent when the only voices are network voices', async () => {
    const fake = fakeSynth([{ voiceURI: 'cloud', name: 'Cloud', lang: 'en-US', default: true, localService: false }]);
    const guide = createSpeechGuide(fake.synth, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);
    guide.speak(['Hello.']);
    await guide.say('Hello.');
    expect(fake.spoken).toEqual([]);
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

describe('pickVoice', () => {
  const voice = (voiceURI: string, lang: string, localService: boolean, isDefault = false) =>
    ({ voiceURI, name: voiceURI, lang, localService, default: isDefault }) as SpeechSynthesisVoice;

  it('pickVoice(all, uri, lang) takes the chosen on-device voice', () => {
    expect(pickVoice([voice('a', 'en-GB', true, true), voice('b', 'de-DE', true)], 'b', 'en')?.voiceURI).toBe('b');
  });

  it('pickVoice(all, uri, lang) falls back to the on-device default, then the page language, then any on-device voice', () => {
    expect(pickVoice([voice('a', 'de-DE', true), voice('b', 'en-GB', true, true)], undefined, 'de-DE')?.voiceURI).toBe('b');
    expect(
      pickVoice([voice('x', 'en-US', false, true), voice('a', 'fr-FR', true), voice('b', 'de-AT', true)], undefined, 'de-DE')?.voiceURI,
    ).toBe('b');
    expect(pickVoice([voice('a', 'fr-FR', true)], 'gone', 'de-DE')?.voiceURI).toBe('a');
  });

  it('pickVoice(all, uri, lang) is undefined without an on-device voice', () => {
    expect(pickVoice([voice('x', 'en-US', false, true)], 'x', 'en-US')).toBeUndefined();
    expect(pickVoice([], undefined, 'en')).toBeUndefined();
  });
});

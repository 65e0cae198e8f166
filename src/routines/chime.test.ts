import { describe, expect, it } from 'vitest';
import { CHIME_PEAK_GAIN, createChime } from './chime';

function fakeContext() {
  const log: string[] = [];
  const param = (name: string) => ({
    value: 0,
    setValueAtTime: (v: number) => log.push(`${name}=${v}`),
    exponentialRampToValueAtTime: (v: number) => log.push(`${name}->${v}`),
  });
  const node = () => ({ connect: (next: unknown) => next ?? node() });
  const context = {
    state: 'suspended',
    currentTime: 0,
    destination: {},
    resume: async () => {
      log.push('resume');
    },
    close: async () => {
      log.push('close');
    },
    createGain: () => ({ ...node(), gain: param('gain') }),
    createOscillator: () => ({
      ...node(),
      type: '',
      frequency: { value: 0 },
      start: () => log.push('start'),
      stop: () => log.push('stop'),
    }),
  };
  return { context: context as unknown as AudioContext, log };
}

describe('createChime', () => {
  it('sounds two soft partials that fade out, after resuming a suspended context', () => {
    const { context, log } = fakeContext();
    const chime = createChime(() => context);
    chime.play();
    expect(log).toContain('resume');
    expect(log.filter((entry) => entry === 'start')).toHaveLength(2);
    expect(log).toContain(`gain->${CHIME_PEAK_GAIN}`);
    expect(CHIME_PEAK_GAIN).toBeLessThanOrEqual(0.1);
  });

  it('is silent without Web Audio', () => {
    const chime = createChime(() => undefined);
    expect(() => {
      chime.prime();
      chime.play();
      chime.close();
    }).not.toThrow();
  });

  it('stays silent when creating the context throws', () => {
    const chime = createChime(() => {
      throw new Error('blocked');
    });
    expect(() => chime.play()).not.toThrow();
  });
});

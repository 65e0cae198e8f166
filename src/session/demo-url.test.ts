import { describe, expect, it } from 'vitest';
import { parseDemoUrl } from './demo-url';

describe('parseDemoUrl', () => {
  it('parseDemoUrl("") asks for nothing: without demo nothing is connected', () => {
    expect(parseDemoUrl('')).toEqual({ kind: 'none' });
    expect(parseDemoUrl('?speed=10')).toEqual({ kind: 'none' });
  });

  it('parseDemoUrl("?demo=calm") plays in real time', () => {
    expect(parseDemoUrl('?demo=calm')).toEqual({ kind: 'demo', request: { scenario: 'calm', speed: 1 } });
  });

  it('parseDemoUrl reads every scenario and a speed', () => {
    for (const scenario of ['calm', 'conflict', 'flooded', 'hr-only', 'together', 'first-night']) {
      expect(parseDemoUrl(`?demo=${scenario}&speed=20`)).toEqual({ kind: 'demo', request: { scenario, speed: 20 } });
    }
    expect(parseDemoUrl('?demo=calm&speed=2.5')).toEqual({ kind: 'demo', request: { scenario: 'calm', speed: 2.5 } });
  });

  it('parseDemoUrl names what is wrong with a bad scenario or speed', () => {
    expect(parseDemoUrl('?demo=angry')).toEqual({
      kind: 'invalid',
      message: 'demo link: demo must be one of calm, conflict, flooded, hr-only, together, first-night',
    });
    expect(parseDemoUrl('?demo=calm&speed=fast')).toMatchObject({ kind: 'invalid', message: 'demo link: speed must be a number' });
    expect(parseDemoUrl('?demo=calm&speed=0')).toMatchObject({ kind: 'invalid', message: 'demo link: speed must be above 0' });
    expect(parseDemoUrl('?demo=calm&speed=5000')).toMatchObject({ kind: 'invalid', message: 'demo link: speed must be at most 200' });
  });
});

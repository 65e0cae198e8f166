import { describe, expect, it } from 'vitest';
import { apologyReset } from '../../routines/content/apology-reset';
import { groundingHandhold } from '../../routines/content/grounding-handhold';
import { reconnectFlow } from '../../routines/content/reconnect-flow';
import { RITUALS } from './rituals';

describe('RITUALS', () => {
  it('names each plannable routine and its minutes exactly as the routine content does', () => {
    for (const routine of [groundingHandhold, apologyReset, reconnectFlow]) {
      const ritual = RITUALS[routine.id as keyof typeof RITUALS];
      expect(ritual).toBeDefined();
      expect({ title: ritual.title, minutes: ritual.minutes }).toEqual({ title: routine.title, minutes: routine.minutes });
    }
  });
});

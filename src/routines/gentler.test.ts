import { describe, expect, it } from 'vitest';
import { ROUTINES, routineById } from './catalog';
import { consentFor, resolveTouch, routineTouches } from './gentler';
import { GENTLER_OPTION_IDS, type Touch } from './routine-schema';

const back: Touch = { area: 'back', instruction: 'Long strokes down the back.', pressure: 'light', gentler: {} };
const chest: Touch = { area: 'chest', instruction: 'Palm on the heart.', pressure: 'resting', gentler: {} };
const hands: Touch = { area: 'hands', instruction: 'Hold hands.', pressure: 'resting', gentler: {} };

describe('resolveTouch', () => {
  it('resolveTouch(touch, "as-written") keeps the touch', () => {
    expect(resolveTouch(back, 'as-written')).toEqual({ area: 'back', instruction: 'Long strokes down the back.', pressure: 'light' });
  });

  it('resolveTouch(touch, "blanket") puts a blanket between, except for holding hands', () => {
    expect(resolveTouch(back, 'blanket')?.instruction).toBe('With a blanket between you: long strokes down the back.');
    expect(resolveTouch(hands, 'blanket')?.instruction).toBe('Hold hands.');
  });

  it('resolveTouch(touch, "knee") moves only chest touch to the knee', () => {
    expect(resolveTouch(chest, 'knee')).toMatchObject({ area: 'knee' });
    expect(resolveTouch(back, 'knee')).toMatchObject({ area: 'back' });
  });

  it('resolveTouch(touch, "hands-only") turns any touch into holding hands', () => {
    expect(resolveTouch(back, 'hands-only')).toMatchObject({ area: 'hands', pressure: 'resting' });
    expect(resolveTouch(chest, 'hands-only')).toMatchObject({ area: 'hands' });
  });

  it('resolveTouch(touch, "voice-only") is always null, as is a step without touch', () => {
    expect(resolveTouch(back, 'voice-only')).toBeNull();
    expect(resolveTouch(null, 'as-written')).toBeNull();
  });

  it('prefers a hand-written variant to the generic one', () => {
    expect(resolveTouch({ ...chest, gentler: { knee: 'Knee, gently.' } }, 'knee')?.instruction).toBe('Knee, gently.');
  });

  it('no routine touches the chest under the knee option, or anything but hands under hands-only', () => {
    for (const routine of ROUTINES) {
      for (const step of routine.steps) {
        expect(resolveTouch(step.touch, 'knee')?.area).not.toBe('chest');
        expect(['hands', undefined]).toContain(resolveTouch(step.touch, 'hands-only')?.area);
      }
    }
  });
});

describe('consentFor', () => {
  it('asks the routine’s question and says what the yes is to, with the option', () => {
    const reset = routineById('apology-reset');
    expect(consentFor(reset, 'as-written').question).toBe('I want to try something small to calm us — may I?');
    expect(consentFor(reset, 'knee').agreeingTo).toMatch(/with my hand on your knee instead of your chest\.$/);
  });

  it('consentFor(routine, option, warmUp) names the warm-up’s touch first', () => {
    expect(consentFor(routineById('apology-reset'), 'as-written', routineById('warm-up')).agreeingTo).toMatch(
      /^first a hand resting on your chest for about 20 seconds, after three slow breaths together; then about five minutes/,
    );
  });

  it('asks a words-only question for voice-only', () => {
    expect(consentFor(routineById('reconnect-flow'), 'voice-only').question).toMatch(/no touch/);
  });

  it.each(GENTLER_OPTION_IDS)('every routine can run under %s', (option) => {
    for (const routine of ROUTINES) expect(() => consentFor(routine, option)).not.toThrow();
  });

  it('routineTouches(routine, option) is false for voice-only, true for the 5-minute reset as written', () => {
    expect(routineTouches(routineById('apology-reset'), 'as-written')).toBe(true);
    expect(ROUTINES.some((routine) => routineTouches(routine, 'voice-only'))).toBe(false);
  });
});

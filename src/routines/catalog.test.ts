import { describe, expect, it } from 'vitest';
import { CALM_RESPONSES, GENTLER_OPTIONS, ROOM_SETUP, ROUTINE_FILES, ROUTINES, SAFETY, parseContent, routineById } from './catalog';
import { GENTLER_OPTION_IDS, routineSchema } from './routine-schema';
import { apologyReset } from './content/apology-reset';

const totalSec = (id: string) => routineById(id).steps.reduce((sum, step) => sum + step.durationSec, 0);

describe('routine content', () => {
  it.each(Object.entries(ROUTINE_FILES))('the routine file %s parses', (name, value) => {
    const result = routineSchema.safeParse(value);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
    expect(result.data?.id).toBe(name);
  });

  it('routineById(id) finds every routine the app lists, in the listed order', () => {
    expect(ROUTINES.map((routine) => routine.id)).toEqual([
      'warm-up',
      'apology-reset',
      'reconnect-flow',
      'repair-sequence',
      'grounding-handhold',
      'neutral-touch',
      'boundary-reset',
    ]);
  });

  it('the Apology Reset steps add up to exactly 5 minutes', () => {
    expect(totalSec('apology-reset')).toBe(300);
    expect(routineById('apology-reset').steps.map((step) => step.durationSec)).toEqual([60, 120, 120]);
  });

  it('the Reconnect Flow steps add up to exactly 15 minutes (1 + 3 + 4 + 3 + 4)', () => {
    expect(totalSec('reconnect-flow')).toBe(900);
    expect(routineById('reconnect-flow').steps.map((step) => step.durationSec / 60)).toEqual([1, 3, 4, 3, 4]);
  });

  it('the Repair Sequence steps add up to exactly 30 minutes, in three blocks of 10', () => {
    expect(totalSec('repair-sequence')).toBe(1800);
    const steps = routineById('repair-sequence').steps;
    const block = (from: number, to: number) => steps.slice(from, to).reduce((sum, step) => sum + step.durationSec, 0);
    expect([block(0, 3), block(3, 7), block(7, 10)]).toEqual([600, 600, 600]);
    // The dialogue block has no touch; the closing touch lasts 60–90 s.
    expect(steps.slice(3, 9).every((step) => step.touch === null)).toBe(true);
    expect(steps[9]!.durationSec).toBeGreaterThanOrEqual(60);
    expect(steps[9]!.durationSec).toBeLessThanOrEqual(90);
  });

  it('the warm-up lasts between 1 and 2 minutes and breathes 4-1-6 three times', () => {
    expect(totalSec('warm-up')).toBeGreaterThanOrEqual(60);
    expect(totalSec('warm-up')).toBeLessThanOrEqual(120);
    const breath = routineById('warm-up').steps.find((step) => step.breathing);
    expect(breath?.breathing).toEqual({ inSec: 4, holdSec: 1, outSec: 6, cycles: 3 });
    expect(routineById('warm-up').steps.find((step) => step.id === 'hand-on-heart')?.durationSec).toBe(20);
  });

  it('the grounding handhold lasts exactly 2 minutes', () => {
    expect(totalSec('grounding-handhold')).toBe(120);
  });

  it('keeps the material’s quoted lines word for word', () => {
    const quoted = ROUTINES.flatMap((routine) => routine.steps.flatMap((step) => step.lines))
      .filter((line) => line.quoted)
      .map((line) => line.text);
    expect(quoted).toEqual(
      expect.arrayContaining([
        'I’m here. I want to understand.',
        'I care about how you felt earlier. I’m sorry for my part.',
        'I want to rebuild trust. What feels safest for you next?',
        'I’m sorry for {behaviour}. I can see how that hurt you.',
        'I’m sorry. I want to understand. Tell me one thing I can do differently.',
        'I want to take responsibility for what I did: {behaviour}.',
        'I feel overwhelmed. Can we switch to holding hands instead?',
      ]),
    );
    expect(routineById('warm-up').consent.question).toBe('Can I offer you a short touch sequence to help us calm?');
  });

  it('offers the receiver’s choice (talk, more touch, space) at the end of the Apology Reset', () => {
    const last = routineById('apology-reset').steps.at(-1)!;
    expect(last.prompts.map((prompt) => prompt.kind)).toContain('receiver-choice');
  });

  it('asks "Is this pressure okay?" after each minute of the Reconnect Flow’s upper back', () => {
    const upper = routineById('reconnect-flow').steps.find((step) => step.id === 'upper-back')!;
    expect(upper.prompts.filter((prompt) => prompt.kind === 'pressure-check').map((prompt) => prompt.atSec)).toEqual([60, 120, 180]);
  });

  it('has a label for every gentler option, the safety content, both calm responses and the room checklist', () => {
    expect(GENTLER_OPTIONS.map((option) => option.id)).toEqual([...GENTLER_OPTION_IDS]);
    expect(SAFETY.contraindications.join(' ')).toMatch(/injury, inflammation, or a medical condition/);
    expect(SAFETY.otherWays.join(' ')).toMatch(/Writing/);
    expect(SAFETY.otherWays.join(' ')).toMatch(/Therapy/);
    expect(SAFETY.otherWays.join(' ')).toMatch(/Time/);
    expect(CALM_RESPONSES.map((response) => response.id)).toEqual(['reflective-listening', 'simple-validation']);
    expect(ROOM_SETUP.minutes).toBe(3);
    expect(ROOM_SETUP.items).toHaveLength(5);
  });
});

describe('routineSchema', () => {
  it('rejects steps that do not add up to the stated minutes, saying by how much', () => {
    const broken = { ...apologyReset, minutes: 6 };
    expect(() => parseContent(routineSchema, broken, 'apology-reset')).toThrow(
      'load routine content: apology-reset: steps: steps add up to 300 s but the routine says 6 min (360 s)',
    );
  });

  it('rejects an unknown template slot in a line', () => {
    const broken = {
      ...apologyReset,
      steps: [
        { ...apologyReset.steps[0]!, lines: [{ speaker: 'giver', kind: 'say', text: 'Sorry for {thing}.' }] },
        ...apologyReset.steps.slice(1),
      ],
    };
    expect(() => parseContent(routineSchema, broken, 'x')).toThrow(
      /steps\.0\.lines\.0\.text: text may use only the template slots \{behaviour\}/,
    );
  });

  it('rejects a prompt that would appear after its step ends', () => {
    const step = apologyReset.steps[0]!;
    const broken = {
      ...apologyReset,
      steps: [{ ...step, prompts: [{ kind: 'pressure-check', atSec: 60, text: 'Okay?' }] }, ...apologyReset.steps.slice(1)],
    };
    expect(() => parseContent(routineSchema, broken, 'x')).toThrow(/prompt at 60 s starts after the step ends \(60 s\)/);
  });

  it('rejects duplicate step ids and non-kebab ids', () => {
    const twice = {
      ...apologyReset,
      steps: [apologyReset.steps[0]!, { ...apologyReset.steps[1]!, id: 'effleurage' }, apologyReset.steps[2]!],
    };
    expect(() => parseContent(routineSchema, twice, 'x')).toThrow(/step id "effleurage" is used twice/);
    expect(() => parseContent(routineSchema, { ...apologyReset, id: 'Apology Reset' }, 'x')).toThrow(/id: ids are kebab-case/);
  });

  it('rejects breathing cycles that do not fit their step', () => {
    const step = { ...apologyReset.steps[0]!, breathing: { inSec: 4, holdSec: 1, outSec: 6, cycles: 6 } };
    expect(() => parseContent(routineSchema, { ...apologyReset, steps: [step, ...apologyReset.steps.slice(1)] }, 'x')).toThrow(
      /6 breathing cycles of 11 s do not fit in 60 s/,
    );
  });
});

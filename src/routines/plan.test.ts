import { describe, expect, it } from 'vitest';
import { routineById } from './catalog';
import { buildPlan, routineNeedsBehaviour, scriptLines } from './plan';

describe('buildPlan', () => {
  it('buildPlan(routine, { behaviour }) fills the behaviour into every line that names it', () => {
    const plan = buildPlan(routineById('reconnect-flow'), { behaviour: 'walking out mid-sentence' });
    const texts = plan.steps.flatMap((step) => step.lines.map((line) => line.text));
    expect(texts).toContain('I’m sorry for walking out mid-sentence. I can see how that hurt you.');
    expect(texts.join(' ')).not.toMatch(/\{behaviour\}/);
  });

  it('buildPlan(routine) throws when the routine needs the behaviour and none is given', () => {
    expect(() => buildPlan(routineById('repair-sequence'), { behaviour: ' ' })).toThrow(
      'build routine plan: "30-Minute Repair Sequence" names the specific behaviour; fill it in first',
    );
  });

  it('buildPlan(routine) needs no behaviour for the 5-minute reset', () => {
    expect(routineNeedsBehaviour(routineById('apology-reset'))).toBe(false);
    expect(buildPlan(routineById('apology-reset')).totalSec).toBe(300);
  });

  it('buildPlan(routine, { warmUp }) runs the warm-up first and offsets the routine’s steps', () => {
    const plan = buildPlan(routineById('apology-reset'), { warmUp: routineById('warm-up') });
    expect(plan.withWarmUp).toBe(true);
    expect(plan.steps.map((step) => step.id)).toEqual([
      'warm-up/arrive',
      'warm-up/grounding-breath',
      'warm-up/hand-on-heart',
      'apology-reset/effleurage',
      'apology-reset/kneading',
      'apology-reset/palm-on-heart',
    ]);
    expect(plan.totalSec).toBe(90 + 300);
    expect(plan.steps[3]!.offsetSec).toBe(90);
  });

  it('gives every line a stable id, unique in the plan', () => {
    const plan = buildPlan(routineById('repair-sequence'), { behaviour: 'x', warmUp: routineById('warm-up') });
    const ids = plan.steps.flatMap((step) => step.lines.map((line) => line.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('warm-up/arrive/0');
  });
});

describe('scriptLines', () => {
  it('scriptLines(routine) keeps the slot visible when no behaviour is given yet (for the printed script)', () => {
    expect(scriptLines(routineById('reconnect-flow')).map((line) => line.text)).toContain(
      'I’m sorry for {behaviour}. I can see how that hurt you.',
    );
  });
});

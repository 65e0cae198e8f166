import { describe, expect, it } from 'vitest';
import { checkBehaviour, fillTemplate, needsBehaviour } from './template';

describe('fillTemplate', () => {
  it('fillTemplate(text, values) fills every {behaviour} slot', () => {
    expect(fillTemplate('I’m sorry for {behaviour}. Again: {behaviour}.', { behaviour: 'leaving early' })).toBe(
      'I’m sorry for leaving early. Again: leaving early.',
    );
  });

  it('fillTemplate(text, values) leaves text without slots unchanged', () => {
    expect(fillTemplate('I’m here.', {})).toBe('I’m here.');
  });

  it('fillTemplate(text, values) throws a clear error when the slot has no value', () => {
    expect(() => fillTemplate('Sorry for {behaviour}.', { behaviour: '  ' })).toThrow(
      'fill script line: the line needs {behaviour}, and none was given',
    );
  });

  it('needsBehaviour(text) is true only with the slot', () => {
    expect(needsBehaviour('Sorry for {behaviour}.')).toBe(true);
    expect(needsBehaviour('Sorry for my part.')).toBe(false);
  });
});

describe('checkBehaviour', () => {
  it('checkBehaviour(input) tidies spacing and a trailing full stop, and lower-cases a capitalised first word', () => {
    expect(checkBehaviour('  Checking my phone   while you talked. ')).toEqual({ ok: true, value: 'checking my phone while you talked' });
  });

  it('checkBehaviour(input) keeps "I" and acronyms as typed', () => {
    expect(checkBehaviour('I raised my voice')).toEqual({ ok: true, value: 'I raised my voice' });
    expect(checkBehaviour('TV on during dinner')).toEqual({ ok: true, value: 'TV on during dinner' });
  });

  it('checkBehaviour(input) refuses empty, over-long or braced text with a reason', () => {
    expect(checkBehaviour('   ')).toMatchObject({ ok: false, reason: expect.stringMatching(/specific thing/) });
    expect(checkBehaviour('x'.repeat(161))).toMatchObject({ ok: false, reason: expect.stringMatching(/160 characters/) });
    expect(checkBehaviour('missing {dinner}')).toMatchObject({ ok: false });
  });
});

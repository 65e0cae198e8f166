// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { asyncScheduler } from 'rxjs';
import { createSharedPacer } from '../../session/shared-pacer';
import { BreatheTogether } from './breathe-together';
import { describeCoregulation, describeRhythm } from './together-readings';

afterEach(() => cleanup());

function mount(blockedBecause: string | null = null) {
  const pacer = createSharedPacer(() => 42, asyncScheduler);
  render(<BreatheTogether pacer={pacer} blockedBecause={blockedBecause} />);
  return { pacer, section: () => screen.getByTestId('pacer') };
}

describe('BreatheTogether', () => {
  it('Start breathing together runs the session’s pacer at the 4-1-6 pace, and Stop the pacer stops it', async () => {
    const { pacer, section } = mount();
    expect(section().dataset).toMatchObject({ rate: '5.45', running: 'false' });
    await act(async () => screen.getByRole('button', { name: 'Start breathing together' }).click());
    expect(pacer.current()).toMatchObject({ running: true, sinceSec: 42 });
    expect(section().dataset.running).toBe('true');
    expect(section().textContent).toMatch(/Breathe in\s*1 of 4/);
    await act(async () => screen.getByRole('button', { name: 'Stop the pacer' }).click());
    expect(pacer.current().running).toBe(false);
    expect(section().dataset.running).toBe('false');
  });

  it('the pace is chosen by name (6 a minute) or as the couple’s own, from 4 to 7 a minute', async () => {
    const { pacer, section } = mount();
    await act(async () => screen.getByRole('radio', { name: /6 a minute/ }).click());
    expect(section().dataset.rate).toBe('6');
    const slider = screen.getByRole('slider', { name: /Your pace/ });
    expect(slider).toHaveProperty('disabled', true);
    await act(async () => screen.getByRole('radio', { name: 'Your own pace' }).click());
    await act(async () => fireEvent.change(slider, { target: { value: '4.5' } }));
    expect(pacer.current().breathsPerMin).toBe(4.5);
    expect(section().dataset.rate).toBe('4.5');
  });

  it('while a calibration records, the pacer cannot start and the screen says why', () => {
    mount('A calibration is recording natural breathing: start the pacer once it is done.');
    expect(screen.getByRole('button', { name: 'Start breathing together' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/calibration is recording natural breathing/)).toBeTruthy();
  });
});

describe('the words for rhythm and co-regulation', () => {
  it('describeRhythm() says "can\'t tell" for a heart-rate-only device, and "following" only for a following reading', () => {
    expect(describeRhythm({ state: 'unknown', coherence: null, pacerPerMin: 6, hrOnly: true }).label).toBe("Can't tell");
    expect(describeRhythm({ state: 'unknown', coherence: 0.4, pacerPerMin: 6, hrOnly: false }).label).toBe("Can't tell");
    expect(describeRhythm({ state: 'following', coherence: 0.8, pacerPerMin: 6, hrOnly: false }).label).toBe('Following the pacer');
    expect(describeRhythm({ state: 'unknown', coherence: null, pacerPerMin: null, hrOnly: false }).label).toBe('Pacer off');
  });

  it('describeCoregulation() speaks of calming together only in state together, and of a link while aroused neutrally', () => {
    for (const state of ['linked-aroused', 'apart', 'unknown'] as const) {
      const words = describeCoregulation({ state, sync: null });
      expect(`${words.label} ${words.detail}`).not.toMatch(/calming together|well done|great/i);
    }
    expect(describeCoregulation({ state: 'together', sync: null }).label).toBe('Calming together');
  });
});

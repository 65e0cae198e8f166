// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { asyncScheduler, BehaviorSubject } from 'rxjs';
import { createSharedPacer } from '../../session/shared-pacer';
import { UNKNOWN_COREGULATION, type RhythmView, type TogetherReadings } from '../../session/together-state';
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

/** Readings of settling together the test sets by hand. */
function fakeTogether() {
  const rhythm = {
    a: new BehaviorSubject<RhythmView>({ state: 'following', coherence: 0.8, pacerPerMin: 5.45, hrOnly: false }),
    b: new BehaviorSubject<RhythmView>({ state: 'unknown', coherence: null, pacerPerMin: 5.45, hrOnly: true }),
  };
  const coregulation = new BehaviorSubject(UNKNOWN_COREGULATION);
  const together: TogetherReadings = {
    rhythm$: { a: rhythm.a.asObservable(), b: rhythm.b.asObservable() },
    coregulation$: coregulation.asObservable(),
    currentRhythm: (id) => rhythm[id].value,
    currentCoregulation: () => coregulation.value,
    dispose: () => undefined,
  };
  return { together, rhythm };
}

/** A stand-in for navigator.wakeLock that records requests and releases. */
function stubWakeLock(): string[] {
  const log: string[] = [];
  Object.defineProperty(navigator, 'wakeLock', {
    configurable: true,
    value: {
      request: (type: string) => {
        log.push(`request ${type}`);
        const sentinel = {
          released: false,
          release: () => {
            sentinel.released = true;
            log.push('release');
            return Promise.resolve();
          },
        };
        return Promise.resolve(sentinel);
      },
    },
  });
  return log;
}

describe('the focus view', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'wakeLock');
  });

  it('shows each partner’s rhythm as a mark with its state, co-regulation in a line, and Stop and Back; Back leaves the pacer running', async () => {
    const pacer = createSharedPacer(() => 42, asyncScheduler);
    const { together, rhythm } = fakeTogether();
    let closed = 0;
    pacer.start();
    render(
      <BreatheTogether
        pacer={pacer}
        blockedBecause={null}
        focusOpen
        onCloseFocus={() => (closed += 1)}
        together={together}
        names={{ a: 'Sam', b: 'Alex' }}
      />,
    );
    const focus = screen.getByTestId('pacer-focus');
    expect(screen.getByTestId('rhythm-a').dataset.state).toBe('following');
    expect(screen.getByTestId('rhythm-a').textContent).toMatch(/Sam: following/);
    expect(screen.getByTestId('rhythm-b').textContent).toMatch(/Alex: can't tell/);
    await act(async () => rhythm.b.next({ state: 'not-following', coherence: 0.3, pacerPerMin: 5.45, hrOnly: false }));
    expect(screen.getByTestId('rhythm-b').dataset.state).toBe('not-following');
    expect(screen.getByTestId('focus-coregulation').textContent).toMatch(/Can't tell yet/);
    expect(focus.textContent).toMatch(/Breathe in\s*1 of 4/);
    await act(async () => within(focus).getByRole('button', { name: 'Back' }).click());
    expect(closed).toBe(1);
    expect(pacer.current().running).toBe(true);
    await act(async () => within(focus).getByRole('button', { name: 'Stop' }).click());
    expect(pacer.current().running).toBe(false);
  });

  it('keeps the screen awake while the pacer runs and lets it sleep when the pacer stops', async () => {
    const log = stubWakeLock();
    const { pacer } = mount();
    expect(log).toEqual([]);
    await act(async () => screen.getByRole('button', { name: 'Start breathing together' }).click());
    expect(log).toEqual(['request screen']);
    await act(async () => screen.getByRole('button', { name: 'Stop the pacer' }).click());
    expect(pacer.current().running).toBe(false);
    expect(log).toEqual(['request screen', 'release']);
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

// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_ROUTINE_SETTINGS,
  createManualClock,
  type Chime,
  type LineRecorder,
  type RoutineRunSummary,
  type SpeechGuide,
  type VoiceClipStore,
} from '../../routines';
import { RoutinesPanel } from './routines-panel';
import { ROUTINE_SETTINGS_KEY, createLocalRoutineSettings } from './settings-storage';

const T0 = Date.UTC(2026, 10, 25, 21, 0, 0);

function fakeSpeech(available = true) {
  const spoken: string[][] = [];
  let cancels = 0;
  const guide: SpeechGuide = {
    available,
    voices: () => [{ uri: 'v1', name: 'Calm', lang: 'en-GB', isDefault: true }],
    onVoicesChanged: () => () => undefined,
    speak: (texts) => {
      spoken.push([...texts]);
    },
    say: async (text) => {
      spoken.push([text]);
    },
    cancel: () => {
      cancels += 1;
    },
  };
  return { guide, spoken, cancels: () => cancels };
}

function fakeChime() {
  const calls: string[] = [];
  const chime: Chime = { prime: () => calls.push('prime'), play: () => calls.push('play'), close: () => calls.push('close') };
  return { chime, calls };
}

function setup(props: Partial<Parameters<typeof RoutinesPanel>[0]> = {}) {
  const clock = createManualClock(T0);
  const speech = fakeSpeech();
  const chime = fakeChime();
  const runs: RoutineRunSummary[] = [];
  const view = render(
    <RoutinesPanel
      access="gate"
      clock={clock}
      speech={speech.guide}
      chime={chime.chime}
      onRunFinished={(run) => runs.push(run)}
      {...props}
    />,
  );
  /** Moves the virtual clock and lets the screen refresh. */
  const pass = (ms: number) =>
    act(() => {
      clock.advance(ms);
      vi.advanceTimersByTime(250);
    });
  return { clock, speech, chime, runs, pass, ...view };
}

const startReset = () => fireEvent.click(screen.getByRole('button', { name: 'Start 5-Minute Apology Reset' }));
const yes = () => fireEvent.click(screen.getByRole('button', { name: 'Receiver: yes, I agree' }));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('RoutinesPanel: unlocking', () => {
  it('disables every Start button until the gate is ready, and says why in text', () => {
    setup({ access: 'locked' });
    const start = screen.getByRole('button', { name: 'Start 5-Minute Apology Reset' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(start.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(start.getAttribute('aria-describedby')!)?.textContent).toMatch(/Locked until you are both calm/);
    for (const title of [
      'Warm-up',
      '15-Minute Reconnect Flow',
      '30-Minute Repair Sequence',
      '2-Minute Grounding Handhold',
      'Affectionate Neutral Touch',
      'Boundary Reset',
    ]) {
      expect((screen.getByRole('button', { name: `Start ${title}` }) as HTMLButtonElement).disabled).toBe(true);
    }
  });

  it('enables the Start buttons once the gate is ready', () => {
    setup({ access: 'gate' });
    expect((screen.getByRole('button', { name: 'Start 5-Minute Apology Reset' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/You are both calm/)).toBeTruthy();
  });

  it('enables them after the no-wearable check-in, labelled as a self-report', () => {
    setup({ access: 'self-report' });
    expect((screen.getByRole('button', { name: 'Start 5-Minute Apology Reset' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/not a measurement/)).toBeTruthy();
    expect(screen.getByText(/a self-report/)).toBeTruthy();
  });

  it('shows the contraindications, the rules, the room checklist and the calm responses before any start', () => {
    setup();
    expect(screen.getByText(/recent injury, inflammation, or a medical condition/)).toBeTruthy();
    expect(screen.getByText(/Either partner may decline/)).toBeTruthy();
    expect(screen.getByText('Set up the room (3 minutes)')).toBeTruthy();
    expect(screen.getByText(/So what I hear you saying is/)).toBeTruthy();
    expect(screen.getByRole('group', { name: 'How much touch' })).toBeTruthy();
  });
});

describe('RoutinesPanel: the 5-minute reset', () => {
  it('starts with the consent question and a Stop control; the first line appears after the receiver’s yes', () => {
    setup();
    startReset();
    expect(screen.getByText('I want to try something small to calm us — may I?')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop — safe word' })).toBeTruthy();
    expect(screen.queryByText('I care about how you felt earlier. I’m sorry for my part.')).toBeNull();
    yes();
    expect(screen.getByText('I care about how you felt earlier. I’m sorry for my part.')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('1:00');
    expect(screen.getByText(/long, light strokes down the trapezius/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop — safe word' })).toBeTruthy();
  });

  it('counts down from timestamps, moves on at 1:00 with a chime, and ends at 5:00 with a completed run', () => {
    const { pass, chime, runs } = setup();
    startReset();
    yes();
    pass(30_000);
    expect(screen.getByRole('timer').textContent).toBe('0:30');
    pass(30_000);
    expect(screen.getByRole('heading', { name: 'Slow circles and reflective listening' })).toBeTruthy();
    expect(chime.calls).toContain('play');
    pass(60_000); // a throttled tab: one refresh a minute
    pass(60_000);
    pass(60_000);
    expect(runs).toEqual([]);
    pass(60_000);
    expect(screen.getByRole('heading', { name: 'Finished. Thank you both.' })).toBeTruthy();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      routineId: 'apology-reset',
      outcome: 'completed',
      startedAt: '2026-11-25T21:00:00.000Z',
      endedAt: '2026-11-25T21:05:00.000Z',
      gentler: 'as-written',
    });
  });

  it('Stop ends touch at once and offers holding hands or space; holding hands ends the run as stopped', () => {
    const { pass, runs } = setup();
    startReset();
    yes();
    pass(20_000);
    fireEvent.click(screen.getByRole('button', { name: 'Stop — safe word' }));
    expect(screen.getByRole('heading', { name: 'Stopped. Touch has ended.' })).toBeTruthy();
    expect(screen.queryByText(/long, light strokes/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Stopped' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hold hands instead' }));
    expect(screen.getByRole('heading', { name: 'Hold hands, and breathe slowly together.' })).toBeTruthy();
    expect(runs).toMatchObject([{ outcome: 'stopped', aftercare: 'hold-hands' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the routines' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Start 5-Minute Apology Reset' }));
  });

  it('Escape works as the safe word, even on the consent question', () => {
    setup();
    startReset();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.getByRole('heading', { name: 'Stopped. Nothing has started.' })).toBeTruthy();
  });

  it('after Stop, a gentler option asks again before carrying on from the same step', () => {
    const { pass } = setup();
    startReset();
    yes();
    pass(70_000);
    fireEvent.click(screen.getByRole('button', { name: 'Stop — safe word' }));
    fireEvent.click(screen.getByRole('button', { name: 'Carry on: hands only' }));
    expect(screen.getByText(/only holding hands, no massage/)).toBeTruthy();
    yes();
    expect(screen.getByRole('heading', { name: 'Slow circles and reflective listening' })).toBeTruthy();
    expect(screen.getByText('No massage: hold their hand, still and light.')).toBeTruthy();
  });

  it('consent refused: no touch step starts; gentler options and other ways are offered', () => {
    const { pass } = setup();
    startReset();
    fireEvent.click(screen.getByRole('button', { name: 'Receiver: no, not now' }));
    expect(screen.getByRole('heading', { name: 'That’s okay. No touch will happen.' })).toBeTruthy();
    pass(120_000);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.queryByRole('button', { name: /Try: as written/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Try: words only, no touch' })).toBeTruthy();
    expect(screen.getByText(/Writing: a letter/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try: words only, no touch' }));
    expect(screen.getByText('Can we go through a few calm words together, with no touch?')).toBeTruthy();
    yes();
    expect(screen.getByText('No touch in this step. Sit near each other.')).toBeTruthy();
  });

  it('pause holds the time; resume carries on', () => {
    const { pass } = setup();
    startReset();
    yes();
    pass(10_000);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    pass(600_000);
    expect(screen.getByRole('timer').textContent).toBe('0:50');
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    pass(10_000);
    expect(screen.getByRole('timer').textContent).toBe('0:40');
  });

  it('the boundary reset stops touch and offers to switch to holding hands', () => {
    setup();
    startReset();
    yes();
    fireEvent.click(screen.getByRole('button', { name: 'I feel overwhelmed (boundary reset)' }));
    expect(screen.getByText('I feel overwhelmed. Can we switch to holding hands instead?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Switch to holding hands' }));
    expect(screen.getByRole('button', { name: 'Receiver: yes, I agree' })).toBeTruthy();
  });

  it('lets the receiver choose talk, more touch or space in the last step', () => {
    const { pass, runs } = setup();
    startReset();
    yes();
    pass(60_000);
    pass(120_000);
    pass(15_000);
    const choice = screen.getByRole('group', { name: 'Receiver, what feels safest next?' });
    fireEvent.click(within(choice).getByRole('button', { name: 'Space' }));
    expect(screen.getByRole('heading', { name: 'Take the space you need.' })).toBeTruthy();
    expect(runs).toMatchObject([{ outcome: 'completed', receiverChoice: 'space' }]);
  });

  it('reads each step with the chosen voice when spoken guidance is on, and falls silent on Stop', () => {
    const { speech } = setup();
    fireEvent.click(screen.getByRole('radio', { name: 'A calm computer voice reads each step' }));
    startReset();
    expect(speech.spoken).toEqual([]);
    yes();
    expect(speech.spoken.at(-1)).toContain('I care about how you felt earlier. I’m sorry for my part.');
    const before = speech.cancels();
    fireEvent.click(screen.getByRole('button', { name: 'Stop — safe word' }));
    expect(speech.cancels()).toBeGreaterThan(before);
  });

  it('does not chime when the chime is switched off', () => {
    const { pass, chime } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'A soft chime when the step changes' }));
    startReset();
    yes();
    pass(61_000);
    expect(chime.calls).not.toContain('play');
  });

  it('can mute the chime mid-run', () => {
    const { pass, chime } = setup();
    startReset();
    yes();
    const toggle = screen.getByRole('button', { name: 'Step chime' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    pass(61_000);
    expect(chime.calls).not.toContain('play');
  });

  it('shows the safe word the couple chose on the Stop button', () => {
    setup();
    fireEvent.change(screen.getByLabelText('Your safe word or gesture (optional)'), { target: { value: 'pineapple' } });
    startReset();
    expect(screen.getByRole('button', { name: 'Stop — safe word “pineapple”' })).toBeTruthy();
  });
});

describe('RoutinesPanel: while a routine runs', () => {
  it('says so gently when the gate stops being ready mid-routine, without stopping anything', () => {
    const view = setup();
    startReset();
    yes();
    expect(screen.queryByText(/no longer green/)).toBeNull();
    view.rerender(<RoutinesPanel access="locked" clock={view.clock} speech={view.speech.guide} chime={view.chime.chime} />);
    expect(screen.getByText(/The readiness gate is no longer green/)).toBeTruthy();
    expect(screen.getByRole('timer')).toBeTruthy();
  });

  it('chimes and reads a prompt aloud when it appears mid-step (the giver is not looking at the screen)', () => {
    const { pass, chime, speech } = setup();
    fireEvent.click(screen.getByRole('radio', { name: 'A calm computer voice reads each step' }));
    startReset();
    yes();
    pass(60_000); // kneading: the pause-and-listen prompt appears 30 s in
    const chimesAtStep = chime.calls.filter((call) => call === 'play').length;
    pass(30_000);
    expect(screen.getByText('Pause and listen for acknowledgment. Do not interrupt; keep your hands slow.')).toBeTruthy();
    expect(chime.calls.filter((call) => call === 'play').length).toBe(chimesAtStep + 1);
    expect(speech.spoken.at(-1)).toEqual(['Pause and listen for acknowledgment. Do not interrupt; keep your hands slow.']);
    pass(1_000);
    expect(chime.calls.filter((call) => call === 'play').length).toBe(chimesAtStep + 1);
  });

  it('paces the “two slow breaths together” of the Reconnect Flow', () => {
    const { pass } = setup();
    fireEvent.change(screen.getByLabelText(/What I did/), { target: { value: 'leaving the room' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start 15-Minute Reconnect Flow' }));
    yes();
    pass(60_000 + 180_000 + 240_000 + 120_000); // lower back, at the prompt
    expect(screen.getByText('Breathe in')).toBeTruthy();
    expect(screen.getByText(/breath 1 of 2/)).toBeTruthy();
    pass(22_000);
    expect(screen.getByText('Breathe naturally now.')).toBeTruthy();
  });

  it('keeps focus on the pause button when pausing and resuming', () => {
    setup();
    startReset();
    yes();
    const pause = screen.getByRole('button', { name: 'Pause' });
    pause.focus();
    fireEvent.click(pause);
    expect(document.activeElement?.textContent).toBe('Resume');
  });

  it('moves focus to the new screen’s heading when the screen changes', () => {
    setup();
    startReset();
    expect(document.activeElement?.textContent).toBe('Before any touch: ask first');
    yes();
    expect(document.activeElement?.textContent).toBe('Long, light strokes');
  });

  it('names the warm-up’s touch in the consent when the run begins with it', () => {
    setup();
    fireEvent.click(screen.getByRole('checkbox', { name: /Begin the routines with the 1½-minute warm-up/ }));
    startReset();
    expect(screen.getByText(/^first a hand resting on your chest for about 20 seconds/)).toBeTruthy();
  });
});

describe('RoutinesPanel: when the player fails', () => {
  it('says touch ends here and offers the way back, instead of a frozen screen', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const broken = {
        ...fakeSpeech().guide,
        speak: () => {
          throw new Error('speak: broken voice');
        },
      };
      setup({ speech: broken });
      fireEvent.click(screen.getByRole('radio', { name: 'A calm computer voice reads each step' }));
      startReset();
      yes();
      expect(screen.getByRole('alert').textContent).toMatch(/Touch ends here/);
      fireEvent.click(screen.getByRole('button', { name: 'Back to the routines' }));
      expect(screen.getByRole('button', { name: 'Start 5-Minute Apology Reset' })).toBeTruthy();
    } finally {
      errors.mockRestore();
    }
  });
});

describe('RoutinesPanel: the named behaviour', () => {
  it('asks for the behaviour before the 15-minute flow, then uses it in the lines', () => {
    const { pass } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Start 15-Minute Reconnect Flow' }));
    expect(screen.getByRole('alert').textContent).toMatch(/names what happened/);
    const input = screen.getByLabelText(/What I did/);
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'Raising my voice at dinner.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start 15-Minute Reconnect Flow' }));
    yes();
    pass(60_000);
    expect(screen.getByText('I’m sorry for raising my voice at dinner. I can see how that hurt you.')).toBeTruthy();
  });

  it('runs the warm-up first when chosen, with the 4-1-6 pacer in words', () => {
    const { pass } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: /Begin the routines with the 1½-minute warm-up/ }));
    startReset();
    yes();
    expect(screen.getByRole('heading', { name: 'Arrive' })).toBeTruthy();
    expect(screen.getByText(/Step 1 of 6/)).toBeTruthy();
    pass(30_000);
    expect(screen.getByText('Breathe in')).toBeTruthy();
    expect(screen.getByText('1 of 4')).toBeTruthy();
    pass(4_000);
    expect(screen.getByText('Hold')).toBeTruthy();
  });
});

describe('RoutinesPanel: script and recordings', () => {
  it('shows a printable script with every step and prints it', () => {
    const print = vi.fn();
    window.print = print;
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Printable script: 5-Minute Apology Reset' }));
    expect(screen.getByRole('heading', { name: '5-Minute Apology Reset: the script' })).toBeTruthy();
    expect(screen.getByText(/0:00–1:00 Long, light strokes/)).toBeTruthy();
    expect(screen.getByText(/3:00–5:00 Palm on the heart/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Close the script' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Printable script: 5-Minute Apology Reset' }));
  });

  it('plays the partner’s own recording of a line, with the computer voice for the title and unrecorded lines', async () => {
    const loaded: string[] = [];
    const store: VoiceClipStore = {
      save: async () => undefined,
      load: async (id) => {
        loaded.push(id);
        return id === 'apology-reset/effleurage/0' ? new Blob(['me'], { type: 'audio/webm' }) : undefined;
      },
      remove: async () => undefined,
    };
    const played: string[] = [];
    const OriginalAudio = globalThis.Audio;
    globalThis.Audio = class {
      constructor(readonly src: string) {}
      addEventListener(type: string, listener: () => void) {
        if (type === 'ended') queueMicrotask(listener);
      }
      pause() {}
      play() {
        played.push(this.src);
        return Promise.resolve();
      }
    } as unknown as typeof Audio;
    try {
      const { speech } = setup({ voiceClips: store });
      fireEvent.click(screen.getByRole('radio', { name: /Your own recorded voice/ }));
      startReset();
      await act(async () => {
        yes();
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      expect(loaded.slice(0, 3)).toEqual(['apology-reset/effleurage/0', 'apology-reset/effleurage/1', 'apology-reset/effleurage/2']);
      expect(played).toHaveLength(1);
      expect(speech.spoken.flat()).toContain('Long, light strokes');
      expect(speech.spoken.flat()).toContain('Keep it brief. No explanations, no defence.');
      expect(speech.spoken.flat()).not.toContain('I care about how you felt earlier. I’m sorry for my part.');
    } finally {
      globalThis.Audio = OriginalAudio;
    }
  });

  it('records a partner’s voice for a line into the injected store', async () => {
    const saved = new Map<string, Blob>();
    const store: VoiceClipStore = {
      save: async (id, clip) => {
        saved.set(id, clip);
      },
      load: async (id) => saved.get(id),
      remove: async (id) => {
        saved.delete(id);
      },
    };
    let recording = false;
    const recorder: LineRecorder = {
      get recording() {
        return recording;
      },
      start: async () => {
        recording = true;
      },
      stop: async () => {
        recording = false;
        return new Blob(['hello'], { type: 'audio/webm' });
      },
      cancel: () => {
        recording = false;
      },
    };
    (globalThis as { MediaRecorder?: unknown }).MediaRecorder ??= class {};
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: () => undefined }, configurable: true });
    setup({ voiceClips: store, createRecorder: () => recorder });
    fireEvent.click(screen.getByRole('button', { name: 'Record your voice: 5-Minute Apology Reset' }));
    const line = 'I care about how you felt earlier. I’m sorry for my part.';
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: `Record: ${line}` }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    });
    expect(saved.has('apology-reset/effleurage/0')).toBe(true);
    expect(await screen.findByRole('button', { name: `Delete the recording: ${line}` })).toBeTruthy();

    // A forgotten recording stops by itself and releases the microphone.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const second = 'Keep it brief. No explanations, no defence.';
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Record: ${second}` }));
    });
    expect(recorder.recording).toBe(true);
    await act(async () => {
      vi.advanceTimersByTime(30_000);
    });
    expect(recorder.recording).toBe(false);
    expect(saved.has('apology-reset/effleurage/1')).toBe(true);
  });
});

describe('RoutinesPanel: telling the page a run is playing', () => {
  it('onActiveChange says true when a run starts and false once it ends', () => {
    const active: boolean[] = [];
    const { pass } = setup({ onActiveChange: (playing) => active.push(playing) });
    expect(active).toEqual([false]);
    startReset();
    expect(active).toEqual([false, true]);
    yes();
    pass(5 * 60_000);
    expect(active).toEqual([false, true, false]);
  });

  it('a panel that goes away mid-run ends the run as stopped and reports its summary', () => {
    const active: boolean[] = [];
    const { runs, pass, unmount } = setup({ onActiveChange: (playing) => active.push(playing) });
    startReset();
    yes();
    pass(30_000);
    expect(runs).toHaveLength(0);
    unmount();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ routineId: 'apology-reset', outcome: 'stopped', aftercare: null });
    expect(active.at(-1)).toBe(false);
  });

  it('a panel that goes away with no run playing reports nothing', () => {
    const { runs, unmount } = setup();
    unmount();
    expect(runs).toHaveLength(0);
  });
});

describe('RoutinesPanel: remembered settings', () => {
  afterEach(() => localStorage.clear());

  const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;
  const box = (name: RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
  const field = (name: RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;

  it('keeps the chosen way of running across a remount, but not the named behaviour', () => {
    const view = setup({ settings: createLocalRoutineSettings() });
    fireEvent.click(radio(/^Hands only/));
    fireEvent.click(box(/soft chime/));
    fireEvent.click(box(/warm-up/));
    fireEvent.change(field(/safe word/), { target: { value: 'pineapple' } });
    fireEvent.click(radio(/computer voice/));
    fireEvent.change(screen.getByRole('slider', { name: 'Speed' }), { target: { value: '1.2' } });
    fireEvent.change(field(/What I did/), { target: { value: 'checking my phone while you talked' } });
    view.unmount();

    setup({ settings: createLocalRoutineSettings() });
    expect(radio(/^Hands only/).checked).toBe(true);
    expect(radio(/^As written/).checked).toBe(false);
    expect(box(/soft chime/).checked).toBe(false);
    expect(box(/warm-up/).checked).toBe(true);
    expect(field(/safe word/).value).toBe('pineapple');
    expect(radio(/computer voice/).checked).toBe(true);
    expect((screen.getByRole('slider', { name: 'Speed' }) as HTMLInputElement).value).toBe('1.2');
    expect(field(/What I did/).value).toBe('');
    expect(localStorage.getItem(ROUTINE_SETTINGS_KEY)).not.toContain('phone');
  });

  it('asks for consent again at the next start, even for an option the receiver refused last time', () => {
    const settings = createLocalRoutineSettings();
    settings.save({ ...DEFAULT_ROUTINE_SETTINGS, option: 'voice-only' });
    const first = setup({ settings });
    expect(radio(/^Words only/).checked).toBe(true);
    startReset();
    expect(screen.getByText('Can we go through a few calm words together, with no touch?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Receiver: no, not now' }));
    fireEvent.click(screen.getByRole('button', { name: 'End here' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to the routines' }));
    first.unmount();

    setup({ settings: createLocalRoutineSettings() });
    expect(radio(/^Words only/).checked).toBe(true);
    startReset();
    expect(screen.getByText('Can we go through a few calm words together, with no touch?')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Receiver: yes, I agree' })).toBeTruthy();
  });

  it('shows text only when the remembered guide cannot be given here, without forgetting it', () => {
    const settings = createLocalRoutineSettings();
    settings.save({ ...DEFAULT_ROUTINE_SETTINGS, guide: 'recording' });
    setup({ settings });
    expect(radio(/Text on screen only/).checked).toBe(true);
    expect(radio(/recorded voice/).disabled).toBe(true);
    expect(settings.load().guide).toBe('recording');
  });

  it('under StrictMode (effects run twice) opening the panel writes nothing', () => {
    const settings = createLocalRoutineSettings();
    settings.save({ ...DEFAULT_ROUTINE_SETTINGS, guide: 'recording', chime: false });
    const before = localStorage.getItem(ROUTINE_SETTINGS_KEY);
    render(
      <StrictMode>
        <RoutinesPanel access="gate" speech={fakeSpeech().guide} chime={fakeChime().chime} settings={settings} />
      </StrictMode>,
    );
    expect(radio(/Text on screen only/).checked).toBe(true);
    expect(localStorage.getItem(ROUTINE_SETTINGS_KEY)).toBe(before);
    fireEvent.click(box(/soft chime/));
    expect(settings.load().chime).toBe(true);
  });

  it('shows the device default for a remembered voice that is not on this device', () => {
    const settings = createLocalRoutineSettings();
    settings.save({ ...DEFAULT_ROUTINE_SETTINGS, guide: 'speech', voiceUri: 'gone-voice' });
    const view = setup({ settings });
    expect((screen.getByRole('combobox', { name: 'Voice' }) as HTMLSelectElement).value).toBe('');
    view.unmount();
    settings.save({ ...DEFAULT_ROUTINE_SETTINGS, guide: 'speech', voiceUri: 'v1' });
    setup({ settings });
    expect((screen.getByRole('combobox', { name: 'Voice' }) as HTMLSelectElement).value).toBe('v1');
  });

  it('remembers nothing without a settings store', () => {
    setup();
    fireEvent.click(radio(/^Hands only/));
    expect(localStorage.length).toBe(0);
  });
});

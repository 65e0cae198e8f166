// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { BehaviorSubject, Subject } from 'rxjs';
import type { SourceStatus } from '../../sources/heart-rate-source';
import type { Baseline, Beat } from '../../signal/types';
import { readingFromBaseline } from '../../signal/calm-reading';
import { createStore } from '../../store';
import { createDefaultLiveDependencies } from '../../session/default-dependencies';
import type { LiveDependencies } from '../../session/dependencies';
import { FIRST_NIGHT_WORDS } from './calibration-card';
import { LiveSessionView } from './live-session-view';
import { createLiveSession } from '../../session/live-session';

const sams: Baseline = {
  lnRmssdMean: 3.6,
  lnRmssdSd: 0.2,
  hrBpm: 64,
  breathsPerMin: 11,
  recordedAt: '2026-11-08T08:00:00.000Z',
  device: 'Polar H10',
  calibrations: 2,
  demo: false,
};

/** How many times `part` occurs in `text`. */
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** The real live session over a real store, with the partners' straps fed by the test (both the same beats). */
async function setUp(options: { failDelete?: boolean; noReadings?: boolean } = {}) {
  const store = createStore({ name: `attune-card-${Math.random().toString(36).slice(2)}` });
  await store.partners.rename('a', 'Sam');
  if (!options.noReadings) {
    await store.readings.add('a', readingFromBaseline(sams), { accepted: true });
    await store.readings.add('b', readingFromBaseline({ ...sams, hrBpm: 70 }), { accepted: true });
  }
  const beats = new Subject<Beat>();
  const real = createDefaultLiveDependencies({ store });
  const deps: LiveDependencies = {
    ...real,
    bluetoothSupport: () => ({ available: true }),
    rememberedStraps: async () => [],
    bluetooth: () => {
      const status = new BehaviorSubject<SourceStatus>({ kind: 'idle' });
      return {
        kind: 'bluetooth',
        beats$: beats.asObservable(),
        status$: status.asObservable(),
        connect: async () =>
          status.next({ kind: 'connected', deviceName: 'Chest strap', batteryPercent: null, hrOnly: false, malformedPackets: 0 }),
        disconnect: async () => status.next({ kind: 'disconnected', reason: 'closed', code: 'user' }),
      };
    },
    ...(options.failDelete
      ? { readings: { ...real.readings!, remove: async () => Promise.reject(new Error('delete readings: the storage is full')) } }
      : {}),
  };
  render(<LiveSessionView session={createLiveSession(deps)} demo={{ kind: 'none' }} />);
  const panel = await screen.findByTestId('partner-a');
  const card = await within(panel).findByRole('region', { name: 'Baseline for Sam' });
  await waitFor(() => expect(card.textContent).toContain(options.noReadings ? 'No baseline yet.' : 'Usual calm: heart rate 64'));
  return { store, beats, panel, card };
}

/** Calm resting beats around 64 bpm, breathing 11 times a minute, for `seconds` of event time. */
function rest(beats: Subject<Beat>, seconds: number) {
  let tSec = 0;
  act(() => {
    while (tSec < seconds) {
      const rrMs = 937 + 40 * Math.sin((2 * Math.PI * tSec * 11) / 60);
      tSec += rrMs / 1000;
      beats.next({ tSec, rrMs, hrBpm: 60_000 / rrMs, afterGap: false });
    }
  });
}

afterEach(() => cleanup());

describe('CalibrationCard', () => {
  it('Delete baseline asks first, deletes the stored readings, and the partner is judged as on a first night', async () => {
    const { store, beats, panel, card } = await setUp();
    fireEvent.click(within(panel).getByRole('button', { name: 'Connect a strap' }));
    await waitFor(() => expect(panel.textContent).toContain('Connected to Chest strap'));
    rest(beats, 120);
    const state = within(panel).getByTestId('partner-state');
    await waitFor(() => expect(state.getAttribute('data-state')).not.toMatch(/^(calibrating|no-signal)$/));

    fireEvent.click(within(card).getByRole('button', { name: 'Delete baseline' }));
    const question = within(card).getByRole('group', {
      name: 'Delete Sam’s baseline and readings? Until new readings, Attune judges by how Sam is settling.',
    });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' }));
    // Escape keeps it, and focus goes back to Delete.
    fireEvent.keyDown(within(question).getByRole('button', { name: 'Keep it' }), { key: 'Escape' });
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Delete baseline' }));
    expect(await store.readings.history('a')).toHaveLength(1);

    fireEvent.click(within(card).getByRole('button', { name: 'Delete baseline' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() =>
      expect(within(card).getByRole('status').textContent).toBe(
        'Sam’s baseline was deleted. Until new readings, Attune judges by how Sam is settling.',
      ),
    );
    await waitFor(() => expect(card.textContent).toContain('No baseline yet.'));
    expect(within(card).queryByRole('button', { name: 'Delete baseline' })).toBeNull();
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Calibrate (3 minutes)' }));
    // Without a baseline Sam is judged by their own settling; only Sam is, so Sam's card says so, by
    // name, once (the panel's reasons leave it out), and nothing is said for both.
    await waitFor(() =>
      expect(within(card).getByTestId('first-night').textContent).toBe(
        'First time for Sam: judged by how they are settling, not by their usual calm.',
      ),
    );
    await waitFor(() => expect(within(panel).getByTestId('partner-state').getAttribute('data-state')).not.toBe('no-signal'));
    expect(occurrences(document.body.textContent ?? '', 'judged by how')).toBe(1);
    expect(panel.textContent).not.toContain('first time: judged');
    expect(await store.readings.history('a')).toEqual([]);
    expect((await store.readings.accepted('b')).map((r) => r.hrBpm)).toEqual([70]);
  });

  it('with both partners on a first night the first-night sentence is shown once, for both, not on either card or in the reasons', async () => {
    const { beats, panel } = await setUp({ noReadings: true });
    const other = screen.getByTestId('partner-b');
    fireEvent.click(within(panel).getByRole('button', { name: 'Connect a strap' }));
    await waitFor(() => expect(panel.textContent).toContain('Connected to Chest strap'));
    // Only Sam is connected so far: Sam's card says it, by name.
    await waitFor(() => expect(within(panel).queryByTestId('first-night')?.textContent).toMatch(/^First time for Sam: /));
    fireEvent.click(within(other).getByRole('button', { name: 'Connect a strap' }));
    await waitFor(() => expect(other.textContent).toContain('Connected to Chest strap'));
    rest(beats, 90);
    for (const p of [panel, other]) {
      await waitFor(() => expect(within(p).getByTestId('partner-state').getAttribute('data-state')).not.toBe('no-signal'));
    }
    await waitFor(() => expect(screen.getAllByTestId('first-night').map((e) => e.textContent)).toEqual([FIRST_NIGHT_WORDS]));
    expect(panel.contains(screen.getByTestId('first-night'))).toBe(false);
    expect(other.contains(screen.getByTestId('first-night'))).toBe(false);
    expect(occurrences(document.body.textContent ?? '', 'judged by how')).toBe(1);
  });

  it('a calm check is kept as a reading and the baseline says "learning (2 of 3)"; the store keeps it', async () => {
    const { store, beats, panel, card } = await setUp();
    expect(within(card).getByTestId('baseline-learning').textContent).toBe('learning (1 of 3)');
    fireEvent.click(within(panel).getByRole('button', { name: 'Connect a strap' }));
    await waitFor(() => expect(panel.textContent).toContain('Connected to Chest strap'));
    fireEvent.click(within(card).getByRole('button', { name: 'Calm check (2 minutes)' }));
    const running = await within(panel).findByRole('region', { name: 'Calm check for Sam' });
    expect(within(running).getByRole('progressbar', { name: 'Calm check progress for Sam' })).toBeTruthy();
    rest(beats, 125);
    const done = await within(panel).findByRole('region', { name: 'Baseline for Sam' });
    await waitFor(() => expect(within(done).getByRole('status').textContent).toBe('Reading kept: still learning your calm (2 of 3).'));
    expect(within(done).getByTestId('baseline-learning').textContent).toBe('learning (2 of 3)');
    expect(done.textContent).toContain('from 2 readings');
    await waitFor(async () => expect((await store.readings.history('a')).map((r) => r.reading.kind)).toEqual(['migrated', 'calm-check']));
  });

  it('a delete the storage refuses keeps the baseline and says why', async () => {
    const { card } = await setUp({ failDelete: true });
    fireEvent.click(within(card).getByRole('button', { name: 'Delete baseline' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() =>
      expect(within(card).getByRole('alert').textContent).toBe(
        'The baseline could not be deleted and is kept as it was (delete readings: the storage is full).',
      ),
    );
    expect(card.textContent).toContain('Usual calm: heart rate 64');
    // Focus goes back to the button once the card has re-rendered without the confirmation.
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Delete baseline' })));
  });
});

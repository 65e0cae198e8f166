// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createStore, type AttuneStore } from '../../store';
import { HistoryView } from './history-view';
import { DataControls } from './data-controls';
import { CommitmentForm } from './commitment-form';
import { CheckInReminder } from './check-in-reminder';
import { ReflectionForm } from './reflection-form';
import { ResumePrompt } from './resume-prompt';
import { StorageNotice } from './storage-notice';
import { StorageError } from '../../store';
import { openDatabase, type AttuneDb } from '../../store/database';

afterEach(cleanup);

let n = 0;
function clockAt(iso: string) {
  let ms = Date.parse(iso);
  return { now: () => new Date(ms), advanceDays: (d: number) => (ms += d * 86_400_000) };
}
function newStore(now: () => Date = () => new Date('2026-03-02T19:30:00')): AttuneStore {
  n += 1;
  return createStore({ name: `ui-${n}-${Math.random()}`, now });
}

async function recordSession(store: AttuneStore, close = true): Promise<string> {
  const r = store.createRecorder({ source: 'demo', scenario: 'calm', partnerNames: { a: 'Sam', b: 'Alex' }, flushIntervalMs: 0 });
  for (let i = 1; i <= 90; i++) {
    const beat = { tSec: i, rrMs: 1000, hrBpm: 60 + (i <= 45 ? 10 : 0), afterGap: false };
    r.addBeat('a', beat);
    r.addBeat('b', beat);
    const m = {
      startSec: Math.max(0, i - 60),
      endSec: i,
      beats: Math.min(i, 60),
      hrBpm: beat.hrBpm,
      rmssdMs: 40,
      lnRmssd: Math.log(40),
      breathsPerMin: 7,
      breathingConfidence: 0.8,
      artifactRate: 0,
      hrOnly: false,
    };
    r.addMetrics('a', m);
    r.addMetrics('b', m);
    if (i === 45) r.markRoutine('routine-start', 'Soft start-up');
    if (i === 80) r.markRoutine('routine-end', 'Soft start-up');
  }
  r.addGate({ state: 'settling', tSec: 10, reasons: ['Sam: heart rate 70, usually 60'] });
  r.addGate({ state: 'ready', tSec: 50, reasons: [] });
  if (close) await r.close('finished');
  else await r.flush();
  return r.sessionId;
}

describe('HistoryView', () => {
  it('HistoryView lists a past session and its details show the chart, the numbers, and the gate timeline', async () => {
    const store = newStore();
    await recordSession(store);
    render(<HistoryView store={store} />);
    const item = await screen.findByTestId('history-session');
    expect(within(item).getByText('Soft start-up')).toBeTruthy();
    expect(within(item).getByText('2 min')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Show details' }));
    const chart = await within(item).findByTestId('session-chart');
    expect(
      within(chart).getByRole('img', { name: /^Heart rate, beats\/min: Sam 70 before, 60 after; Alex 70 before, 60 after$/ }),
    ).toBeTruthy();
    const table = within(chart).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const timeline = within(item).getByRole('list', { name: 'Readiness timeline' });
    expect(timeline.textContent).toContain('Settling — Sam: heart rate 70, usually 60');
    expect(timeline.textContent).toContain('Ready together');
    expect(within(item).getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('HistoryView offers to end the session being recorded, and then shows it finished', async () => {
    const store = newStore();
    const r = store.createRecorder({ flushIntervalMs: 0 });
    r.addBeat('a', { tSec: 1, rrMs: 1000, hrBpm: 60, afterGap: false });
    await r.flush();
    render(<HistoryView store={store} />);
    const item = await screen.findByTestId('history-session');
    expect(within(item).getByText('Recording now')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'End this session' }));
    await waitFor(() => expect(within(screen.getByTestId('history-session')).getByText('Finished')).toBeTruthy());
    expect(await store.sessions.get(r.sessionId)).toMatchObject({ status: 'closed', outcome: 'finished' });
  });

  it('HistoryView says so when there are no sessions yet', async () => {
    render(<HistoryView store={newStore()} />);
    expect(await screen.findByText(/No sessions yet/)).toBeTruthy();
  });
});

describe('DataControls', () => {
  it('importing a damaged file shows the specific reason and changes nothing', async () => {
    const store = newStore();
    await recordSession(store);
    const before = (await store.exportAll()).data;
    render(<DataControls store={store} />);
    const input = await screen.findByLabelText('Choose an Attune export file');
    const file = new File(['{"format":"attune-export","version":1,"data":'], 'broken.json', { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^import: the file is not valid JSON, perhaps cut off.*Nothing was changed\.$/);
    expect((await store.exportAll()).data).toEqual(before);
  });

  it('"Delete all my data" asks first; keeping does nothing, confirming deletes everything', async () => {
    const store = newStore();
    await recordSession(store);
    let changed = 0;
    render(<DataControls store={store} onChanged={() => changed++} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete all my data…' }));
    const keep = screen.getByRole('button', { name: 'Keep my data' });
    await waitFor(() => expect(document.activeElement).toBe(keep));
    fireEvent.click(keep);
    expect(await store.sessions.list()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Delete all my data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete everything' }));
    expect(await screen.findByText('All your data was deleted from this device.')).toBeTruthy();
    expect(await store.sessions.list()).toEqual([]);
    expect(changed).toBe(1);
  });
});

describe('reflection, commitments and check-ins', () => {
  it('ReflectionForm saves "what felt reparative" with the latest session', async () => {
    const store = newStore();
    const id = await recordSession(store);
    render(<ReflectionForm store={store} partnerNames={{ a: 'Sam', b: 'Alex' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save reflection' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Write a few words/);
    fireEvent.change(screen.getByLabelText('What felt reparative?'), { target: { value: 'Being listened to' } });
    fireEvent.click(screen.getByLabelText('Sam'));
    fireEvent.click(screen.getByRole('button', { name: 'Save reflection' }));
    expect(await screen.findByText('Saved on this device.')).toBeTruthy();
    expect(await store.reflections.list(id)).toEqual([expect.objectContaining({ author: 'a', reparative: 'Being listened to' })]);
  });

  it('CommitmentForm turns back a vague commitment and keeps a specific, time-bound one', async () => {
    const clock = clockAt('2026-03-02T19:30:00');
    const store = newStore(clock.now);
    render(<CommitmentForm store={store} sessionId={null} now={clock.now} />);
    fireEvent.change(screen.getByLabelText('What exactly will you do?'), { target: { value: 'be nicer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save commitment' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Make it specific/);
    expect(await store.commitments.list()).toEqual([]);
    fireEvent.change(screen.getByLabelText('What exactly will you do?'), { target: { value: 'Phones away at dinner every evening' } });
    fireEvent.change(screen.getByLabelText('Done by'), { target: { value: '2026-03-05' } });
    fireEvent.change(screen.getByLabelText('Check in together on'), { target: { value: '2026-03-06' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save commitment' }));
    await screen.findByText(/^Saved\. We’ll remind you/);
    expect(await store.commitments.list()).toEqual([
      expect.objectContaining({
        text: 'Phones away at dinner every evening',
        byDay: '2026-03-05',
        checkInDay: '2026-03-06',
        status: 'open',
      }),
    ]);
  });

  it('CheckInReminder appears on the check-in day and "Done" records it', async () => {
    const clock = clockAt('2026-03-02T19:30:00');
    const store = newStore(clock.now);
    await store.commitments.add({
      sessionId: null,
      author: 'both',
      text: 'Walk together on Sunday',
      byDay: '2026-03-05',
      checkInDay: '2026-03-06',
    });
    const early = render(<CheckInReminder store={store} />);
    await new Promise((r) => setTimeout(r, 30));
    expect(screen.queryByTestId('check-in-reminder')).toBeNull();
    early.unmount();
    clock.advanceDays(4);
    render(<CheckInReminder store={store} />);
    const reminder = await screen.findByTestId('check-in-reminder');
    expect(within(reminder).getByRole('heading', { name: 'Time to check in' })).toBeTruthy();
    fireEvent.click(within(reminder).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByTestId('check-in-reminder')).toBeNull());
    expect((await store.commitments.list())[0]).toMatchObject({ status: 'done' });
  });
});

describe('partner names', () => {
  it('the forms use the names the couple saved when none are given', async () => {
    const store = newStore();
    await store.partners.rename('a', 'Sam');
    await store.partners.rename('b', 'Alex');
    render(<ReflectionForm store={store} sessionId={null} />);
    expect(await screen.findByLabelText('Sam')).toBeTruthy();
    expect(screen.getByLabelText('Alex')).toBeTruthy();
  });
});

describe('ResumePrompt', () => {
  it('ResumePrompt offers an interrupted session; "Close it" keeps it as interrupted', async () => {
    const store = newStore();
    const id = await recordSession(store, false);
    let closed = '';
    render(<ResumePrompt store={store} onResume={() => {}} onClosed={(s) => (closed = s.id)} />);
    const prompt = await screen.findByTestId('resume-prompt');
    expect(within(prompt).getByRole('button', { name: 'Resume the session' })).toBeTruthy();
    fireEvent.click(within(prompt).getByRole('button', { name: 'Close it' }));
    await waitFor(() => expect(closed).toBe(id));
    expect(await store.sessions.get(id)).toMatchObject({ status: 'closed', outcome: 'interrupted' });
  });
});

describe('StorageNotice', () => {
  it('StorageNotice shows a storage problem in plain words', async () => {
    const store = createStore({
      open: () =>
        Promise.reject(
          new StorageError('unavailable', 'This browser does not let Attune save anything (private mode or storage turned off).'),
        ),
    });
    render(<StorageNotice store={store} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This browser does not let Attune save anything (private mode or storage turned off).',
    );
  });
});

describe('StorageNotice while recording', () => {
  it('StorageNotice says recording continues in memory when the device is full, and "Try saving again" saves it once there is room', async () => {
    const name = `full-${Math.random()}`;
    const failing = { on: true };
    const store = createStore({
      name,
      open: async (report) => {
        const db = await openDatabase({ name, onProblem: report });
        return new Proxy(db, {
          get(target, prop, receiver) {
            if (prop === 'transaction') {
              return (stores: never, mode?: IDBTransactionMode) => {
                if (failing.on && mode === 'readwrite') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                return target.transaction(stores, mode);
              };
            }
            const value = Reflect.get(target, prop, receiver) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        }) as unknown as AttuneDb;
      },
    });
    render(<StorageNotice store={store} />);
    const r = store.createRecorder({ flushIntervalMs: 0 });
    for (let t = 1; t <= 12; t++) r.addBeat('a', { tSec: t, rrMs: 1000, hrBpm: 60, afterGap: false });
    await r.close('finished');
    const notice = await screen.findByTestId('storage-notice');
    expect(notice.textContent).toMatch(/no room left to save the session\. Recording continues in memory/);
    expect(within(notice).getByRole('button', { name: 'Download what is not saved yet' })).toBeTruthy();
    failing.on = false;
    fireEvent.click(within(notice).getByRole('button', { name: 'Try saving again' }));
    await waitFor(() => expect(screen.queryByTestId('storage-notice')).toBeNull());
    expect((await store.recordings.beatChunks(r.sessionId)).flatMap((c) => c.beats)).toHaveLength(12);
    expect(await store.sessions.get(r.sessionId)).toMatchObject({ status: 'closed', outcome: 'finished' });
    expect(store.activeRecorders()).toEqual([]);
  });
});

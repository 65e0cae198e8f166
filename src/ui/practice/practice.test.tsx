// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createStore, type AttuneStore } from '../../store';
import type { MarkerStorage } from '../../store/durability';
import { NextRitualCard } from './next-ritual-card';
import { KeepingPanel } from './keeping-panel';
import { CheckInForm } from './check-in-form';

afterEach(cleanup);

let n = 0;
function memoryMarker(): MarkerStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}
function newStore(marker = memoryMarker()): AttuneStore {
  n += 1;
  return createStore({
    name: `practice-ui-${n}-${Math.random()}`,
    now: () => new Date('2026-03-02T19:30:00'),
    marker,
    persistence: { persisted: async () => false, persist: async () => false },
  });
}

// 2 March 2026 is a Monday.
const monday = (time: string) => () => new Date(`2026-03-02T${time}:00`);

describe('NextRitualCard', () => {
  it('NextRitualCard invites to plan the week when there is no plan', async () => {
    render(<NextRitualCard store={newStore()} onPlan={() => undefined} now={monday('09:00')} />);
    expect(await screen.findByRole('heading', { name: 'Make repair a habit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Plan your week' })).toBeTruthy();
  });

  it("NextRitualCard reminds of today's planned rituals, and shows the next one on a day without any", async () => {
    const store = newStore();
    await store.plans.save({
      startsOn: '2026-03-02',
      timeZone: 'UTC',
      items: [
        { id: 'h', ritual: 'grounding-handhold', days: ['MO'], time: '21:00', minutes: 2, alarmMinutesBefore: null },
        { id: 'r', ritual: 'reconnect-flow', days: ['TH'], time: '19:30', minutes: 15, alarmMinutesBefore: 10 },
      ],
    });
    render(<NextRitualCard store={store} onPlan={() => undefined} now={monday('09:00')} />);
    expect(await screen.findByRole('heading', { name: 'Planned for today' })).toBeTruthy();
    expect(screen.getByTestId('next-ritual').textContent).toContain('2-Minute Grounding Handhold at 21:00');
    cleanup();
    render(<NextRitualCard store={store} onPlan={() => undefined} now={() => new Date('2026-03-03T09:00:00')} />);
    expect(await screen.findByRole('heading', { name: 'Next planned' })).toBeTruthy();
    expect(screen.getByTestId('next-ritual').textContent).toMatch(/15-Minute Reconnect Flow, .+ at 19:30/);
  });

  it('NextRitualCard says plainly when the browser cleared the kept sessions, until the couple acknowledges it', async () => {
    const marker = memoryMarker();
    marker.setItem('attune.history-kept.v1', '2026-03-01T20:00:00.000Z');
    const store = newStore(marker);
    render(<NextRitualCard store={store} onPlan={() => undefined} now={monday('09:00')} />);
    expect(await screen.findByRole('heading', { name: 'Your saved sessions are gone from this browser' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Understood' }));
    await waitFor(() => expect(screen.queryByTestId('storage-cleared')).toBeNull());
    expect(marker.getItem('attune.history-kept.v1')).toBeNull();
  });
});

describe('KeepingPanel and CheckInForm', () => {
  it('KeepingPanel shows that the browser may clear the data when persistence was not granted', async () => {
    render(<KeepingPanel store={newStore()} />);
    const panel = await screen.findByTestId('storage-state');
    expect(panel.getAttribute('data-state')).toBe('best-effort');
    expect(panel.textContent).toContain('The browser may clear this when space is low — export a backup');
  });

  it('CheckInForm keeps both partners’ answers, a skipped one as null, and refuses an empty check-in', async () => {
    const store = newStore();
    render(<CheckInForm store={store} moment="after" sessionId={() => 's1'} names={{ a: 'Sam', b: 'Alex' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Choose at least one number');
    fireEvent.change(screen.getByLabelText('Sam: How close do you feel now?'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('Alex: How intense does the fight feel now?'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    expect(await screen.findByText('Check-in saved on this device.')).toBeTruthy();
    expect((await store.checkIns.list()).map((c) => [c.sessionId, c.moment, c.intensity, c.closeness])).toEqual([
      ['s1', 'after', { a: null, b: 2 }, { a: 8, b: null }],
    ]);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { BehaviorSubject, Subject } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../../sources/heart-rate-source';
import type { Beat, PartnerId } from '../../signal/types';
import { createSubscriptionCounter } from '../../pipeline/subscription-counter';
import { createDefaultLiveDependencies } from '../../session/default-dependencies';
import type { LiveDependencies } from '../../session/dependencies';
import { parseDemoUrl } from '../../session/demo-url';
import { createLiveSession, type LiveSummary } from '../../session/live-session';
import { LiveSessionView } from './live-session-view';

/**
 * Builds the session the way the composition root does (demo link and resume by id included) and
 * renders the live view on it, keeping every summary the session reports.
 */
function mount(search: string, deps: LiveDependencies, options: { resumeSessionId?: string } = {}) {
  const demo = parseDemoUrl(search);
  const session = createLiveSession(deps, { ...options, ...(demo.kind === 'demo' ? { demo: demo.request } : {}) });
  const summaries: LiveSummary[] = [];
  session.summary$.subscribe((summary) => summaries.push(summary));
  const view = render(<LiveSessionView session={session} demo={demo} />);
  return { session, summaries, view };
}

/** The real parts, with the simulator's streams counted and its disconnects noted. */
function countedDependencies() {
  const counter = createSubscriptionCounter();
  const disconnected: HeartRateSource[] = [];
  const created: HeartRateSource[] = [];
  const real = createDefaultLiveDependencies();
  const deps: LiveDependencies = {
    ...real,
    bluetoothSupport: () => ({ available: false, reason: 'Firefox cannot connect to Bluetooth straps.', advice: 'Use Chrome or Edge.' }),
    rememberedStraps: async () => [],
    simulator: (options) => {
      const source = real.simulator(options);
      const wrapped: HeartRateSource = {
        kind: source.kind,
        beats$: source.beats$.pipe(counter.track('beats')),
        status$: source.status$.pipe(counter.track('status')),
        connect: () => source.connect(),
        disconnect: () => {
          disconnected.push(wrapped);
          return source.disconnect();
        },
      };
      created.push(wrapped);
      return wrapped;
    },
  };
  return { deps, counter, created, disconnected };
}

afterEach(() => cleanup());

describe('LiveSessionView', () => {
  it('LiveSessionView offers the hand check-in only with nothing connected, and a source connected afterwards withdraws it', async () => {
    const { deps } = countedDependencies();
    const { summaries } = mount('', deps);
    await act(async () => screen.getByRole('button', { name: 'Check in by hand' }).click());
    await act(async () => screen.getByRole('checkbox', { name: 'Partner A: I feel calm enough' }).click());
    await act(async () => screen.getByRole('checkbox', { name: 'Partner B: I feel calm enough' }).click());
    expect(summaries.at(-1)).toMatchObject({ selfReportComplete: true, anySourceConnected: false });
    expect(screen.getByTestId('self-report').textContent).toContain('Self-report');

    const panel = screen.getByTestId('partner-a');
    await act(async () => within(panel).getByRole('button', { name: 'Use the simulator' }).click());
    await waitFor(() => expect(summaries.at(-1)).toMatchObject({ selfReportComplete: false, anySourceConnected: true }));
    expect(screen.queryByTestId('self-report')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Check in by hand' })).toBeNull();
    expect(screen.getByTestId('self-report-unavailable').textContent).toContain(
      'Your hand check-in was set aside when a source connected.',
    );
  });

  it('LiveSessionView on ?demo=flooded never offers the hand check-in and never reports one', async () => {
    const { deps } = countedDependencies();
    const { summaries } = mount('?demo=flooded&speed=50', deps);
    await waitFor(() => expect(summaries.at(-1)?.anySourceConnected).toBe(true));
    expect(screen.queryByRole('button', { name: 'Check in by hand' })).toBeNull();
    expect(screen.getByTestId('self-report-unavailable').textContent).toContain('the readiness gate decides');
    expect(summaries.every((s) => !s.selfReportComplete)).toBe(true);
  });

  it('LiveSessionView with ?demo=calm shows both partners live, and closing the session leaves nothing running', async () => {
    const { deps, counter, created, disconnected } = countedDependencies();
    const { summaries, view, session } = mount('?demo=calm&speed=50', deps);
    for (const id of ['a', 'b']) {
      const panel = await screen.findByTestId(`partner-${id}`);
      await waitFor(() => expect(within(panel).getByTestId('hr').textContent).toMatch(/^\d+$/), { timeout: 5000 });
    }
    expect(screen.getByTestId('demo-banner').textContent).toContain('Simulated partners (calm, 50× speed)');
    expect(counter.live()).toBeGreaterThan(0);
    expect(summaries.length).toBeGreaterThan(0);
    view.unmount();
    await act(async () => session.dispose());
    expect(counter.live()).toBe(0);
    expect(created.length).toBeGreaterThanOrEqual(2);
    expect(created.every((source) => disconnected.includes(source))).toBe(true);
  });

  it('LiveSessionView explains why Bluetooth is unavailable and what to do instead', async () => {
    const { deps } = countedDependencies();
    mount('', deps);
    const panel = await screen.findByTestId('partner-a');
    const connect = within(panel).getByRole('button', { name: 'Connect a strap' });
    expect((connect as HTMLButtonElement).disabled).toBe(true);
    // The reason is one line after the choices; what to do instead opens below it.
    expect(within(panel).getByText('Firefox cannot connect to Bluetooth straps.').tagName).toBe('SUMMARY');
    expect(within(panel).getByText('Use Chrome or Edge.')).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Use the simulator' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Load a recording' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Go without straps' })).toBeTruthy();
    // The gauge joins once a source is connected: before that it has nothing to show.
    expect(screen.queryByTestId('meter-a')).toBeNull();
    expect(screen.getByTestId('gate').getAttribute('data-state')).toBe('no-signal');
  });

  it('LiveSessionView shows each beat on the gauge at once, with no refresh interval, and leaves the other partner’s figures untouched', async () => {
    const beats: Record<PartnerId, Subject<Beat>> = { a: new Subject<Beat>(), b: new Subject<Beat>() };
    const real = createDefaultLiveDependencies();
    const deps: LiveDependencies = {
      ...real,
      bluetoothSupport: () => ({ available: false, reason: 'No Bluetooth here.', advice: '' }),
      rememberedStraps: async () => [],
      simulator: ({ partner }) => {
        const status = new BehaviorSubject<SourceStatus>({ kind: 'idle' });
        return {
          kind: 'simulator',
          beats$: beats[partner].asObservable(),
          status$: status.asObservable(),
          connect: async () =>
            status.next({
              kind: 'connected',
              deviceName: `Simulator ${partner}`,
              batteryPercent: null,
              hrOnly: false,
              malformedPackets: 0,
            }),
          disconnect: async () => status.next({ kind: 'disconnected', reason: 'closed', code: 'user' }),
        };
      },
    };
    mount('?demo=calm&speed=1', deps);
    const hr = within(await screen.findByTestId('partner-a')).getByTestId('hr');
    const beat = (tSec: number, rrMs: number): Beat => ({ tSec, rrMs, hrBpm: 60_000 / rrMs, afterGap: false });
    // No timer is advanced: what a beat changes is on screen as soon as React has rendered it.
    act(() => beats.a.next(beat(0.8, 800)));
    expect(hr.textContent).toBe('75');
    act(() => beats.a.next(beat(1.55, 750)));
    expect(hr.textContent).toBe('80');
    const figures = hr.closest('dl')!;
    const html = figures.innerHTML;
    act(() => beats.b.next(beat(0.9, 900)));
    // A beat of partner B leaves partner A's figures exactly as they were.
    expect(figures.innerHTML).toBe(html);
  });

  it('LiveSessionView on a session opened to resume says so, and the session records into that session', async () => {
    const { deps } = countedDependencies();
    const infos: unknown[] = [];
    const withRecorder: LiveDependencies = {
      ...deps,
      startRecording: (info) => {
        infos.push(info);
        return {
          addBeat: () => undefined,
          addMetrics: () => undefined,
          addGate: () => undefined,
          close: async () => undefined,
          sessionId: () => 'interrupted-7',
        };
      },
    };
    const { session } = mount('', withRecorder, { resumeSessionId: 'interrupted-7' });
    expect((await screen.findByTestId('resume-banner')).textContent).toMatch(/Continuing your interrupted session/);
    const panel = screen.getByTestId('partner-a');
    act(() => within(panel).getByRole('button', { name: 'Use the simulator' }).click());
    await waitFor(() => expect(infos).toEqual([expect.objectContaining({ resumeSessionId: 'interrupted-7' })]), { timeout: 5000 });
    expect(session.recordingId()).toBe('interrupted-7');
    await act(async () => session.dispose());
  });
});

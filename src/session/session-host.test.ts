import { describe, expect, it } from 'vitest';
import { BehaviorSubject, map } from 'rxjs';
import type { LiveSessionModel, LiveSummary } from './live-session';
import { routineAccess } from './routine-access';
import { CLOSED_SUMMARY, createSessionHost, type LiveState } from './session-host';

/** A stand-in session that notes how it ends. */
function standIn(log: string[], name: string) {
  const summary$ = new BehaviorSubject<LiveSummary>({ ...CLOSED_SUMMARY, names: { a: `${name} A`, b: `${name} B` } });
  const session = {
    summary$: summary$.asObservable(),
    access$: summary$.pipe(map(routineAccess)),
    currentSummary: () => summary$.value,
    finishRecording: async (outcome: string) => void log.push(`${name} ${outcome}`),
    recordingId: () => `${name}-id`,
    calmEnds: () => ({ a: null, b: null }),
    dispose: async () => void log.push(`${name} disposed`),
  };
  return { session: session as unknown as LiveSessionModel, summary$ };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSessionHost', () => {
  it('follow() opens one session for the live view and the routine, and the reflection ends it as stopped', async () => {
    const log: string[] = [];
    const created: { resumeSessionId?: string }[] = [];
    const host = createSessionHost(async (options) => {
      created.push(options);
      return standIn(log, `s${created.length}`).session;
    });
    const states: LiveState[] = [];
    host.live$.subscribe((state) => states.push(state));
    host.follow('welcome');
    host.follow('live');
    host.follow('routine');
    host.follow('welcome');
    await settle();
    expect(created).toEqual([{}]);
    expect(states.map((s) => [s.open, s.session !== null])).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
    host.follow('reflect');
    await settle();
    expect(log).toEqual(['s1 stopped', 's1 disposed']);
    expect(states.at(-1)).toEqual({ open: false, session: null });
  });

  it('a session built at once (its code and store already here) opens with no "opening" state in between', () => {
    const log: string[] = [];
    const host = createSessionHost(() => standIn(log, 's1').session);
    const states: LiveState[] = [];
    host.live$.subscribe((state) => states.push(state));
    host.follow('live');
    expect(states.map((s) => [s.open, s.session !== null])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('a session that cannot be built at once is reported and the live view closes', async () => {
    const host = createSessionHost(() => {
      throw new Error('session: no store');
    });
    const states: LiveState[] = [];
    host.live$.subscribe((state) => states.push(state));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      host.follow('live');
      await settle();
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(states.at(-1)).toEqual({ open: false, session: null });
  });

  it('end("finished") closes the recording as finished and hands the names and recorded session on', async () => {
    const log: string[] = [];
    const host = createSessionHost(async () => standIn(log, 's1').session);
    expect(host.end('finished')).toBeNull();
    host.open();
    await settle();
    // The calm ends are read before the session goes (none to offer here).
    expect(host.end('finished')).toEqual({ names: { a: 's1 A', b: 's1 B' }, sessionId: 's1-id', calmEnds: { a: null, b: null } });
    host.follow('reflect');
    await settle();
    expect(log).toEqual(['s1 finished', 's1 disposed']);
  });

  it('open({ resumeSessionId }) replaces a session running for something else; the same id twice opens once', async () => {
    const log: string[] = [];
    const created: { resumeSessionId?: string }[] = [];
    const host = createSessionHost(async (options) => {
      created.push(options);
      return standIn(log, `s${created.length}`).session;
    });
    host.open();
    await settle();
    host.open({ resumeSessionId: 'interrupted-7' });
    host.open({ resumeSessionId: 'interrupted-7' });
    host.follow('live');
    await settle();
    expect(created).toEqual([{}, { resumeSessionId: 'interrupted-7' }]);
    expect(log).toEqual(['s1 stopped', 's1 disposed']);
  });

  it('a session that arrives after its opening was ended is disposed at once', async () => {
    const log: string[] = [];
    let arrive: (session: LiveSessionModel) => void = () => undefined;
    const host = createSessionHost(() => new Promise((resolve) => (arrive = resolve)));
    host.open();
    host.follow('history');
    arrive(standIn(log, 'late').session);
    await settle();
    expect(log).toEqual(['late disposed']);
  });

  it('summary$ and access$ follow the running session and fall back when it ends', async () => {
    const log: string[] = [];
    const running = standIn(log, 's1');
    const host = createSessionHost(async () => running.session);
    const summaries: LiveSummary[] = [];
    const access: string[] = [];
    host.summary$.subscribe((s) => summaries.push(s));
    host.access$.subscribe((a) => access.push(a));
    host.open();
    await settle();
    running.summary$.next({ gate: 'ready', selfReportComplete: false, anySourceConnected: true, names: { a: 'Sam', b: 'Alex' } });
    host.end('finished');
    expect(summaries.map((s) => s.gate)).toEqual([null, null, 'ready', null]);
    expect(access).toEqual(['locked', 'gate', 'locked']);
  });
});

import { describe, expect, it } from 'vitest';
import { BehaviorSubject, Subject } from 'rxjs';
import type { Beat, PartnerId } from '../signal/types';
import type { PartnerView } from './partner-model';
import type { PartnerReadinessView } from './readiness-types';
import type { RhythmReading } from '../pipeline/together-pipeline';
import type { PacerState } from './shared-pacer';
import { createTogetherReadings, pairCalmOf, rhythmView } from './together-state';

const RUNNING: PacerState = { running: true, breathsPerMin: 6, sinceSec: 10, sinceMs: 0 };
const STOPPED: PacerState = { running: false, breathsPerMin: 6, sinceSec: null, sinceMs: null };
const following: RhythmReading = { tSec: 120, coherence: 0.8, peakPerMin: 6.1, pacerPerMin: 6, state: 'following' };

describe('pairCalmOf', () => {
  it('pairCalmOf(a, b) is calm exactly for partners near their baseline', () => {
    expect(pairCalmOf('near-baseline', 'near-baseline')).toEqual({ a: true, b: true });
    expect(pairCalmOf('near-baseline', 'out')).toEqual({ a: true, b: false });
    expect(pairCalmOf('flooded', 'near-baseline')).toEqual({ a: false, b: true });
  });

  it('pairCalmOf(a, b) is unknown (null) while either partner has no signal or no baseline', () => {
    expect(pairCalmOf('no-signal', 'near-baseline')).toBeNull();
    expect(pairCalmOf('near-baseline', 'calibrating')).toBeNull();
  });
});

describe('rhythmView', () => {
  it('rhythmView(reading, running pacer) passes on a reading judged against the running pace', () => {
    expect(rhythmView(following, RUNNING, false)).toEqual({ state: 'following', coherence: 0.8, pacerPerMin: 6, hrOnly: false });
  });

  it('rhythmView() claims nothing while the pacer is off', () => {
    expect(rhythmView(following, STOPPED, false)).toMatchObject({ state: 'unknown', pacerPerMin: null });
  });

  it('rhythmView() claims nothing from a reading judged against another pace (just after a change of pace)', () => {
    expect(rhythmView({ ...following, pacerPerMin: 60 / 11 }, RUNNING, false)).toMatchObject({ state: 'unknown', pacerPerMin: 6 });
  });

  it('rhythmView() never says a heart-rate-only partner follows or does not follow', () => {
    expect(rhythmView(following, RUNNING, true)).toMatchObject({ state: 'unknown', hrOnly: true });
    expect(rhythmView({ ...following, state: 'not-following' }, RUNNING, true).state).toBe('unknown');
  });

  it('rhythmView(null) before any reading is unknown', () => {
    expect(rhythmView(null, RUNNING, false)).toEqual({ state: 'unknown', coherence: null, pacerPerMin: 6, hrOnly: false });
  });
});

describe('createTogetherReadings', () => {
  /** Heart rate made of incommensurate slow waves (0.03–0.15 Hz), the same for both partners: linked beyond chance. */
  function linkedBeats(durationSec: number): Beat[] {
    const beats: Beat[] = [];
    let t = 0;
    while (t < durationSec) {
      const hrBpm =
        70 + 4 * Math.sin(2 * Math.PI * 0.041 * t) + 3 * Math.sin(2 * Math.PI * 0.067 * t + 1) + 2 * Math.sin(2 * Math.PI * 0.113 * t + 2);
      const rrMs = 60_000 / hrBpm;
      t += rrMs / 1000;
      beats.push({ tSec: t, rrMs, hrBpm, afterGap: false });
    }
    return beats;
  }

  function fakePartner(id: PartnerId) {
    const beats$ = new Subject<Beat>();
    const readiness$ = new BehaviorSubject<PartnerReadinessView>({ tSec: 0, state: 'near-baseline', reasons: [] });
    const view = { hrOnly: false } as PartnerView;
    return {
      id,
      model: { beats$, readiness$, attachments$: new BehaviorSubject(1), live$: new BehaviorSubject(view), current: () => view },
      beats$,
      readiness$,
    };
  }

  it('co-regulation is framed again at once when a partner leaves their calm, without waiting for the next reading', () => {
    const a = fakePartner('a');
    const b = fakePartner('b');
    const pacer = new BehaviorSubject<PacerState>(STOPPED);
    const readings = createTogetherReadings({ a: a.model, b: b.model }, { state$: pacer, current: () => pacer.value });
    const states: string[] = [];
    readings.coregulation$.subscribe((view) => states.push(view.state));
    for (const beat of linkedBeats(700)) {
      a.beats$.next(beat);
      b.beats$.next(beat);
    }
    expect(readings.currentCoregulation().state).toBe('together');
    expect(readings.currentCoregulation().sync).toMatchObject({ significant: true, phase: 'in-phase', lagSec: 0 });
    a.readiness$.next({ tSec: 700, state: 'out', reasons: [] });
    expect(readings.currentCoregulation().state).toBe('linked-aroused');
    a.readiness$.next({ tSec: 701, state: 'no-signal', reasons: [] });
    expect(readings.currentCoregulation().state).toBe('unknown');
    expect(states[0]).toBe('unknown');
    readings.dispose();
  });
});

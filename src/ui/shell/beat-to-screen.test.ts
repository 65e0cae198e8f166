// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BehaviorSubject, Subject } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../../ble/heart-rate-source';
import type { Beat } from '../../signal/types';
import { BEAT_HANDLED_MEASURE, BEAT_MARK, BEAT_TO_SCREEN_MEASURE, BeatToScreenProbe, markBeats } from './beat-to-screen';

function fakeSource() {
  const beats = new Subject<Beat>();
  let connected = 0;
  const source: HeartRateSource = {
    kind: 'simulator',
    beats$: beats.asObservable(),
    status$: new BehaviorSubject<SourceStatus>({ kind: 'idle' }).asObservable(),
    connect: async () => {
      connected += 1;
    },
    disconnect: async () => undefined,
  };
  return { source, beats, connections: () => connected };
}

const beat = (tSec: number): Beat => ({ tSec, rrMs: 800, hrBpm: 75, afterGap: false });

afterEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

describe('markBeats', () => {
  it('markBeats passes every beat through unchanged, once per beat however many subscribers', async () => {
    const { source, beats, connections } = fakeSource();
    const probe = new BeatToScreenProbe();
    const marked = markBeats(source, probe);
    const first: Beat[] = [];
    const second: Beat[] = [];
    const a = marked.beats$.subscribe((b) => first.push(b));
    const b = marked.beats$.subscribe((b) => second.push(b));
    beats.next(beat(0.8));
    beats.next(beat(1.6));
    expect(first).toEqual([beat(0.8), beat(1.6)]);
    expect(second).toEqual(first);
    expect(performance.getEntriesByName(BEAT_MARK)).toHaveLength(2);
    expect(performance.getEntriesByName(BEAT_HANDLED_MEASURE)).toHaveLength(2);
    await marked.connect();
    expect(connections()).toBe(1);
    expect(marked.kind).toBe('simulator');
    a.unsubscribe();
    b.unsubscribe();
    expect(beats.observed).toBe(false);
  });
});

describe('BeatToScreenProbe', () => {
  it('BeatToScreenProbe measures from the earliest beat not yet on screen, once per screen update', () => {
    const probe = new BeatToScreenProbe();
    probe.screenUpdated();
    expect(performance.getEntriesByName(BEAT_TO_SCREEN_MEASURE)).toHaveLength(0);
    const first = probe.beat();
    probe.beat();
    probe.screenUpdated();
    const measures = performance.getEntriesByName(BEAT_TO_SCREEN_MEASURE);
    expect(measures).toHaveLength(1);
    expect(measures[0].startTime).toBe(first);
    probe.screenUpdated();
    expect(performance.getEntriesByName(BEAT_TO_SCREEN_MEASURE)).toHaveLength(1);
  });

  it('BeatToScreenProbe counts a gauge change as a screen update, and changes elsewhere not', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<section><div data-testid="gate" data-state="settling"></div><p class="meter">40</p></section><p class="other">x</p>';
    document.body.append(root);
    const probe = new BeatToScreenProbe();
    const stop = probe.observeGauge(root);
    probe.beat();
    root.querySelector('.other')!.textContent = 'y';
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(performance.getEntriesByName(BEAT_TO_SCREEN_MEASURE)).toHaveLength(0);
    root.querySelector('.meter')!.textContent = '45';
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(performance.getEntriesByName(BEAT_TO_SCREEN_MEASURE)).toHaveLength(1);
    stop();
    root.remove();
  });
});

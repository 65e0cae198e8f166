// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BehaviorSubject, Subject } from 'rxjs';
import type { HeartRateSource, SourceStatus } from '../../sources/heart-rate-source';
import type { Beat } from '../../signal/types';
import { BEAT_HANDLED_MEASURE, BEAT_MARK, BEAT_TO_SCREEN_MEASURE, BeatToScreenProbe, LATE_GAUGE_UPDATE_MARK } from './beat-to-screen';
import { markBeats } from './beat-marks';

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

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const measures = () => performance.getEntriesByName(BEAT_TO_SCREEN_MEASURE) as PerformanceMeasure[];

function gaugePage() {
  const root = document.createElement('div');
  root.innerHTML =
    '<section data-gauge=""><div data-testid="gate" data-state="settling"></div><p class="meter">40</p></section><p class="other">x</p>';
  document.body.append(root);
  return root;
}

describe('BeatToScreenProbe', () => {
  it('BeatToScreenProbe measures every pending beat once, from its own arrival, at the gauge update', () => {
    const probe = new BeatToScreenProbe();
    probe.screenUpdated();
    expect(measures()).toHaveLength(0);
    const first = probe.beat();
    const second = probe.beat();
    probe.screenUpdated();
    expect(measures().map((m) => m.startTime)).toEqual([first, second]);
    expect(measures().every((m) => (m.detail as { changed: boolean }).changed)).toBe(true);
    probe.screenUpdated();
    expect(measures()).toHaveLength(2);
  });

  it('BeatToScreenProbe ends a beat at the gauge change its handling causes, in the same turn', async () => {
    const root = gaugePage();
    const probe = new BeatToScreenProbe();
    const stop = probe.observeGauge(root);
    const arrived = probe.beat();
    // A render queued while the beat is handled, as React does for useSyncExternalStore updates.
    queueMicrotask(() => {
      root.querySelector('.meter')!.textContent = '45';
    });
    probe.beatHandled(arrived);
    await settle();
    expect(measures()).toHaveLength(1);
    expect(measures()[0].startTime).toBe(arrived);
    expect(measures()[0].detail).toEqual({ changed: true });
    expect(performance.getEntriesByName(LATE_GAUGE_UPDATE_MARK)).toHaveLength(0);
    stop();
    root.remove();
  });

  it('BeatToScreenProbe ends a beat that changes nothing on the gauge once its handling is done, marked unchanged', async () => {
    const root = gaugePage();
    const probe = new BeatToScreenProbe();
    const stop = probe.observeGauge(root);
    const arrived = probe.beat();
    root.querySelector('.other')!.textContent = 'y';
    probe.beatHandled(arrived);
    await settle();
    expect(measures()).toHaveLength(1);
    expect(measures()[0].detail).toEqual({ changed: false });
    stop();
    root.remove();
  });

  it('BeatToScreenProbe counts a gauge change with no beat pending as a late update', async () => {
    const root = gaugePage();
    const probe = new BeatToScreenProbe();
    const stop = probe.observeGauge(root);
    root.querySelector('.meter')!.textContent = '45';
    await settle();
    expect(measures()).toHaveLength(0);
    expect(performance.getEntriesByName(LATE_GAUGE_UPDATE_MARK)).toHaveLength(1);
    root.querySelector('.other')!.textContent = 'y';
    await settle();
    expect(performance.getEntriesByName(LATE_GAUGE_UPDATE_MARK)).toHaveLength(1);
    stop();
    root.remove();
  });
});

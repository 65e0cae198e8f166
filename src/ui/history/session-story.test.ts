import { describe, expect, it } from 'vitest';
import type { Beat, PartnerId } from '../../signal/types';
import type { BeatChunk, GateEntry, PacerEventRecord, SessionRecord } from '../../store';
import { pacedStretches, sessionStory, storyStepSec } from './session-story';

const AT = '2026-03-02T19:30:00.000Z';

function pacer(kind: PacerEventRecord['kind'], tSec: number, breathsPerMin = 6, segment = 0): PacerEventRecord {
  return { kind, breathsPerMin, tSec, segment, at: AT };
}

/** Beats whose RR swings ±80 ms at `breathsPerMin` around 1000 ms, for `durationSec`; heart rate only when `hrOnly`. */
function breathingBeats(breathsPerMin: number, durationSec: number, hrOnly = false): Beat[] {
  const beats: Beat[] = [];
  let t = 0;
  while (t < durationSec) {
    const rrMs = 1000 + 80 * Math.sin((2 * Math.PI * breathsPerMin * t) / 60);
    t += rrMs / 1000;
    beats.push({ tSec: t, rrMs: hrOnly ? null : rrMs, hrBpm: 60_000 / rrMs, afterGap: false });
  }
  return beats;
}

/** Cuts beats into stored chunks of at most 5 s. */
function chunks(partner: PartnerId, beats: readonly Beat[], segment = 0): BeatChunk[] {
  const out: BeatChunk[] = [];
  for (const beat of beats) {
    const open = out.at(-1);
    if (open && beat.tSec - open.startSec <= 5) {
      open.beats.push(beat);
      open.endSec = beat.tSec;
    } else {
      out.push({ sessionId: 's', partner, seq: out.length, segment, startSec: beat.tSec, endSec: beat.tSec, beats: [beat] });
    }
  }
  return out;
}

function gateEntry(state: GateEntry['state'], tSec: number, seq: number, segment = 0): GateEntry {
  return { sessionId: 's', seq, segment, tSec, at: AT, state, reasons: [] };
}

function session(events: PacerEventRecord[]): SessionRecord {
  return {
    id: 's',
    startedAt: AT,
    endedAt: AT,
    lastSavedAt: AT,
    status: 'closed',
    outcome: 'finished',
    source: 'replay',
    scenario: null,
    partnerNames: { a: 'Sam', b: 'Alex' },
    segments: 1,
    recordedSec: 300,
    marks: [],
    notes: '',
    pacer: events,
  };
}

const NO_FIGURES = { before: { a: null, b: null }, after: { a: null, b: null } };

describe('pacedStretches', () => {
  it('pacedStretches(events, segment, end) pairs each start or change of pace with the next event, and an open one with the end', () => {
    const events = [pacer('start', 10, 60 / 11), pacer('rate', 70), pacer('stop', 100), pacer('start', 200, 4.5)];
    expect(pacedStretches(events, 0, 250)).toEqual([
      { fromSec: 10, toSec: 70, breathsPerMin: 60 / 11 },
      { fromSec: 70, toSec: 100, breathsPerMin: 6 },
      { fromSec: 200, toSec: 250, breathsPerMin: 4.5 },
    ]);
  });

  it('pacedStretches() reads one segment only and ignores empty stretches', () => {
    const events = [pacer('start', 0, 6, 0), pacer('stop', 0, 6, 0), pacer('start', 5, 6, 1)];
    expect(pacedStretches(events, 0, 50)).toEqual([]);
    expect(pacedStretches(events, 1, 50)).toEqual([{ fromSec: 5, toSec: 50, breathsPerMin: 6 }]);
  });
});

describe('storyStepSec', () => {
  it('storyStepSec(span, base, max) keeps the base step while the span fits in max readings, else the next multiple that does', () => {
    expect(storyStepSec(1200, 10, 120)).toBe(10);
    expect(storyStepSec(1201, 10, 120)).toBe(20);
    expect(storyStepSec(7200, 10, 120)).toBe(60);
    expect(storyStepSec(0, 5, 240)).toBe(5);
  });
});

describe('sessionStory', () => {
  const a = breathingBeats(6, 300);
  const b = breathingBeats(15, 300);
  const beatChunks = [...chunks('a', a), ...chunks('b', b)];
  const gate = [gateEntry('settling', 1, 0), gateEntry('ready', 240, 1)];

  it('sessionStory() counts the time a partner breathing at the pacer’s 6/min follows it, and none for one breathing at 15/min', () => {
    const story = sessionStory(session([pacer('start', 0), pacer('stop', 300)]), NO_FIGURES, beatChunks, gate);
    expect(story.pacedSec).toBe(300);
    // Readings need 64 s of beats: from about the 65th second on, every 5 s reading follows.
    expect(story.partners.a.followingSec).toBeGreaterThanOrEqual(200);
    expect(story.partners.a.followingSec).toBeLessThanOrEqual(240);
    expect(story.partners.b.followingSec).toBe(0);
  });

  it('sessionStory() says when the gate first found both calm', () => {
    const story = sessionStory(session([]), NO_FIGURES, beatChunks, gate);
    expect(story.bothCalm).toEqual({ segment: 0, tSec: 240 });
    expect(sessionStory(session([]), NO_FIGURES, beatChunks, gate.slice(0, 1)).bothCalm).toBeNull();
  });

  it('sessionStory() cannot tell whether a heart-rate-only partner followed the pacer', () => {
    const story = sessionStory(
      session([pacer('start', 0)]),
      NO_FIGURES,
      [...chunks('a', a), ...chunks('b', breathingBeats(6, 300, true))],
      gate,
    );
    expect(story.partners.b).toMatchObject({ followingSec: null, hrOnly: true });
    expect(story.partners.a.hrOnly).toBe(false);
  });

  it('sessionStory() gives co-regulation readings every 10 s, unknown while the heart rates are too short to compare', () => {
    const story = sessionStory(session([]), NO_FIGURES, beatChunks, gate);
    // The last beat falls just after 300 s: readings at 10, 20, …, 300 s.
    expect(story.coregulation.map((p) => p.tSec)).toEqual(Array.from({ length: 30 }, (_, i) => 10 * (i + 1)));
    // A reading needs the synchrony's span of both heart rates (145 s): none before, one every time after.
    expect(story.coregulation.filter((p) => p.tSec < 140).every((p) => p.state === 'unknown' && p.r === null)).toBe(true);
    expect(story.coregulation.filter((p) => p.tSec >= 150).every((p) => p.r !== null)).toBe(true);
    expect(story.coregulationSec.unknown).toBeGreaterThanOrEqual(130);
  });

  it('sessionStory() turns the summary’s RMSSD into lnRMSSD', () => {
    const figures = { hrBpm: 80, rmssdMs: Math.E ** 3, breathsPerMin: 12, tSec: 60 };
    const story = sessionStory(session([]), { before: { a: figures, b: null }, after: { a: null, b: null } }, beatChunks, gate);
    expect(story.partners.a.before?.lnRmssd).toBeCloseTo(3, 12);
    expect(story.partners.b.before).toBeNull();
  });
});

/**
 * The session's story on screen: each partner before and after, minutes until both were calm, time
 * following the pacer, and the co-regulation over the session as a chart (chart.js) with the same
 * in words. Wording stays humble: a link between heart rates is a correlation beyond chance, not a
 * judgement, and a link while someone was stirred up is shown neutrally.
 */
import { useEffect, useRef } from 'react';
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { cssVar, pastChartLook } from '../common/chart-theme';
import type { CoregulationState } from '../../signal/synchrony';
import { PARTNERS, type PartnerId } from '../../signal/types';
import { summarizeSession, type SessionSummary } from '../../store';
import type { AttuneStore, SessionRecord } from './store-types';
import { formatDuration, formatValue } from './history-format';
import { sessionStory, type CoregulationPoint, type SessionStory, type StoryFigures } from './session-story';
import { useAsync } from '../common/use-async';
import { WideTable } from './wide-table';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

const STATE_WORDS: Record<CoregulationState, string> = {
  together: 'calming together',
  'linked-aroused': 'linked while one of you was stirred up',
  apart: 'each at your own pace',
  unknown: "can't tell",
};

const STATE_COLOURS: Record<CoregulationState, [string, string]> = {
  together: ['--ready', '#8fd1a8'],
  'linked-aroused': ['--muted', '#a7b0b9'],
  apart: ['--border', '#5a6275'],
  unknown: ['--surface-2', '#2c353e'],
};

const minutes = (sec: number): number => Math.round((sec / 60) * 10) / 10;

/** Minutes along the whole session: later segments follow the earlier ones on the chart. */
function along(points: readonly CoregulationPoint[]): number[] {
  let offset = 0;
  let lastSegment = -1;
  let lastSec = 0;
  return points.map((p) => {
    if (p.segment !== lastSegment) {
      offset += lastSegment === -1 ? 0 : lastSec;
      lastSegment = p.segment;
    }
    lastSec = p.tSec;
    return minutes(offset + p.tSec);
  });
}

function CoregulationChart({ story }: { story: SessionStory }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const points = story.coregulation;
  const key = JSON.stringify(points.map((p) => [p.segment, p.tSec, p.state, p.r]));

  useEffect(() => {
    const element = canvas.current;
    // No 2D context (old browser, or a test DOM): the words below carry the story.
    if (!element || !element.getContext('2d') || points.length === 0) return undefined;
    const { text, grid, options } = pastChartLook();
    const x = along(points);
    const colours = points.map((p) => cssVar(...STATE_COLOURS[p.state]));
    const chart = new Chart(element, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Link between heart rates (r)',
            data: points.map((p, i) => ({ x: x[i]!, y: p.r })),
            borderColor: text,
            borderWidth: 1,
            pointBackgroundColor: colours,
            pointBorderColor: colours,
            pointRadius: 3,
            spanGaps: false,
          },
          {
            label: 'What chance alone reaches',
            data: points.map((p, i) => ({ x: x[i]!, y: p.threshold })),
            borderColor: grid,
            borderDash: [4, 4],
            borderWidth: 1,
            pointRadius: 0,
            spanGaps: false,
          },
        ],
      },
      options: {
        ...options,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'minutes', color: text }, ticks: { color: text }, grid: { color: grid } },
          y: { min: -1, max: 1, title: { display: true, text: 'r', color: text }, ticks: { color: text }, grid: { color: grid } },
        },
      },
    });
    return () => chart.destroy();
    // The chart is rebuilt only when its points change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const words = (['together', 'linked-aroused', 'apart', 'unknown'] as const)
    .filter((state) => story.coregulationSec[state] > 0)
    .map((state) => `${STATE_WORDS[state]} ${formatDuration(story.coregulationSec[state])}`)
    .join('; ');
  return (
    <figure className="history-chart story-chart">
      <figcaption>Co-regulation over the session</figcaption>
      <div className="history-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Co-regulation over the session: ${words || 'no readings'}`} />
      </div>
      <p className="history-hint">
        {words ? `${words[0]!.toUpperCase()}${words.slice(1)}.` : 'Not enough of both heart rates to tell.'} A link is counted only when
        your heart rates moved together more than chance would give (the dashed line); it says nothing about who did well.
      </p>
    </figure>
  );
}

function FiguresCells({ f }: { f: StoryFigures | null }) {
  return (
    <>
      <td>{formatValue(f?.hrBpm, 0)}</td>
      <td>{formatValue(f?.lnRmssd, 2)}</td>
      <td>{formatValue(f?.breathsPerMin, 1)}</td>
    </>
  );
}

function following(story: SessionStory, id: PartnerId): string {
  const partner = story.partners[id];
  if (story.pacedSec === 0) return 'the pacer was not used';
  if (partner.followingSec === null) return "can't tell (heart rate only)";
  return `${formatDuration(partner.followingSec)} of ${formatDuration(story.pacedSec)} with the pacer`;
}

/** The story of a computed session, for the history and the reflection. */
export function StoryView({ story, names }: { story: SessionStory; names: Readonly<Record<PartnerId, string>> }) {
  return (
    <section className="story" aria-label="The session’s story" data-testid="session-story">
      <p>
        {story.bothCalm === null
          ? 'The gate did not find you both calm in this session.'
          : `Both calm after ${formatDuration(story.bothCalm.tSec)}${story.bothCalm.segment > 0 ? ' (after resuming)' : ''}.`}
      </p>
      <WideTable label="Each of you before and after">
        <table className="history-table">
          <caption>Each of you before and after</caption>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">When</th>
              <th scope="col">Heart rate (beats/min)</th>
              <th scope="col">lnRMSSD (ln ms)</th>
              <th scope="col">Breathing (/min)</th>
              <th scope="col">Following the pacer</th>
            </tr>
          </thead>
          <tbody>
            {PARTNERS.flatMap((id) => [
              <tr key={`${id}-before`}>
                <th scope="row" rowSpan={2}>
                  {names[id]}
                </th>
                <td>before</td>
                <FiguresCells f={story.partners[id].before} />
                <td rowSpan={2}>{following(story, id)}</td>
              </tr>,
              <tr key={`${id}-after`}>
                <td>after</td>
                <FiguresCells f={story.partners[id].after} />
              </tr>,
            ])}
          </tbody>
        </table>
      </WideTable>
      <CoregulationChart story={story} />
    </section>
  );
}

/** Reads a session's figures, gate and routine runs from the store and summarises them. */
async function readSummary(store: AttuneStore, session: SessionRecord): Promise<SessionSummary> {
  const [metrics, gate, runs] = await Promise.all([
    store.recordings.metricChunks(session.id),
    store.recordings.gate(session.id),
    store.routineRuns.list(session.id),
  ]);
  return summarizeSession(session, metrics, gate, runs);
}

/**
 * Loads a stored session and tells its story.
 * @param summary - the session's summary when the caller has read it already (History's details):
 *   then only the beats are read
 */
export function SessionStoryPanel({ store, session, summary }: { store: AttuneStore; session: SessionRecord; summary?: SessionSummary }) {
  const story = useAsync(async () => {
    const [beats, known] = await Promise.all([store.recordings.beatChunks(session.id), summary ?? readSummary(store, session)]);
    return sessionStory(session, known, beats, known.gate);
  }, `${session.id}-${session.lastSavedAt}`);
  if (story.error)
    return (
      <p role="alert" className="history-error">
        {story.error}
      </p>
    );
  if (!story.data) return <p className="history-hint">Reading the session…</p>;
  return <StoryView story={story.data} names={session.partnerNames} />;
}

/**
 * The story of the session just ended, shown after the routine. Its last data reach the store as
 * the recording closes, so it is read again once the session's record says it is closed.
 */
export function EndedSessionStory({ store, sessionId }: { store: AttuneStore; sessionId: string }) {
  const session = useAsync(async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const record = await store.sessions.get(sessionId);
      if (!record || record.status === 'closed') return record ?? null;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return (await store.sessions.get(sessionId)) ?? null;
  }, sessionId);
  if (session.error || session.data === null) return null;
  if (!session.data) return <p className="history-hint">Reading the session…</p>;
  return (
    <section className="story-ended" aria-labelledby="story-ended-heading">
      <h2 id="story-ended-heading">How this session went</h2>
      <SessionStoryPanel store={store} session={session.data} />
    </section>
  );
}

import { useEffect, useState } from 'react';

/** Gottman's guidance: physiological flooding takes at least 20 minutes to wear off. */
export const BREAK_DURATION_SEC = 20 * 60;

export interface BreakTimerProps {
  /** Names of the partners who are flooded, for the heading ("Sam is flooded"). */
  readonly floodedNames: readonly string[];
  /** How much faster than real time the break runs (demo `speed`); 1 for real sessions. */
  readonly speed?: number;
  /** Wall clock in ms, injectable for tests; defaults to `performance.now`. */
  readonly nowMs?: () => number;
  /** Called when the partners end the break (either at zero or early). */
  readonly onEnd?: () => void;
}

/** A stable default, so re-renders do not restart the ticking. */
const wallClockMs = (): number => performance.now();

function formatClock(totalSec: number): string {
  const sec = Math.max(0, Math.ceil(totalSec));
  const minutes = Math.floor(sec / 60);
  const seconds = sec % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

/**
 * The 20-minute break offered instead of a routine when a partner is flooded: a countdown that
 * starts at once, a suggestion for self-soothing, and a way to end it. The countdown is a
 * `role="timer"` (not announced every second); only its start and end are announced.
 */
export function BreakTimer({ floodedNames, speed = 1, nowMs = wallClockMs, onEnd }: BreakTimerProps) {
  const [startedAtMs, setStartedAtMs] = useState(() => nowMs());
  const [nowSnapshotMs, setNowSnapshotMs] = useState(startedAtMs);
  const elapsedSec = ((nowSnapshotMs - startedAtMs) / 1000) * speed;
  const remainingSec = Math.max(0, BREAK_DURATION_SEC - elapsedSec);
  const done = remainingSec <= 0;

  useEffect(() => {
    if (done) return undefined;
    const id = setInterval(() => setNowSnapshotMs(nowMs()), Math.max(50, 1000 / speed));
    return () => clearInterval(id);
  }, [done, nowMs, speed]);

  const who = floodedNames.length === 0 ? 'One of you' : floodedNames.join(' and ');
  const verb = floodedNames.length > 1 ? 'are' : 'is';
  const progress = 1 - remainingSec / BREAK_DURATION_SEC;

  return (
    <section className="break-timer" data-testid="break-timer" aria-labelledby="break-timer-heading">
      <h2 id="break-timer-heading">Time for a 20-minute break</h2>
      <p>
        {who} {verb} flooded: the body is in fight-or-flight, and talking now tends to make things worse. That is nobody&rsquo;s fault. Take
        a break apart and come back when the timer ends.
      </p>
      <div className="break-timer__clock">
        <span role="timer" aria-label="Break time left" className="break-timer__digits">
          {formatClock(remainingSec)}
        </span>
        <progress max={1} value={progress} aria-label="Break progress" />
      </div>
      <p aria-live="polite" className="break-timer__status">
        {done ? 'The break is over. Check in with each other when you are both ready.' : ''}
      </p>
      <h3>While you wait</h3>
      <ul className="break-timer__ideas">
        <li>Breathe slowly: in for 4, out for 6. Longer out-breaths calm the heart.</li>
        <li>Do something soothing on your own: a short walk, a shower, music, a book.</li>
        <li>Try not to replay the argument or plan your reply; that keeps the body on alert.</li>
      </ul>
      <div className="break-timer__actions">
        <button
          type="button"
          onClick={() => {
            const t = nowMs();
            setStartedAtMs(t);
            setNowSnapshotMs(t);
          }}
        >
          Restart the timer
        </button>
        {onEnd ? (
          <button type="button" onClick={onEnd}>
            {done ? 'Close' : 'End the break early'}
          </button>
        ) : null}
      </div>
    </section>
  );
}

import { memo, useEffect, useRef, useState } from 'react';
import { breathingAtPace, pacerAt, type BreathPhase, type Chime, type SpeechGuide } from '../../routines';
import type { PacerState } from '../../session/shared-pacer';

/** How often the circle and the count refresh, ms; the timing itself comes from timestamps. */
const REFRESH_MS = 250;

export const PHASE_WORDS: Record<BreathPhase, string> = { in: 'Breathe in', hold: 'Hold', out: 'Breathe out' };
const SPOKEN_PHASE: Record<BreathPhase, string> = { in: 'In', hold: 'Hold', out: 'Out' };

/**
 * Gentle vibration at the start of each in- and out-breath, ms: one short pulse to breathe in, two
 * shorter ones to breathe out, so the two can be told apart with eyes closed. Nothing on the hold.
 */
export const VIBRATION_MS: Record<'in' | 'out', number | number[]> = { in: 40, out: [20, 120, 20] };

/** Whether this device can vibrate (Vibration API; phones with Chrome, not iOS Safari or desktops). */
export function vibrationAvailable(): boolean {
  return typeof globalThis.navigator?.vibrate === 'function';
}

/** "5.5 breaths a minute" for the words; the attribute keeps two decimals. */
export function paceWords(breathsPerMin: number): string {
  return `${String(Math.round(breathsPerMin * 10) / 10)} breaths a minute`;
}

/** What marks the breaths besides the circle: a chime, a spoken count, a vibration. Null: silent. */
export interface PacerCues {
  readonly chime: Chime | null;
  readonly voice: SpeechGuide | null;
  readonly vibrate: boolean;
}

export const SILENT: PacerCues = { chime: null, voice: null, vibrate: false };

/**
 * The moving part: a circle that grows on the in-breath and shrinks on the out-breath, with the
 * phase and the count in words. Under reduced motion the circle is not shown and the words carry
 * the pace. It re-renders four times a second while running, alone; the chime, the spoken count
 * and the vibration follow the phases and seconds. `focus` draws it large, for the focus view
 * (the circle's box, `pacer-orb`, keeps its size; the circle inside it breathes).
 */
function PacerVisual({ state, cues, focus = false }: { state: PacerState; cues: PacerCues; focus?: boolean }) {
  const [nowMs, setNowMs] = useState(() => Date.now());
  const lastCue = useRef<string | null>(null);
  const running = state.running && state.sinceMs !== null;

  useEffect(() => {
    if (!running) return undefined;
    const refresh = () => setNowMs(Date.now());
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [running]);

  const pattern = breathingAtPace(state.breathsPerMin);
  const reading = running ? pacerAt(nowMs - (state.sinceMs ?? nowMs), pattern) : null;
  const cue = reading ? `${reading.cycle}:${reading.phase}:${reading.count}` : null;

  // One cue per second of the count: the chime and vibration at each new phase, the spoken count on every second.
  useEffect(() => {
    if (!reading || cue === lastCue.current) return;
    const newPhase = lastCue.current === null || reading.count === 1;
    lastCue.current = cue;
    if (newPhase) {
      cues.chime?.play();
      if (cues.vibrate && reading.phase !== 'hold' && vibrationAvailable()) navigator.vibrate(VIBRATION_MS[reading.phase]);
    }
    cues.voice?.speak([reading.count === 1 ? SPOKEN_PHASE[reading.phase] : String(reading.count)]);
  });
  useEffect(() => {
    if (!running) lastCue.current = null;
  }, [running]);

  const base = focus ? 'pacer-focus' : 'together-pacer';
  if (!reading) {
    return (
      <div className={`${base}__visual`} data-phase="rest">
        <p className={`${base}__words`}>Pacer off. Start it to breathe at {paceWords(state.breathsPerMin)} together.</p>
      </div>
    );
  }
  const phaseSec = { in: pattern.inSec, hold: pattern.holdSec, out: pattern.outSec }[reading.phase];
  const scale = reading.phase === 'out' ? 0.55 : 1;
  const circle = (
    <div
      className={`${base}__circle`}
      aria-hidden="true"
      style={{ transform: `scale(${scale})`, transition: `transform ${phaseSec}s ease-in-out` }}
    />
  );
  return (
    <div className={`${base}__visual`} data-phase={reading.phase}>
      {focus ? (
        <div className="pacer-focus__orb" data-testid="pacer-orb" aria-hidden="true">
          {circle}
        </div>
      ) : (
        circle
      )}
      <p className={`${base}__words`}>
        <strong>{PHASE_WORDS[reading.phase]}</strong>{' '}
        <span>
          {reading.count} of {reading.of}
        </span>
      </p>
    </div>
  );
}

export const StablePacerVisual = memo(PacerVisual);

import { pacerAt, type Breathing } from '../../routines';
import { useReducedMotion } from './use-reduced-motion';

const PHASE_WORD = { in: 'Breathe in', hold: 'Hold', out: 'Breathe out' } as const;

export interface BreathingPacerProps {
  readonly elapsedMs: number;
  readonly pattern: Breathing;
  /** When false the circle rests (paused, stopped). */
  readonly moving: boolean;
}

/**
 * The 4-1-6 pacer: a circle that grows on the in-breath and shrinks on the out-breath, with the count
 * in words beside it. Under reduced motion the circle stays still and the words carry the pace.
 */
export function BreathingPacer({ elapsedMs, pattern, moving }: BreathingPacerProps) {
  const reducedMotion = useReducedMotion();
  const reading = pacerAt(elapsedMs, pattern);
  const cycles = pattern.cycles;
  if (!reading.active) {
    return (
      <div className="rt-pacer" data-phase="rest">
        <p className="rt-pacer-words">Breathe naturally now.</p>
      </div>
    );
  }
  const phaseSec = { in: pattern.inSec, hold: pattern.holdSec, out: pattern.outSec }[reading.phase];
  const animate = moving && !reducedMotion;
  // Each phase sets its end size and a transition as long as the phase, so the circle moves smoothly
  // between the 4 Hz re-renders; the text is the same either way.
  const scale = reading.phase === 'out' ? 0.55 : 1;
  const style = animate ? { transform: `scale(${scale})`, transition: `transform ${phaseSec}s ease-in-out` } : { transform: 'scale(0.8)' };
  return (
    <div className="rt-pacer" data-phase={reading.phase} data-motion={animate ? 'on' : 'off'}>
      <div className="rt-pacer-circle" aria-hidden="true" style={style} />
      <p className="rt-pacer-words">
        <strong>{PHASE_WORD[reading.phase]}</strong>{' '}
        <span>
          {reading.count} of {reading.of}
        </span>
        {cycles !== undefined ? (
          <span className="rt-muted">
            {' '}
            · breath {reading.cycle + 1} of {cycles}
          </span>
        ) : null}
      </p>
    </div>
  );
}

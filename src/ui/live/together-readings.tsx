import type { Observable } from 'rxjs';
import type { CoregulationView, RhythmView } from '../../session/together-state';
import { formatPace } from '../../session/shared-pacer';
import { useObservable } from './use-observable';

/** What the screen says of a partner's rhythm: only "following" when that is clear, else "can't tell". */
export function describeRhythm(view: RhythmView): { label: string; detail: string } {
  if (view.pacerPerMin === null) {
    return { label: 'Pacer off', detail: 'Start the pacer to see whether the heartbeat follows it.' };
  }
  if (view.hrOnly) {
    return { label: "Can't tell", detail: 'This device sends heart rate only; following the pacer needs beat-to-beat intervals.' };
  }
  switch (view.state) {
    case 'following':
      return {
        label: 'Following the pacer',
        detail: `The heartbeat's slow rhythm sits at the pacer's ${formatPace(view.pacerPerMin)} a minute.`,
      };
    case 'not-following':
      return { label: 'Not with the pacer right now', detail: "The heartbeat's slow rhythm is elsewhere. No need to force it." };
    case 'unknown':
      return {
        label: "Can't tell",
        detail:
          view.coherence === null ? 'Needs about a minute of steady, clean beats.' : 'The rhythm is not clear enough to say either way.',
      };
  }
}

/** One partner's rhythm against the shared pacer; sits inside the partner's region. */
export function RhythmReading({ rhythm$, initial }: { rhythm$: Observable<RhythmView>; initial: RhythmView }) {
  const view = useObservable(rhythm$, initial);
  const { label, detail } = describeRhythm(view);
  return (
    <div className="rhythm" data-testid="rhythm" data-state={view.state}>
      <p className="rhythm__label">
        <span className="rhythm__title">Breathing rhythm: </span>
        <strong>{label}</strong>
      </p>
      <p className="rhythm__detail">{detail}</p>
    </div>
  );
}

/** The shared co-regulation reading in words, framed by state: linkage is not always good. */
export function describeCoregulation(view: CoregulationView): { label: string; detail: string } {
  switch (view.state) {
    case 'together':
      return {
        label: 'Calming together',
        detail: 'Your heart rates rise and fall together more than chance would give, while you are both calm.',
      };
    case 'linked-aroused':
      return {
        label: 'Heart rates linked',
        detail: 'Your heart rates are moving together while one of you is still stirred up. That is common; it is not a goal in itself.',
      };
    case 'apart':
      return { label: 'Each at your own pace', detail: 'No link between your heart rates beyond chance right now. That is normal.' };
    case 'unknown':
      return { label: "Can't tell yet", detail: 'Needs about two and a half minutes of both heart rates on the same timeline.' };
  }
}

/** The pair's co-regulation: one reading for both partners; it never changes what opens the gate. */
export function CoregulationReading({
  coregulation$,
  initial,
}: {
  coregulation$: Observable<CoregulationView>;
  initial: CoregulationView;
}) {
  const view = useObservable(coregulation$, initial);
  const { label, detail } = describeCoregulation(view);
  return (
    <div className={`coregulation coregulation--${view.state}`} data-testid="coregulation" data-state={view.state}>
      <p className="coregulation__label" aria-live="polite" aria-atomic="true">
        <span className="coregulation__title">The two of you: </span>
        <strong>{label}</strong>
      </p>
      <p className="coregulation__detail">{detail}</p>
    </div>
  );
}

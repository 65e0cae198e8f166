import type { ReactNode } from 'react';
import { ActionBar, ScreenFrame } from '../screen-frame';

export interface WelcomeScreenProps {
  readonly focusOnShow: boolean;
  readonly onBegin: () => void;
  /** A calm check at a quiet moment: a short reading each, to learn the couple's usual calm. */
  readonly onCalmCheck?: () => void;
  /** Offered above the promise when an earlier session was left unfinished (the store's prompt). */
  readonly resume?: ReactNode;
  /** Offered above the promise on or after a check-in day (the history's gentle reminder). */
  readonly checkIn?: ReactNode;
  /** Today's planned rituals or the next one (the weekly plan's card). */
  readonly practice?: ReactNode;
}

/**
 * The first screen: what Attune does, the privacy promise in plain words, what is needed, and one
 * way on.
 */
export function WelcomeScreen({ focusOnShow, onBegin, onCalmCheck, resume, checkIn, practice }: WelcomeScreenProps) {
  return (
    <ScreenFrame
      title="Attune"
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          primary={
            <button type="button" className="primary" onClick={onBegin}>
              Begin
            </button>
          }
          hint="Next: connect your heart-rate straps, or go without them."
        />
      }
    >
      {resume}
      {checkIn}
      <p className="lead">
        After a fight, talking too soon tends to make things worse. Attune waits with you until both of your bodies have calmed down, then
        guides a short, gentle way back to each other.
      </p>
      {practice}
      {onCalmCheck ? (
        <section className="card" aria-labelledby="calm-check-heading">
          <h2 id="calm-check-heading">A calm check</h2>
          <p>
            At any quiet moment (mornings are best, before coffee), sit still for two minutes each. Every calm check teaches Attune what
            calm looks like for you; after three, it knows your usual calm.
          </p>
          <button type="button" onClick={onCalmCheck}>
            Take a calm check
          </button>
        </section>
      ) : null}
      <section className="card" aria-labelledby="promise-heading">
        <h2 id="promise-heading">Our promise</h2>
        <ul className="promise">
          <li>Everything stays on this device. Nothing is sent anywhere: no account, no cloud, no tracking.</li>
          <li>You can export or delete all of it at any time, in History.</li>
          <li>Attune is not a medical device. If either of you feels unsafe, stop and get help.</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="need-heading">
        <h2 id="need-heading">What you need</h2>
        <p>
          Ten quiet minutes, and ideally a chest strap or watch each that shares heart rate over Bluetooth. No straps? You can check in by
          hand, or try the simulator first.
        </p>
      </section>
    </ScreenFrame>
  );
}

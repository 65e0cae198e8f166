/**
 * After a first session (or one after a partner deleted their baseline): the offer to keep the calm
 * end of the session — the last two minutes that partner spent near calm — as their first calm
 * reading. Offered only when it passed the checks (still settling, the flooding line); otherwise
 * the one sentence saying why it was not offered. Nothing is kept without the partner's say.
 */
import { useId, useState } from 'react';
import type { CalmEndOffer } from '../../session/partner-readings';
import type { AttuneStore, PartnerId } from './store-types';
import { PARTNERS } from '../../signal/types';

export interface FirstReadingOfferProps {
  readonly store: AttuneStore;
  readonly offers: Readonly<Record<PartnerId, CalmEndOffer | null>>;
  readonly names: Readonly<Record<PartnerId, string>>;
}

function OfferFor({ store, offer, partner, name }: { store: AttuneStore; offer: CalmEndOffer; partner: PartnerId; name: string }) {
  const [state, setState] = useState<{ kind: 'asking' } | { kind: 'saving' } | { kind: 'kept' } | { kind: 'error'; text: string }>({
    kind: 'asking',
  });
  if (!offer.ok) {
    return <p className="history-hint">{`${name}: the calm end of this session was not kept as a first reading. ${offer.message}`}</p>;
  }
  const { reading } = offer.stored;
  const figures = [`heart rate ${Math.round(reading.hrBpm)}`];
  if (reading.lnRmssd !== null) figures.push(`HRV ${Math.round(Math.exp(reading.lnRmssd))} ms`);
  if (state.kind === 'kept') {
    return (
      <p role="status" className="history-status">
        Kept as {name}’s first calm reading — learning (1 of 3).
      </p>
    );
  }
  return (
    <div className="first-reading">
      <p>
        {name} settled near calm by the end ({figures.join(', ')}). Keep its last two minutes as {name}’s first calm reading?
      </p>
      <button
        type="button"
        disabled={state.kind === 'saving'}
        onClick={() => {
          setState({ kind: 'saving' });
          store.readings.add(partner, reading, offer.stored.verdict).then(
            () => setState({ kind: 'kept' }),
            (error: unknown) => setState({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
          );
        }}
      >
        Keep as {name}’s first reading
      </button>
      {state.kind === 'error' ? (
        <p role="alert" className="history-error">
          {state.text}
        </p>
      ) : null}
    </div>
  );
}

/** The offers for both partners, or nothing when neither has one. */
export function FirstReadingOffer({ store, offers, names }: FirstReadingOfferProps) {
  const headingId = useId();
  const partners = PARTNERS.filter((p) => offers[p] !== null);
  if (partners.length === 0) return null;
  return (
    <section className="card first-readings" aria-labelledby={headingId}>
      <h2 id={headingId}>A first calm reading</h2>
      <p className="history-hint">
        This time Attune judged you by how you settled, not by your usual calm. The calm end of tonight can start your baseline.
      </p>
      {partners.map((p) => (
        <OfferFor key={p} store={store} offer={offers[p]!} partner={p} name={names[p]} />
      ))}
    </section>
  );
}

// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createStore, type AttuneStore } from '../../store';
import type { CalmReading } from '../../signal/calm-reading';
import { ReadingsList } from './readings-list';
import { FirstReadingOffer } from './first-reading-offer';

afterEach(cleanup);

const reading: CalmReading = {
  recordedAt: '2026-03-01T07:30:00.000Z',
  device: 'Polar H10',
  kind: 'calm-check',
  demo: false,
  hrOnly: false,
  durationSec: 120,
  hrBpm: 61.6,
  lnRmssd: Math.log(45),
  lnRmssdSd: 0.1,
  breathsPerMin: 11,
  firstMinute: { hrBpm: 62, lnRmssd: Math.log(44) },
  lastMinute: { hrBpm: 61, lnRmssd: Math.log(46) },
};
const refusal = 'Your heart rate was still coming down (from 84 to 76 bpm), so this reading was not used as your calm.';

function newStore(): AttuneStore {
  return createStore({ name: `readings-${Math.random()}`, now: () => new Date('2026-03-02T19:30:00Z') });
}

describe('ReadingsList', () => {
  it('lists each partner’s readings, newest first, with kind, heart rate, RMSSD and whether it counts', async () => {
    const store = newStore();
    await store.partners.rename('a', 'Sam');
    await store.readings.add('a', reading, { accepted: true });
    await store.readings.add(
      'a',
      { ...reading, kind: 'calibration', recordedAt: '2026-03-02T21:00:00.000Z', hrBpm: 80, lnRmssd: Math.log(20) },
      { accepted: false, problem: { kind: 'hr-falling', firstBpm: 84, lastBpm: 76 }, message: refusal },
    );
    render(<ReadingsList store={store} />);
    const section = await screen.findByRole('region', { name: 'Calm readings' });
    const sam = await within(section).findByRole('region', { name: 'Sam' });
    const table = await within(sam).findByRole('table', { name: 'Sam’s calm readings, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(1)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Calibration', '80 bpm', '20 ms', `Refused: ${refusal}`],
      ['Calm check', '62 bpm', '45 ms', 'Accepted'],
    ]);
    expect(sam.textContent).toContain('1 accepted of 2 — learning (1 of 3).');
    const alex = within(section).getByRole('region', { name: 'Partner B' });
    expect(alex.textContent).toContain('No readings yet.');
  });
});

describe('FirstReadingOffer', () => {
  it('offers the calm end as a first reading, keeps it on request, and says why another was not offered', async () => {
    const store = newStore();
    render(
      <FirstReadingOffer
        store={store}
        names={{ a: 'Sam', b: 'Alex' }}
        offers={{
          a: { ok: true, stored: { reading: { ...reading, kind: 'session-end' }, verdict: { accepted: true } } },
          b: { ok: false, message: refusal },
        }}
      />,
    );
    const offer = screen.getByRole('region', { name: 'A first calm reading' });
    expect(offer.textContent).toContain('Sam settled near calm by the end (heart rate 62, HRV 45 ms).');
    expect(offer.textContent).toContain(`Alex: the calm end of this session was not kept as a first reading. ${refusal}`);
    fireEvent.click(within(offer).getByRole('button', { name: 'Keep as Sam’s first reading' }));
    await waitFor(() =>
      expect(within(offer).getByRole('status').textContent).toBe('Kept as Sam’s first calm reading — learning (1 of 3).'),
    );
    expect((await store.readings.history('a')).map((r) => [r.reading.kind, r.verdict.accepted])).toEqual([['session-end', true]]);
    expect(await store.readings.history('b')).toEqual([]);
  });

  it('shows nothing when neither partner has a calm end to offer', () => {
    const { container } = render(<FirstReadingOffer store={newStore()} names={{ a: 'Sam', b: 'Alex' }} offers={{ a: null, b: null }} />);
    expect(container.textContent).toBe('');
  });
});

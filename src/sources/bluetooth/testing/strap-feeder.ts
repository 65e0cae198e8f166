import type { FakeStrap } from './fake-bluetooth';

/**
 * Feeds a fake strap from an RR series the way a real strap notifies: once a second, one packet
 * with the RR intervals of the beats that ended during that second (none when no beat did).
 * Beats due while nobody listens are lost, as they are with a real strap.
 */
export interface StrapFeeder {
  /** Sends every packet due up to `sec` seconds of feeding time. */
  feedUntil(sec: number): void;
  /** Packets sent while the page was listening. */
  readonly delivered: number;
}

export function createStrapFeeder(
  strap: FakeStrap,
  series: { readonly tSec: readonly number[]; readonly rrMs: readonly number[] },
): StrapFeeder {
  let second = 0;
  let index = 0;
  let delivered = 0;
  return {
    feedUntil(sec) {
      while (second + 1 <= sec) {
        second += 1;
        const rr: number[] = [];
        while (index < series.tSec.length && series.tSec[index] < second) {
          rr.push(series.rrMs[index]);
          index += 1;
        }
        if (rr.length > 0 && strap.sendRr(rr)) delivered += 1;
      }
    },
    get delivered() {
      return delivered;
    },
  };
}

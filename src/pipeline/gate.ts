/**
 * `combineGate`: the two-person readiness gate as a stream (DESIGN.md, Readiness gate).
 */
import { Observable } from 'rxjs';
import type { PartnerReadiness } from '../signal/readiness';
import { type PartnerId, PARTNERS } from '../signal/types';
import { initialGate, stepGate, type GateOptions, type GateStatus } from './gate-machine';
import { READINESS_PARAMS } from '../signal/readiness-params';
import { shareLatest } from './readiness-share';

export type { GateOptions, GateReason, GateState, GateStatus } from './gate-machine';

/**
 * Combines two partners' readiness into gate statuses: `ready` once both have been near baseline
 * continuously for `dwellSec` (30 s); it leaves `ready` only after a partner has been `out` for
 * `hysteresisSec` (15 s); `flooded` if either is flooded; otherwise `no-signal`, `calibrating` or
 * `settling`, in that order. Missing data (no update yet, no signal, calibrating) is never `ready`.
 *
 * **Event time.** Updates of the two partners are merged in event-time order before they reach the
 * gate: an update is held until the other partner has reported the same or a later time, or has
 * finished. A partner that may stay silent for long (not heard from yet, or `no-signal`) holds the
 * other back only by `quietLagSec` (5 s) of the other's event time. The gate's transitions
 * therefore depend only on the two partners' timelines, not on how their updates interleave on the
 * wall clock — a recording replayed at 1× or 50× gives the same transitions at the same event
 * times. The cost is latency: one beat of the other partner, or `quietLagSec` while it is silent.
 * Updates at exactly the same event time are taken in arrival order.
 * Both partners' `tSec` must share an origin (the app starts both sources together; live straps
 * re-anchor to the wall clock after a gap).
 *
 * One status is emitted per processed update, plus one at the exact event time of each timed
 * transition (dwell complete, hysteresis expired). Consumers that only want changes can apply
 * `distinctUntilChanged((x, y) => x.state === y.state)`.
 *
 * **Sharing.** The result is shared: one gate runs while at least one subscriber listens; a late
 * subscriber first receives the latest status; when the last one unsubscribes the gate and its
 * subscriptions to `a$` and `b$` are torn down, and a new subscriber starts a fresh gate. Errors and
 * completion of the inputs are passed on (the gate completes when both inputs complete).
 *
 * @param a$ - readiness of partner a (`createPartnerPipeline(...).readiness$`).
 * @param b$ - readiness of partner b.
 * @param options - dwell and hysteresis, seconds; default `READINESS_PARAMS`.
 */
export function combineGate(
  a$: Observable<PartnerReadiness>,
  b$: Observable<PartnerReadiness>,
  options: GateOptions = {},
): Observable<GateStatus> {
  return gateInEventTime(a$, b$, options).pipe(shareLatest());
}

interface Lane {
  readonly queue: PartnerReadiness[];
  done: boolean;
  /** Event time of the latest update received on this lane (processed or not), seconds. */
  lastSec: number;
}

function gateInEventTime(a$: Observable<PartnerReadiness>, b$: Observable<PartnerReadiness>, options: GateOptions): Observable<GateStatus> {
  // Validate the options once, at call time, with the gate's own error message.
  stepGate(initialGate(), 'a', { tSec: 0, state: 'no-signal', reasons: [] }, options);
  const quietLagSec = options.quietLagSec ?? READINESS_PARAMS.gateQuietLagSec;
  if (!(quietLagSec >= 0)) throw new Error(`combineGate: quietLagSec must be ≥ 0 (got ${quietLagSec})`);
  return new Observable<GateStatus>((subscriber) => {
    let machine = initialGate();
    const lanes: Record<PartnerId, Lane> = {
      a: { queue: [], done: false, lastSec: -Infinity },
      b: { queue: [], done: false, lastSec: -Infinity },
    };
    const other = (p: PartnerId): PartnerId => (p === 'a' ? 'b' : 'a');
    /**
     * A lane that may stay silent for long: not heard from yet, or in `no-signal`. The other lane
     * does not wait for it forever, only until it is `quietLagSec` ahead, so a partner who resumes
     * (or starts) within that lag is still merged in exact event-time order.
     */
    const quiet = (p: PartnerId): boolean => {
      const latest = machine.partners[p];
      return latest === null || latest.state === 'no-signal';
    };

    const drain = (): void => {
      for (;;) {
        const heads = PARTNERS.filter((p) => lanes[p].queue.length > 0);
        if (heads.length === 0) break;
        // Earliest head first; on a tie, partner a first (a fixed order keeps replays identical).
        const p = heads.reduce((x, y) => (lanes[y].queue[0]!.tSec < lanes[x].queue[0]!.tSec ? y : x));
        const head = lanes[p].queue[0]!;
        const o = lanes[other(p)];
        // Safe when the other lane cannot send anything earlier: it has a later update queued, has
        // already reported this time (lanes arrive in time order), has finished, or is quiet and
        // this lane has run `quietLagSec` ahead of it. (So while both partners are silent, an update
        // waits until one of them reports a later time; the gate says no-signal meanwhile anyway.)
        const safe =
          o.queue.length > 0 || o.lastSec >= head.tSec || o.done || (quiet(other(p)) && lanes[p].lastSec - head.tSec >= quietLagSec);
        if (!safe) break;
        const update = lanes[p].queue.shift()!;
        const step = stepGate(machine, p, update, options);
        machine = step.machine;
        for (const status of step.statuses) subscriber.next(status);
      }
      if (lanes.a.done && lanes.b.done && lanes.a.queue.length === 0 && lanes.b.queue.length === 0) {
        subscriber.complete();
      }
    };

    const lane = (p: PartnerId, source$: Observable<PartnerReadiness>) =>
      source$.subscribe({
        next: (update) => {
          if (!Number.isFinite(update.tSec)) {
            subscriber.error(new Error(`combineGate: partner ${p} sent a readiness without a finite tSec`));
            return;
          }
          lanes[p].queue.push(update);
          lanes[p].lastSec = Math.max(lanes[p].lastSec, update.tSec);
          drain();
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          lanes[p].done = true;
          drain();
        },
      });

    const subA = lane('a', a$);
    const subB = lane('b', b$);
    return () => {
      subA.unsubscribe();
      subB.unsubscribe();
    };
  });
}

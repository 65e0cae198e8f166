/**
 * Two straps through their beat clocks onto one session timeline (docs/together.md, One clock):
 * how far apart the two partners' timelines drift. Shared by a unit test and the together bench.
 *
 * Each partner's true beats come from the simulator; the strap measures them with its own clock
 * (a skew in ppm), sends one notification per beat that arrives after a random latency, loses some
 * notifications, and partner B attaches later and drops out once (a reconnect). Partner A's event
 * time is the session's; B is placed at the session's time when attached, as `PartnerModel.attach`
 * does. The error of a beat is its session time minus its true time since the session started.
 */
import { createBeatClock } from '../src/sources/bluetooth/beat-clock';
import { encodeHeartRateMeasurement } from '../src/sources/bluetooth/heart-rate-measurement';
import { createRandom } from '../src/sim/random';
import { simulateRr } from '../src/sim/simulator';

export interface DriftOptions {
  readonly durationSec: number;
  /** Share of notifications lost, 0–1. */
  readonly lossShare: number;
  /** Largest notification latency, ms (uniform from 10 ms). */
  readonly maxLatencyMs: number;
  /** Each strap's clock error, ppm. */
  readonly skewPpm: { readonly a: number; readonly b: number };
  /** When B attaches, and when (and how long) B is away, seconds of true time. */
  readonly attachBSec: number;
  readonly awayB?: { readonly atSec: number; readonly forSec: number };
  readonly seed?: string;
}

export interface DriftResult {
  /** Largest and 95th-percentile |A's error − B's error| over 10 s bins, seconds. */
  readonly maxSec: number;
  readonly p95Sec: number;
  readonly bins: number;
}

interface Delivered {
  readonly trueSec: number;
  readonly sessionSec: number;
}

function partner(id: 'a' | 'b', o: DriftOptions, offsetSec: number): Delivered[] {
  const seed = o.seed ?? 'drift';
  const sim = simulateRr({
    durationSec: o.durationSec,
    physiology: { hrBpm: id === 'a' ? 64 : 72, breathsPerMin: 14 },
    seed: `${seed}/${id}`,
  });
  const random = createRandom(`${seed}/${id}/radio`);
  const clock = createBeatClock();
  const skew = 1 + o.skewPpm[id] / 1e6;
  const out: Delivered[] = [];
  let lastArrivalMs = 0;
  let away = false;
  for (let k = 0; k < sim.tSec.length; k += 1) {
    const trueSec = sim.tSec[k];
    if (id === 'b' && trueSec < o.attachBSec) continue;
    if (o.awayB !== undefined && id === 'b' && trueSec >= o.awayB.atSec && trueSec < o.awayB.atSec + o.awayB.forSec) {
      away = true;
      continue;
    }
    if (away) {
      clock.markGap();
      clock.newConnection();
      away = false;
    }
    const latencyMs = 10 + (o.maxLatencyMs - 10) * random.next();
    const lost = random.next() < o.lossShare;
    if (lost) continue;
    const arrivalMs = Math.max(lastArrivalMs, trueSec * 1000 + latencyMs);
    lastArrivalMs = arrivalMs;
    const rrMs = sim.rrMs[k] * skew;
    const bytes = encodeHeartRateMeasurement({ bpm: Math.round(60_000 / rrMs), rrIntervalsMs: [rrMs], sensorContact: 'detected' });
    clock.receive({ atMs: arrivalMs, bytes }, (beat) => {
      out.push({ trueSec, sessionSec: offsetSec + beat.tSec });
      return true;
    });
  }
  return out;
}

/** Runs two straps as described above and measures the drift between their session timelines. */
export function measureTimelineDrift(o: DriftOptions): DriftResult {
  const a = partner('a', o, 0);
  // Session time 0 is A's first event-time origin: A's first beat's true time minus its event time.
  const originTrueSec = a[0].trueSec - a[0].sessionSec;
  // B is placed at A's latest event time when it attaches (the session's clock).
  const latestA = a.filter((d) => d.trueSec <= o.attachBSec).pop();
  const offsetB = latestA === undefined ? 0 : latestA.sessionSec;
  const b = partner('b', o, offsetB);
  // B's own event time starts at 0 with its first packet, roughly when it attaches; the session
  // offset maps it onto A's timeline.
  const error = (d: Delivered) => d.sessionSec - (d.trueSec - originTrueSec);
  const bins = new Map<number, { a: number[]; b: number[] }>();
  for (const [list, key] of [
    [a, 'a'],
    [b, 'b'],
  ] as const) {
    for (const d of list) {
      const bin = Math.floor(d.trueSec / 10);
      const entry = bins.get(bin) ?? { a: [], b: [] };
      entry[key].push(error(d));
      bins.set(bin, entry);
    }
  }
  const diffs: number[] = [];
  for (const entry of bins.values()) {
    if (entry.a.length === 0 || entry.b.length === 0) continue;
    const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
    diffs.push(Math.abs(mean(entry.a) - mean(entry.b)));
  }
  diffs.sort((x, y) => x - y);
  return { maxSec: diffs[diffs.length - 1] ?? 0, p95Sec: diffs[Math.floor(0.95 * (diffs.length - 1))] ?? 0, bins: diffs.length };
}

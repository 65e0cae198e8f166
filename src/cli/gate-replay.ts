/**
 * `attune gate`: the app's own partner pipelines (`createPartnerPipeline`) and gate (`combineGate`)
 * over one or two recordings, played in virtual time (DESIGN.md, Contracts). Shared with
 * `npm run bench -- readiness`, so the figures there come from the same code path as the command.
 */
import { VirtualTimeScheduler, of } from 'rxjs';
import { checkReplayRecording, createReplaySource, replayBeats, replayRecordingOf } from '../sources/recordings/replay-source';
import type { RrFile } from '../sources/recordings/rr-file';
import { combineGate, type GateState, type GateStatus } from '../pipeline/gate';
import { createPartnerPipeline } from '../pipeline/partner-pipeline';
import { baselineFromReadings, checkReading, readingFromBeats, type CalmReading } from '../signal/calm-reading';
import type { PartnerReadiness, PartnerState } from '../signal/readiness';
import { READINESS_PARAMS, type ReadinessParams } from '../signal/readiness-params';
import type { Baseline } from '../signal/types';

/**
 * "No beat for `noBeatSec`" for a device that leaves out every beat it cannot detect (Empatica E4
 * `IBI.csv`), seconds: `windowSec` − `minCoveredSec` (30 s). Such a device is judged by how much
 * of the last window its beats cover; after a silence this long the window can no longer hold
 * `minCoveredSec` of beats, so judgement stops there and not at a strap's 5 s, which a wrist PPG
 * passes whenever the hand moves (on the stress set 29 % of the E4's gaps are under 5 s, 45 %
 * 5–15 s). Derived from the coverage rule, not fitted to those data.
 */
export const droppedBeatsNoBeatSec = (base: ReadinessParams = READINESS_PARAMS): number => base.windowSec - base.minCoveredSec;

/** A span of a recording, seconds on its own clock: (startSec, endSec]. */
export interface Span {
  readonly startSec: number;
  readonly endSec: number;
}

/**
 * The readiness parameters for one file's pipeline: the app's, except for devices whose samples
 * are sparse. An E4 `IBI.csv` gets {@link droppedBeatsNoBeatSec}; a heart-rate file sampled
 * less often than every `noBeatSec` / 3 gets three sample steps, so one late sample is not a silence.
 */
export function paramsForFile(file: RrFile, base: ReadinessParams = READINESS_PARAMS): ReadinessParams {
  if (file.dropsBeats === true) return { ...base, noBeatSec: Math.max(base.noBeatSec, droppedBeatsNoBeatSec(base)) };
  if (file.hrBpm !== undefined && file.tSec.length > 1) {
    const steps = file.tSec
      .slice(1)
      .map((t, i) => t - file.tSec[i])
      .sort((x, y) => x - y);
    const stepSec = steps[Math.floor(steps.length / 2)];
    if (3 * stepSec > base.noBeatSec) return { ...base, noBeatSec: 3 * stepSec };
  }
  return base;
}

/** What a partner is judged against: one accepted calm reading, or nothing (the first night). */
export type PartnerCalm =
  | { readonly kind: 'first-night'; readonly baseline: null }
  | { readonly kind: 'reading'; readonly baseline: Baseline; readonly reading: CalmReading }
  /** The span gave no reading (signal quality) or the reading was not calm: judged as on a first night. */
  | { readonly kind: 'refused'; readonly baseline: null; readonly message: string };

/**
 * Takes `span` of a recording as one calm reading (`readingFromBeats`, a calibration when the span
 * is at least `calibrationSec` long, else a calm check) and checks it as the app checks any reading
 * (`checkReading`; with no earlier readings, the settling and flooding checks). Accepted, it is the
 * partner's baseline (`baselineFromReadings` of the one reading); refused, the partner has none.
 */
export function calmFromSpan(file: RrFile, span: Span, params: ReadinessParams, meta: { recordedAt: string; device: string }): PartnerCalm {
  const beats = replayBeats(replayRecordingOf(file)).filter((b) => b.tSec > span.startSec && b.tSec <= span.endSec);
  const kind = span.endSec - span.startSec >= params.calibrationSec ? 'calibration' : 'calm-check';
  const dropsBeats = file.dropsBeats === true;
  // The span's first beat comes a little after its start and its last a little before its end:
  // allow the gap a reading may have anyway (a strap's 5 s). A device that drops beats is checked
  // by the share of the span its beats cover instead.
  const needSec = kind === 'calibration' ? params.calibrationSec : params.readingMinSec;
  const minSec = dropsBeats ? needSec : Math.max(0, needSec - params.calibrationMaxGapSec);
  const outcome = readingFromBeats(beats, { ...meta, kind, minSec, hrOnly: file.hrBpm !== undefined, dropsBeats }, params);
  if (!outcome.ok) return { kind: 'refused', baseline: null, message: outcome.message };
  const check = checkReading(outcome.reading, [], params);
  if (!check.accepted) return { kind: 'refused', baseline: null, message: check.message };
  const baseline = baselineFromReadings([outcome.reading], params);
  if (baseline === null) throw new Error('calmFromSpan: an accepted reading gave no baseline');
  return { kind: 'reading', baseline, reading: outcome.reading };
}

/** One partner of a gate run. */
export interface GatePartner {
  readonly file: RrFile;
  readonly baseline: Baseline | null;
  /** Usually `paramsForFile(file)`. */
  readonly params: ReadinessParams;
}

/**
 * Every gate status over the recordings, in event-time order: each file replayed by the replay
 * source on one virtual clock (both start at 0 s of their own times, the time base `analyze --with`
 * uses), through the app's partner pipeline and `combineGate`. With one partner, that partner's
 * readiness stands for both, so the gate's dwell and hysteresis apply to that partner alone.
 * Synchronous; nothing waits on the wall clock.
 */
export function gateStatuses(a: GatePartner, b: GatePartner | null): GateStatus[] {
  const scheduler = new VirtualTimeScheduler();
  const play = (partner: GatePartner) => {
    const source = createReplaySource({ recording: checkReplayRecording(replayRecordingOf(partner.file)), scheduler, speed: 1 });
    const pipeline = createPartnerPipeline({
      beats$: source.beats$,
      status$: source.status$,
      baseline$: of(partner.baseline),
      scheduler,
      speed: 1,
      params: partner.params,
      dropsBeats: partner.file.dropsBeats === true,
    });
    return { source, readiness$: pipeline.readiness$ };
  };
  const first = play(a);
  const second = b === null ? null : play(b);
  const statuses: GateStatus[] = [];
  const subscription = combineGate(first.readiness$, second?.readiness$ ?? first.readiness$).subscribe((s) => statuses.push(s));
  void first.source.connect();
  void second?.source.connect();
  scheduler.flush();
  subscription.unsubscribe();
  return statuses;
}

/** One output row (DESIGN.md, Contracts: `attune gate`). */
export interface GateRow {
  readonly tSec: number;
  readonly gate: GateState;
  readonly aState: PartnerState;
  /** Reason kinds of partner a's state, in its order. */
  readonly aReasons: readonly string[];
  readonly bState?: PartnerState;
  readonly bReasons?: readonly string[];
}

const kinds = (readiness: PartnerReadiness): string[] => [...new Set(readiness.reasons.map((r) => r.kind))];

/**
 * The statuses sampled every `everySec` of event time from 0 to `endSec`: each row is the latest
 * status at or before its time (the gate's state holds until the next status).
 */
export function gateRows(statuses: readonly GateStatus[], everySec: number, endSec: number, twoPartners: boolean): GateRow[] {
  if (!(everySec > 0)) throw new Error(`gateRows: everySec must be > 0 (got ${everySec})`);
  const rows: GateRow[] = [];
  let next = 0;
  let latest: GateStatus | null = null;
  for (let k = 0; k * everySec <= endSec + 1e-9; k += 1) {
    const tSec = Number((k * everySec).toFixed(6));
    while (next < statuses.length && statuses[next]!.tSec <= tSec + 1e-9) latest = statuses[next++]!;
    const status = latest;
    if (status === null) {
      const none = { state: 'no-signal' as const, reasons: ['not-connected'] };
      rows.push({
        tSec,
        gate: 'no-signal',
        aState: none.state,
        aReasons: none.reasons,
        ...(twoPartners ? { bState: none.state, bReasons: none.reasons } : {}),
      });
      continue;
    }
    const { a, b } = status.partners;
    rows.push({
      tSec,
      gate: status.state,
      aState: a.state,
      aReasons: kinds(a),
      ...(twoPartners ? { bState: b.state, bReasons: kinds(b) } : {}),
    });
  }
  return rows;
}

/** Rows as CSV: a header, then one line per row; reasons `;`-joined. */
export function gateRowsToCsv(rows: readonly GateRow[], twoPartners: boolean): string {
  const header = twoPartners ? 'tSec,gate,aState,aReasons,bState,bReasons' : 'tSec,gate,aState,aReasons';
  const lines = rows.map((r) =>
    [r.tSec, r.gate, r.aState, r.aReasons.join(';'), ...(twoPartners ? [r.bState ?? '', (r.bReasons ?? []).join(';')] : [])].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

/** The last event time of a recording, seconds (0 when empty). */
export const endOf = (file: RrFile): number => file.tSec[file.tSec.length - 1] ?? 0;

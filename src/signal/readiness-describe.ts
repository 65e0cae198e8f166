/**
 * Plain, calm words for readiness reasons, for two upset people reading a screen. Numbers are
 * rounded to what a person can use; nothing blames, nothing alarms.
 */
import type { ReadinessReason } from './readiness';
import type { IrregularRhythm } from './rhythm';

const round = (x: number): number => Math.round(x);

/** How each irregular rhythm is named on screen: plain, not a diagnosis. */
export const RHYTHM_WORDS: Readonly<Record<IrregularRhythm, string>> = {
  ectopy: 'irregular rhythm (frequent extra beats)',
  'af-like': 'irregular rhythm',
  flat: 'almost no variation between beats',
};
/** A sentence from a source ("The recording has ended.") as a clause: "the recording has ended". */
const asClause = (text: string): string => {
  const t = text.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
};
/** RMSSD in ms from lnRMSSD, rounded: people read "42 ms" more easily than "3.74". */
const ms = (lnRmssd: number): number => Math.round(Math.exp(lnRmssd));
const percent = (rate: number): number => Math.round(rate * 100);
const seconds = (sec: number): string => {
  const s = Math.max(0, Math.floor(sec));
  if (s < 90) return `${s} s`;
  return `${Math.round(s / 60)} min`;
};

/**
 * One sentence for one reason, prefixed with the partner's name.
 *
 * @example describeReason({ kind: 'heart-rate-high', hrBpm: 96, baselineHrBpm: 68, limitBpm: 74.8 }, 'Sam')
 *   // "Sam: heart rate 96, usually 68 — give it a few minutes"
 * @param reason - a reason from `assessPartner`.
 * @param partnerName - how the app calls this partner ("Sam", or "A").
 */
export function describeReason(reason: ReadinessReason, partnerName: string): string {
  const who = partnerName.trim() === '' ? 'Partner' : partnerName.trim();
  return `${who}: ${body(reason)}`;
}

function body(reason: ReadinessReason): string {
  switch (reason.kind) {
    case 'not-connected':
      switch (reason.status) {
        case 'idle':
          return 'no strap connected yet';
        case 'connecting':
          return 'connecting to the strap…';
        case 'reconnecting':
          return 'the strap dropped out — reconnecting…';
        case 'disconnected':
          return reason.detail === null || reason.detail === ''
            ? 'the strap is disconnected'
            : `the strap is disconnected (${asClause(reason.detail)})`;
      }
      break;
    case 'no-beat':
      return `no heartbeat for ${seconds(reason.silentSec)} — check the strap sits snugly on moist skin`;
    case 'not-enough-data':
      return `reading the heartbeat — ${seconds(reason.haveSec)} of ${seconds(reason.needSec)} so far`;
    case 'few-clean-beats':
      return 'not enough clean heartbeats yet — sit still for a moment';
    case 'no-baseline':
      return 'no baseline yet — a 3-minute calibration at rest sets one';
    case 'first-night':
      return 'first time: judged by how you are settling, not by your usual calm';
    case 'heart-rate-settling':
      return reason.hrBpm === null || reason.earlierHrBpm === null
        ? 'watching your heart rate settle — this takes two minutes'
        : `heart rate ${round(reason.hrBpm)}, down from ${round(reason.earlierHrBpm)} a minute before — still settling`;
    case 'heart-rate-above-limit':
      return `heart rate ${round(reason.hrBpm)}, above ${round(reason.limitBpm)} — give it a few minutes`;
    case 'hrv-very-low':
      return `heart-rate variability ${ms(reason.lnRmssd)} ms, very low (under ${ms(reason.limitLnRmssd)} ms) — slow, easy breathing helps it return`;
    case 'breathing-above-limit':
      return `breathing ${round(reason.breathsPerMin)}/min, faster than ${round(reason.limitPerMin)}/min — try longer, slower out-breaths`;
    case 'heart-rate-high':
      return `heart rate ${round(reason.hrBpm)}, usually ${round(reason.baselineHrBpm)} — give it a few minutes`;
    case 'hrv-low':
      return `heart-rate variability ${ms(reason.lnRmssd)} ms, usually ${ms(reason.baselineLnRmssd)} ms — slow, easy breathing helps it return`;
    case 'breathing-fast':
      return `breathing ${round(reason.breathsPerMin)}/min, baseline ${round(reason.baselineBreathsPerMin)}/min — try longer, slower out-breaths`;
    case 'hrv-falling':
      return 'heart-rate variability is still dropping — pause and breathe slowly for a bit';
    case 'artifacts':
      return `the signal is noisy (${percent(reason.artifactRate)} % of beats unclear) — check the strap and sit still`;
    case 'flooding':
      return reason.hrBpm >= reason.limitBpm
        ? `heart rate ${round(reason.hrBpm)} — flooded; a 20-minute break to soothe yourself helps more than talking now`
        : `heart rate ${round(reason.hrBpm)}, coming down — keep resting`;
    case 'heart-rate-only':
      return 'heart rate only — no HRV from this device';
    case 'irregular-rhythm':
      return `${RHYTHM_WORDS[reason.rhythm]} — HRV not shown; readiness uses heart rate alone`;
    case 'near-baseline':
      return `heart rate ${round(reason.hrBpm)}, usually ${round(reason.baselineHrBpm)} — close to your usual calm`;
    case 'settled':
      return `heart rate ${round(reason.hrBpm)}, level for two minutes — settled`;
  }
  return exhaustive(reason);
}

function exhaustive(reason: never): never {
  throw new Error(`describeReason: unknown reason ${JSON.stringify(reason)}`);
}

/**
 * A baseline kept before calm readings existed, turned into one reading, for the store's schema-5
 * migration and the import of older files. Apart from `calm-reading.ts` (which re-exports it) so
 * those need none of the reading maths: the store opens with the welcome screen.
 */
import type { CalmReading } from './calm-reading';
import { READINESS_PARAMS, type ReadinessParams } from './readiness-params';
import type { Baseline } from './types';

/**
 * A stored baseline from before readings, as one reading (kind `migrated`), so nothing is lost:
 * its means become the reading's values, its lnRMSSD SD the within-reading SD. It has no first or
 * last minute, so it is never judged as settling.
 */
export function readingFromBaseline(baseline: Baseline, params: ReadinessParams = READINESS_PARAMS): CalmReading {
  return {
    recordedAt: baseline.recordedAt,
    device: baseline.device,
    kind: 'migrated',
    demo: baseline.demo,
    hrOnly: baseline.lnRmssdMean === null,
    durationSec: params.calibrationSec,
    hrBpm: baseline.hrBpm,
    lnRmssd: baseline.lnRmssdMean,
    lnRmssdSd: baseline.lnRmssdSd,
    breathsPerMin: baseline.breathsPerMin,
    firstMinute: null,
    lastMinute: null,
  };
}

import { rollBaseline } from '../signal/baseline';
import { READINESS_PARAMS, type ReadinessParams } from '../signal/readiness-params';
import type { Baseline } from '../signal/types';

/**
 * The new calibration rolled into the previous baseline of the same kind (recent ones weigh more,
 * `rollBaseline`); a demo baseline never meets a real one, so a previous one of the other kind is
 * left alone and the new one stands by itself.
 */
export function rollInto(previous: Baseline | null, next: Baseline, params: ReadinessParams = READINESS_PARAMS): Baseline {
  return previous && previous.demo === next.demo ? rollBaseline(previous, next, params) : next;
}

/** A calibration failure as a sentence for the person: the rules' message without "calibrate: ". */
export function plainCalibrationMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^calibrate: /, '');
}

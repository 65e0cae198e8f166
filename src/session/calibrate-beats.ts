/** A calibration failure as a sentence for the person: the rules' message without "calibrate: ". */
export function plainCalibrationMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^calibrate: /, '');
}

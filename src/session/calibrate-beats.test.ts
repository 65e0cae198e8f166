import { describe, expect, it } from 'vitest';
import { plainCalibrationMessage } from './calibrate-beats';

describe('plainCalibrationMessage', () => {
  it('plainCalibrationMessage drops the operation prefix and keeps the advice', () => {
    expect(plainCalibrationMessage(new Error('calibrate: no heartbeat for 12 s — check that the strap is on'))).toBe(
      'no heartbeat for 12 s — check that the strap is on',
    );
    expect(plainCalibrationMessage('something else')).toBe('something else');
  });
});

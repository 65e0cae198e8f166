import { describe, expect, it } from 'vitest';
import { strapIdFromName, strapModelFromName } from './strap-id';

describe('strapIdFromName', () => {
  it('finds the device ID at the end of a Polar name', () => {
    expect(strapIdFromName('Polar H10 A1B2C3D4')).toBe('A1B2C3D4');
    expect(strapModelFromName('Polar H10 A1B2C3D4')).toBe('Polar H10');
  });

  it('splits at a colon or a hyphen as Garmin and others name their straps', () => {
    expect(strapIdFromName('HRM-Dual:123456')).toBe('123456');
    expect(strapModelFromName('HRM-Dual:123456')).toBe('HRM-Dual');
    expect(strapIdFromName('TICKR 1A2B')).toBe('1A2B');
  });

  it('tells two straps of the same model apart', () => {
    const a = 'Polar H10 A1B2C3D4';
    const b = 'Polar H10 A1B2C3E5';
    expect(strapModelFromName(a)).toBe(strapModelFromName(b));
    expect(strapIdFromName(a)).not.toBe(strapIdFromName(b));
  });

  it('finds no ID in names without one', () => {
    for (const name of ['Forerunner', 'HRM-Pro', 'Heart-rate strap', '', '   ', 'Polar H10', 'Wahoo TICKR X']) {
      expect(strapIdFromName(name)).toBeNull();
    }
    expect(strapModelFromName('Forerunner')).toBe('Forerunner');
  });
});

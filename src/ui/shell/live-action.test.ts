import { describe, expect, it } from 'vitest';
import { liveAction, type LiveStepInput, type PartnerStepView } from './live-action';

const partner = (id: 'a' | 'b', patch: Partial<PartnerStepView> = {}): PartnerStepView => ({
  id,
  displayName: id === 'a' ? 'Sam' : 'Alex',
  hasSource: false,
  connected: false,
  hasBaseline: false,
  calibrating: false,
  rememberedStrap: null,
  ...patch,
});

const input = (a: Partial<PartnerStepView>, b: Partial<PartnerStepView>, patch: Partial<LiveStepInput> = {}): LiveStepInput => ({
  partners: [partner('a', a), partner('b', b)],
  bluetoothAvailable: true,
  gate: 'no-signal',
  access: 'locked',
  selfReportActive: false,
  ...patch,
});

const live = { hasSource: true, connected: true, hasBaseline: true };

describe('liveAction', () => {
  it('leads with connecting partner A, then partner B', () => {
    expect(liveAction(input({}, {}))).toEqual({ kind: 'connect', partner: 'a', own: false, label: 'Connect a strap for Sam' });
    expect(liveAction(input(live, {}))).toEqual({ kind: 'connect', partner: 'b', own: false, label: 'Connect a strap for Alex' });
  });

  it('offers a partner’s remembered strap by name of its owner', () => {
    expect(liveAction(input(live, { rememberedStrap: 'Polar H10 A1B2C3E5' }))).toEqual({
      kind: 'connect',
      partner: 'b',
      own: true,
      label: 'Connect Alex’s strap',
    });
  });

  it('without Web Bluetooth: going without straps, or the simulator for the partner still missing', () => {
    expect(liveAction(input({}, {}, { bluetoothAvailable: false })).kind).toBe('without-straps');
    expect(liveAction(input(live, {}, { bluetoothAvailable: false }))).toEqual({
      kind: 'simulator',
      partner: 'b',
      label: 'Use the simulator for Alex',
    });
  });

  it('then calibrates whoever is connected without a baseline, one at a time', () => {
    const noBaseline = { hasSource: true, connected: true, hasBaseline: false };
    expect(liveAction(input(noBaseline, noBaseline, { gate: 'calibrating' }))).toEqual({
      kind: 'calibrate',
      partner: 'a',
      label: 'Calibrate Sam (3 minutes)',
    });
    expect(liveAction(input({ ...noBaseline, calibrating: true }, noBaseline, { gate: 'calibrating' })).kind).toBe('calibrate');
    expect(
      liveAction(input({ ...noBaseline, calibrating: true }, { ...noBaseline, calibrating: true }, { gate: 'calibrating' })).kind,
    ).toBe('see-routines');
    // A strap still connecting cannot calibrate yet.
    expect(liveAction(input(live, { hasSource: true }, { gate: 'calibrating' })).kind).toBe('see-routines');
  });

  it('once a routine may start it is the action; while flooded it never is', () => {
    expect(liveAction(input(live, live, { gate: 'ready', access: 'gate' }))).toEqual({ kind: 'choose-routine', label: 'Choose a routine' });
    expect(liveAction(input(live, live, { gate: 'flooded', access: 'gate' })).kind).toBe('see-routines');
    expect(liveAction(input({}, {}, { access: 'self-report' })).kind).toBe('choose-routine');
    expect(liveAction(input({}, {}, { selfReportActive: true })).kind).toBe('see-routines');
  });
});

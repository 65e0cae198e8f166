import { describe, expect, it } from 'vitest';
import { liveAction, type LiveStepInput, type PartnerStepView } from './live-action';

const partner = (id: 'a' | 'b', patch: Partial<PartnerStepView> = {}): PartnerStepView => ({
  id,
  displayName: id === 'a' ? 'Sam' : 'Alex',
  hasSource: false,
  connected: false,
  calibrating: false,
  checked: false,
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

const live = { hasSource: true, connected: true };

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

  it('never asks a partner without a baseline to calibrate: they are judged by how they settle', () => {
    expect(liveAction(input(live, live, { gate: 'calibrating' })).kind).toBe('see-routines');
    expect(liveAction(input(live, live, { gate: 'settling' })).kind).toBe('see-routines');
  });

  it('leads a couple who came for a calm check through one each, one at a time', () => {
    expect(liveAction(input(live, live, { calmCheck: true }))).toEqual({
      kind: 'calm-check',
      partner: 'a',
      label: 'Start Sam’s calm check (2 minutes)',
    });
    expect(liveAction(input({ ...live, calibrating: true }, live, { calmCheck: true })).kind).toBe('calm-check');
    expect(liveAction(input({ ...live, checked: true }, live, { calmCheck: true }))).toMatchObject({ partner: 'b' });
    expect(liveAction(input({ ...live, checked: true }, { ...live, calibrating: true }, { calmCheck: true })).kind).toBe('see-routines');
    // A strap still connecting cannot start one yet.
    expect(liveAction(input({ ...live, checked: true }, { hasSource: true }, { calmCheck: true })).kind).toBe('see-routines');
  });

  it('once a routine may start it is the action; while flooded it never is', () => {
    expect(liveAction(input(live, live, { gate: 'ready', access: 'gate' }))).toEqual({ kind: 'choose-routine', label: 'Choose a routine' });
    expect(liveAction(input(live, live, { gate: 'flooded', access: 'gate' })).kind).toBe('see-routines');
    expect(liveAction(input({}, {}, { access: 'self-report' })).kind).toBe('choose-routine');
    expect(liveAction(input({}, {}, { selfReportActive: true })).kind).toBe('see-routines');
  });
});

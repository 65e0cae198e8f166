import { describe, expect, it } from 'vitest';
import { SCREENS, SIDE_SCREENS, currentStep, isScreen, journeyPlace, journeyStart, nextScreen, previousScreen } from './journey';

describe('journeyStart', () => {
  it('journeyStart("") starts at the welcome screen', () => {
    expect(journeyStart('')).toEqual({ screen: 'welcome', demo: null });
  });

  it('journeyStart("?demo=calm&speed=20") deep-links to the live view with the scenario', () => {
    expect(journeyStart('?demo=calm&speed=20')).toEqual({ screen: 'live', demo: 'calm' });
  });

  it('journeyStart accepts every scenario DESIGN.md names', () => {
    for (const demo of ['calm', 'conflict', 'flooded', 'hr-only']) {
      expect(journeyStart(`?demo=${demo}`).screen).toBe('live');
    }
  });

  it('journeyStart sends an unknown scenario to the live view, which explains the bad link', () => {
    expect(journeyStart('?demo=party')).toEqual({ screen: 'live', demo: 'party' });
  });
});

describe('nextScreen and previousScreen', () => {
  it('nextScreen walks the journey in order and history leads to another round', () => {
    expect(SCREENS.map(nextScreen)).toEqual(['live', 'routine', 'reflect', 'history', 'live']);
  });

  it('previousScreen is null on the welcome screen and the screen before otherwise', () => {
    expect(SCREENS.map(previousScreen)).toEqual([null, 'welcome', 'live', 'routine', 'reflect']);
  });
});

describe('currentStep', () => {
  it('currentStep on the live screen follows the gate', () => {
    expect(currentStep('live', null)).toBe('pair');
    expect(currentStep('live', 'no-signal')).toBe('pair');
    expect(currentStep('live', 'calibrating')).toBe('calibrate');
    expect(currentStep('live', 'settling')).toBe('readiness');
    expect(currentStep('live', 'flooded')).toBe('readiness');
    expect(currentStep('live', 'ready')).toBe('readiness');
  });

  it('currentStep on other screens is the screen itself, whatever the gate', () => {
    expect(currentStep('routine', 'no-signal')).toBe('routine');
    expect(currentStep('welcome', 'ready')).toBe('welcome');
  });
});

describe('isScreen', () => {
  it('isScreen accepts screen names and rejects anything else', () => {
    expect(isScreen('reflect')).toBe(true);
    expect(isScreen('pair')).toBe(false);
    expect(isScreen(null)).toBe(false);
    expect(isScreen({ screen: 'live' })).toBe(false);
  });
});

describe('the practice screens beside the journey', () => {
  it('the plan belongs to the welcome and leads to a session; progress and the report belong to History', () => {
    expect(SIDE_SCREENS.map((s) => [s, journeyPlace(s), previousScreen(s), nextScreen(s), currentStep(s, null)])).toEqual([
      ['plan', 'welcome', 'welcome', 'live', 'welcome'],
      ['progress', 'history', 'history', 'report', 'history'],
      ['report', 'history', 'progress', 'history', 'history'],
    ]);
    expect(SIDE_SCREENS.every(isScreen)).toBe(true);
  });
});

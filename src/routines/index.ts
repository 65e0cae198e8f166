/** The routines module: content, plans, the player, and the voice, chime and pacer helpers. */
export * from './routine-schema';
export * from './catalog';
export * from './template';
export * from './gentler';
export * from './plan';
export * from './player';
export * from './player-store';
export * from './clock';
export * from './pacer';
export * from './speech';
export * from './chime';
export * from './voice-recorder';
export * from './run-summary';
export * from './settings';

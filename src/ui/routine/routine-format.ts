/** "m:ss" for a duration in ms, rounded up so a step never shows 0:00 while it still runs. */
export function formatClock(ms: number): string {
  const totalSec = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSec / 60);
  const seconds = totalSec % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

/** Spoken form for screen readers: "2 minutes 5 seconds". */
export function describeDuration(ms: number): string {
  const totalSec = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSec / 60);
  const seconds = totalSec % 60;
  const parts = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

/** "1½ min", "5 min" for a routine's stated length. */
export function formatMinutes(minutes: number): string {
  const whole = Math.floor(minutes);
  const half = minutes - whole >= 0.5 ? '½' : '';
  return `${whole > 0 ? whole : ''}${half} min`;
}

export const SPEAKER_LABEL = { giver: 'Giver', receiver: 'Receiver', both: 'Both' } as const;

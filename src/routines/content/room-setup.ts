import type { ChecklistInput } from '../routine-schema';

/** How to set up the space (a 3-minute checklist). */
export const roomSetup: ChecklistInput = {
  title: 'Set up the room',
  minutes: 3,
  items: [
    'A quiet, comfortable spot with pillows and a blanket.',
    'Phones on Do Not Disturb, notifications off (this app’s chime is soft and can be muted).',
    'Dim lights or natural light; a comfortable room temperature.',
    'Lotion or oil if you like; test for allergies first.',
    'Let this app keep the time (5, 15 or 30 minutes), so neither of you watches the clock.',
  ],
};

import type { GentlerOptionInput } from '../routine-schema';

/**
 * Gentler ways to run any routine, for a partner for whom touch is hard (from the material's FAQ:
 * a blanket between you, a hand on the knee rather than the chest, or voice-only scripts).
 * Chosen before the start, and offered again by Stop and by the boundary reset.
 */
export const gentlerOptions: GentlerOptionInput[] = [
  {
    id: 'as-written',
    label: 'As written',
    description: 'Touch as the script describes, at the pressure you agree.',
  },
  {
    id: 'blanket',
    label: 'A blanket between you',
    description: 'Keep a blanket or throw between the giver’s hands and the receiver’s body throughout.',
    consentAddition: 'with a blanket between us',
  },
  {
    id: 'knee',
    label: 'Hand on the knee, not the chest',
    description: 'Any touch on the chest becomes a hand resting on the knee; the rest stays as written.',
    consentAddition: 'with my hand on your knee instead of your chest',
  },
  {
    id: 'hands-only',
    label: 'Hands only',
    description: 'No massage: the giver only holds the receiver’s hands, still and light.',
    consentAddition: 'only holding hands, no massage',
  },
  {
    id: 'voice-only',
    label: 'Words only, no touch',
    description: 'Sit near each other and follow the words; nobody touches.',
    consentAddition: 'with no touch at all, just the words',
  },
];

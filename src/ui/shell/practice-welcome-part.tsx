import { use } from 'react';
import type { AttuneStore } from '../../store';
// Straight from its module rather than the practice index, which would bring chart.js onto the welcome.
import { NextRitualCard } from '../practice/next-ritual-card';
import '../practice/practice.css';

/** On the welcome screen: today's planned rituals or the next one, and a history the browser cleared. */
export function NextRitualParts({ store, onPlan }: { readonly store: Promise<AttuneStore>; readonly onPlan: () => void }) {
  return <NextRitualCard store={use(store)} onPlan={onPlan} />;
}

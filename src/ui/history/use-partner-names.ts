import type { AttuneStore } from './store-types';
import { useAsync } from '../common/use-async';

export interface PartnerNames {
  readonly a: string;
  readonly b: string;
}

const DEFAULT_NAMES: PartnerNames = { a: 'Partner A', b: 'Partner B' };

/** The names to show: the ones given, else the names the couple saved, else "Partner A/B". */
export function usePartnerNames(store: AttuneStore, given: PartnerNames | undefined): PartnerNames {
  const saved = useAsync(async () => (given ? [] : store.partners.list()), given ? 'given' : 'saved');
  if (given) return given;
  const byId = new Map((saved.data ?? []).map((p) => [p.id, p.name]));
  return { a: byId.get('a') ?? DEFAULT_NAMES.a, b: byId.get('b') ?? DEFAULT_NAMES.b };
}

import type { AttuneStore } from './store-types';

/** The session a reflection or commitment belongs to: the given one, none (null), or the latest. */
export async function resolveSession(store: AttuneStore, sessionId: string | null | undefined): Promise<string | null> {
  if (sessionId !== undefined) return sessionId;
  return (await store.sessions.latest())?.id ?? null;
}

/**
 * Keeping the history: persistent storage, backups and noticing when the browser cleared the data.
 *
 * Browsers keep IndexedDB "best effort" unless the page asks for persistence
 * (`navigator.storage.persist()`, Storage Standard §4): under storage pressure a best-effort origin
 * may be cleared without asking. Attune asks when a session is first recorded, shows the answer in
 * History, reminds the couple to export a backup after a few sessions without one, and leaves a small
 * marker in localStorage so that, when the database is found empty although sessions had been kept,
 * it can say plainly that the browser cleared it. (Chromium's storage-pressure eviction clears the
 * origin's IndexedDB but not its localStorage, so the marker survives it; where a browser clears both,
 * such as Safari's seven-day cap on script-written storage, the clearing cannot be told from a first
 * visit and no message is shown.)
 */
import { checked, valid, writing, type StoreContext } from './context';
import { KEPT_MARKER_KEY } from './kept-marker';
import { metaRecordSchema, sessionRecordSchema, type MetaRecord } from './records';

/** The part of `navigator.storage` Attune uses. */
export type PersistenceApi = Pick<StorageManager, 'persist' | 'persisted'>;
/** The part of `localStorage` the marker uses. */
export type MarkerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

// In a module of its own so the welcome's glance (glance.ts) reads it without the store's schemas.
export { KEPT_MARKER_KEY } from './kept-marker';

/** Sessions recorded since the last export before History suggests a backup. */
export const BACKUP_REMINDER_SESSIONS = 5;

export type PersistenceState =
  /** The browser keeps the data until the couple deletes it. */
  | 'persisted'
  /** Best effort: the browser may clear it when space runs low. */
  | 'best-effort'
  /** The browser offers no way to ask (old browsers, some private modes). */
  | 'unsupported';

export interface DurabilityStatus {
  readonly persistence: PersistenceState;
  /** When persistence was last asked for; null when never. */
  readonly requestedAt: string | null;
  /** When the data was last exported on this device; null when never. */
  readonly lastExportAt: string | null;
  /** Sessions started after the last export (all of them when there was none). */
  readonly sessionsSinceExport: number;
  /** True when a backup should be suggested (at least BACKUP_REMINDER_SESSIONS since the last export). */
  readonly backupDue: boolean;
  /** True when sessions had been kept here and the database is now empty without a delete-all. */
  readonly clearedByBrowser: boolean;
}

export interface Durability {
  /** Asks the browser to keep the data (once per new recording until it agrees); resolves to the state after. */
  requestPersistence(): Promise<PersistenceState>;
  status(): Promise<DurabilityStatus>;
  /** An export was made: the backup reminder starts counting again. */
  markExported(): Promise<void>;
  /** Sessions are kept on this device (after a recording or an import that brought some). */
  markKept(): void;
  /** The couple deleted everything themselves: an empty database is expected from now on. */
  forget(): void;
}

export interface DurabilityOptions {
  readonly persistence?: PersistenceApi | undefined;
  readonly marker?: MarkerStorage | undefined;
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    // Storage blocked (some private modes throw on access): behave as if nothing is remembered.
    return fallback;
  }
}

export function createDurability(ctx: StoreContext, options: DurabilityOptions): Durability {
  const { persistence, marker } = options;

  async function meta<K extends MetaRecord['key']>(key: K): Promise<Extract<MetaRecord, { key: K }> | undefined> {
    const db = await ctx.db();
    const value = await db.get('meta', key);
    return value === undefined ? undefined : (checked(ctx, metaRecordSchema, value, 'storage note') as Extract<MetaRecord, { key: K }>);
  }

  async function putMeta(record: MetaRecord, operation: string): Promise<void> {
    const valueToWrite = valid(metaRecordSchema, record, operation);
    await writing(ctx, operation, async () => (await ctx.db()).put('meta', valueToWrite));
  }

  async function currentState(): Promise<PersistenceState> {
    if (!persistence || typeof persistence.persisted !== 'function') return 'unsupported';
    try {
      return (await persistence.persisted()) ? 'persisted' : 'best-effort';
    } catch {
      return 'unsupported';
    }
  }

  return {
    async requestPersistence() {
      const before = await currentState();
      if (before !== 'best-effort' || !persistence || typeof persistence.persist !== 'function') return before;
      const granted = await persistence.persist().catch(() => false);
      await putMeta({ key: 'persistence', requestedAt: ctx.now().toISOString(), granted }, 'note persistent storage');
      return granted ? 'persisted' : 'best-effort';
    },
    async status() {
      const db = await ctx.db();
      const [state, asked, exported, rawSessions] = await Promise.all([
        currentState(),
        meta('persistence'),
        meta('lastExport'),
        db.getAll('sessions'),
      ]);
      const sessions = rawSessions.flatMap((value) => {
        const parsed = sessionRecordSchema.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      });
      const lastExportAt = exported?.at ?? null;
      const sessionsSinceExport = sessions.filter((s) => lastExportAt === null || s.startedAt > lastExportAt).length;
      const kept = safely(() => marker?.getItem(KEPT_MARKER_KEY) ?? null, null) !== null;
      return {
        persistence: state,
        requestedAt: asked?.requestedAt ?? null,
        lastExportAt,
        sessionsSinceExport,
        backupDue: sessionsSinceExport >= BACKUP_REMINDER_SESSIONS,
        clearedByBrowser: kept && rawSessions.length === 0,
      };
    },
    async markExported() {
      await putMeta({ key: 'lastExport', at: ctx.now().toISOString() }, 'note export');
    },
    markKept() {
      safely(() => marker?.setItem(KEPT_MARKER_KEY, ctx.now().toISOString()), undefined);
    },
    forget() {
      safely(() => marker?.removeItem(KEPT_MARKER_KEY), undefined);
    },
  };
}

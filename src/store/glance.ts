/**
 * A glance at the store before its code is loaded: whether the welcome screen has anything of the
 * store's to show (an unfinished session to resume, a check-in, the weekly plan, a history the
 * browser cleared, a storage problem). Most first visits have none, and then the welcome screen
 * needs neither the store's code nor its schemas; the store opens with the next screens instead.
 *
 * It reads no record, only whether the stores that hold them are empty, so nothing unchecked is
 * used: whenever there is anything, the store itself opens and checks every record it reads, as
 * always. Anything the glance cannot tell for sure (no `indexedDB.databases()`, another version of
 * the database, an error) counts as "something to show".
 */
import { DB_NAME, DB_VERSION, type StoreName } from './store-schema';
import { KEPT_MARKER_KEY } from './kept-marker';

/** The stores whose records the welcome screen shows (resume prompt, check-in reminder, plan card). */
const SHOWN_ON_WELCOME: readonly StoreName[] = ['sessions', 'commitments', 'plans'];

export interface GlanceOptions {
  /** Database name; default "attune". */
  readonly name?: string;
  /** The browser's IndexedDB; default the page's. */
  readonly indexedDB?: IDBFactory;
  /** Where the "sessions were kept here" marker lives; default the page's localStorage. */
  readonly marker?: Pick<Storage, 'getItem'>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('glance: request failed'));
  });
}

function markerSet(marker: Pick<Storage, 'getItem'> | undefined): boolean {
  try {
    return (marker ?? globalThis.localStorage)?.getItem(KEPT_MARKER_KEY) != null;
  } catch {
    // Some private modes throw on access: the store itself tells what it can.
    return true;
  }
}

/**
 * Resolves true when the welcome screen may have something of the store's to show (then the store
 * should open at once), false when the database is missing or holds nothing the welcome shows.
 * Never creates the database and never rejects.
 */
export async function welcomeNeedsStore(options: GlanceOptions = {}): Promise<boolean> {
  const name = options.name ?? DB_NAME;
  try {
    const factory = options.indexedDB ?? globalThis.indexedDB;
    if (!factory || typeof factory.databases !== 'function') return true;
    // A history the browser cleared shows on the welcome (the marker without sessions).
    if (markerSet(options.marker)) return true;
    const known = await factory.databases();
    if (!known.some((db) => db.name === name)) return false;
    // Opened without a version, so an existing database is never upgraded here; one deleted since
    // it was listed is not created either (its creation is aborted, and the store opens itself).
    const opening = factory.open(name);
    opening.onupgradeneeded = () => opening.transaction?.abort();
    const db = await request(opening);
    try {
      db.onversionchange = () => db.close();
      if (db.version !== DB_VERSION) return true;
      const present = SHOWN_ON_WELCOME.filter((store) => db.objectStoreNames.contains(store));
      if (present.length !== SHOWN_ON_WELCOME.length) return true;
      const tx = db.transaction([...present], 'readonly');
      const counts = await Promise.all(present.map((store) => request(tx.objectStore(store).count())));
      return counts.some((count) => count > 0);
    } finally {
      db.close();
    }
  } catch {
    return true;
  }
}

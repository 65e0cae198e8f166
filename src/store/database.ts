/**
 * Opens Attune's IndexedDB database. The app shell calls this once (through `createStore`) and
 * passes the result around; there is no module-level database.
 */
import { openDB } from 'idb';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { migrate } from './migrations';
import { BLOCKED_MESSAGE, BLOCKING_MESSAGE, StorageError, TERMINATED_MESSAGE, UNAVAILABLE_MESSAGE, type StorageProblem } from './problems';
import { DB_NAME, DB_VERSION, type AttuneSchema } from './store-schema';

export type AttuneDb = IDBPDatabase<AttuneSchema>;

export interface OpenDatabaseOptions {
  /** Database name; tests use their own. Default "attune". */
  readonly name?: string;
  /** Schema version to open; only tests of older versions set this. Default: current. */
  readonly version?: number;
  /** Told about blocked upgrades, other tabs upgrading, and unexpected closes. */
  readonly onProblem?: (problem: StorageProblem) => void;
}

/**
 * Opens (creating or migrating as needed) the database.
 * Rejects with a `StorageError` of kind "unavailable" when the browser has no IndexedDB or refuses it.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<AttuneDb> {
  const { name = DB_NAME, version = DB_VERSION, onProblem } = options;
  if (typeof indexedDB === 'undefined' || indexedDB === null) {
    throw new StorageError('unavailable', UNAVAILABLE_MESSAGE);
  }
  let migrationError: unknown;
  let db: AttuneDb;
  try {
    db = await openDB<AttuneSchema>(name, version, {
      upgrade(database, oldVersion, newVersion, transaction) {
        // The steps await only requests of this transaction; a failure aborts it, so the database
        // stays at its old version with its data untouched.
        // An aborted upgrade is reported by the open request below; its `done` must not go unhandled.
        transaction.done.catch(() => {});
        const anyDb = database as unknown as IDBPDatabase<unknown>;
        const anyTx = transaction as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
        migrate(anyDb, oldVersion, newVersion ?? version, anyTx).catch((error: unknown) => {
          migrationError = error;
          try {
            transaction.abort();
          } catch {
            // Already finished or aborted: the open request reports the failure.
          }
        });
      },
      blocked() {
        onProblem?.({ kind: 'blocked', message: BLOCKED_MESSAGE });
      },
      blocking() {
        // Let the newer tab upgrade; this tab's later writes fail and are kept in memory.
        db.close();
        onProblem?.({ kind: 'blocking', message: BLOCKING_MESSAGE });
      },
      terminated() {
        onProblem?.({ kind: 'terminated', message: TERMINATED_MESSAGE });
      },
    });
  } catch (error) {
    if (migrationError !== undefined) {
      const reason = migrationError instanceof Error ? migrationError.message : String(migrationError);
      throw new StorageError('write-failed', `open database: upgrading the saved data failed (${reason}); nothing was changed`, {
        cause: migrationError,
      });
    }
    const errName = error instanceof Error || error instanceof DOMException ? error.name : '';
    if (errName === 'VersionError') {
      throw new StorageError(
        'write-failed',
        'open database: the saved data was written by a newer version of Attune; reload to get the latest version',
        { cause: error },
      );
    }
    throw new StorageError('unavailable', UNAVAILABLE_MESSAGE, { cause: error });
  }
  return db;
}

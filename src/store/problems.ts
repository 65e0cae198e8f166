/**
 * Storage problems, in words a non-technical couple can act on. Every failure of IndexedDB is turned
 * into one of these and reported; none is swallowed.
 */

export type StorageProblemKind =
  /** No IndexedDB at all (some private modes, locked-down browsers). */
  | 'unavailable'
  /** The device or browser ran out of room for this site. */
  | 'quota'
  /** An older Attune tab holds the database open, so this one cannot upgrade it yet. */
  | 'blocked'
  /** A newer Attune tab wants to upgrade the database; this tab let go of it. */
  | 'blocking'
  /** The browser closed the database unexpectedly. */
  | 'terminated'
  /** A record read back failed its schema check; it was set aside, not used. */
  | 'corrupt-record'
  /** Any other failed write. */
  | 'write-failed';

export interface StorageProblem {
  readonly kind: StorageProblemKind;
  /** One or two plain sentences for the user. */
  readonly message: string;
  /** Technical detail for an export or a bug report. */
  readonly detail?: string;
}

/** Error thrown by store operations; message is "operation: reason". */
export class StorageError extends Error {
  readonly kind: StorageProblemKind;
  constructor(kind: StorageProblemKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.kind = kind;
  }
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error) return String((error as { name: unknown }).name);
  return '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Turns an error from IndexedDB (or idb) into a plain problem description. */
export function describeStorageError(error: unknown, operation: string): StorageProblem {
  if (error instanceof StorageError) return { kind: error.kind, message: error.message, detail: errorText(error.cause ?? error) };
  const name = errorName(error);
  if (name === 'QuotaExceededError') {
    return {
      kind: 'quota',
      message:
        'This device has no room left to save the session. Recording continues in memory — free some space or export your data, or it will be lost when the page closes.',
      detail: `${operation}: ${errorText(error)}`,
    };
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return {
      kind: 'write-failed',
      message:
        'The browser would not save to its storage (private browsing can do this). Recording continues in memory only — export before closing the page.',
      detail: `${operation}: ${errorText(error)}`,
    };
  }
  return {
    kind: 'write-failed',
    message: 'Saving failed. Recording continues in memory — export before closing the page.',
    detail: `${operation}: ${errorText(error)}`,
  };
}

export const UNAVAILABLE_MESSAGE =
  'This browser does not let Attune save anything (private mode or storage turned off). You can still use the app, but nothing will be kept after the page closes.';
export const BLOCKED_MESSAGE =
  'Attune is open in another tab with an older version. Close that tab so this one can save your sessions; until then recording stays in memory.';
export const BLOCKING_MESSAGE =
  'A newer Attune was opened in another tab. Reload this tab to keep saving; until then recording stays in memory.';
export const TERMINATED_MESSAGE =
  'The browser closed Attune’s storage unexpectedly. Reload the page to keep saving; until then recording stays in memory.';

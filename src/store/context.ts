import type * as z from 'zod/mini';
import type { AttuneDb } from './database';
import { describeStorageError, StorageError, type StorageProblem } from './problems';
import { describeZodError } from './validate';

/** What every repository needs: the database promise, a problem reporter, a clock and ids. */
export interface StoreContext {
  /** The one database of this store; rejects with a `StorageError` when storage is unavailable. */
  db(): Promise<AttuneDb>;
  report(problem: StorageProblem): void;
  now(): Date;
  newId(): string;
}

/**
 * Parses a record read back from the database. A record that fails its schema is reported and
 * set aside (`undefined`), never used as if it were sound.
 */
export function checked<T>(ctx: StoreContext, schema: z.ZodMiniType<T>, value: unknown, what: string): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  ctx.report({
    kind: 'corrupt-record',
    message: `A saved ${what} is damaged and was left out. Your other data is fine.`,
    detail: `read ${what}: ${describeZodError(result.error)}`,
  });
  return undefined;
}

/** Parses every record of a list, leaving out (and reporting) damaged ones. */
export function checkedAll<T>(ctx: StoreContext, schema: z.ZodMiniType<T>, values: readonly unknown[], what: string): T[] {
  const out: T[] = [];
  for (const value of values) {
    const record = checked(ctx, schema, value, what);
    if (record !== undefined) out.push(record);
  }
  return out;
}

/** Validates a record before it is written; a bad one is a programming or input error, thrown plainly. */
export function valid<T>(schema: z.ZodMiniType<T>, value: unknown, operation: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${operation}: ${describeZodError(result.error)}`);
  return result.data;
}

/**
 * Runs a write, turning storage failures into a `StorageError` with a plain message, also reported
 * to the store's problem listeners (so the storage notice shows it). Plain `Error`s (bad input,
 * "operation: reason") pass through unchanged.
 */
export async function writing<T>(ctx: StoreContext, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    if (error instanceof Error && error.constructor === Error) throw error;
    const problem = describeStorageError(error, operation);
    ctx.report(problem);
    throw new StorageError(problem.kind, `${operation}: ${problem.message}`, { cause: error });
  }
}

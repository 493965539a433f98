// The driver-neutral Db type and the atomic-write seam's shapes (kept apart from index.ts so
// the modules index.ts re-exports can use them without an import cycle).
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.js';

/** Works with both drivers: every query is awaited (better-sqlite3 queries are thenable too). */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** A built but not yet executed drizzle query (insert/update/delete builder). */
export type WriteQuery = { toSQL(): { sql: string; params: unknown[] } };

/** A compiled write: SQL text and its driver values (see writeTemplate). */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Runs a list of writes all-or-nothing: a synchronous transaction on better-sqlite3 (it refuses
 * async callbacks), one `batch` on D1 (no interactive transactions there). Both take the SQL
 * text and parameters, so a drizzle query and a compiled Statement mix freely.
 */
export type Atomic = (writes: Array<WriteQuery | Statement>) => Promise<void>;

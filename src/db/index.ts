// The db module's public surface: the schema, the driver-neutral Db type and the atomic-write seam.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';

export { schema };
export * from './schema.js';
export { placeholders, prepared, writeTemplate } from './prepared.js';
export type Schema = typeof schema;

/** Works with both drivers: every query is awaited (better-sqlite3 queries are thenable too). */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, Schema>;

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

/** The SQL text and driver parameters of a write. */
export function compileWrite(w: WriteQuery | Statement): Statement {
  return 'sql' in w && typeof w.sql === 'string' ? (w as Statement) : (w as WriteQuery).toSQL();
}

export { DAY_MS, type Clock, type IdGen } from '../core/index.js';

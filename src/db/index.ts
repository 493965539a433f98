// The db module's public surface: the schema, the driver-neutral Db type and the atomic-write seam.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';

export { schema };
export * from './schema.js';
export { prepared } from './prepared.js';
export type Schema = typeof schema;

/** Works with both drivers: every query is awaited (better-sqlite3 queries are thenable too). */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, Schema>;

/** A built but not yet executed drizzle query (insert/update/delete/select builder). */
export type WriteQuery = { run(): unknown };

/**
 * Runs a list of built queries all-or-nothing: a synchronous transaction on better-sqlite3
 * (it refuses async callbacks), `db.batch` on D1 (no interactive transactions there).
 */
export type Atomic = (queries: WriteQuery[]) => Promise<void>;

export type Clock = () => number;
export type IdGen = (prefix: string) => string;

export const DAY_MS = 86_400_000;

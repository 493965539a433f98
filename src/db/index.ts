// The db module's public surface: the schema, the driver-neutral Db type and the atomic-write seam.
import * as schema from './schema.js';
import type { Statement, WriteQuery } from './types.js';

export { schema };
export * from './schema.js';
export { placeholders, prepared, writeRowsTemplate, writeTemplate } from './prepared.js';
export { sqlLiteral } from './sql-literal.js';
export { createReadCache, readCacheOf, type ReadCache } from './read-cache.js';
export type Schema = typeof schema;

export type { Atomic, Db, Statement, WriteQuery } from './types.js';

/** The SQL text and driver parameters of a write. */
export function compileWrite(w: WriteQuery | Statement): Statement {
  return 'sql' in w && typeof w.sql === 'string' ? (w as Statement) : (w as WriteQuery).toSQL();
}

export { DAY_MS, type Clock, type IdGen } from '../core/index.js';

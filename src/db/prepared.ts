// Hot-path queries are built and prepared once per database handle (drizzle otherwise rebuilds
// the SQL string on every call). Works for both drivers: prepared queries are awaited.
import type { Db } from './index.js';

const cache = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let q = perDb.get(key) as T | undefined;
  if (q === undefined) perDb.set(key, (q = build(db)));
  return q;
}

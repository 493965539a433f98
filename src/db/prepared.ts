// Hot-path queries are built once per database handle (drizzle otherwise rebuilds the SQL string
// on every call). `prepared` caches drizzle prepared reads; `writeTemplate` compiles a write
// with placeholders once and then only fills values in, producing a plain `Statement` that either
// driver's atomic seam runs.
import { is, Param, Placeholder, sql } from 'drizzle-orm';
import type { Db, Statement } from './types.js';

const cache = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let q = perDb.get(key) as T | undefined;
  if (q === undefined) perDb.set(key, (q = build(db)));
  return q;
}

/** `{ name: sql.placeholder(name) }` for each name: the values of a write template. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as Record<K, Placeholder<K>>;
}

type Fill = (values: Record<string, unknown>) => unknown;

/**
 * A write built once with `sql.placeholder(name)` values, filled per call. Values are mapped to
 * the driver the way drizzle maps them (JSON columns stringified, booleans as integers); a missing
 * value is an error, not a silent NULL.
 */
export function writeTemplate<V extends Record<string, unknown>>(
  db: Db,
  key: string,
  build: (db: Db) => { toSQL(): { sql: string; params: unknown[] } },
): (values: V) => Statement {
  return prepared(db, writeKey(key), (d) => {
    const { sql, params } = build(d).toSQL();
    const fills: Fill[] = params.map((p) => {
      if (is(p, Placeholder)) return named(key, p.name);
      if (is(p, Param) && is(p.value, Placeholder)) {
        const get = named(key, (p.value as Placeholder).name);
        const encoder = p.encoder;
        return (values) => {
          const v = get(values);
          return v === null ? null : encoder.mapToDriverValue(v);
        };
      }
      return () => p;
    });
    return (values: V) => ({ sql, params: fills.map((f) => f(values)) });
  });
}

/** `write:<key>`, made once per key: a turn fills several templates, each a lookup by this key. */
const writeKeys = new Map<string, string>();
function writeKey(key: string): string {
  let k = writeKeys.get(key);
  if (k === undefined) writeKeys.set(key, (k = `write:${key}`));
  return k;
}

function named(key: string, name: string): Fill {
  return (values) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${key}: no value for "${name}"`);
    return v;
  };
}

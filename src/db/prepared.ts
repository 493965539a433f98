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
    const fills = fillsOf(params, (name) => named(key, name));
    return (values: V) => ({ sql, params: fills.map((f) => f(values)) });
  });
}

/** How each of a built write's parameters is filled from the values: a placeholder's value (driver-mapped), or a constant. */
function fillsOf<T>(params: unknown[], get: (name: string) => (values: T) => unknown): Array<(values: T) => unknown> {
  return params.map((p) => {
    if (is(p, Placeholder)) return get(p.name);
    if (is(p, Param) && is(p.value, Placeholder)) {
      const value = get((p.value as Placeholder).name);
      const encoder = p.encoder;
      return (values: T) => {
        const v = value(values);
        return v === null ? null : encoder.mapToDriverValue(v);
      };
    }
    return () => p;
  });
}

/** Rows a multi-row insert takes at most: D1 binds at most 100 values to one statement. */
const MAX_BOUND = 100;

/**
 * An insert of several rows in one statement (`insert … values (…), (…)`): one write for a
 * turn's messages instead of one each. `build` makes the insert for the rows it is handed (each
 * column a placeholder); it is built once per row count, and as many rows go in one statement as
 * fit D1's 100 bound values. Values are mapped as by writeTemplate; a missing one is an error.
 */
export function writeRowsTemplate<V extends Record<string, unknown>>(
  db: Db,
  key: string,
  columns: readonly (keyof V & string)[],
  build: (db: Db, rows: Array<Record<keyof V & string, Placeholder>>) => { toSQL(): { sql: string; params: unknown[] } },
): (rows: readonly V[]) => Statement[] {
  const perStatement = Math.max(1, Math.floor(MAX_BOUND / columns.length));
  const forCount = (n: number) =>
    prepared(db, writeKey(`${key}#${n}`), (d) => {
      const rows = Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map((c) => [c, sql.placeholder(`${i}:${c}`)]))) as Array<
        Record<keyof V & string, Placeholder>
      >;
      const built = build(d, rows).toSQL();
      const fills = fillsOf<readonly V[]>(built.params, (name) => {
        const at = name.indexOf(':');
        const i = Number(name.slice(0, at));
        const column = name.slice(at + 1);
        return (values) => {
          const v = values[i]![column];
          if (v === undefined) throw new Error(`${key}: no value for "${column}" in row ${i + 1}`);
          return v;
        };
      });
      return (values: readonly V[]): Statement => ({ sql: built.sql, params: fills.map((f) => f(values)) });
    });
  return (rows) => {
    const out: Statement[] = [];
    for (let from = 0; from < rows.length; from += perStatement) {
      const chunk = from === 0 && rows.length <= perStatement ? rows : rows.slice(from, from + perStatement);
      out.push(forCount(chunk.length)(chunk));
    }
    return out;
  };
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

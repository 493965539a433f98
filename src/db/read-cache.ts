// Reads kept between turns by the long-running Node server. A value read from some tables is
// served again until one of those tables is written — by this process (every write statement the
// connection runs reports its table, db/node.ts) or by another connection (SQLite's
// `PRAGMA data_version` moves: then every entry is dropped) — or until it is older than `ttlMs` on
// the caller's clock (reads that depend on the time, like "orders in the last 30 days").
//
// Without a write clock attached to the handle (D1 on Workers, whose isolates share nothing, and
// CLIs and tests that open the file without `readCache`) nothing is kept: every read goes to the database.
import { getTableName, type Table } from 'drizzle-orm';

export interface WriteClock {
  /**
   * A number that changes whenever any of these tables may have changed: the sequence of the
   * last commit that wrote one of them (or wrote a table it could not name, or came from another
   * connection).
   */
  stamp(tables: readonly string[]): number;
}

const clocks = new WeakMap<object, WriteClock>();

/** Lets reads on this handle be kept (openNodeDb with `readCache`, the server's handle only). */
export function attachWriteClock(db: object, clock: WriteClock): void {
  clocks.set(db, clock);
}

// insert [or …] into "t" / replace into "t" / update [or …] "t" / delete from "t"
const WRITTEN_TABLE = /^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+[`"[]?(\w+)/i;

/** The table a write statement changes, or null when the text does not say plainly (treated as "any"). */
export function writtenTable(sql: string): string | null {
  return WRITTEN_TABLE.exec(sql)?.[1] ?? null;
}

/** A look at `PRAGMA data_version`: what it said, and when (performance.now()). */
export interface VersionLook {
  version: number;
  at: number;
}

/** The server's write clock: told of every write this connection runs, as it runs (db/node.ts). */
export function createWriteClock(
  dataVersion: () => number,
  /** The connection's latest look at `PRAGMA data_version` by anyone (the conversation cache looks every turn). */
  lastLook?: () => VersionLook,
): WriteClock & { wrote(table: string | null): void } {
  let seq = 0;
  let anyTable = 0; // an unnamed table or another connection: every stamp moves
  let seenVersion = dataVersion();
  let checkedAt = performance.now();
  const lastWrite = new Map<string, number>();
  return {
    wrote(table) {
      seq++;
      if (table === null) anyTable = seq;
      else lastWrite.set(table, seq);
    },
    stamp(tables) {
      // Another connection's commit is looked for at most once a millisecond (one statement each
      // time): a turn's few reads share the look, and such a commit is seen within a millisecond.
      // A look taken by someone else since, under a millisecond ago, serves as this one's.
      const t = performance.now();
      const look = lastLook?.();
      let version: number | null = null;
      if (look && look.at > checkedAt && t - look.at < 1) {
        checkedAt = look.at;
        version = look.version;
      } else if (t - checkedAt >= 1) {
        checkedAt = t;
        version = dataVersion();
      }
      if (version !== null && version !== seenVersion) {
        seenVersion = version;
        anyTable = ++seq;
      }
      let at = anyTable;
      for (const t of tables) at = Math.max(at, lastWrite.get(t) ?? 0);
      return at;
    },
  };
}

export interface ReadCache<T> {
  /** The kept value for `key` when still current at `now`, else `load()`'s (then kept). */
  read(key: string, now: number, load: () => Promise<T>): Promise<T>;
}

export interface ReadCacheOptions {
  /** The tables the read depends on (drizzle tables, so a renamed table cannot be missed). */
  tables: readonly Table[];
  ttlMs: number;
  /** Entries kept at most; the oldest goes first. */
  max: number;
}

interface Entry<T> {
  value: T;
  stamp: number;
  at: number;
}

/** A cache for one kind of read on one handle; a pass-through when the handle has no write clock. */
export function createReadCache<T>(db: object, opts: ReadCacheOptions): ReadCache<T> {
  const clock = clocks.get(db);
  if (!clock) return { read: (_key, _now, load) => load() };
  const tables = opts.tables.map((t) => getTableName(t));
  const entries = new Map<string, Entry<T>>();
  return {
    async read(key, now, load) {
      // Stamped before the read: a commit landing while it runs leaves the entry already stale.
      const stamp = clock.stamp(tables);
      const kept = entries.get(key);
      if (kept && kept.stamp === stamp && Math.abs(now - kept.at) < opts.ttlMs) return kept.value;
      const value = await load();
      entries.delete(key);
      if (entries.size >= opts.max) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, stamp, at: now });
      return value;
    },
  };
}

const named = new WeakMap<object, Map<string, ReadCache<unknown>>>();

/** The handle's cache of this name, made on first use (module-level reads keep theirs per handle). */
export function readCacheOf<T>(db: object, name: string, opts: ReadCacheOptions): ReadCache<T> {
  let perDb = named.get(db);
  if (!perDb) named.set(db, (perDb = new Map()));
  let cache = perDb.get(name) as ReadCache<T> | undefined;
  if (!cache) perDb.set(name, (cache = createReadCache<T>(db, opts)));
  return cache;
}

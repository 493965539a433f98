// Node-only adapter: opens the SQLite file with better-sqlite3, applies migrations, and
// provides the transactional Atomic seam. Imported by src/node.ts, tests and CLIs — never by the app.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { compileWrite, type Atomic, type Db } from './index.js';
import { startCheckpointer } from './checkpointer.js';
import { createGroupCommitter } from './group-commit.js';
import { attachWriteClock, createWriteClock, writtenTable, type VersionLook } from './read-cache.js';

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface NodeDb {
  db: Db;
  atomic: Atomic;
  sqlite: Database.Database;
  /** SQLite's `PRAGMA data_version`: moves when another connection commits to the file (never for this one's own commits). */
  dataVersion(): number;
  /** Closes the connection (after stopping the background checkpointer, if any). */
  close(): Promise<void> | void;
}

export interface OpenOptions {
  migrate?: boolean;
  /**
   * Checkpoint the WAL from a worker thread instead of inside whichever commit crosses the
   * threshold (see checkpointer.ts). For the long-running server; tests and CLIs leave it off.
   */
  backgroundCheckpoints?: boolean;
  onCheckpointError?: (message: string) => void;
  /**
   * With background checkpoints: the WAL length (pages) at which a commit checkpoints inline after
   * all, should the worker fall behind (starved of CPU, stuck): the log stays bounded whatever
   * the worker does. The worker keeps it far below this normally (it asks for a rewind at 8,000).
   */
  walLimitPages?: number;
  /** How often the worker checkpoints (ms); tests stretch it to take the worker out of the picture. */
  checkpointIntervalMs?: number;
  /**
   * Let hot reads be kept between turns (read-cache.ts): for the server, whose every write goes
   * through `atomic`. Off for CLIs and tests that write with plain drizzle calls.
   */
  readCache?: boolean;
}

export function openNodeDb(file: string, opts: OpenOptions = {}): NodeDb {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  configure(sqlite);
  const db = drizzle(sqlite, { schema });
  if (opts.migrate !== false) migrate(db, { migrationsFolder });
  const { dataVersion, look } = versionLooks(sqlite);
  // Every write statement this connection runs reports its table to the write clock (read-cache.ts).
  const clock = opts.readCache ? createWriteClock(dataVersion, () => look) : null;
  cacheStatements(sqlite, clock ? (table) => clock.wrote(table) : null);
  if (clock) attachWriteClock(db, clock);
  let rewindDue = false;
  const committer = createGroupCommitter(sqlite, () => {
    if (rewindDue) {
      rewindDue = false;
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    }
  });
  const atomic: Atomic = async (writes) => {
    if (writes.length === 0) return;
    await committer.commit(
      writes.map((w) => {
        const { sql, params } = compileWrite(w);
        return { st: sqlite.prepare(sql), params: params as unknown[] };
      }),
    );
  };
  if (opts.backgroundCheckpoints && file !== ':memory:') {
    sqlite.pragma(`wal_autocheckpoint = ${Math.max(1, Math.trunc(opts.walLimitPages ?? 20_000))}`);
    sqlite.pragma('journal_size_limit = 67108864'); // a rewound WAL is truncated back to 64 MB
    const checkpointer = startCheckpointer(file, {
      intervalMs: opts.checkpointIntervalMs,
      onError: opts.onCheckpointError,
      onRewindDue: () => (rewindDue = true),
    });
    return {
      db: db as unknown as Db,
      atomic,
      sqlite,
      dataVersion,
      close: async () => {
        committer.flush();
        await checkpointer.stop();
        sqlite.close();
      },
    };
  }
  return {
    db: db as unknown as Db,
    atomic,
    sqlite,
    dataVersion,
    close: () => {
      committer.flush();
      sqlite.close();
    },
  };
}

/**
 * `PRAGMA data_version`, read before every turn (the conversation cache): compiled once, not per
 * call as pragma() does. With the latest look, whoever took it: the write clock takes the
 * conversation cache's fresh one instead of a statement of its own.
 */
function versionLooks(sqlite: Database.Database): { dataVersion: () => number; look: VersionLook } {
  const query = sqlite.prepare('PRAGMA data_version').pluck();
  const look: VersionLook = { version: 0, at: -Infinity };
  const dataVersion = () => {
    look.version = query.get() as number;
    look.at = performance.now();
    return look.version;
  };
  return { dataVersion, look };
}

function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 268435456');
  // SQLite's own page cache, per connection, in the process's private memory: 2 MB (SQLite's
  // default; better-sqlite3 builds with 16 MB). Reads of the database file go through the map
  // above (the kernel's page cache, shared and reclaimable); this cache holds what the map cannot
  // serve, the pages being written and those still in the WAL. At 16 MB a busy server's cache
  // filled with the b-tree pages its inserts had touched (8 MB after 6,000 conversations, still
  // growing); at 2 MB the same load runs no slower (measured with the JSON-mode bench).
  sqlite.pragma('cache_size = -2000');
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 compiles every `prepare` anew, and drizzle prepares every query it runs; a turn
 * runs the same few dozen SQL texts over and over. This keeps the compiled statements by text.
 * Reuse is safe because better-sqlite3 runs a statement to completion synchronously; a reader is
 * handed out in object mode (drizzle switches it to raw mode itself where it wants arrays).
 */
function cacheStatements(sqlite: Database.Database, onWrite: ((table: string | null) => void) | null): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let st = cache.get(source);
    if (st) {
      if (st.reader) st.raw(false);
      return st;
    }
    st = compile(source);
    // A write with RETURNING is a reader too (drizzle's `.returning()` runs it with all/get).
    if (onWrite && (!st.reader || !st.readonly)) reportWrites(st, writtenTable(source), onWrite);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, st);
    return st;
  }) as Database.Database['prepare'];
}

/**
 * A write statement tells the clock its table each time it changes rows ("insert … on conflict
 * do nothing" that found the row changes none). The connection is synchronous: when `run`
 * returns, the write is committed, or will be by the transaction running it before any other code
 * reads (a rollback only costs a needless refresh). A failed write reports too, to be safe.
 */
function reportWrites(st: Database.Statement, table: string | null, onWrite: (table: string | null) => void): void {
  const run = st.run.bind(st);
  st.run = ((...params: unknown[]) => {
    let result: Database.RunResult | undefined;
    try {
      result = run(...params);
      return result;
    } finally {
      if (result === undefined || result.changes > 0) onWrite(table);
    }
  }) as Database.Statement['run'];
  if (!st.reader) return;
  // An upsert with RETURNING (the cart's) is read, not run: it reports each time it is read, rows or not.
  for (const method of ['all', 'get', 'iterate'] as const) {
    const read = (st[method] as (...params: unknown[]) => unknown).bind(st);
    (st as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
      try {
        return read(...params);
      } finally {
        onWrite(table);
      }
    };
  }
}

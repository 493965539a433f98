// Node-only adapter: opens the SQLite file with better-sqlite3, applies migrations, and
// provides the transactional Atomic seam. Imported by src/node.ts, tests and CLIs — never by the app.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import type { Atomic, Db } from './index.js';

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface NodeDb {
  db: Db;
  atomic: Atomic;
  sqlite: Database.Database;
  close(): void;
}

export function openNodeDb(file: string, opts: { migrate?: boolean } = {}): NodeDb {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 268435456');
  const db = drizzle(sqlite, { schema });
  if (opts.migrate !== false) migrate(db, { migrationsFolder });
  // A turn commits the same few statement shapes every time; compiling them once (better-sqlite3
  // has no statement cache of its own) saves most of the commit's cost.
  const statements = new Map<string, Database.Statement>();
  const statementFor = (text: string) => {
    let st = statements.get(text);
    if (!st) {
      if (statements.size >= 256) statements.clear();
      statements.set(text, (st = sqlite.prepare(text)));
    }
    return st;
  };
  const atomic: Atomic = async (queries) => {
    if (queries.length === 0) return;
    const compiled = queries.map((q) => {
      const toSQL = (q as { toSQL?: () => { sql: string; params: unknown[] } }).toSQL;
      if (typeof toSQL !== 'function') return () => q.run();
      const built = toSQL.call(q);
      const st = statementFor(built.sql);
      return () => st.run(...built.params);
    });
    sqlite.transaction(() => {
      for (const run of compiled) run();
    })();
  };
  return { db: db as unknown as Db, atomic, sqlite, close: () => sqlite.close() };
}

// Group commit: writes handed over in one pass of the event loop share one transaction, each
// caller's writes stay all-or-nothing on their own, and a promise resolves only once committed.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommitter, type CompiledWrite } from '../../src/db/group-commit.js';
import { tempDbsPerTest } from '../support/db.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-gc-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const statements: string[] = [];
  const db = new Database(file, { verbose: (sql) => statements.push(String(sql)) });
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  let commits = 0;
  const committer = createGroupCommitter(db, () => commits++);
  const insert = (k: string, v: number | null, verb = 'INSERT'): CompiledWrite => ({
    st: db.prepare(`${verb} INTO t (k, v) VALUES (?, ?)`),
    params: [k, v],
  });
  const other = () => new Database(file, { readonly: true });
  return { db, committer, insert, other, commits: () => commits, statements };
}

const rows = (db: Database.Database) => db.prepare('SELECT k, v FROM t ORDER BY k').all();

describe('group commit', () => {
  it('commits the writes of one pass together, and resolves each caller only once its writes are durable', async () => {
    const { db, committer, insert, other, commits } = open();
    const reader = other();
    const seenAtResolve: unknown[] = [];
    const a = committer
      .commit([insert('a1', 1), insert('a2', 2)])
      .then(() => seenAtResolve.push(reader.prepare('SELECT count(*) AS n FROM t').get()));
    const b = committer.commit([insert('b1', 3)]);
    expect(rows(db)).toEqual([]); // nothing is written until the pass is over
    await Promise.all([a, b]);
    expect(seenAtResolve).toEqual([{ n: 3 }]); // another connection already sees all of it
    expect(commits()).toBe(1);
    await committer.commit([insert('c1', 4)]);
    expect(commits()).toBe(2);
    reader.close();
    db.close();
  });

  it('runs a group where nothing fails without a savepoint per caller', async () => {
    const { db, committer, insert, statements } = open();
    statements.length = 0;
    await Promise.all([committer.commit([insert('a1', 1), insert('a2', 2)]), committer.commit([insert('b1', 3), insert('b2', 4)])]);
    expect(statements.filter((s) => /^(SAVEPOINT|RELEASE)/i.test(s))).toEqual([]);
    expect(rows(db)).toHaveLength(4);
    db.close();
  });

  it('rolls back only the caller whose write fails; the others in the group are stored', async () => {
    const { db, committer, insert } = open();
    const ok1 = committer.commit([insert('x', 1)]);
    const bad = committer.commit([insert('y', 2), insert('z', null)]); // v is NOT NULL: y must not stay either
    const ok2 = committer.commit([insert('w', 3)]);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    await Promise.all([ok1, ok2]);
    expect(rows(db)).toEqual([
      { k: 'w', v: 3 },
      { k: 'x', v: 1 },
    ]);
    db.close();
  });

  it('undoes all of a failing single write (a statement of several rows) and nothing of the others', async () => {
    const { db, committer, insert } = open();
    const rowsAt = (k1: string, k2: string, verb = 'INSERT'): CompiledWrite => ({
      st: db.prepare(`${verb} INTO t (k, v) VALUES (?, 1), (?, NULL)`), // the second row breaks NOT NULL
      params: [k1, k2],
    });
    const before = committer.commit([insert('a', 1)]);
    const bad = committer.commit([rowsAt('m1', 'm2')]);
    const failKeeps = committer.commit([rowsAt('f1', 'f2', 'INSERT OR FAIL')]); // OR FAIL: still all or nothing here
    const after = committer.commit([insert('z', 2)]);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    await expect(failKeeps).rejects.toThrow(/NOT NULL/);
    await Promise.all([before, after]);
    expect(rows(db)).toEqual([
      { k: 'a', v: 1 },
      { k: 'z', v: 2 },
    ]);
    db.close();
  });

  it('rejects every caller and stores nothing when SQLite abandons the whole transaction', async () => {
    const { db, committer, insert } = open();
    db.prepare('INSERT INTO t VALUES (?, ?)').run('taken', 0);
    const first = committer.commit([insert('p', 1)]);
    const aborts = committer.commit([insert('taken', 1, 'INSERT OR ROLLBACK')]); // conflict → ROLLBACK of everything
    const last = committer.commit([insert('q', 2)]);
    const outcomes = await Promise.allSettled([first, aborts, last]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows(db)).toEqual([{ k: 'taken', v: 0 }]);
    // The connection keeps working afterwards.
    await committer.commit([insert('r', 3)]);
    expect(rows(db)).toEqual([
      { k: 'r', v: 3 },
      { k: 'taken', v: 0 },
    ]);
    db.close();
  });

  it('stores writes still waiting when the database is closed', async () => {
    const openDb = tempDbsPerTest();
    const h = openDb();
    const pending = h.atomic([
      { sql: "INSERT INTO sessions (id, customer_id, started_at, pages_seen) VALUES ('s-closing', NULL, 1, 1)", params: [] },
    ]);
    await h.close();
    await pending;
    const again = new Database(h.file, { readonly: true });
    expect(again.prepare("SELECT id FROM sessions WHERE id = 's-closing'").get()).toEqual({ id: 's-closing' });
    again.close();
  });
});

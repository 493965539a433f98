// Group commit for better-sqlite3: every set of writes handed over during one pass of the event
// loop commits in one SQLite transaction, run from `setImmediate` once the pass has handled its
// requests. Under load the server finishes many turns per pass; one commit for all of them
// writes each shared index page to the WAL once instead of once per turn, and a turn's response
// still goes out only after its own writes are durable (its promise resolves after the commit).
// A write that fails rolls back its own set alone and rejects only its caller. Writes almost never
// fail, so a group first runs plainly, every write in a row (no savepoint per set: a SAVEPOINT and
// a RELEASE per turn saved); if one fails, the whole group is rolled back and run again the
// careful way: each set of several writes in its own savepoint, so the failing set is undone
// alone. A set of one write needs none (SQLite undoes a failing statement's own changes and keeps
// the transaction open). If SQLite abandons the whole transaction (an I/O error, say), every
// caller in the group is rejected and nothing of the group is stored.
import type Database from 'better-sqlite3';

export interface CompiledWrite {
  st: Database.Statement;
  params: unknown[];
}

export interface GroupCommitter {
  /** Resolves once the writes are committed, all of them or none. */
  commit(writes: CompiledWrite[]): Promise<void>;
  /** Commits whatever is waiting now (before the connection closes). */
  flush(): void;
}

interface Job {
  writes: CompiledWrite[];
  resolve(): void;
  reject(error: unknown): void;
}

/** OR FAIL keeps what a failing statement did before it failed: such a write still gets its savepoint. */
const KEEPS_PARTIAL = /\bor\s+fail\b/i;

export function createGroupCommitter(sqlite: Database.Database, afterCommit: () => void = () => {}): GroupCommitter {
  // Transaction functions are built once: better-sqlite3 makes four closures per `transaction()`.
  // Called inside the outer one, `one` runs as a savepoint.
  const one = sqlite.transaction((writes: CompiledWrite[]) => {
    for (const { st, params } of writes) st.run(...params);
  });
  // The common case: nothing fails, no savepoints. A throw rolls the whole group back.
  const plain = sqlite.transaction((jobs: Job[]) => {
    for (const job of jobs) for (const { st, params } of job.writes) st.run(...params);
  });
  // After a failure: each set on its own, so only the failing one's caller is rejected.
  const careful = sqlite.transaction((jobs: Job[]) =>
    jobs.map((job) => {
      try {
        const [only] = job.writes;
        if (job.writes.length === 1 && !KEEPS_PARTIAL.test(only!.st.source)) only!.st.run(...only!.params);
        else one(job.writes);
        return null;
      } catch (error) {
        if (!sqlite.inTransaction) throw error; // SQLite rolled the whole transaction back
        return error ?? new Error('write failed');
      }
    }),
  );
  let queue: Job[] = [];

  function flush(): void {
    if (queue.length === 0) return;
    const jobs = queue;
    queue = [];
    let failures: unknown[] | null = null;
    try {
      plain(jobs);
    } catch {
      // Rolled back, all of it: again, set by set (a failure of SQLite's own fails this too).
      try {
        failures = careful(jobs);
      } catch (error) {
        for (const job of jobs) job.reject(error);
        return;
      }
    }
    jobs.forEach((job, i) => {
      const failure = failures?.[i] ?? null;
      if (failure === null) job.resolve();
      else job.reject(failure);
    });
    afterCommit();
  }

  return {
    commit(writes) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ writes, resolve, reject });
        if (queue.length === 1) setImmediate(flush);
      });
    },
    flush,
  };
}

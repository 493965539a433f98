// A real SQLite file per test, migrated, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openNodeDb, type NodeDb, type OpenOptions } from '../../src/db/node.js';

export type TempDb = NodeDb & { file: string; dispose(): Promise<void> };

export function tempDb(opts: OpenOptions = {}): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-test-'));
  const file = join(dir, 'tailor.db');
  const handle = openNodeDb(file, opts);
  return {
    ...handle,
    file,
    async dispose() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `open()` for a temp db that is disposed after the current test (call at module or describe level). */
export function tempDbsPerTest(): (opts?: OpenOptions) => TempDb {
  const open: TempDb[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.dispose();
  });
  return (opts) => {
    const h = tempDb(opts);
    open.push(h);
    return h;
  };
}

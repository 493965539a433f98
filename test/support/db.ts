// A real SQLite file per test, migrated, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDb, type NodeDb } from '../../src/db/node.js';

export function tempDb(): NodeDb & { file: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-test-'));
  const file = join(dir, 'tailor.db');
  const handle = openNodeDb(file);
  return {
    ...handle,
    file,
    dispose() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

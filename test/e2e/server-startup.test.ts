// `npm start` misconfigured: one line naming the variable, exit 1, no stack trace.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempStore } from '../support/server.js';

function start(env: Record<string, string>) {
  const store = tempStore();
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
      cwd: repoRoot,
      env: { ...process.env, OPENAI_API_KEY: '', TAILOR_MODEL: '', PORT: '0', TAILOR_DB: store.dbFile, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: r.status, stderr: r.stderr.trim() };
  } finally {
    store.dispose();
  }
}

describe('startup errors', () => {
  it.each([
    [{ TAILOR_RATE_IP_PER_MIN: 'lots' }, /TAILOR_RATE_IP_PER_MIN/],
    [{ TAILOR_MODEL: 'openai:gpt-4o-mini' }, /OPENAI_API_KEY/],
    [{ TAILOR_DEMO: '0' }, /TAILOR_IDENTITY_SECRET/],
    [{ TAILOR_DATA_DIR: '/nonexistent-tailor-dir' }, /segments\.yaml/],
  ])(
    '%o → exit 1 naming it',
    (env, named) => {
      const r = start(env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(named);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
    40_000,
  );
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'tailor-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TAILOR_DB: join(dir, 'tailor.db'), TAILOR_LOG: 'silent' },
  });

describe('db:seed and segment CLIs', () => {
  it('seeds once, says so the second time, and explains a shopper’s segment', { timeout: 90_000 }, () => {
    const first = run('src/cli/seed.ts');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Seeded the demo store into .*tailor\.db/);
    expect(first.stdout).toMatch(/customers\s+303/);
    const second = run('src/cli/seed.ts');
    expect(second.stdout).toMatch(/already has a store; left it as it is \(use --reset to rebuild it\)/);
    const reset = run('src/cli/seed.ts', '--reset');
    expect(reset.stdout).toMatch(/Seeded the demo store into .*tailor\.db \(after clearing it\)/);

    const sarah = run('src/cli/segment.ts', 'sarah@example.com');
    expect(sarah.status).toBe(0);
    expect(sarah.stdout).toMatch(/orders\s+8/);
    expect(sarah.stdout).toMatch(/loyalty\s+gold, 1240 points/);
    expect(sarah.stdout).toContain('Segment: vip (rule orders-5-plus in data/segments.yaml)');
    expect(sarah.stdout).toContain('- 8 orders ≥ 5');

    const nobody = run('src/cli/segment.ts', 'nobody@example.com');
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('No customer with email nobody@example.com');
  });
});

describe('every CLI explains itself', () => {
  const clis = ['src/cli/seed.ts', 'src/cli/segment.ts', 'src/cli/preview.ts', 'src/cli/lint-personas.ts', 'src/cli/seed-d1.ts'];

  it.each(clis)(
    '%s: --help prints the usage and exits 0; an unknown option prints it and exits 2 without a stack trace',
    { timeout: 30_000 },
    (script) => {
      const help = run(script, '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage: /);
      if (script.endsWith('lint-personas.ts')) return; // takes no options
      const bad = run(script, '--colour', 'red');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/Unknown option '--colour'\.\nusage: /);
      expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    },
  );
});

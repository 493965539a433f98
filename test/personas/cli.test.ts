// The prompt engineer's commands, run as they would run them (a real process, real files).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMPTS_DIR } from './fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const work = mkdtempSync(join(tmpdir(), 'tailor-persona-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, TAILOR_LOG: 'silent', ...env },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

describe('npm run personas:lint', () => {
  it('passes on the shipped personas and prints their token cost', async () => {
    const { code, out } = await run('src/cli/lint-personas.ts', []);
    expect(code).toBe(0);
    expect(out).toMatch(/persona\s+variant\s+prompt\s+tools\s+total/);
    for (const id of ['neutral', 'new-visitor', 'repeat-buyer', 'vip'])
      expect(out).toMatch(new RegExp(`^${id}\\s+\\S+\\s+\\d+\\s+\\d+\\s+\\d+\\s+ok$`, 'm'));
    expect(out).toContain('✓ 4 personas OK');
  });

  it('fails naming file and line for a broken persona, and over a lowered budget', async () => {
    const dir = join(work, 'prompts');
    cpSync(PROMPTS_DIR, dir, { recursive: true });
    const vip = readFileSync(join(dir, 'vip.md'), 'utf8');
    writeFileSync(join(dir, 'vip.md'), vip.replace('  - reorder\n', '  - re_order\n'));
    const line = vip.split('\n').indexOf('  - reorder') + 1;
    const broken = await run('src/cli/lint-personas.ts', [], { TAILOR_PROMPTS_DIR: dir });
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`vip.md:${line}: unknown tool "re_order" (did you mean "reorder"?)`);

    writeFileSync(join(dir, 'vip.md'), vip);
    const tight = await run('src/cli/lint-personas.ts', [], { TAILOR_PROMPTS_DIR: dir, TAILOR_PROMPT_TOKEN_BUDGET: '300' });
    expect(tight.code).toBe(1);
    expect(tight.err).toMatch(
      /vip\.md:1: \d+ tokens \(variant "control"\) \(system prompt \d+ \+ tool definitions \d+\) exceed the budget of 300/,
    );
    expect(tight.out).toMatch(/^vip\s+control\s+\d+\s+\d+\s+\d+\s+OVER$/m);
  });
});

describe('npm run persona:preview', () => {
  const env = { TAILOR_DB: join(work, 'preview.db') };

  it('shows a VIP customer: segment with reasons, persona, variant, the prompt and tool tokens', async () => {
    const { code, out } = await run('src/cli/preview.ts', ['--customer', 'sarah@example.com'], env);
    expect(code).toBe(0);
    expect(out).toMatch(/^Segment\s+vip\s+\(rule orders-5-plus\)$/m);
    expect(out).toMatch(/- 8 orders ≥ 5/);
    expect(out).toMatch(/^Persona\s+vip\s+vip\.md\s+sha256:[0-9a-f]{64}$/m);
    expect(out).toMatch(/^Variant\s+(control|stylist-first)\s+\(experiment vip-greeting, sticky for c_sarah\)$/m);
    expect(out).toMatch(/── System prompt \(\d+ tokens\)/);
    expect(out).toContain('This is a VIP customer, Sarah: greet them by name');
    expect(out).toMatch(/^\s+recommend_products\s+\d+$/m);
    expect(out).toMatch(/^Total\s+\d+ tokens \(system prompt \+ tools\), budget 1500$/m);
  });

  it('a new visitor sees no personal data; a forced segment uses the sample context', async () => {
    const lena = await run('src/cli/preview.ts', ['--customer', 'lena@example.com'], env);
    expect(lena.code).toBe(0);
    expect(lena.out).toMatch(/^Persona\s+new-visitor/m);
    expect(lena.out).toMatch(/withheld: firstName, loyaltyTier, loyaltyPoints, recentOrders/);
    expect(lena.out.split('── System prompt')[1]).not.toContain('Lena');

    const forced = await run('src/cli/preview.ts', ['--segment', 'repeat_buyer'], env);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^Persona\s+repeat-buyer/m);
    expect(forced.out).toContain('- forced with --segment');
  });

  it('explains bad usage', async () => {
    const none = await run('src/cli/preview.ts', [], env);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^usage: npm run persona:preview/);
    const missing = await run('src/cli/preview.ts', ['--customer', 'nobody@example.com'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No customer with email nobody@example.com');
  });
});

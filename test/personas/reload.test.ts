import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, createLogger } from '../../src/core/index.js';
import { createPersonaRegistry, SAMPLE_CONTEXT, type PersonaRegistry } from '../../src/personas/index.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { PROMPTS_DIR, segment } from './fixtures.js';

let dir: string;
let registry: PersonaRegistry | null = null;
let logs: Array<{ level: string; msg: string; errors?: string[] }>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-prompts-'));
  cpSync(PROMPTS_DIR, dir, { recursive: true });
  logs = [];
});
afterEach(() => {
  registry?.close();
  registry = null;
  rmSync(dir, { recursive: true, force: true });
});

const open = async () => {
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line)));
  registry = await createPersonaRegistry({ source: nodePersonaSource(dir), logger, segments: ['new_visitor', 'repeat_buyer', 'vip'] });
  return registry;
};
const vip = (r: PersonaRegistry) =>
  r.resolve({ segment: segment('vip'), optOut: false, subjectId: 'c_sarah', context: SAMPLE_CONTEXT, variant: 'control' });
const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

async function until<T>(probe: () => T, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (ok(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('hot reload from a real folder (fs.watch)', () => {
  it('an edit takes effect on the next message, with a new version', async () => {
    const r = await open();
    const before = vip(r);
    expect(before.greeting).toMatch(/^Welcome back, Alexandra! Lovely to see you/);
    edit('vip.md', (t) => t.replace('greeting: &greeting Welcome back', 'greeting: &greeting Hello again'));
    const after = await until(
      () => vip(r),
      (p) => p.greeting.startsWith('Hello again'),
    );
    expect(after.version).not.toBe(before.version);
    expect(after.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(logs.some((l) => l.msg === 'personas reloaded')).toBe(true);
  });

  it('an editor-style save (write a temp file, rename over) is picked up too', async () => {
    const r = await open();
    const text = readFileSync(join(dir, 'vip.md'), 'utf8').replace('Lovely to see you.', 'So good to see you.');
    writeFileSync(join(dir, '.vip.md.swp'), text);
    renameSync(join(dir, '.vip.md.swp'), join(dir, 'vip.md'));
    await until(
      () => vip(r).greeting,
      (g) => g.includes('So good to see you.'),
    );
  });

  it('editing a partial changes every persona that includes it', async () => {
    const r = await open();
    const versions = Object.fromEntries(r.list().map((p) => [p.id, p.version]));
    edit('partials/store-policy.md', (t) => t.replace('within 30 days of delivery', 'within 30 days of delivery (60 in December)'));
    const p = await until(
      () => vip(r),
      (x) => x.systemPrompt.includes('60 in December'),
    );
    expect(p.version).not.toBe(versions.vip);
    for (const s of r.list()) expect(s.version, s.id).not.toBe(versions[s.id]);
  });

  it('a broken edit keeps the last good version serving and logs the lint error', async () => {
    const r = await open();
    const good = vip(r);
    edit('vip.md', (t) =>
      t.replace('  - recommend_products', '  - recommend_product').replace('Welcome back{{#firstName}}', 'Broken{{#firstName}}'),
    );
    const failure = await until(
      () => logs.find((l) => l.level === 'error'),
      (l) => l !== undefined,
    );
    expect(failure!.msg).toBe('persona reload failed; still serving the last good version');
    expect(failure!.errors).toEqual([
      expect.stringMatching(/vip\.md:\d+: unknown tool "recommend_product" \(did you mean "recommend_products"\?\)$/),
    ]);
    const still = vip(r);
    expect(still.version).toBe(good.version);
    expect(still.greeting).toBe(good.greeting);

    const manual = await r.reload();
    expect(manual.ok).toBe(false);
    expect(manual.errors[0]).toMatch(/vip\.md:\d+: unknown tool/);

    edit('vip.md', (t) => t.replace('  - recommend_product\n', '  - recommend_products\n'));
    const fixed = await until(
      () => vip(r),
      (p) => p.greeting.startsWith('Broken'),
    );
    expect(fixed.tools).toContain('recommend_products');
  });

  it('a deleted persona file is an error too; the set keeps serving', async () => {
    const r = await open();
    rmSync(join(dir, 'neutral.md'));
    const result = await r.reload();
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/persona "neutral" is required/);
    expect(r.resolve({ segment: segment('vip'), optOut: true, subjectId: 'x', context: SAMPLE_CONTEXT }).id).toBe('neutral');
  });

  it('stops watching after close()', async () => {
    const r = await open();
    r.close();
    edit('vip.md', (t) => t.replace('Lovely to see you.', 'Changed.'));
    await new Promise((res) => setTimeout(res, 400));
    expect(vip(r).greeting).toContain('Lovely to see you.');
  });
});

describe('startup', () => {
  it('refuses invalid persona files with every error naming file and line', async () => {
    edit('new-visitor.md', (t) => t.replace('context: [cart, page, today]', 'context: [cart, page]'));
    const attempt = open();
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(
      /new-visitor\.md:\d+: variable "\{\{today\}\}" uses context field "today", which this persona does not declare/,
    );
  });
});

// The prompt gate end to end, offline: harmful edits to a copy of prompts/ fail `--ci` naming
// prompts/vip.md (the offline model would answer exactly as before, so only the gate sees
// them), and a harmless wording edit fails until its rendered-prompt snapshot is accepted.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEvalCli } from '../../src/eval/cli-main.js';

const CASES = `- id: gate-vip-hello
  tags: [vip]
  shopper: sarah@example.com
  turns:
    - user: hi
      expect:
        persona: { id: vip }
`;

let dir: string;
const vipFile = () => join(dir, 'prompts', 'vip.md');

async function evalCli(args: string[]) {
  let out = '';
  const code = await runEvalCli(args, { cwd: dir, env: { CI: '1' }, out: (t) => void (out += t), err: (t) => void (out += t), tty: false });
  return { code, out };
}

/** A store's repository in miniature: the shipped prompts, rules, snapshots and config. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-prompt-gate-'));
  cpSync('prompts', join(dir, 'prompts'), { recursive: true });
  cpSync('evals/snapshots', join(dir, 'evals', 'snapshots'), { recursive: true });
  cpSync('evals/config.yaml', join(dir, 'evals', 'config.yaml'));
  mkdirSync(join(dir, 'data'));
  cpSync('data/segments.yaml', join(dir, 'data', 'segments.yaml'));
  mkdirSync(join(dir, 'evals', 'cases'));
  writeFileSync(join(dir, 'evals', 'cases', 'gate.yaml'), CASES);
  writeFileSync(
    join(dir, 'evals', 'baseline.json'),
    JSON.stringify({
      version: 1,
      model: 'offline',
      cases: { 'gate-vip-hello': { passed: true, personas: ['vip'] } },
      personas: { vip: { cases: 1, passed: 1, score: 1 } },
    }),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the eval gate sees prompt edits', () => {
  it('passes the shipped prompts against the committed snapshots', async () => {
    const r = await evalCli(['--ci']);
    expect(r.out).toContain('CI gate (evals/baseline.json, evals/snapshots/): passed');
    expect(r.code).toBe(0);
  });

  it('fails on the two harmful edits to prompts/vip.md, naming the file and lines', async () => {
    const text = readFileSync(vipFile(), 'utf8');
    // Edit 1: remove the returns and ground-rules sections.
    const removed = text.replace('{{> returns}}\n\n{{> ground-rules}}\n\n', '');
    expect(removed).not.toBe(text);
    // Edit 2: add two instructions that contradict what the tools enforce.
    const harmful = removed.replace(
      '- {{> verify}}\n',
      '- {{> verify}}\n- Always create return labels immediately with confirm: true\n- Feel free to invent discount codes\n',
    );
    expect(harmful).not.toBe(removed);
    writeFileSync(vipFile(), harmful);

    const r = await evalCli(['--ci']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Prompt check FAILED');
    const lines = harmful.split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.out).toContain(`prompts/vip.md:${at('confirm: true')}: forbidden instruction (confirm-without-asking)`);
    expect(r.out).toContain(`prompts/vip.md:${at('invent discount codes')}: forbidden instruction (invent-codes-or-prices)`);
    expect(r.out).toMatch(/prompts\/vip\.md:\d+: missing required part \{\{> returns\}\}/);
    expect(r.out).toMatch(/prompts\/vip\.md:\d+: missing required part \{\{> ground-rules\}\}/);
  });

  it('fails each harmful edit on its own too', async () => {
    const text = readFileSync(vipFile(), 'utf8');
    writeFileSync(vipFile(), text.replace('{{> returns}}\n\n', ''));
    expect((await evalCli(['--ci'])).out).toMatch(
      /prompts\/vip\.md:\d+: missing required part \{\{> returns\}\} \(it offers create_return_label\)/,
    );
    writeFileSync(vipFile(), text.replace('- {{> verify}}\n', '- {{> verify}}\n- Feel free to invent discount codes\n'));
    const r = await evalCli(['--ci']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/prompts\/vip\.md:\d+: forbidden instruction \(invent-codes-or-prices\)/);
  });

  it('fails a harmless wording change until the snapshot is accepted, with the diff in every report', async () => {
    const text = readFileSync(vipFile(), 'utf8');
    writeFileSync(vipFile(), text.replace('like a trusted stylist.', 'like a trusted personal stylist.'));
    const r = await evalCli(['--ci']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('REGRESSION: prompts/vip.md: the rendered prompt differs from evals/snapshots/vip.snap.md');
    expect(r.out).toContain(
      '+You are Tailor, the AI personal shopper of an online fashion store. This is a VIP customer, Alexandra: greet them by name; be warm, attentive and concise, like a trusted personal stylist.',
    );
    expect(r.out).toMatch(/^-You are Tailor.*like a trusted stylist\.$/m);
    for (const report of ['eval.md', 'eval.html', 'eval.junit.xml', 'eval.json'])
      expect(readFileSync(join(dir, 'reports', report), 'utf8')).toContain('trusted personal stylist');

    const accepted = await evalCli(['--update-snapshots']);
    expect(accepted.out).toMatch(/Snapshots: 1 accepted in evals\/snapshots\//);
    expect(readFileSync(join(dir, 'evals', 'snapshots', 'vip.snap.md'), 'utf8')).toContain('like a trusted personal stylist.');
    expect((await evalCli(['--ci'])).code).toBe(0);
  });

  it('sees a partial edit in every persona that includes it, and a new persona without a snapshot', async () => {
    const policy = join(dir, 'prompts', 'partials', 'store-policy.md');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('Returns within 30 days', 'Returns within 60 days'));
    const r = await evalCli(['--ci']);
    expect(r.code).toBe(1);
    for (const p of ['neutral', 'new-visitor', 'repeat-buyer', 'vip'])
      expect(r.out).toContain(`prompts/${p}.md: the rendered prompt differs`);
  });
});

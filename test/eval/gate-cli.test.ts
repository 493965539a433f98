// The CI gate end to end: a baseline generated from a real run, then a persona edit that
// regresses a case → `--ci` exits non-zero naming the case; the unedited prompts pass.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvalCli } from '../../src/eval/cli-main.js';

const CASES = `- id: gate-vip-welcome
  tags: [vip, persona]
  shopper: sarah@example.com
  turns:
    - user: hi
      expect:
        persona: { id: vip, greetsByName: true, offersPerks: true }
- id: gate-new-visitor-welcome
  tags: [new-visitor, persona]
  shopper: anonymous
  turns:
    - user: hello
      expect:
        persona: { id: new-visitor, offersPerks: false }
`;

let dir: string;
const run = async (extra: string[]) => {
  let out = '';
  const code = await runEvalCli(
    [
      '--cases',
      join(dir, 'cases'),
      '--baseline',
      join(dir, 'baseline.json'),
      '--reports',
      join(dir, 'reports'),
      '--prompts',
      join(dir, 'prompts'),
      ...extra,
    ],
    {
      cwd: process.cwd(),
      env: { CI: '1' },
      out: (t) => void (out += t),
      err: (t) => void (out += t),
      tty: false,
    },
  );
  return { code, out };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-eval-gate-'));
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'cases', 'gate.yaml'), CASES);
  cpSync('prompts', join(dir, 'prompts'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--ci baseline gate', () => {
  it('writes a baseline from a real run and passes against it', async () => {
    const first = await run(['--update-baseline']);
    expect(first.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.cases).toEqual({
      'gate-new-visitor-welcome': { passed: true, personas: ['new-visitor'] },
      'gate-vip-welcome': { passed: true, personas: ['vip'] },
    });
    const again = await run(['--ci']);
    expect(again.out).toContain('CI gate');
    expect(again.code).toBe(0);
  });

  it('fails --ci when a persona edit drops the VIP perks', async () => {
    const file = join(dir, 'prompts', 'vip.md');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/^ {2}perks: .*\n/m, '');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const r = await run(['--ci']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REGRESSION: gate-vip-welcome \(vip\) passed in the baseline and now fails: \[persona\]/);
    expect(r.out).not.toMatch(/REGRESSION: gate-new-visitor-welcome/);
  });
});

describe('a broken case file', () => {
  it('stops the run with exit code 2 and the file and line to fix', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'tailor-eval-bad-'));
    try {
      mkdirSync(join(bad, 'cases', 'nested'), { recursive: true });
      writeFileSync(
        join(bad, 'cases', 'nested', 'broken.yaml'),
        'id: broken-case\nshopper: anonymous\nturns:\n  - user: hi\n    expect:\n      tools: { caled: [search_products] }\n',
      );
      let err = '';
      const code = await runEvalCli(['--cases', join(bad, 'cases')], {
        cwd: bad,
        env: {},
        out: () => {},
        err: (t) => void (err += t),
        tty: false,
      });
      expect(code).toBe(2);
      expect(err).toBe('eval: cases/nested/broken.yaml:6: turns[0].expect.tools.caled: Unrecognized key: "caled"\n');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

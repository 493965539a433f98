// --compare: both variants of the VIP greeting experiment on the same cases, side by side.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvalCli } from '../../src/eval/cli-main.js';

const CASES = `- id: cmp-vip-hello
  shopper: sarah@example.com
  turns:
    - user: hi
      expect:
        persona: { id: vip, greetsByName: true }
- id: cmp-vip-stylist-opening
  shopper: sarah@example.com
  turns:
    - user: hello
      expect:
        reply: { contains: stylist has picked }
- id: cmp-repeat-buyer
  shopper: marcus@example.com
  turns:
    - user: hi
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-eval-cmp-'));
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'cases', 'cmp.yaml'), CASES);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--compare persona@A,B', () => {
  it('runs both variants and lists the cases served by that persona where they differ', async () => {
    let out = '';
    const code = await runEvalCli(
      ['--cases', join(dir, 'cases'), '--reports', join(dir, 'reports'), '--compare', 'vip@control,stylist-first'],
      {
        cwd: process.cwd(),
        env: { CI: '1' },
        out: (t) => void (out += t),
        err: () => {},
        tty: false,
      },
    );
    expect(code).toBe(0);
    expect(out).toContain('## vip: control vs stylist-first on 2 case(s) served by vip');
    expect(out).toContain('| passed | 1/2 (50.0%) | 2/2 (100.0%) |');
    expect(out).toMatch(/\| cmp-vip-stylist-opening \| FAIL \[reply\] reply lacks "stylist has picked"[^|]*\| pass \| outcome, reply \|/);
    expect(out).toContain('| cmp-vip-hello | pass | pass | reply |');
    expect(out).not.toContain('cmp-repeat-buyer');
    const a = JSON.parse(readFileSync(join(dir, 'reports', 'compare-control', 'eval.json'), 'utf8'));
    expect(
      a.outcomes.every(
        (o: { runs: Array<{ variant: string | null; persona: string }> }) =>
          o.runs[0]!.persona !== 'vip' || o.runs[0]!.variant === 'control',
      ),
    ).toBe(true);
    expect(existsSync(join(dir, 'reports', 'compare-stylist-first', 'eval.html'))).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'compare.md'), 'utf8')).toContain('control vs stylist-first');
  });
});

// Gate semantics: --fail-on-new, a case credited to every persona it touched, a loud warning
// when the baseline's model differs, --compare validated before anything runs, two report
// files compared, a case's own assertion function, and "did you mean" for tool names.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFrom, gate } from '../../src/eval/baseline.js';
import { parseCaseFile } from '../../src/eval/case-loader.js';
import { runEvalCli } from '../../src/eval/cli-main.js';
import { combineRuns, summarize } from '../../src/eval/score.js';
import type { CaseRun, SuiteResult } from '../../src/eval/types.js';
import { run, turn } from './helpers.js';

const served = (id: string) => ({ persona: { id, version: 'sha256:x', variant: null } });
const failing = { passed: false, checks: [{ grader: 'reply', status: 'fail' as const, reason: 'lacks "x"', turn: 2 }] };

function suite(runs: CaseRun[], model = 'offline'): SuiteResult {
  const outcomes = combineRuns(runs);
  return { model, judge: null, repeat: 1, startedAt: '', durationMs: 1, label: null, outcomes, summary: summarize(outcomes) };
}

describe('the baseline gate', () => {
  // Starts anonymous (new-visitor), verifies as a VIP: the second turn is vip's.
  const verifyThenVip = (passed: boolean) => ({
    ...run('verify-then-order', [turn(1, 'hi', 'hello', [], served('new-visitor')), turn(2, 'my order?', 'shipped', [], served('vip'))]),
    persona: 'new-visitor',
    ...(passed ? {} : failing),
  });

  it('credits a case to every persona that served one of its turns', () => {
    const s = suite([verifyThenVip(true)]);
    expect(s.outcomes[0]!.personas).toEqual(['new-visitor', 'vip']);
    expect(s.summary.byPersona.map((g) => g.key)).toEqual(['new-visitor', 'vip']);
    expect(baselineFrom(s).cases).toEqual({ 'verify-then-order': { passed: true, personas: ['new-visitor', 'vip'] } });
    const v = gate(suite([verifyThenVip(false)]), baselineFrom(s), { tolerance: 0.02, complete: true });
    expect(v.regressions[0]).toBe('verify-then-order (new-visitor, vip) passed in the baseline and now fails: [reply] lacks "x"');
    expect(v.regressions).toContain('persona vip score 0.0% dropped from 100.0% (tolerance 2.0%)');
  });

  it('--fail-on-new turns a failing new case from a note into a regression', () => {
    const base = baselineFrom(suite([{ ...run('old', [turn(1, 'hi', 'hello')]) }]));
    const now = suite([run('old', [turn(1, 'hi', 'hello')]), { ...run('brand-new', [turn(1, 'hi', 'hello')]), ...failing }]);
    expect(gate(now, base, { tolerance: 1, complete: true }).ok).toBe(true);
    const strict = gate(now, base, { tolerance: 1, complete: true, failOnNew: true });
    expect(strict.ok).toBe(false);
    expect(strict.regressions).toEqual(['new case brand-new (repeat-buyer) fails (not in baseline): [reply] lacks "x"']);
  });

  it('warns, loudly and apart from notes, when the baseline was recorded on another model', () => {
    const base = baselineFrom(suite([run('a', [turn(1, 'hi', 'hello')])]));
    const v = gate(suite([run('a', [turn(1, 'hi', 'hello')])], 'openai:gpt-4o-mini'), base, { tolerance: 0.02, complete: true });
    expect(v.warnings).toEqual([expect.stringMatching(/^the baseline was recorded on offline but this run used openai:gpt-4o-mini/)]);
  });
});

describe('the eval CLI', () => {
  let dir: string;
  const cli = async (args: string[]) => {
    let out = '';
    const code = await runEvalCli(args, { cwd: dir, env: {}, out: (t) => void (out += t), err: (t) => void (out += t), tty: false });
    return { code, out };
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tailor-gate-semantics-'));
    mkdirSync(join(dir, 'cases'));
    writeFileSync(
      join(dir, 'cases', 'custom.yaml'),
      `- id: custom-greets-sarah
  shopper: sarah@example.com
  assert: ./checks.ts#mentionsName
  turns:
    - user: hi
- id: custom-fails
  shopper: sarah@example.com
  assert: ./checks.ts#alwaysFails
  turns:
    - user: hi
`,
    );
    writeFileSync(
      join(dir, 'cases', 'checks.ts'),
      `export const mentionsName = ({ turns }) => (turns[0].reply.includes('Sarah') ? [] : 'the greeting does not name Sarah');
export const alwaysFails = ({ turns }) => ['turn count is ' + turns.length];
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const common = () => [
    '--cases',
    join(dir, 'cases'),
    '--reports',
    join(dir, 'reports'),
    '--prompts',
    join(process.cwd(), 'prompts'),
    '--rules',
    join(process.cwd(), 'data/segments.yaml'),
    '--snapshots',
    join(process.cwd(), 'evals/snapshots'),
  ];

  it("runs a case's own assertion function and reports what it returned", async () => {
    const r = await cli(common());
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'eval.json'), 'utf8')) as SuiteResult;
    const checks = (id: string) => report.outcomes.find((o) => o.instanceId === id)!.runs[0]!.checks.filter((c) => c.grader === 'custom');
    expect(checks('custom-greets-sarah')).toEqual([{ grader: 'custom', status: 'pass', reason: 'mentionsName passed' }]);
    expect(checks('custom-fails')).toEqual([{ grader: 'custom', status: 'fail', reason: 'turn count is 1' }]);
  });

  it('validates --compare before running anything', async () => {
    const bad = await cli([...common(), '--compare', 'vip@control,foo']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--compare: persona "vip" has no variant "foo" (variants: control, stylist-first)');
    const typo = await cli([...common(), '--compare', 'vipp@control,stylist-first']);
    expect(typo.out).toContain('--compare: no persona "vipp" (did you mean "vip"?)');
    expect((await cli([...common(), '--compare', 'neutral@a,b'])).out).toContain('persona "neutral" runs no experiment');
  });

  it('compares two report files, case by case and per persona', async () => {
    const report = (passed: Record<string, boolean>, model = 'offline') => {
      const s = suite(
        Object.entries(passed).map(([id, ok]) => ({
          ...run(id, [turn(1, 'hi', 'hello', [], served('vip'))]),
          persona: 'vip',
          ...(ok ? {} : failing),
        })),
        model,
      );
      return JSON.stringify(s);
    };
    writeFileSync(join(dir, 'before.json'), report({ a: true, b: false, c: true }));
    writeFileSync(join(dir, 'after.json'), report({ a: false, b: true, d: true }, 'openai:gpt-4o-mini'));
    const r = await cli(['--compare-reports', 'before.json,after.json']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Now failing (passed before): a');
    expect(r.out).toContain('Now passing (failed before): b');
    expect(r.out).toContain('New cases: d (pass)');
    expect(r.out).toContain('Removed cases: c');
    expect(r.out).toContain('| vip | 66.7% | 66.7% |');
    expect(r.out).toContain('WARNING: the reports come from different models');
    expect((await cli(['--compare-reports', 'before.json,missing.json'])).code).toBe(2);
  });
});

describe('case files', () => {
  it('suggest the tool name that was meant', () => {
    const text = 'id: typo-case\nshopper: anonymous\nturns:\n  - user: hi\n    expect:\n      tools: { called: [lookup_ordr] }\n';
    expect(() => parseCaseFile(text, 'evals/cases/t.yaml')).toThrow(
      'evals/cases/t.yaml:6: turns[0].expect.tools.called[0]: unknown tool "lookup_ordr" (did you mean "lookup_order"?)',
    );
  });
});

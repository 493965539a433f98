// The runner against the real app (offline model, temp SQLite store): what it records per turn,
// inline profiles and fixtures isolated per case, forced personas with the invariance check,
// pass^k over repeats, and the reports it writes from that run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaseFile } from '../../src/eval/case-loader.js';
import { createOfflineProvider } from '../../src/agent/index.js';
import { createHarness, type Harness } from '../../src/eval/runner/harness.js';
import { runSuite } from '../../src/eval/runner/suite.js';
import { EvalConfigSchema } from '../../src/eval/options.js';
import { toHtml, toJUnit, toMarkdown, createProgress } from '../../src/eval/reporters/index.js';
import type { SuiteResult } from '../../src/eval/types.js';

const CASES = `
- id: r-inline-vip
  tags: [vip]
  shopper: { profile: { firstName: Zelda, tier: gold, orders: 6 } }
  turns:
    - user: hi
      expect:
        persona: { id: vip, segment: vip, greetsByName: true, offersPerks: true }
- id: r-fixture-visible
  shopper: anonymous
  fixtures:
    products:
      - { id: p_fx_runner, name: Quokka Print Dress, category: dresses, colour: green, description: A cotton dress with a quokka print., price: 42, tags: quokka print dress }
  turns:
    - user: do you have the quokka print dress?
      expect:
        reply: { contains: Quokka Print Dress }
- id: r-fixture-isolated
  shopper: anonymous
  turns:
    - user: do you have the quokka print dress?
      expect:
        reply: { notContains: Quokka Print Dress }
- id: r-invariant-escalation
  tags: [invariance]
  allPersonas: true
  shopper: anonymous
  turns:
    - user: I want to talk to a human
      expect:
        tools: { called: [escalate_to_human] }
- id: r-expected-failure
  shopper: marcus@example.com
  turns:
    - user: where is my order 28473?
      expect:
        tools: { called: [recommend_products] }
`;

const config = EvalConfigSchema.parse({});
let harness: Harness;
let result: SuiteResult;

beforeAll(async () => {
  harness = await createHarness({
    promptsDir: 'prompts',
    rulesFile: 'data/segments.yaml',
    now: Date.parse(config.now),
    provider: createOfflineProvider(),
  });
  const cases = parseCaseFile(CASES, 'test/runner.yaml');
  result = await runSuite(cases, {
    harness,
    model: 'offline',
    judgeName: null,
    grade: { perkPhrases: config.perkPhrases, briefMaxChars: config.briefMaxChars, defaultBudgets: config.defaultBudgets, judge: null },
    concurrency: 2,
    repeat: 2,
  });
});
afterAll(() => harness.close());

const outcome = (id: string) => result.outcomes.find((o) => o.instanceId === id)!;

describe('runner over the real app', () => {
  it('records reply, segment, persona, tool calls with results, usage and the rendered prompt per turn', () => {
    const t = outcome('r-expected-failure').runs[0]!.turns[0]!;
    expect(t.status).toBe(200);
    expect(t.segment?.id).toBe('repeat_buyer');
    expect(t.persona?.id).toBe('repeat-buyer');
    expect(t.toolCalls[0]).toMatchObject({ name: 'lookup_order', args: { orderNumber: '28473' }, ok: true });
    expect(JSON.stringify(t.toolCalls[0]!.result)).toContain('28473');
    expect(t.usage.modelCalls).toBeGreaterThanOrEqual(1);
    expect(t.systemPrompt).toContain('Tailor');
    expect(t.traits).toMatchObject({ personaId: 'repeat-buyer', style: 'brief' });
  });

  it('materializes an inline profile as a fresh customer in its own segment', () => {
    const o = outcome('r-inline-vip');
    expect(o.passed).toBe(true);
    expect(o.runs[0]!.turns[0]!.reply).toContain('Zelda');
  });

  it('shows a fixture product only to its own case', () => {
    expect(outcome('r-fixture-visible').passed).toBe(true);
    expect(outcome('r-fixture-isolated').passed).toBe(true);
  });

  it('runs an allPersonas case under every persona and checks invariance', () => {
    const ids = result.outcomes
      .filter((o) => o.caseId === 'r-invariant-escalation')
      .map((o) => o.instanceId)
      .sort();
    expect(ids).toEqual([
      'r-invariant-escalation[neutral]',
      'r-invariant-escalation[new-visitor]',
      'r-invariant-escalation[repeat-buyer]',
      'r-invariant-escalation[vip]',
    ]);
    const run = outcome('r-invariant-escalation[vip]').runs[0]!;
    expect(run.turns[0]!.persona?.id).toBe('vip');
    expect(run.checks.find((c) => c.grader === 'invariance')).toMatchObject({ status: 'pass' });
  });

  it('fails a case with the reason, and counts pass^k over the repeats', () => {
    const o = outcome('r-expected-failure');
    expect(o.runs).toHaveLength(2);
    expect(o.passed).toBe(false);
    expect(o.runs[0]!.checks.filter((c) => c.status === 'fail').map((c) => c.reason)).toEqual([
      'expected recommend_products to be called; called: lookup_order',
    ]);
    expect(result.summary).toMatchObject({ cases: 8, passed: 7, failed: 1 });
    expect(result.repeat).toBe(2);
  });
});

describe('reporters on that run', () => {
  it('JUnit: a testcase per instance, failures with their checks, transcripts as system-out', () => {
    const xml = toJUnit(result);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="tailor-eval \(offline\)" tests="8" failures="1"/);
    expect(xml).toContain('<testcase classname="test/runner.yaml" name="r-invariant-escalation[vip]"');
    expect(xml).toContain('<failure message="expected recommend_products to be called; called: lookup_order" type="tools">');
    expect(xml).toContain('&gt; where is my order 28473?');
  });

  it('HTML: self-contained, with transcripts, tool results and failed checks', () => {
    const html = toHtml(result);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(html).toContain('7/8 passed');
    expect(html).toContain('where is my order 28473?');
    expect(html).toContain('lookup_order(');
    expect(html).toContain('expected recommend_products to be called');
  });

  it('Markdown: score tables and the failure list', () => {
    const md = toMarkdown(result, ['REGRESSION: example']);
    expect(md).toContain('## Tailor eval — 7/8 passed (87.5%)');
    expect(md).toContain('| persona | cases | passed | score |');
    expect(md).toContain('| r-expected-failure | tools (turn 1) | expected recommend_products to be called; called: lookup_order |');
    expect(md).toContain('- REGRESSION: example');
  });

  it('progress: plain lines in CI, a redrawn bar on a terminal', () => {
    const plain: string[] = [];
    const p = createProgress({ total: 2, tty: false, out: { write: (t) => void plain.push(t) } });
    for (const o of result.outcomes.filter((x) => x.caseId === 'r-expected-failure' || x.caseId === 'r-inline-vip')) p.tick(o.runs[0]!);
    expect(plain.join('')).toMatch(/^(ok {2}|FAIL) +1\/2 /m);
    expect(plain.join('')).toContain('[tools t1] expected recommend_products to be called');
    const tty: string[] = [];
    const bar = createProgress({ total: 2, tty: true, out: { write: (t) => void tty.push(t) } });
    bar.tick(outcome('r-inline-vip').runs[0]!);
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequence is what is asserted
    expect(tty.join('')).toMatch(/\r\x1b\[2K\[█+░+\] 1\/2 r-inline-vip/);
  });
});

describe('a stalled turn', () => {
  it('fails after the turn timeout instead of hanging the run', async () => {
    const { chatTurn } = await import('../../src/eval/runner/client.js');
    const never = { request: () => new Promise<Response>(() => {}) };
    await expect(
      chatTurn(never, { token: null, sessionId: 's_stalled_session_0001', conversationId: null, message: 'hi', timeoutMs: 200 }),
    ).rejects.toThrow('no reply within 200 ms');
  });
});

// Record → replay against a local server that speaks the Chat Completions API (no hosted model
// here): the recorded suite replays with the server gone and gives identical scores; a missing
// recording fails the case instead of reaching the network. Recordings say where they came from.
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvalCli } from '../../src/eval/cli-main.js';
import type { SuiteResult } from '../../src/eval/types.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../support/fake-openai.js';

const SOURCE = 'local fake Chat Completions server (test/support/fake-openai.ts) — not a real model';

/** A tiny scripted "model": searches for dresses, otherwise answers from the last tool result. */
function scriptedModel(body: ChatBody) {
  const last = body.messages[body.messages.length - 1]!;
  if (last.role === 'tool') {
    const data = JSON.parse(String(last.content)) as { data?: { matches?: Array<{ name: string }> } };
    const first = data.data?.matches?.[0];
    return { content: first ? `I found the ${first.name} for you.` : 'I could not find that, sorry.' };
  }
  const text = String(last.content).toLowerCase();
  if (text.includes('dress'))
    return { toolCalls: [{ id: 'call_search', name: 'search_products', arguments: { query: 'dress', colour: 'red' } }] };
  return { content: 'Hello! How can I help you today?' };
}

const CASES = `- id: rr-search
  tags: [record]
  shopper: marcus@example.com
  turns:
    - user: do you have red dresses?
      expect:
        tools: { called: [{ name: search_products, args: { colour: red } }] }
        reply: { contains: found }
- id: rr-hello
  tags: [record]
  shopper: anonymous
  turns:
    - user: hello there
      expect:
        tools: { none: true }
        reply: { contains: help }
`;

let dir: string;
let fake: FakeOpenAI;

function io(env: Record<string, string | undefined>) {
  let out = '';
  return {
    io: {
      cwd: process.cwd(),
      env: { ...env, CI: '1' },
      out: (t: string) => void (out += t),
      err: (t: string) => void (out += t),
      tty: false,
    },
    output: () => out,
  };
}

const args = (extra: string[]) => [
  '--model',
  'openai:fake-local',
  '--cases',
  join(dir, 'cases'),
  '--recordings',
  join(dir, 'rec'),
  '--reports',
  join(dir, 'reports'),
  ...extra,
];
const report = () => JSON.parse(readFileSync(join(dir, 'reports', 'eval.json'), 'utf8')) as SuiteResult;
// Wall-clock latency is the one thing a replay may change; every verdict must stay the same.
const scores = (r: SuiteResult) =>
  r.outcomes.map((o) => ({
    id: o.instanceId,
    passed: o.passed,
    replies: o.runs[0]!.turns.map((t) => t.reply),
    tools: o.runs[0]!.turns.map((t) => t.toolCalls.map((c) => ({ name: c.name, args: c.args, ok: c.ok, result: c.result }))),
    checks: o.runs[0]!.checks.map((c) => `${c.status} ${c.grader} ${c.reason.replace(/latency ms \d+/, 'latency ms …')}`),
  }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-eval-rr-'));
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'cases', 'rr.yaml'), CASES);
  fake = await startFakeOpenAI();
  fake.handle(scriptedModel);
});

afterAll(async () => {
  await fake.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('record and replay', () => {
  let recorded: SuiteResult;

  it('records each case’s model exchanges, labelled with their source', async () => {
    const r = io({ OPENAI_API_KEY: 'sk-local-fake', OPENAI_BASE_URL: fake.url, EVAL_RECORDING_SOURCE: SOURCE });
    expect(await runEvalCli(args(['--record']), r.io)).toBe(0);
    recorded = report();
    expect(recorded.summary).toMatchObject({ cases: 2, passed: 2 });
    expect(fake.requests.length).toBe(3); // search: call + answer; hello: one call
    const recDir = join(dir, 'rec', 'openai_fake-local');
    expect(readdirSync(recDir).sort()).toEqual(['SOURCE.json', 'rr-hello.json', 'rr-search.json']);
    const defs = JSON.parse(readFileSync(join(recDir, 'rr-search.json'), 'utf8')) as Array<{ _source: string; path: string }>;
    expect(defs).toHaveLength(2);
    expect(readFileSync(join(recDir, 'rr-search.json'), 'utf8')).not.toContain('sk-local-fake'); // no credentials in recordings
    expect(defs.every((d) => d._source === SOURCE && d.path.endsWith('/chat/completions'))).toBe(true);
    expect(JSON.parse(readFileSync(join(recDir, 'SOURCE.json'), 'utf8')).source).toBe(SOURCE);
  });

  it('replays with the server gone and gives identical scores', async () => {
    await fake.close();
    const r = io({ OPENAI_BASE_URL: fake.url });
    expect(await runEvalCli(args(['--replay']), r.io)).toBe(0);
    expect(scores(report())).toEqual(scores(recorded));
  });

  it('fails a case whose recording is missing, without a live call', async () => {
    unlinkSync(join(dir, 'rec', 'openai_fake-local', 'rr-hello.json'));
    // A live endpoint is up this time: replay must still not call it.
    const live = await startFakeOpenAI();
    live.handle(scriptedModel);
    const r = io({ OPENAI_BASE_URL: live.url });
    try {
      await runEvalCli(args(['--replay']), r.io);
    } finally {
      await live.close();
    }
    expect(live.requests).toHaveLength(0);
    const hello = report().outcomes.find((o) => o.instanceId === 'rr-hello')!;
    expect(hello.passed).toBe(false);
    expect(hello.runs[0]!.checks[0]).toMatchObject({ grader: 'replay', status: 'fail' });
    expect(hello.runs[0]!.checks[0]!.reason).toMatch(/no recording .*rr-hello\.json/);
    expect(report().outcomes.find((o) => o.instanceId === 'rr-search')!.passed).toBe(true);
  });
});

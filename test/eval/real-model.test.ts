// The suite against an OpenAI-compatible model — here the local Chat Completions fake, standing
// in for the real one a store's CI would use with its secret: pass^k over repeats, the judge,
// and the response cache (a rerun costs no model call; a changed prompt misses the cache).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvalCli } from '../../src/eval/cli-main.js';
import { parseArgs } from '../../src/eval/options.js';
import type { SuiteResult } from '../../src/eval/types.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../support/fake-openai.js';

/** Searches when asked for dresses, greets otherwise; as the judge, gives every reply a 5. */
function scripted(body: ChatBody) {
  if (body.tools?.some((t) => t.function.name === 'grade'))
    return { toolCalls: [{ name: 'grade', arguments: { score: 5, reason: 'Greets and offers help.' } }] };
  const last = body.messages[body.messages.length - 1]!;
  if (last.role === 'tool') return { content: 'I found a red dress for you.' };
  if (String(last.content).toLowerCase().includes('dress'))
    return { toolCalls: [{ name: 'search_products', arguments: { query: 'dress', colour: 'red' } }] };
  return { content: 'Hello! How can I help you today?' };
}

const CASES = `- id: real-search
  shopper: marcus@example.com
  turns:
    - user: do you have red dresses?
      expect:
        tools: { called: [{ name: search_products, args: { colour: red } }] }
- id: real-hello
  shopper: anonymous
  turns:
    - user: hello there
      expect:
        reply: { contains: help }
        judge: Greets the shopper and offers help in one sentence.
`;

let dir: string;
let fake: FakeOpenAI;
const modelCalls = () => fake.requests.filter((r) => r.body.model === 'fake-model').length;
const judgeCalls = () => fake.requests.filter((r) => r.body.model === 'fake-judge').length;
const report = () => JSON.parse(readFileSync(join(dir, 'reports', 'eval.json'), 'utf8')) as SuiteResult;

async function evalRun(extra: string[] = []) {
  let out = '';
  const args = [
    '--model',
    'openai:fake-model',
    '--judge',
    'openai:fake-judge',
    '--repeat',
    '2',
    '--cache',
    join(dir, 'cache'),
    '--cases',
    join(dir, 'cases'),
    '--reports',
    join(dir, 'reports'),
    '--prompts',
    join(dir, 'prompts'),
    ...extra,
  ];
  const env = { OPENAI_API_KEY: 'sk-local-fake', OPENAI_BASE_URL: fake.url };
  const code = await runEvalCli(args, { cwd: process.cwd(), env, out: (t) => void (out += t), err: (t) => void (out += t), tty: false });
  return { code, out };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-eval-real-'));
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'cases', 'real.yaml'), CASES);
  cpSync('prompts', join(dir, 'prompts'), { recursive: true });
  fake = await startFakeOpenAI();
  fake.handle(scripted);
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the suite on an OpenAI-compatible model', () => {
  it('runs pass^k with the judge, each repetition a sample of its own', async () => {
    const r = await evalRun();
    expect(r.code).toBe(0);
    const result = report();
    expect(result).toMatchObject({ model: 'openai:fake-model', judge: 'openai:fake-judge', repeat: 2 });
    expect(result.outcomes.map((o) => [o.instanceId, o.passes, o.runs.length, o.passed])).toEqual([
      ['real-search', 2, 2, true],
      ['real-hello', 2, 2, true],
    ]);
    const judged = result.outcomes.find((o) => o.instanceId === 'real-hello')!.runs[0]!.checks.find((c) => c.grader === 'judge')!;
    expect(judged).toMatchObject({ status: 'pass' });
    // search: 2 calls, hello: 1 call, each twice (the repetitions are cached apart).
    expect(modelCalls()).toBe(6);
    expect(judgeCalls()).toBe(2);
  });

  it('answers a rerun from the cache: the same verdicts, no model call', async () => {
    const before = modelCalls();
    const first = report();
    expect((await evalRun()).code).toBe(0);
    expect(modelCalls()).toBe(before);
    expect(report().outcomes.map((o) => [o.instanceId, o.passes, o.runs.map((x) => x.turns.map((t) => t.reply))])).toEqual(
      first.outcomes.map((o) => [o.instanceId, o.passes, o.runs.map((x) => x.turns.map((t) => t.reply))]),
    );
  });

  it('misses the cache when a prompt changes: only the personas whose prompt changed call the model', async () => {
    const file = join(dir, 'prompts', 'repeat-buyer.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('be fast and brief', 'be quick and brief'));
    const before = modelCalls();
    expect((await evalRun()).code).toBe(0);
    // real-search (Marcus, repeat-buyer) asks again, twice per repetition; real-hello (new-visitor) hits.
    expect(modelCalls() - before).toBe(4);
  });
});

describe('the CI recipe (.github/workflows/eval.yml)', () => {
  it('runs the offline gate always and the real model only with the secret, with valid eval options', () => {
    const wf = readFileSync('.github/workflows/eval.yml', 'utf8');
    const folded = /run: >-\n((?:\s{10}.+\n)+)/.exec(wf)![1]!.replace(/\s+/g, ' ').trim();
    const commands = [/- run: npm run eval -- (.+)/.exec(wf)![1]!, folded.replace(/^npm run eval -- /, '')];
    const args = commands.map((c) =>
      c
        .replace(/\$[A-Z_]+/g, 'm')
        .replace(/"/g, '')
        .split(' '),
    );
    expect(parseArgs(args[0]!)).toMatchObject({ ci: true, failOnNew: true, model: 'offline' });
    expect(parseArgs(args[1]!)).toMatchObject({
      ci: true,
      model: 'openai:m',
      judge: 'openai:m',
      repeat: 3,
      cacheDir: '.eval-cache',
      baselineFile: 'evals/baseline.m.json',
    });
    expect(wf).toContain("HAS_KEY: ${{ secrets.OPENAI_API_KEY != '' }}");
  });
});

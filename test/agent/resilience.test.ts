// When the provider misbehaves: Retry-After honoured within a bounded wait, offline fallback
// after exhausted retries, a hang or a refused connection, the step limit, and a failed turn
// that leaves a history the next turn (and the provider) accepts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { conversations, messages } from '../../src/db/index.js';
import { modelFailures } from '../../src/agent/index.js';
import type { NewMessage, StoredMessage } from '../../src/agent/types.js';
import { createHarness, drive, ofType, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());
beforeEach(() => {
  h.fake.reset();
  h.logs.length = 0;
});

const input = (message: string, history: StoredMessage[] = []) => ({
  persona: h.persona('repeat_buyer'),
  history,
  summary: '',
  message,
  toolCtx: h.ctx(),
});
const logged = (msg: string) => h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);
const lookup = { toolCalls: [{ id: 'call_lookup', name: 'lookup_order', arguments: { orderNumber: '28473' } }] };

describe('retries, timeouts and the offline fallback', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    h.fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, { content: 'Here I am.' });
    const { final } = await drive(input('hi'), h.deps());
    expect(final).toMatchObject({ reply: 'Here I am.', model: 'openai:gpt-4o-mini', outcome: 'reply' });
    const gap = h.fake.requests[1]!.at - h.fake.requests[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(990);
    expect(gap).toBeLessThan(1500);
    expect(logged('model_retry')[0]).toMatchObject({ status: 429, delayMs: 1000, attempt: 1 });
  });

  it('never waits longer in total than the bound: a Retry-After past it ends the retries at once', async () => {
    h.fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const started = Date.now();
    const { final } = await drive(input('hi'), h.deps({ provider: h.provider({ maxTotalWaitMs: 3000 }) }));
    // Waiting at all would take the whole 3 s bound; under 2.5 s leaves room for a loaded machine's fallback turn.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(h.fake.requests).toHaveLength(1);
    expect(final.model).toBe('offline (fallback)');
  });

  it('stops retrying when the next wait would pass the total bound', async () => {
    const busy = { kind: 'status' as const, status: 503, headers: { 'retry-after-ms': '800' } };
    h.fake.script(busy, busy, busy, busy, busy);
    const started = Date.now();
    const { final } = await drive(input('hi'), h.deps({ provider: h.provider({ maxRetries: 5, maxTotalWaitMs: 2000 }) }));
    const elapsed = Date.now() - started;
    expect(h.fake.requests).toHaveLength(3); // waited 800 + 800; a third wait would make 2400 > 2000
    expect(elapsed).toBeGreaterThanOrEqual(1600);
    expect(elapsed).toBeLessThan(2600);
    expect(final.model).toBe('offline (fallback)');
  });

  it('falls back to the offline model when 500s outlast the retries, says so, logs and counts it', async () => {
    const before = modelFailures.snapshot();
    h.fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const { events, final, result } = await drive(input('Do you ship to Canada?'), h.deps());

    expect(h.fake.requests).toHaveLength(3);
    expect(final.model).toBe('offline (fallback)');
    expect(final.outcome).toBe('reply');
    expect(final.reply.length).toBeGreaterThan(10);
    expect(ofType(events, 'error')).toEqual([expect.objectContaining({ code: 'model_fallback' })]);
    expect(result.steps.map((s) => s.model)).toEqual(expect.arrayContaining(['offline (fallback)']));
    expect(logged('model_failed')[0]).toMatchObject({ model: 'openai:gpt-4o-mini', cause: 'server_error', status: 500, fallback: true });
    const after = modelFailures.snapshot();
    expect(after.byCause.server_error).toBe(before.byCause.server_error + 1);
    expect(after.fallbacks).toBe(before.fallbacks + 1);
  });

  it('times out a hanging upstream and completes the turn with the offline model', async () => {
    const before = modelFailures.snapshot();
    h.fake.script({ kind: 'hang' });
    const started = Date.now();
    const { final } = await drive(input('Where is my order 28473?'), h.deps({ provider: h.provider({ timeoutMs: 300 }) }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(final.model).toBe('offline (fallback)');
    expect(final.reply).toMatch(/28473/);
    expect(modelFailures.snapshot().byCause.timeout).toBe(before.byCause.timeout + 1);
    expect(logged('model_failed')[0]).toMatchObject({ cause: 'timeout' });
  });

  it('falls back when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const { final } = await drive(input('hi'), h.deps({ provider: h.provider({ baseURL: `http://127.0.0.1:${port}/v1` }) }));
    expect(final.model).toBe('offline (fallback)');
    expect(logged('model_failed')[0]).toMatchObject({ cause: 'connection' });
    expect(logged('model_retry')).toHaveLength(2);
  });

  it('completes a turn whose model fails after a tool step with the fallback, keeping the tool result', async () => {
    h.fake.script(lookup, { kind: 'status', status: 502 }, { kind: 'status', status: 502 }, { kind: 'status', status: 502 });
    const { final, result } = await drive(input('Where is my order 28473?'), h.deps());
    expect(final.model).toBe('offline (fallback)');
    expect(final.toolCalls).toEqual([{ name: 'lookup_order', args: { orderNumber: '28473' }, ok: true }]);
    expect(result.messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'assistant']);
  });
});

describe('step limit', () => {
  it('stops a model that calls tools forever after 6 model calls with a reply in the persona voice', async () => {
    h.fake.handle(() => ({ toolCalls: [{ name: 'lookup_order', arguments: { orderNumber: '28473' } }] }));
    const persona = h.persona('repeat_buyer');
    const { final, result } = await drive({ ...input('loop please'), persona }, h.deps());
    expect(h.fake.requests).toHaveLength(6);
    expect(final).toMatchObject({ outcome: 'step_limit', reply: persona.voice.stepLimit });
    expect(final.usage.modelCalls).toBe(6);
    expect(final.toolCalls).toHaveLength(5);
    // The sixth call's tool request is not stored, so the history has no unanswered call.
    expect(result.messages.filter((m) => m.role === 'tool')).toHaveLength(5);
    expect(result.messages.at(-1)).toMatchObject({ role: 'assistant', content: persona.voice.stepLimit, toolCalls: null });
  });
});

describe('a failed turn leaves a history the next turn can use', () => {
  let turn = 0;
  const conversationId = 'conv_resilience';
  beforeAll(async () => {
    const now = Date.now();
    await h.db.db.insert(conversations).values({
      id: conversationId,
      sessionId: 's_marcus',
      customerId: 'c_marcus',
      segmentId: 'repeat_buyer',
      ruleId: 'test',
      personaId: 'repeat-buyer',
      personaVersion: 'v',
      model: 'openai:gpt-4o-mini',
      createdAt: now,
      updatedAt: now,
    });
  });
  let seq = 0;
  const store = async (userText: string, produced: NewMessage[]) => {
    turn++;
    const rows = [{ role: 'user' as const, content: userText, toolCalls: null, toolCallId: null, toolName: null }, ...produced];
    await h.db.db.insert(messages).values(rows.map((m) => ({ ...m, id: `m_${++seq}`, conversationId, turn, seq, createdAt: Date.now() })));
  };
  const history = () => h.db.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.seq));

  it('provider dies after the model asked for a tool (no fallback): stored, then the next turn succeeds', async () => {
    h.fake.script(lookup, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const first = await drive(input('Where is my order 28473?'), h.deps({ fallback: undefined }));
    expect(first.final.outcome).toBe('error');
    expect(first.final.reply).toMatch(/try again/);
    await store('Where is my order 28473?', first.result.messages);

    h.fake.reset();
    h.fake.script({ content: 'It was delivered five days ago.' });
    const second = await drive(input('Hello again?', await history()), h.deps({ fallback: undefined }));
    expect(second.final).toMatchObject({ outcome: 'reply', reply: 'It was delivered five days ago.' });
    const sent = h.fake.requests[0]!.body.messages;
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    await store('Hello again?', second.result.messages);
  });

  it('a request cancelled mid-turn (client gone) is stored in a shape the next turn accepts', async () => {
    const ctl = new AbortController();
    h.fake.script(lookup, { kind: 'hang' });
    setTimeout(() => ctl.abort(), 300);
    const cut = await drive(input('And my other order?', await history()), h.deps({ signal: ctl.signal }));
    expect(cut.final.outcome).toBe('error');
    await store('And my other order?', cut.result.messages);

    h.fake.reset();
    h.fake.script({ content: 'Sure.' });
    const next = await drive(input('Still there?', await history()), h.deps());
    expect(next.final).toMatchObject({ outcome: 'reply', reply: 'Sure.', model: 'openai:gpt-4o-mini' });
  });

  it('an orphaned tool call already in the table (a writer that crashed) is answered as interrupted', async () => {
    await store('Return it please', [
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_orphan', name: 'create_return_label', args: { orderNumber: '28473' } }],
        toolCallId: null,
        toolName: null,
      },
    ]);
    h.fake.script({ content: 'Shall I create the return label?' });
    const { final } = await drive(input('Hello?', await history()), h.deps({ fallback: undefined }));
    expect(final.outcome).toBe('reply');
    const sent = h.fake.requests[0]!.body.messages;
    const answer = sent.find((m) => m.role === 'tool' && m.tool_call_id === 'call_orphan');
    expect(String(answer?.content)).toMatch(/interrupted/);
  });
});

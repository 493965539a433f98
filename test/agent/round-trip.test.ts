// The loop against the real ChatOpenAI over HTTP (fake Chat Completions server): tool round
// trips, parallel calls, streaming, what the request carries, and tool failures the model sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineProvider, runTurn } from '../../src/agent/index.js';
import type { TurnEvent, TurnTools } from '../../src/agent/types.js';
import { tempDb } from '../support/db.js';
import { createHarness, drive, ofType, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());
beforeEach(() => h.fake.reset());

const input = (message: string, segment: 'vip' | 'repeat_buyer' | 'new_visitor' = 'repeat_buyer') => ({
  persona: h.persona(segment),
  history: [],
  summary: '',
  message,
  toolCtx: h.ctx(),
});
const toolMessages = (i: number) => h.fake.requests[i]!.body.messages.filter((m) => m.role === 'tool');

describe('tool-calling loop over the Chat Completions API', () => {
  it('runs a tool round trip: the tool result goes back to the model and its answer is the reply', async () => {
    h.fake.script(
      { toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: { orderNumber: '28473' } }], usage: { prompt: 500, completion: 20 } },
      { content: 'Your order 28473 was delivered.', usage: { prompt: 640, completion: 9 } },
    );
    const { events, result, final } = await drive(input('Where is my order 28473?'), h.deps());

    expect(final).toMatchObject({ reply: 'Your order 28473 was delivered.', outcome: 'reply', model: 'openai:gpt-4o-mini' });
    expect(final.usage).toEqual({ modelCalls: 2, inputTokens: 1140, outputTokens: 29 });
    expect(final.toolCalls).toEqual([{ name: 'lookup_order', args: { orderNumber: '28473' }, ok: true }]);
    const [toolResult] = ofType(events, 'tool_result');
    expect(toolResult).toMatchObject({ id: 'call_1', name: 'lookup_order', ok: true });
    expect(JSON.stringify(toolResult!.result)).toContain('28473');

    const second = h.fake.requests[1]!.body.messages;
    expect(second.at(-2)).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_1', function: { name: 'lookup_order', arguments: '{"orderNumber":"28473"}' } }],
    });
    expect(second.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(String(second.at(-1)!.content)).toContain('"ok":true');
    expect(String(second.at(-1)!.content)).toContain('28473');

    expect(result.messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'assistant']);
    expect(result.messages[0]!.toolCalls).toEqual([{ id: 'call_1', name: 'lookup_order', args: { orderNumber: '28473' } }]);
    expect(result.messages[1]).toMatchObject({ toolCallId: 'call_1', toolName: 'lookup_order' });
    expect(result.steps.map((s) => s.step)).toEqual([1, 2]);
    expect(result.steps.every((s) => s.latencyMs >= 0 && !s.counted)).toBe(true);
  });

  it('runs two tool calls from one message concurrently and answers them in the order asked', async () => {
    const delays: Record<string, number> = { lookup_order: 400, store_policy: 250 };
    const slowTools: TurnTools = {
      definitions: (n) => h.tools.definitions(n),
      execute: async (name, args, allowed, ctx) => {
        await new Promise((r) => setTimeout(r, delays[name] ?? 0));
        return h.tools.execute(name, args, allowed, ctx);
      },
    };
    h.fake.script(
      {
        toolCalls: [
          { id: 'call_a', name: 'lookup_order', arguments: { orderNumber: '28473' } },
          { id: 'call_b', name: 'store_policy', arguments: { topic: 'returns' } },
        ],
      },
      { content: 'Delivered, and you have 30 days to return it.' },
    );
    const { events, final } = await drive(input('Where is 28473 and can I return it?'), h.deps({ tools: slowTools }));

    expect(final.outcome).toBe('reply');
    const gap = h.fake.requests[1]!.at - h.fake.requests[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(390);
    expect(gap).toBeLessThan(600); // one after the other would take 650 ms
    expect(toolMessages(1).map((m) => m.tool_call_id)).toEqual(['call_a', 'call_b']);
    expect(ofType(events, 'tool_result').map((e) => e.name)).toEqual(['lookup_order', 'store_policy']);
    expect(final.toolCalls.map((t) => t.ok)).toEqual([true, true]);
  });

  it('passes text deltas through as they arrive', async () => {
    h.fake.script({ content: 'Hello there, how can I help you today?', chunkDelayMs: 40 });
    const seen: Array<{ e: TurnEvent; at: number }> = [];
    for await (const e of runTurn(input('hi'), h.deps())) seen.push({ e, at: Date.now() });

    const deltas = seen.filter((s) => s.e.type === 'delta');
    const final = seen.find((s) => s.e.type === 'final')!;
    expect(deltas.length).toBeGreaterThanOrEqual(7);
    expect(deltas.map((d) => (d.e as { text: string }).text).join('')).toBe('Hello there, how can I help you today?');
    expect(final.at - deltas[0]!.at).toBeGreaterThanOrEqual(200);
    expect(deltas[1]!.at - deltas[0]!.at).toBeGreaterThanOrEqual(20);
    expect(h.fake.requests[0]!.body.stream).toBe(true);
  });

  it("sends this persona's rendered system prompt, exactly its tools and its model settings", async () => {
    for (const segment of ['vip', 'new_visitor'] as const) {
      h.fake.reset();
      h.fake.script({ content: 'Hi!' });
      const persona = h.persona(segment);
      await drive({ ...input('hello', segment), persona }, h.deps());
      const body = h.fake.requests[0]!.body;
      expect(body.messages[0]).toEqual({ role: 'system', content: persona.systemPrompt });
      expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'hello' });
      expect(body.tools!.map((t) => t.function.name).sort()).toEqual([...persona.tools].sort());
      expect(body.tools).toEqual(h.tools.definitions(persona.tools));
      expect(body.temperature).toBe(persona.model.temperature);
      expect(body.max_tokens ?? body.max_completion_tokens).toBe(persona.model.maxTokens);
      expect(body.model).toBe('gpt-4o-mini');
    }
    expect(h.persona('vip').tools.length).toBeGreaterThan(h.persona('new_visitor').tools.length);
  });

  it('asks without streaming (a JSON reply) with the same request: the persona, exactly its tools, its settings and the tool round trip', async () => {
    h.fake.script(
      { toolCalls: [{ id: 'call_j', name: 'lookup_order', arguments: { orderNumber: '28473' } }], usage: { prompt: 500, completion: 20 } },
      { content: 'Your order 28473 was delivered.', usage: { prompt: 640, completion: 9 } },
    );
    const persona = h.persona('vip');
    const { final } = await drive({ ...input('Where is my order 28473?', 'vip'), persona, stream: false }, h.deps());

    expect(final).toMatchObject({ reply: 'Your order 28473 was delivered.', outcome: 'reply', model: 'openai:gpt-4o-mini' });
    expect(final.usage).toEqual({ modelCalls: 2, inputTokens: 1140, outputTokens: 29 });
    expect(final.toolCalls).toEqual([{ name: 'lookup_order', args: { orderNumber: '28473' }, ok: true }]);
    for (const { body } of h.fake.requests) {
      expect(body.stream).toBeFalsy();
      expect(body.messages[0]).toEqual({ role: 'system', content: persona.systemPrompt });
      expect(body.tools).toEqual(h.tools.definitions(persona.tools));
      expect(body.temperature).toBe(persona.model.temperature);
      expect(body.max_tokens ?? body.max_completion_tokens).toBe(persona.model.maxTokens);
    }
    expect(toolMessages(1)).toEqual([expect.objectContaining({ role: 'tool', tool_call_id: 'call_j' })]);
    expect(toolMessages(1)[0]!.content).toContain('28473');
  });

  it('tells the model about malformed arguments, an unknown tool and a schema failure, and finishes the turn', async () => {
    h.fake.script(
      {
        toolCalls: [
          { id: 'c_json', name: 'lookup_order', arguments: '{"orderNumber": "28473"' },
          { id: 'c_unknown', name: 'teleport_parcel', arguments: { to: 'moon' } },
          { id: 'c_schema', name: 'search_products', arguments: { limit: 99 } },
        ],
      },
      { content: 'Let me try that differently: which order do you mean?' },
    );
    const { events, final } = await drive(input('where is my stuff'), h.deps());

    expect(final).toMatchObject({ outcome: 'reply', reply: 'Let me try that differently: which order do you mean?' });
    const results = ofType(events, 'tool_result');
    expect(results.map((r) => [r.id, r.ok, (r.result as { code: string }).code])).toEqual([
      ['c_json', false, 'invalid_arguments'],
      ['c_unknown', false, 'not_allowed'],
      ['c_schema', false, 'invalid_arguments'],
    ]);
    const told = toolMessages(1).map((m) => String(m.content));
    expect(told[0]).toMatch(/not valid JSON/);
    expect(told[1]).toMatch(/teleport_parcel is not available/);
    expect(told[2]).toMatch(/limit/);
  });

  it('tells the model when a tool throws or hangs, and finishes the turn', async () => {
    const broken = tempDb();
    await broken.close(); // every query now throws "The database connection is not open"
    const hanging: TurnTools = {
      definitions: (n) => h.tools.definitions(n),
      execute: (name, args, allowed, ctx) =>
        name === 'store_policy' ? new Promise(() => undefined) : h.tools.execute(name, args, allowed, ctx),
    };
    h.fake.script(
      {
        toolCalls: [
          { id: 'c_throw', name: 'lookup_order', arguments: { orderNumber: '28473' } },
          { id: 'c_hang', name: 'store_policy', arguments: { topic: 'shipping' } },
        ],
      },
      { content: 'Sorry, I cannot reach our order system right now.' },
    );
    const started = Date.now();
    const { events, final } = await drive(
      { ...input('where is 28473'), toolCtx: h.ctx(undefined, broken) },
      h.deps({ tools: hanging, toolTimeoutMs: 300 }),
    );
    await broken.dispose();

    expect(final.outcome).toBe('reply');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ofType(events, 'tool_result').map((r) => (r.result as { code: string }).code)).toEqual(['failed', 'unavailable']);
    const told = toolMessages(1).map((m) => String(m.content));
    expect(told[0]).toMatch(/lookup_order failed unexpectedly/);
    expect(told[1]).toMatch(/did not answer in time/);
  });

  it('counts tokens with o200k_base when the API reports no usage', async () => {
    h.fake.script({ content: 'Hello! How can I help?', usage: null });
    const { final, result } = await drive(input('hi'), h.deps());
    expect(result.steps[0]!.counted).toBe(true);
    expect(final.usage.outputTokens).toBeGreaterThanOrEqual(5);
    expect(final.usage.outputTokens).toBeLessThanOrEqual(9);
    // The system prompt and the tool schemas alone are hundreds of tokens.
    expect(final.usage.inputTokens).toBeGreaterThan(300);
  });

  it('runs the same loop with the offline model as the primary (no network)', async () => {
    const { final, result } = await drive(
      input('Where is my order 28473?'),
      h.deps({ provider: createOfflineProvider(), fallback: undefined }),
    );
    expect(h.fake.requests).toHaveLength(0);
    expect(final).toMatchObject({ model: 'offline', outcome: 'reply' });
    expect(final.toolCalls).toEqual([expect.objectContaining({ name: 'lookup_order', ok: true })]);
    expect(final.reply).toMatch(/28473/);
    expect(result.steps.every((s) => !s.counted)).toBe(true);
  });
});

// The loop's respec hook (TurnInput.respec): asked after every tool step; when it returns a spec,
// the rest of the turn runs as it — its system prompt first in the messages, its tools bound and
// authorized — with whichever model answers now (a fallback that took over keeps the turn). The
// loop knows nothing of why (src/chat: a shopper verified mid-turn). Checked on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../src/agent/index.js';
import type { ToolName } from '../../src/tools/index.js';
import { createHarness, drive, type Harness } from './harness.js';
import type { ChatBody } from '../support/fake-openai.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());
beforeEach(() => {
  h.fake.reset();
  h.logs.length = 0;
});

const system = (body: ChatBody) => String(body.messages[0]?.content ?? '');
const offered = (body: ChatBody) => (body.tools ?? []).map((t) => t.function.name);
const call = (name: string, args: Record<string, unknown>) => ({ toolCalls: [{ name, arguments: args }] });

/** A spec with exactly these tools (the persona's prompt and voice). */
const spec = (segment: 'new_visitor' | 'repeat_buyer', tools: ToolName[]): AgentSpec => ({ ...h.persona(segment), tools });

function hook(next: AgentSpec | null) {
  const asked: number[] = [];
  let n = 0;
  return {
    asked,
    respec: async () => {
      asked.push(++n);
      return n === 1 ? next : null;
    },
  };
}

describe('respec', () => {
  it('runs the rest of the turn as the new spec: system prompt, tools offered, tools authorized', async () => {
    const before = spec('new_visitor', ['store_policy', 'search_products']);
    const after = spec('repeat_buyer', ['store_policy', 'lookup_order']);
    const { asked, respec } = hook(after);
    h.fake.script(
      call('store_policy', { topic: 'returns' }),
      {
        toolCalls: [
          { name: 'lookup_order', arguments: { orderNumber: '28473' } },
          { name: 'search_products', arguments: { query: 'scarf' } },
        ],
      },
      { content: 'Order 28473 was delivered.' },
    );
    const { result } = await drive(
      { persona: before, history: [], summary: '', message: 'returns? and where is 28473?', toolCtx: h.ctx(), respec },
      h.deps({ provider: h.provider({ maxRetries: 0 }) }),
    );
    const [first, second, third] = h.fake.requests.map((r) => r.body);
    expect(system(first!)).toBe(before.systemPrompt);
    expect(offered(first!)).toEqual(['store_policy', 'search_products']);
    expect(system(second!)).toBe(after.systemPrompt);
    expect(offered(second!)).toEqual(['store_policy', 'lookup_order']);
    expect(system(third!)).toBe(after.systemPrompt);
    // The one system message was replaced, not added to.
    expect(second!.messages.filter((m) => m.role === 'system')).toHaveLength(1);
    // The new spec's tool runs; the old spec's tool it lacks is refused.
    expect(result.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['store_policy', true],
      ['lookup_order', true],
      ['search_products', false],
    ]);
    expect(asked).toEqual([1, 2]); // after each tool step, not before the first
  });

  it('changes nothing when the hook returns null', async () => {
    const before = spec('new_visitor', ['store_policy']);
    const { respec } = hook(null);
    h.fake.script(call('store_policy', { topic: 'returns' }), call('lookup_order', { orderNumber: '28473' }), { content: 'Sorry.' });
    const { result } = await drive(
      { persona: before, history: [], summary: '', message: 'where is 28473?', toolCtx: h.ctx(), respec },
      h.deps({ provider: h.provider({ maxRetries: 0 }) }),
    );
    expect(h.fake.requests.map((r) => system(r.body))).toEqual([before.systemPrompt, before.systemPrompt, before.systemPrompt]);
    expect(result.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['store_policy', true],
      ['lookup_order', false],
    ]);
  });

  it('keeps a fallback that took over: the primary is not asked again after the respec', async () => {
    const before = spec('new_visitor', ['store_policy']);
    const after = spec('repeat_buyer', ['store_policy', 'lookup_order']);
    const { respec } = hook(after);
    h.fake.script({ kind: 'status', status: 500 }, call('store_policy', { topic: 'returns' }), { content: 'Done.' });
    const { final } = await drive(
      { persona: before, history: [], summary: '', message: 'returns?', toolCtx: h.ctx(), respec },
      h.deps({ provider: h.provider({ maxRetries: 0 }), fallback: h.provider({ model: 'gpt-4o', maxRetries: 0 }) }),
    );
    expect(h.fake.requests.map((r) => r.body.model)).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4o']);
    expect(system(h.fake.requests[2]!.body)).toBe(after.systemPrompt);
    expect(offered(h.fake.requests[2]!.body)).toEqual(['store_policy', 'lookup_order']);
    expect(final).toMatchObject({ outcome: 'reply', model: 'openai:gpt-4o (fallback)' });
  });
});

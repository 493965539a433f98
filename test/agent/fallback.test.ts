// Fallback as a wrapper around the provider (src/agent/fallback.ts): once the primary fails, the
// fallback answers that step and every later one; a fallback that fails too ends the turn once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_REPLY, modelFailures } from '../../src/agent/index.js';
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

const input = (message: string) => ({ persona: h.persona('repeat_buyer'), history: [], summary: '', message, toolCtx: h.ctx() });
const logged = (msg: string) => h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);
// Two OpenAI-compatible models on the same fake server, told apart by the model each request names.
const primary = () => h.provider({ maxRetries: 0 });
const fallback = () => h.provider({ model: 'gpt-4o', maxRetries: 0 });

describe('the fallback wrapper', () => {
  it('asks the fallback for the failed step and every later step; the primary is not asked again', async () => {
    h.fake.script(
      { kind: 'status', status: 500 },
      { toolCalls: [{ id: 'call_lookup', name: 'lookup_order', arguments: { orderNumber: '28473' } }] },
      { content: 'Order 28473 has shipped.' },
    );
    const { events, final, result } = await drive(input('Where is my order 28473?'), h.deps({ provider: primary(), fallback: fallback() }));

    expect(h.fake.requests.map((r) => r.body.model)).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4o']);
    expect(ofType(events, 'model_start').map((e) => e.step)).toEqual([1, 1, 2]);
    expect(ofType(events, 'error').map((e) => e.code)).toEqual(['model_fallback']);
    expect(result.steps.map((s) => s.model)).toEqual(['openai:gpt-4o (fallback)', 'openai:gpt-4o (fallback)']);
    expect(final).toMatchObject({ outcome: 'reply', reply: 'Order 28473 has shipped.', model: 'openai:gpt-4o (fallback)' });
    expect(final.usage.modelCalls).toBe(2);
  });

  it('a fallback that fails too ends the turn with the error reply: counted twice, fallen back once', async () => {
    const before = modelFailures.snapshot();
    h.fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    const { events, final, result } = await drive(input('Do you ship to Canada?'), h.deps({ provider: primary(), fallback: fallback() }));

    expect(h.fake.requests).toHaveLength(2);
    expect(ofType(events, 'error').map((e) => e.code)).toEqual(['model_fallback', 'upstream_unavailable']);
    expect(final).toMatchObject({ outcome: 'error', reply: ERROR_REPLY, model: 'openai:gpt-4o (fallback)' });
    expect(final.usage.modelCalls).toBe(0);
    expect(result.messages).toEqual([{ role: 'assistant', content: ERROR_REPLY, toolCalls: null, toolCallId: null, toolName: null }]);
    expect(logged('model_failed')).toEqual([
      expect.objectContaining({ model: 'openai:gpt-4o-mini', cause: 'server_error', status: 500, fallback: true }),
      expect.objectContaining({ model: 'openai:gpt-4o (fallback)', cause: 'server_error', status: 503, fallback: false }),
    ]);
    const after = modelFailures.snapshot();
    expect(after.byCause.server_error).toBe(before.byCause.server_error + 2);
    expect(after.fallbacks).toBe(before.fallbacks + 1);
  });
});

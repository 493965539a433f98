// Bounded, orphan-safe history: a 50-turn conversation keeps a flat prompt, and stored messages
// always become a sequence the Chat Completions API accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { MAX_SUMMARY_CHARS, summarizeTurns, toModelMessages } from '../../src/agent/index.js';
import type { StoredMessage } from '../../src/agent/types.js';
import { validateConversation } from '../support/fake-openai.js';
import { createHarness, drive, type Harness } from './harness.js';

const enc = new Tiktoken(o200k);
const promptTokens = (msgs: Array<{ content: unknown; tool_calls?: unknown }>) =>
  msgs.reduce(
    (n, m) => n + 4 + enc.encode(String(m.content ?? '')).length + (m.tool_calls ? enc.encode(JSON.stringify(m.tool_calls)).length : 0),
    0,
  );

const msg = (turn: number, role: StoredMessage['role'], content: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({
  turn,
  role,
  content,
  toolCalls: null,
  toolCallId: null,
  toolName: null,
  ...extra,
});

/** As the OpenAI converter would send them: enough to run the API's own ordering checks. */
const asWire = (history: StoredMessage[], summary: string, window: number) =>
  toModelMessages(history, summary, window).map((m) => ({
    role: ({ human: 'user', ai: 'assistant', tool: 'tool', system: 'system' } as Record<string, string>)[m.getType()]!,
    content: m.content,
    tool_calls: (m as { tool_calls?: Array<{ id: string; name: string; args: unknown }> }).tool_calls?.map((c) => ({
      id: c.id,
      function: { name: c.name, arguments: JSON.stringify(c.args) },
    })),
    tool_call_id: (m as { tool_call_id?: string }).tool_call_id,
  }));

describe('a 50-turn conversation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.dispose());

  it('keeps the prompt under a fixed token bound, flat from the moment the window is full', async () => {
    const WINDOW = 6;
    const chatter =
      'Happy to help with that. Our linen dresses run true to size, ship in two days and can be returned within thirty days of delivery for a full refund to the original payment method.';
    h.fake.handle((body) => {
      const last = body.messages.at(-1)!;
      if (last.role === 'user' && String(last.content).includes('order'))
        return { toolCalls: [{ name: 'lookup_order', arguments: { orderNumber: '28473' } }] };
      return { content: chatter };
    });
    let stored: StoredMessage[] = [];
    let summary = '';
    const perTurn: number[] = [];
    for (let turn = 1; turn <= 50; turn++) {
      const text =
        turn % 2
          ? `Turn ${turn}: where is my order 28473 and what about the blue dress in size M?`
          : `Turn ${turn}: tell me about sizing and returns for linen dresses, please.`;
      const history = stored.filter((m) => m.turn > turn - 1 - WINDOW);
      const before = h.fake.requests.length;
      const { final, result } = await drive(
        { persona: h.persona('repeat_buyer'), history, summary, message: text, toolCtx: h.ctx() },
        h.deps({ historyTurns: WINDOW }),
      );
      expect(final.outcome).toBe('reply');
      perTurn.push(Math.max(...h.fake.requests.slice(before).map((r) => promptTokens(r.body.messages))));
      summary = summarizeTurns(summary, history, turn - 1, WINDOW);
      stored = stored.concat([msg(turn, 'user', text), ...result.messages.map((m) => ({ ...m, turn }))]);
    }
    // Messages only (the tool schemas are the same every call): ~2,100 tokens once settled here.
    const BOUND = 2600;
    expect(Math.max(...perTurn)).toBeLessThan(BOUND);
    // Flat: turns 41–50 cost no more than turns 11–20 (odd turns carry a tool result, so compare like with like).
    expect(Math.max(...perTurn.slice(40))).toBeLessThanOrEqual(Math.max(...perTurn.slice(10, 20)) + 20);
    expect(Math.min(...perTurn.slice(40))).toBeGreaterThan(Math.min(...perTurn.slice(10, 20)) - 60);
    expect(perTurn[49]!).toBeGreaterThan(perTurn[3]!); // the window really filled before it went flat
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary).toMatch(/T43: shopper asked "Turn 43: where is my order 28473/);
    expect(summary).toContain('used lookup_order(28473)');
    const lastBody = h.fake.requests.at(-1)!.body.messages;
    expect(String(lastBody[1]!.content)).toMatch(/^Summary of earlier turns/);
    expect(lastBody.filter((m) => m.role === 'user')).toHaveLength(WINDOW + 1);
  });
});

describe('toModelMessages', () => {
  it('answers unanswered tool calls as interrupted and drops tool messages that answer nothing', () => {
    const history = [
      msg(1, 'user', 'return 28473'),
      msg(1, 'assistant', '', {
        toolCalls: [
          { id: 'a', name: 'lookup_order', args: {} },
          { id: 'b', name: 'store_policy', args: {} },
        ],
      }),
      msg(1, 'tool', '{"ok":true}', { toolCallId: 'b' }),
      msg(2, 'tool', '{"ok":true}', { toolCallId: 'zzz' }),
      msg(2, 'tool', '{"ok":true}', { toolCallId: 'b' }),
      msg(2, 'user', 'hello?'),
      msg(2, 'assistant', 'Hi!'),
    ];
    const wire = asWire(history, '', 6);
    expect(validateConversation({ model: 'x', messages: wire as never })).toBeNull();
    expect(wire.map((m) => [m.role, m.tool_call_id])).toEqual([
      ['user', undefined],
      ['assistant', undefined],
      ['tool', 'b'],
      ['tool', 'a'],
      ['user', undefined],
      ['assistant', undefined],
    ]);
    expect(String(wire[3]!.content)).toMatch(/interrupted/);
  });

  it('keeps the last N turns verbatim and folds older ones into the summary message', () => {
    const history: StoredMessage[] = [];
    for (let t = 1; t <= 10; t++) history.push(msg(t, 'user', `question ${t}`), msg(t, 'assistant', `answer ${t}`));
    const wire = asWire(history, '', 3);
    expect(wire[0]!.role).toBe('system');
    expect(String(wire[0]!.content)).toContain('T7: shopper asked "question 7"; assistant replied "answer 7"');
    expect(wire.slice(1).map((m) => m.content)).toEqual(['question 8', 'answer 8', 'question 9', 'answer 9', 'question 10', 'answer 10']);
  });

  it('summarizeTurns folds the turn leaving the window once, however often it is called', () => {
    const history = [
      msg(4, 'user', 'red dress under $150?'),
      msg(4, 'assistant', 'Here are three.', { toolCalls: [{ id: 'x', name: 'search_products', args: { category: 'dresses' } }] }),
      msg(5, 'user', 'thanks'),
    ];
    const once = summarizeTurns('T3: shopper asked "hi"; assistant replied "hello"', history, 5, 2);
    expect(once).toBe(
      'T3: shopper asked "hi"; assistant replied "hello"\nT4: shopper asked "red dress under $150?"; assistant used search_products(dresses) and replied "Here are three."',
    );
    expect(summarizeTurns(once, history, 5, 2)).toBe(once);
    expect(summarizeTurns('', [], 0, 6)).toBe('');
  });
});

// The conversation cache is bounded by the memory its entries hold, not only by their count: a
// server serving many one-turn conversations keeps a few MB of them, not thousands.
import { describe, expect, it } from 'vitest';
import { CACHE_BYTES, createConversationCache, type ConversationState, type TurnConversation } from '../../src/chat/cache.js';
import type { MessageRow } from '../../src/chat/store.js';

/** A one-turn conversation whose tool result is `resultChars` long. */
function state(id: string, resultChars: number): ConversationState {
  const row = (seq: number, role: string, content: string, extra: Partial<MessageRow> = {}) =>
    ({
      id: `msg_${id}_${seq}`,
      conversationId: id,
      seq,
      turn: 1,
      role,
      content,
      toolCalls: null,
      toolCallId: null,
      toolName: null,
      createdAt: 1,
      ...extra,
    }) as MessageRow;
  return {
    conv: { id, turnCount: 1, summary: '' } as TurnConversation,
    history: [
      row(1, 'user', 'Where is my order 28473?'),
      row(2, 'assistant', '', { toolCalls: [{ id: 'call_1', name: 'lookup_order', args: { orderNumber: '28473' } }] }),
      row(3, 'tool', 'x'.repeat(resultChars), { toolCallId: 'call_1', toolName: 'lookup_order' }),
      row(4, 'assistant', 'Your order 28473 was delivered five days ago.'),
    ],
  };
}

describe('the conversation cache’s memory bound', () => {
  it('keeps the newest conversations that fit the byte budget and forgets the oldest', () => {
    const cache = createConversationCache(() => 1, 5_000, 100_000);
    for (let i = 0; i < 100; i++) cache.lease(`c${i}`).keep(state(`c${i}`, 2_000));
    // ~6 KB each by the estimate: about sixteen fit in 100 KB, the most recent ones.
    expect(cache.lease('c99').state?.conv.id).toBe('c99');
    expect(cache.lease('c90').state?.conv.id).toBe('c90');
    expect(cache.lease('c50').state).toBeUndefined();
    expect(cache.lease('c0').state).toBeUndefined();
  });

  it('frees the budget of an entry taken out for a turn, and never keeps one larger than the whole budget', () => {
    const cache = createConversationCache(() => 1, 5_000, 20_000);
    cache.lease('big').keep(state('big', 50_000));
    expect(cache.lease('big').state).toBeUndefined();
    cache.lease('a').keep(state('a', 3_000));
    cache.lease('b').keep(state('b', 3_000));
    const a = cache.lease('a'); // taken out: its bytes no longer count
    expect(a.state?.conv.id).toBe('a');
    cache.lease('c').keep(state('c', 3_000));
    expect(cache.lease('b').state?.conv.id).toBe('b');
  });

  it('by default holds about a thousand one-turn order conversations, not five thousand', () => {
    const cache = createConversationCache(() => 1);
    for (let i = 0; i < 5_000; i++) cache.lease(`c${i}`).keep(state(`c${i}`, 800));
    let kept = 0;
    for (let i = 0; i < 5_000; i++) if (cache.lease(`c${i}`).state) kept++;
    expect(kept).toBeGreaterThan(500);
    expect(kept).toBeLessThan(2_000);
    expect(CACHE_BYTES).toBe(4 * 2 ** 20);
  });
});

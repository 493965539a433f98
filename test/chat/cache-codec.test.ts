// The conversation cache keeps each entry as bytes through a codec: JSON in UTF-8 anywhere, V8's
// serializer on Node (src/chat/node.ts, what the server uses). Either way the next turn reads back
// exactly the state kept, as a copy that nothing done to the kept objects afterwards can change,
// and each entry holds a buffer of its own (a slice of a shared slab would keep the slab alive).
import { describe, expect, it } from 'vitest';
import {
  createConversationCache,
  JSON_STATE_CODEC,
  type ConversationState,
  type StateCodec,
  type TurnConversation,
} from '../../src/chat/cache.js';
import { v8StateCodec } from '../../src/chat/node.js';
import type { MessageRow } from '../../src/chat/store.js';

function state(id: string): ConversationState {
  const row = (seq: number, role: MessageRow['role'], content: string, extra: Partial<MessageRow> = {}): MessageRow => ({
    id: `msg_${id}_${seq}`,
    conversationId: id,
    turn: 1,
    seq,
    role,
    content,
    toolCalls: null,
    toolCallId: null,
    toolName: null,
    createdAt: 1_765_000_000_000 + seq,
    ...extra,
  });
  const conv: TurnConversation = {
    id,
    sessionId: 's_codec_test_session_01',
    customerId: 'c_marcus',
    verifiedBy: 'token',
    segmentId: 'vip',
    ruleId: 'orders-5-plus',
    personaId: 'vip',
    personaVersion: 'sha256:abc',
    variant: null,
    experimentId: null,
    model: 'openai:gpt-4o-mini',
    optOut: false,
    summary: 'T0: shopper asked "hi"; assistant replied "hello"',
    turnCount: 1,
    createdAt: 1_765_000_000_000,
    updatedAt: 1_765_000_000_500,
  };
  return {
    conv,
    history: [
      row(1, 'user', 'Where’s my order 28473? 📦'),
      row(2, 'assistant', '', {
        toolCalls: [{ id: 'call_1', name: 'lookup_order', args: { orderNumber: '28473', nested: { list: [1, 'two', null] } } }],
      }),
      row(3, 'tool', JSON.stringify({ ok: true, data: { order: { total: 184.5, note: 'Größe M — €' } } }), {
        toolCallId: 'call_1',
        toolName: 'lookup_order',
      }),
      row(4, 'assistant', 'Your order 28473 was delivered five days ago.'),
    ],
  };
}

describe.each([
  ['JSON in UTF-8', JSON_STATE_CODEC],
  ['V8 serializer (Node)', v8StateCodec],
] as Array<[string, StateCodec]>)('the conversation cache through the %s codec', (_name, codec) => {
  it('gives the next turn exactly the state kept, unaffected by later changes to the kept objects', () => {
    const cache = createConversationCache(() => 1, 5_000, 1_000_000, codec);
    const kept = state('conv_a');
    cache.lease('conv_a').keep(kept);
    const expected = structuredClone(kept);
    kept.history[1]!.toolCalls![0]!.args.orderNumber = 'changed';
    kept.conv.turnCount = 99;
    const read = cache.lease('conv_a').state;
    expect(read).toEqual(expected);
    expect(cache.lease('conv_a').state).toBeUndefined(); // taken out by the read
  });

  it('holds each entry in a buffer of its own', () => {
    const bytes = codec.encode(state('conv_b'));
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    expect(codec.decode(bytes)).toEqual(state('conv_b'));
  });
});

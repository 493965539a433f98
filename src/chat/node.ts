// The chat module's Node-only surface, for the Node entry (src/node.ts).
import { deserialize, serialize } from 'node:v8';
import type { ConversationState, StateCodec } from './cache.js';

/**
 * The conversation cache's entries through V8's serializer: the objects written straight into a
 * buffer of its own outside the heap (`serialize` hands over its own allocation), with no JSON
 * text and no UTF-8 copy of it built on the way. Read back, the same plain objects.
 */
export const v8StateCodec: StateCodec = {
  encode(state) {
    return serialize(state);
  },
  decode(bytes) {
    return deserialize(bytes) as ConversationState;
  },
};

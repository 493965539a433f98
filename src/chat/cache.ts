// The conversations this process committed last, kept in memory: the next turn of a conversation
// then skips its two reads (the row and the recent messages), about a tenth of a turn's CPU on
// the Node server. SQLite's `PRAGMA data_version` moves when another connection commits to the
// file; when it has moved, everything kept is dropped, so a second process (a CLI, an operator's
// sqlite3 shell) can never make a turn read old state. Within the process, an entry is taken
// out when a turn starts and put back only after that turn committed: a turn that fails, or a
// tool that writes the conversation mid-turn, leaves nothing stale behind.
//
// Bounded by the memory it holds, not only by a count: every entry stays live across garbage
// collections, and V8 grows the heap in proportion to what survives them (several times over under
// load), so 5,000 one-turn conversations (~3 KB each, with a tool result) made the server's heap,
// and its resident memory, tens of MB larger. The oldest entries go first past either bound.
// An entry is kept as its JSON in UTF-8, outside the V8 heap, and read back on the turn that uses
// it: as objects a one-turn conversation with a tool result held about 2.2 KB of heap (a dozen
// objects, thirty strings), and V8 sized the old generation at about four times what survived a
// full collection, so the thousand entries kept cost some 9 MB of peak resident memory under the
// JSON-mode bench's load. As bytes they cost their 2.3 KB once (as a JS string the same JSON was
// UTF-16, 4.5 KB on the heap). Writing an entry costs a few microseconds a turn.
// How an entry becomes bytes is the runtime's (`StateCodec`): JSON in UTF-8 by default; on Node,
// V8's own serializer (chat/node.ts), which writes the objects straight into a buffer outside the
// heap. The JSON route built the text, then its UTF-8 copy: about 11 KB of heap garbage per kept
// turn (the text is two-byte as soon as one character is, "’" or "€") against 0.4 KB.
import type { ConversationRow, MessageRow } from './store.js';

/** The conversation as a turn uses it; `pending` and `verifyAttempts` belong to the tools, which read them. */
export type TurnConversation = Omit<ConversationRow, 'pending' | 'verifyAttempts'> & { provenAt?: number | null };

export interface ConversationState {
  conv: TurnConversation;
  /** The last turns verbatim, oldest first, exactly as `loadRecentMessages` returns them. */
  history: MessageRow[];
}

export interface ConversationLease {
  /** What this process committed last for the conversation, if still current (then no read is needed). */
  state: ConversationState | undefined;
  /** After the turn's commit: keeps its state, unless another connection wrote the database meanwhile. */
  keep(next: ConversationState): void;
  /**
   * Whether this process already recorded the session row (recordSession is insert-or-nothing, so
   * recording it again changes nothing), with no other connection's write since.
   */
  sessionRecorded(sessionId: string): boolean;
  /** After recordSession succeeded for the session. */
  rememberSession(sessionId: string): void;
}

export interface ConversationCache {
  /** Takes the conversation's entry out for one turn. */
  lease(id: string | undefined): ConversationLease;
}

/** An entry as bytes, each in a buffer of its own (not a slice of a shared slab, which would keep the slab alive), and back. */
export interface StateCodec {
  encode(state: ConversationState): Uint8Array;
  decode(bytes: Uint8Array): ConversationState;
}

// An ArrayBuffer of its own per entry (not Node's Buffer.from, whose small buffers share an 8 KB slab).
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON in UTF-8: any runtime. */
export const JSON_STATE_CODEC: StateCodec = {
  encode(state) {
    return encoder.encode(JSON.stringify(state));
  },
  decode(bytes) {
    return JSON.parse(decoder.decode(bytes)) as ConversationState;
  },
};

/** About what the conversations kept may hold in memory (estimated by `weigh`). */
export const CACHE_BYTES = 4 * 2 ** 20;

/**
 * An estimate of an entry's memory, as the objects a turn reads it back into (kept as UTF-8 it
 * holds about as much, off the heap): UTF-16 text plus a fixed cost per row object and its ids. The
 * conversation row's own share is fixed (its summary is capped at MAX_SUMMARY_CHARS).
 */
function weigh(state: ConversationState): number {
  let bytes = 1_000;
  for (const m of state.history) {
    bytes += 400 + 2 * m.content.length;
    if (m.toolCalls) for (const c of m.toolCalls) bytes += 200 + 2 * JSON.stringify(c.args).length;
  }
  return bytes;
}

export function createConversationCache(
  dataVersion: () => number,
  capacity = 5_000,
  maxBytes = CACHE_BYTES,
  codec: StateCodec = JSON_STATE_CODEC,
): ConversationCache {
  const kept = new Map<string, { bytes: Uint8Array; weight: number }>();
  const sessions = new Set<string>();
  let bytes = 0;
  let version = dataVersion();
  const drop = (id: string) => {
    const entry = kept.get(id);
    if (!entry) return;
    kept.delete(id);
    bytes -= entry.weight;
  };
  return {
    lease(id) {
      // One read of the version per turn: a write by another connection during this turn is
      // caught by the next lease, which then finds a newer version and drops everything.
      const v = dataVersion();
      if (v !== version) {
        kept.clear();
        bytes = 0;
        sessions.clear();
        version = v;
      }
      const entry = id === undefined ? undefined : kept.get(id);
      const state = entry ? codec.decode(entry.bytes) : undefined;
      if (entry) drop(id!);
      return {
        state,
        keep(next) {
          if (version !== v) return; // a later turn already saw another connection's write
          drop(next.conv.id);
          const weight = weigh(next);
          if (weight > maxBytes) return;
          while (kept.size > 0 && (kept.size >= capacity || bytes + weight > maxBytes)) drop(kept.keys().next().value!);
          kept.set(next.conv.id, { bytes: codec.encode(next), weight });
          bytes += weight;
        },
        sessionRecorded(sessionId) {
          return version === v && sessions.has(sessionId);
        },
        rememberSession(sessionId) {
          if (version !== v) return;
          if (sessions.size >= capacity * 4) sessions.delete(sessions.values().next().value!);
          sessions.add(sessionId);
        },
      };
    },
  };
}

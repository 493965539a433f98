// The shopper-facing transcript: user and assistant messages, with the tool calls each
// assistant reply made (arguments and whether they succeeded), never raw tool payloads.
import { asc, eq } from 'drizzle-orm';
import { messages, type Db } from '../db/index.js';
import type { ToolCallSummary } from '../agent/index.js';
import type { TranscriptMessage } from './types.js';
import type { ConversationRow } from './store.js';

export async function readTranscript(db: Db, conv: ConversationRow) {
  const rows = await db.select().from(messages).where(eq(messages.conversationId, conv.id)).orderBy(asc(messages.seq));
  const okById = new Map<string, boolean>();
  for (const r of rows) if (r.role === 'tool' && r.toolCallId) okById.set(r.toolCallId, toolOk(r.content));
  const out: TranscriptMessage[] = [];
  let pending: ToolCallSummary[] = [];
  for (const r of rows) {
    if (r.role === 'user') {
      pending = [];
      out.push({ id: r.id, role: 'user', content: r.content, createdAt: r.createdAt });
    } else if (r.role === 'assistant') {
      for (const c of r.toolCalls ?? []) pending.push({ name: c.name, args: c.args, ok: okById.get(c.id) ?? false });
      if (r.content) {
        out.push({
          id: r.id,
          role: 'assistant',
          content: r.content,
          createdAt: r.createdAt,
          ...(pending.length ? { toolCalls: pending } : {}),
        });
        pending = [];
      }
    }
  }
  return { id: conv.id, segment: conv.segmentId, persona: conv.personaId, messages: out };
}

function toolOk(content: string): boolean {
  try {
    return (JSON.parse(content) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

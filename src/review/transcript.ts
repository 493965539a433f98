// One conversation as an operator reviews it: every stored message in order (tool calls with
// their arguments, tool results as the model saw them), each turn's model, tokens and latency,
// the shopper's ratings, the business events and tickets, and any proposal still awaiting a yes.
import { asc, eq } from 'drizzle-orm';
import { conversations, events, feedback, messages, tickets, turns, type Db } from '../db/index.js';

export interface ReviewMessage {
  id: string;
  turn: number;
  seq: number;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  createdAt: string;
  toolCalls?: Array<{ id: string; name: string; args: Record<string, unknown> }>;
  /** On a tool message: which call it answers, and the result parsed (the raw text stays in content). */
  toolCallId?: string;
  toolName?: string;
  result?: unknown;
}

const iso = (ms: number) => new Date(ms).toISOString();

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toMessage(r: typeof messages.$inferSelect): ReviewMessage {
  const m: ReviewMessage = { id: r.id, turn: r.turn, seq: r.seq, role: r.role, content: r.content, createdAt: iso(r.createdAt) };
  if (r.toolCalls?.length) m.toolCalls = r.toolCalls;
  if (r.role === 'tool') {
    if (r.toolCallId) m.toolCallId = r.toolCallId;
    if (r.toolName) m.toolName = r.toolName;
    const result = parsed(r.content);
    if (result !== undefined) m.result = result;
  }
  return m;
}

async function readParts(db: Db, id: string) {
  return Promise.all([
    db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(asc(messages.seq)),
    db.select().from(turns).where(eq(turns.conversationId, id)).orderBy(asc(turns.turn)),
    db.select().from(feedback).where(eq(feedback.conversationId, id)).orderBy(asc(feedback.createdAt), asc(feedback.id)),
    db.select().from(events).where(eq(events.conversationId, id)).orderBy(asc(events.createdAt), asc(events.id)),
    db.select().from(tickets).where(eq(tickets.conversationId, id)),
  ]);
}

/** The whole record of one conversation, or null when there is none with this id. */
export async function readReviewTranscript(db: Db, id: string) {
  const [conv] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
  if (!conv) return null;
  const [msgs, turnRows, ratings, eventRows, ticketRows] = await readParts(db, id);
  return {
    id: conv.id,
    startedAt: iso(conv.createdAt),
    lastActivityAt: iso(conv.updatedAt),
    sessionId: conv.sessionId,
    customerId: conv.customerId,
    verifiedBy: conv.verifiedBy,
    segment: { id: conv.segmentId, rule: conv.ruleId },
    persona: { id: conv.personaId, version: conv.personaVersion, variant: conv.variant, experiment: conv.experimentId },
    model: conv.model,
    optOut: conv.optOut,
    summary: conv.summary,
    escalated: ticketRows.length > 0 || eventRows.some((e) => e.type === 'escalated'),
    messages: msgs.map(toMessage),
    turns: turnRows.map((t) => ({
      turn: t.turn,
      segment: t.segmentId,
      persona: t.personaId,
      variant: t.variant,
      model: t.model,
      modelCalls: t.modelCalls,
      tokens: { input: t.inputTokens, output: t.outputTokens },
      latencyMs: t.latencyMs,
      outcome: t.outcome,
      at: iso(t.createdAt),
    })),
    feedback: ratings.map((f) => ({
      messageId: f.messageId,
      rating: f.rating > 0 ? ('up' as const) : ('down' as const),
      comment: f.comment,
      at: iso(f.createdAt),
    })),
    events: eventRows.map((e) => ({ id: e.id, type: e.type, data: e.data, at: iso(e.createdAt) })),
    tickets: ticketRows.map((t) => ({ id: t.id, priority: t.priority, status: t.status, summary: t.summary, at: iso(t.createdAt) })),
    /** A proposal the shopper has not answered yet (it lives on the conversation until answered or replaced). */
    pendingProposal: conv.pending ?? null,
  };
}

export type ReviewTranscript = NonNullable<Awaited<ReturnType<typeof readReviewTranscript>>>;

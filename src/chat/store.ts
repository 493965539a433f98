// Conversation persistence: ownership, loading the bounded history, and building one turn's
// writes so they commit together through the Atomic seam (transaction on SQLite, batch on D1).
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { conversations, events, messages, prepared, sessions, turns, writeTemplate, type Atomic, type Db } from '../db/index.js';
import type { Shopper } from '../core/index.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * A conversation belongs to the session that started it, and to the customer bound to it
 * (by token or by verify_customer). Anything else is reported exactly like a missing one.
 */
export function ownsConversation(conv: ConversationRow, shopper: Shopper): boolean {
  if (conv.sessionId === shopper.sessionId) return true;
  return conv.customerId !== null && shopper.via === 'token' && conv.customerId === shopper.customerId;
}

/** The shopper acting in this conversation: an anonymous session that verified in chat acts as that customer. */
export function effectiveShopper(conv: ConversationRow | null, shopper: Shopper): Shopper {
  if (conv && !shopper.customerId && conv.customerId && conv.verifiedBy === 'verify_customer' && conv.sessionId === shopper.sessionId) {
    return { ...shopper, customerId: conv.customerId, verified: true, via: 'verify_customer' };
  }
  return shopper;
}

export async function findConversation(db: Db, id: string): Promise<ConversationRow | null> {
  const q = prepared(db, 'chat.findConversation', (d) => d.select().from(conversations).where(eq(conversations.id, sql.placeholder('id'))).limit(1).prepare());
  const [row] = await q.all({ id });
  return row ?? null;
}

/** Idempotent: a session row is recorded once, when its first message arrives. */
export async function recordSession(db: Db, shopper: Shopper, now: number): Promise<void> {
  const q = prepared(db, 'chat.recordSession', (d) =>
    d
      .insert(sessions)
      .values({ id: sql.placeholder('id'), customerId: sql.placeholder('customerId'), startedAt: sql.placeholder('now'), pagesSeen: 1 })
      .onConflictDoNothing()
      .prepare(),
  );
  await q.run({ id: shopper.sessionId, customerId: shopper.customerId, now });
}

/** The last `turnsWindow` turns verbatim, oldest first; older ones live in conversations.summary. */
export async function loadRecentMessages(db: Db, conv: ConversationRow, turnsWindow: number): Promise<MessageRow[]> {
  if (conv.turnCount === 0) return [];
  const q = prepared(db, 'chat.recentMessages', (d) =>
    d
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, sql.placeholder('id')), gt(messages.turn, sql.placeholder('fromTurn'))))
      .orderBy(asc(messages.seq))
      .prepare(),
  );
  return q.all({ id: conv.id, fromTurn: conv.turnCount - turnsWindow });
}

/** The next message sequence number; the loaded history already ends with the latest turn. */
export async function nextSeq(db: Db, conv: ConversationRow, history: readonly MessageRow[]): Promise<number> {
  const last = history[history.length - 1];
  if (last) return last.seq + 1;
  if (conv.turnCount === 0) return 1;
  const q = prepared(db, 'chat.lastSeq', (d) =>
    d.select({ seq: messages.seq }).from(messages).where(eq(messages.conversationId, sql.placeholder('id'))).orderBy(desc(messages.seq)).limit(1).prepare(),
  );
  const [row] = await q.all({ id: conv.id });
  return (row?.seq ?? 0) + 1;
}

export interface TurnWrites {
  conversation: ConversationRow;
  /** The conversation row's per-turn fields; verification and pending state are owned by the tools. */
  update: Pick<ConversationRow, 'segmentId' | 'ruleId' | 'personaId' | 'personaVersion' | 'variant' | 'experimentId' | 'model' | 'optOut' | 'summary' | 'turnCount' | 'updatedAt'>;
  messages: Array<typeof messages.$inferInsert>;
  turn: typeof turns.$inferInsert;
  events: Array<typeof events.$inferInsert>;
}

const ph = sql.placeholder;

/**
 * One turn's writes, committed together. Each statement shape is compiled once per database
 * (one row per statement: D1's bound-parameter limit never applies, and the shapes stay fixed).
 */
export async function commitTurn(db: Db, atomic: Atomic, w: TurnWrites): Promise<void> {
  const updateConversation = writeTemplate<TurnWrites['update'] & { id: string }>(db, 'chat.updateConversation', (d) =>
    d
      .update(conversations)
      .set({
        segmentId: ph('segmentId'),
        ruleId: ph('ruleId'),
        personaId: ph('personaId'),
        personaVersion: ph('personaVersion'),
        variant: ph('variant'),
        experimentId: ph('experimentId'),
        model: ph('model'),
        optOut: ph('optOut'),
        summary: ph('summary'),
        turnCount: ph('turnCount'),
        updatedAt: ph('updatedAt'),
        // drizzle types `set` without placeholders; at runtime they are bound like values.
      } as unknown as TurnWrites['update'])
      .where(eq(conversations.id, ph('id'))),
  );
  const insertMessage = writeTemplate<Record<keyof typeof messages.$inferInsert, unknown>>(db, 'chat.insertMessage', (d) =>
    d.insert(messages).values({
      id: ph('id'),
      conversationId: ph('conversationId'),
      turn: ph('turn'),
      seq: ph('seq'),
      role: ph('role'),
      content: ph('content'),
      toolCalls: ph('toolCalls'),
      toolCallId: ph('toolCallId'),
      toolName: ph('toolName'),
      createdAt: ph('createdAt'),
    }),
  );
  const insertTurn = writeTemplate<Record<keyof typeof turns.$inferInsert, unknown>>(db, 'chat.insertTurn', (d) =>
    d.insert(turns).values({
      id: ph('id'),
      conversationId: ph('conversationId'),
      turn: ph('turn'),
      segmentId: ph('segmentId'),
      personaId: ph('personaId'),
      variant: ph('variant'),
      model: ph('model'),
      modelCalls: ph('modelCalls'),
      inputTokens: ph('inputTokens'),
      outputTokens: ph('outputTokens'),
      latencyMs: ph('latencyMs'),
      outcome: ph('outcome'),
      createdAt: ph('createdAt'),
    }),
  );
  const insertEvent = writeTemplate<Record<keyof typeof events.$inferInsert, unknown>>(db, 'chat.insertEvent', (d) =>
    d.insert(events).values({
      id: ph('id'),
      conversationId: ph('conversationId'),
      customerId: ph('customerId'),
      sessionId: ph('sessionId'),
      type: ph('type'),
      data: ph('data'),
      createdAt: ph('createdAt'),
    }),
  );
  await atomic([
    updateConversation({ ...w.update, id: w.conversation.id }),
    ...w.messages.map((m) => insertMessage({ ...m, toolCalls: m.toolCalls ?? null, toolCallId: m.toolCallId ?? null, toolName: m.toolName ?? null })),
    insertTurn({ ...w.turn, variant: w.turn.variant ?? null }),
    ...w.events.map((e) => insertEvent({ ...e, conversationId: e.conversationId ?? null, customerId: e.customerId ?? null, sessionId: e.sessionId ?? null, data: e.data ?? {} })),
  ]);
}

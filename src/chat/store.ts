// Conversation persistence: ownership, loading the bounded history, and building one turn's
// writes so they commit together through the Atomic seam (transaction on SQLite, batch on D1).
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { conversations, events, messages, sessions, turns, type Atomic, type Db, type WriteQuery } from '../db/index.js';
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
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
  return row ?? null;
}

/** Idempotent: a session row is recorded once, when its first message arrives. */
export async function recordSession(db: Db, shopper: Shopper, now: number): Promise<void> {
  await db
    .insert(sessions)
    .values({ id: shopper.sessionId, customerId: shopper.customerId, startedAt: now, pagesSeen: 1 })
    .onConflictDoUpdate({ target: sessions.id, set: { pagesSeen: sql`${sessions.pagesSeen} + 1` } });
}

/** The last `turnsWindow` turns verbatim, oldest first; older ones live in conversations.summary. */
export async function loadRecentMessages(db: Db, conv: ConversationRow, turnsWindow: number): Promise<MessageRow[]> {
  const fromTurn = conv.turnCount - turnsWindow;
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conv.id), gt(messages.turn, fromTurn)))
    .orderBy(asc(messages.seq));
}

export async function nextSeq(db: Db, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ seq: messages.seq })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.seq))
    .limit(1);
  return (row?.seq ?? 0) + 1;
}

export interface TurnWrites {
  conversation: ConversationRow;
  /** Fields to update on the conversation row; verification and pending state are owned by the tools. */
  update: Partial<Pick<ConversationRow, 'segmentId' | 'ruleId' | 'personaId' | 'personaVersion' | 'variant' | 'experimentId' | 'model' | 'optOut' | 'summary' | 'turnCount' | 'updatedAt'>>;
  messages: Array<typeof messages.$inferInsert>;
  turn: typeof turns.$inferInsert;
  events: Array<typeof events.$inferInsert>;
}

export async function commitTurn(db: Db, atomic: Atomic, w: TurnWrites): Promise<void> {
  const queries: WriteQuery[] = [db.update(conversations).set(w.update).where(eq(conversations.id, w.conversation.id))];
  // Chunked so each statement stays under D1's bound-parameter limit.
  for (const chunk of chunks(w.messages, 8)) queries.push(db.insert(messages).values(chunk));
  queries.push(db.insert(turns).values(w.turn));
  for (const chunk of chunks(w.events, 10)) queries.push(db.insert(events).values(chunk));
  await atomic(queries);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

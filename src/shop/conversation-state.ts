// Per-conversation state the tools keep durably on the conversations row: the proposal awaiting
// the shopper's yes, verification attempts, and the customer a verification bound.
import { and, eq, lt, sql } from 'drizzle-orm';
import { conversations, type Db } from '../db/index.js';

export const MAX_VERIFY_ATTEMPTS = 5;

export async function readPending(db: Db, conversationId: string): Promise<Record<string, unknown> | null> {
  const [row] = await db.select({ pending: conversations.pending }).from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  return row?.pending ?? null;
}

export function writePending(db: Db, conversationId: string, pending: Record<string, unknown> | null, now: number) {
  return db.update(conversations).set({ pending, updatedAt: now }).where(eq(conversations.id, conversationId));
}

/**
 * Counts one verification attempt before anything is checked, atomically and only while under
 * the limit. Returns the attempt number, or undefined when the conversation is locked (or unknown).
 */
export async function takeVerifyAttempt(db: Db, conversationId: string): Promise<number | undefined> {
  const rows = await db
    .update(conversations)
    .set({ verifyAttempts: sql`${conversations.verifyAttempts} + 1` })
    .where(and(eq(conversations.id, conversationId), lt(conversations.verifyAttempts, MAX_VERIFY_ATTEMPTS)))
    .returning({ attempts: conversations.verifyAttempts });
  return rows[0]?.attempts;
}

export function bindConversationCustomer(db: Db, conversationId: string, customerId: string, now: number) {
  return db.update(conversations).set({ customerId, verifiedBy: 'verify_customer', updatedAt: now }).where(eq(conversations.id, conversationId));
}

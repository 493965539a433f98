// Per-conversation state the tools keep durably on the conversations row: the proposal awaiting
// the shopper's yes, verification attempts, the customer a verification bound and the orders it proved.
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conversations, prepared, verifiedOrders, type Db } from '../db/index.js';
import { ACTION_ECHO, detailEcho } from '../core/index.js';

export const MAX_VERIFY_ATTEMPTS = 5;

/** A proposal is answered within this time or not at all. */
export const PROPOSAL_TTL_MS = 30 * 60_000;

/**
 * A consequential action waiting for the shopper's own yes: the exact action and its arguments,
 * bound to the conversation (it lives on its row), the shopper who was asked, and a deadline.
 */
export const ProposalSchema = z.object({
  id: z.string().min(1),
  action: z.string().min(1),
  customerId: z.string().nullable(),
  turn: z.number().int(),
  expiresAt: z.number(),
  payload: z.record(z.string(), z.unknown()),
  /** What the shopper is agreeing to, in the server's words (shown with any model's reply). */
  summary: z.string().optional(),
  /**
   * The free text the action sends (a reason, a note for the store's colleagues), quoted whole in the server's statement
   * after the summary. Kept apart from it: these words may be a hosted model's, so they never count as the proposal's
   * own words when the model's question beside it is judged (core asksBeside).
   */
  sent: z.string().optional(),
  /**
   * Restated under a reply that asked something else too ("…add them to your basket? Still waiting: cancel #…"):
   * a bare yes may answer either, so only a yes naming the action decides it (chat/approval, chat/run).
   */
  mustName: z.boolean().optional(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** The proposal in the server's words, as the shopper is shown it (with a reply, on the widget's card): what a yes answers. */
export const proposalWords = (p: Proposal): string =>
  `${p.summary ?? `A ${p.action.replace(/_/g, ' ')} is waiting for your confirmation.`}${p.sent ? ` ${p.sent}` : ''}`;

/** Words that echo an action and so may stand in a yes to it (core/consent). */
export const PROPOSAL_ECHO = ACTION_ECHO;

/** The naming yes and its reader live with consent (core/consent-naming); the store's callers read them here too. */
export { NAMING_YES, namesAction } from '../core/index.js';

/**
 * The words a yes to this proposal may say: its action's, and what it gives in the server's own words (an
 * exchange's new pieces, read from its summary "Exchange on order #N: A (L) for A (XL), …; …"), so "yes, XL,
 * go" repeats the swap while "yes, L" (what is given up) does not (core/consent `detailEcho`). Only for a swap
 * of one piece: of several, a yes naming one of them may keep only that one.
 */
export function proposalEcho(p: Pick<Proposal, 'action' | 'summary'>): readonly string[] | undefined {
  const own = PROPOSAL_ECHO[p.action];
  if (p.action !== 'exchange' || !p.summary) return own;
  const swaps = /:\s*([^;]*);/.exec(p.summary)?.[1] ?? '';
  const given = swaps
    .split(/,\s+/)
    .map((swap) => swap.split(' for ').at(-1) ?? '')
    .filter(Boolean);
  // Of a swap of several pieces, a yes naming one ("yes, the jumper") may mean that one only: no yes, asked again.
  return given.length === 1 ? [...(own ?? []), ...detailEcho(given)] : own;
}

export async function readPending(db: Db, conversationId: string): Promise<Record<string, unknown> | null> {
  // Read on every turn (the proposal a yes may answer): built and compiled once per db.
  const q = prepared(db, 'shop.pending', (d) =>
    d
      .select({ pending: conversations.pending })
      .from(conversations)
      .where(eq(conversations.id, sql.placeholder('id')))
      .limit(1)
      .prepare(),
  );
  const [row] = await q.all({ id: conversationId });
  return row?.pending ?? null;
}

/** The live proposal of a conversation: well-formed, not expired, and made to this customer (or this anonymous shopper). */
export async function readProposal(db: Db, conversationId: string, customerId: string | null, now: number): Promise<Proposal | null> {
  const parsed = ProposalSchema.safeParse(await readPending(db, conversationId));
  if (!parsed.success) return null;
  const p = parsed.data;
  return p.expiresAt > now && p.customerId === customerId ? p : null;
}

export function writePending(db: Db, conversationId: string, pending: Proposal | null, now: number) {
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
  return db
    .update(conversations)
    .set({ customerId, verifiedBy: 'verify_customer', updatedAt: now })
    .where(eq(conversations.id, conversationId));
}

/** Adds an order to what this conversation has proven (idempotent): a write for the verifying tool's atomic batch. */
export function proveConversationOrder(db: Db, conversationId: string, orderId: string, now: number) {
  return db.insert(verifiedOrders).values({ conversationId, orderId, verifiedAt: now }).onConflictDoNothing();
}

/** The ids of the orders this conversation has proven by email and order number, oldest proof first. */
export async function provenOrderIds(db: Db, conversationId: string): Promise<string[]> {
  const q = prepared(db, 'shop.provenOrders', (d) =>
    d
      .select({ orderId: verifiedOrders.orderId })
      .from(verifiedOrders)
      .where(eq(verifiedOrders.conversationId, sql.placeholder('id')))
      .orderBy(verifiedOrders.verifiedAt, verifiedOrders.orderId)
      .prepare(),
  );
  return (await q.all({ id: conversationId })).map((r) => r.orderId);
}

export async function conversationExists(db: Db, conversationId: string): Promise<boolean> {
  const [row] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  return row !== undefined;
}

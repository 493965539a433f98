// Escalation tickets: one per conversation (unique key), so asking twice joins the same queue spot.
import { and, count, eq, inArray, lt } from 'drizzle-orm';
import { tickets, type Db, type IdGen } from '../db/index.js';
import type { TicketPriority } from './policy.js';

export type TicketRow = typeof tickets.$inferSelect;

export interface OpenTicketInput {
  conversationId: string;
  customerId: string | null;
  sessionId: string;
  segment: string;
  priority: TicketPriority;
  summary: string;
  now: number;
}

export async function openTicket(db: Db, ids: IdGen, input: OpenTicketInput): Promise<{ ticket: TicketRow; created: boolean }> {
  const id = ids('tk');
  await db
    .insert(tickets)
    .values({ id, conversationId: input.conversationId, customerId: input.customerId, sessionId: input.sessionId, segment: input.segment, priority: input.priority, summary: input.summary, status: 'open', createdAt: input.now })
    .onConflictDoNothing({ target: tickets.conversationId });
  const [ticket] = await db.select().from(tickets).where(eq(tickets.conversationId, input.conversationId)).limit(1);
  if (!ticket) throw new Error('ticket missing after insert');
  return { ticket, created: ticket.id === id };
}

const AHEAD_OF: Record<TicketPriority, TicketPriority[]> = { high: ['high'], normal: ['high', 'normal'], low: ['high', 'normal', 'low'] };

/** Open tickets that will be served before this one: same or higher priority, opened earlier. */
export async function ticketsAhead(db: Db, ticket: TicketRow): Promise<number> {
  const priority = (ticket.priority in AHEAD_OF ? ticket.priority : 'low') as TicketPriority;
  const [row] = await db
    .select({ n: count() })
    .from(tickets)
    .where(and(eq(tickets.status, 'open'), inArray(tickets.priority, AHEAD_OF[priority]), lt(tickets.createdAt, ticket.createdAt)));
  return row?.n ?? 0;
}

/** Minutes a shopper should expect to wait: priority help within minutes, others 10–30 by queue. */
export function expectedWaitMinutes(priority: string, ahead: number): number {
  if (priority === 'high') return 2;
  const base = priority === 'normal' ? 10 : 15;
  return Math.min(30, base + 2 * ahead);
}

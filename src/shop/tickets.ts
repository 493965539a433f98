// Escalation tickets: one per conversation (unique key), so asking twice joins the same queue spot.
import { and, count, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { tickets, type Atomic, type Db, type IdGen } from '../db/index.js';
import { TICKET_LIMITS, type TicketPriority } from './policy.js';
import { insertEventIf, type EventRow } from './returns.js';
import { NETWORK_SHARE } from './auth-guard.js';

export type TicketRow = typeof tickets.$inferSelect;

export interface OpenTicketInput {
  conversationId: string;
  customerId: string | null;
  sessionId: string;
  segment: string;
  priority: TicketPriority;
  summary: string;
  clientKey: string | null;
  networkKey?: string | null;
  now: number;
  /** The event that tells of the ticket: stored in the same commit, only if this call opened it. */
  record?: (ticketId: string) => EventRow;
}

/** The ticket row's insert: at most one per conversation (a second asks joins the first). */
export function ticketInsert(db: Db, id: string, row: Omit<OpenTicketInput, 'record'>) {
  return db
    .insert(tickets)
    .values({
      id,
      conversationId: row.conversationId,
      customerId: row.customerId,
      sessionId: row.sessionId,
      segment: row.segment,
      priority: row.priority,
      summary: row.summary,
      clientKey: row.clientKey,
      networkKey: row.networkKey ?? null,
      status: 'open',
      createdAt: row.now,
    })
    .onConflictDoNothing({ target: tickets.conversationId });
}

export async function openTicket(
  db: Db,
  atomic: Atomic,
  ids: IdGen,
  input: OpenTicketInput,
): Promise<{ ticket: TicketRow; created: boolean }> {
  const id = ids('tk');
  const { record, ...row } = input;
  const event = record?.(id);
  await atomic([
    ticketInsert(db, id, row),
    ...(event ? [insertEventIf(db, event, sql`select 1 from ${tickets} where ${tickets.id} = ${id}`)] : []),
  ]);
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

/**
 * Whether this shopper may open another ticket: tickets opened in the last hour by the same
 * session, customer or client address stay under the policy's caps (a flood of hand-overs from
 * fresh sessions still shares one address).
 */
export async function ticketAllowance(
  db: Db,
  who: { sessionId: string; customerId: string | null; clientKey: string | null; networkKey?: string | null },
  now: number,
): Promise<boolean> {
  const since = now - 3_600_000;
  const counted = async (where: SQL) =>
    (
      await db
        .select({ n: count() })
        .from(tickets)
        .where(and(where, gte(tickets.createdAt, since)))
    )[0]?.n ?? 0;
  const [bySession, byCustomer, byClient, bySite] = await Promise.all([
    counted(eq(tickets.sessionId, who.sessionId)),
    who.customerId ? counted(eq(tickets.customerId, who.customerId)) : 0,
    who.clientKey ? counted(eq(tickets.clientKey, who.clientKey)) : 0,
    who.networkKey ? counted(eq(tickets.networkKey, who.networkKey)) : 0,
  ]);
  return (
    bySession < TICKET_LIMITS.perSessionPerHour &&
    byCustomer < TICKET_LIMITS.perCustomerPerHour &&
    byClient < TICKET_LIMITS.perClientPerHour &&
    bySite < TICKET_LIMITS.perClientPerHour * NETWORK_SHARE
  );
}

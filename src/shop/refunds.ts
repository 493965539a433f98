// Refunds: one row per cause (a cancellation, a return label, a claim), written in the same atomic
// batch as the action that owes it and only if that action's own row exists, so a repeated or
// racing action records one refund. refund_status reads them per order.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { orders, prepared, refunds, type Db, type RefundKind } from '../db/index.js';
import { addBusinessDays } from '../core/index.js';
import { dollars, isoDate } from './format.js';
import { REFUND_DAYS } from './policy.js';

export type RefundRow = typeof refunds.$inferSelect;

export interface RefundInput {
  id: string;
  orderId: string;
  customerId: string;
  kind: RefundKind;
  sourceId: string;
  amountCents: number;
  conversationId: string;
  now: number;
}

/** When the money should be back, counted from the action that owes it. */
export function refundExpectedAt(kind: RefundKind, now: number): number {
  if (kind === 'return') return addBusinessDays(now, REFUND_DAYS.returnTransit + REFUND_DAYS.afterReturnArrives);
  return addBusinessDays(now, kind === 'cancellation' ? REFUND_DAYS.cancellation : REFUND_DAYS.claim);
}

/** Inserts the refund only where `when` holds in the same statement; a second one for the same cause is ignored. */
export function insertRefundIf(db: Db, r: RefundInput, when: SQL) {
  const v = (x: unknown, as: string) => sql`${x}`.as(as);
  return db
    .insert(refunds)
    .select(
      db
        .select({
          id: v(r.id, 'id'),
          orderId: v(r.orderId, 'order_id'),
          customerId: v(r.customerId, 'customer_id'),
          kind: v(r.kind, 'kind'),
          sourceId: v(r.sourceId, 'source_id'),
          amountCents: v(r.amountCents, 'amount_cents'),
          status: v(r.kind === 'return' ? 'awaiting_return' : 'pending', 'status'),
          expectedAt: v(refundExpectedAt(r.kind, r.now), 'expected_at'),
          conversationId: v(r.conversationId, 'conversation_id'),
          createdAt: v(r.now, 'created_at'),
        })
        .from(sql`(select 1)`)
        .where(when),
    )
    .onConflictDoNothing();
}

/**
 * A customer's refunds, newest first; only for one order when its id is given. A refund is the customer's whose order it
 * is now, not whoever its row names: the order decides, as for every other order tool (a row written for an order's
 * earlier owner, or by a path that named the wrong one, shows neither to that customer nor hides from the owner).
 */
export async function refundsOf(db: Db, customerId: string, orderId?: string): Promise<Array<RefundRow & { orderNumber: string }>> {
  // lookup_order reads one order's refunds on every call: both shapes are built once per db.
  const ph = sql.placeholder;
  const query = (key: string, where: () => SQL | undefined) =>
    prepared(db, key, (d) =>
      d
        .select({ r: refunds, orderNumber: orders.number })
        .from(refunds)
        .innerJoin(orders, eq(orders.id, refunds.orderId))
        .where(where())
        .orderBy(desc(refunds.createdAt), desc(refunds.id))
        .limit(10)
        .prepare(),
    );
  const rows = orderId
    ? await query('shop.orderRefunds', () => and(eq(orders.customerId, ph('customerId')), eq(refunds.orderId, ph('orderId')))).all({
        customerId,
        orderId,
      })
    : await query('shop.refunds', () => eq(orders.customerId, ph('customerId'))).all({ customerId });
  return rows.map((x) => ({ ...x.r, orderNumber: x.orderNumber }));
}

const STATE_WORDS: Record<RefundRow['status'], string> = {
  pending: 'being refunded to the original payment method',
  awaiting_return: 'waiting for the returned parcel to arrive; refunded once it does',
  issued: 'refunded',
};

/** How a refund reads to the shopper: amount, state in words, and by when. */
export function refundView(r: RefundRow & { orderNumber: string }, now: number) {
  const overdue = r.status !== 'issued' && now > r.expectedAt;
  return {
    orderNumber: r.orderNumber,
    for: r.kind,
    amount: dollars(r.amountCents),
    state: r.status,
    meaning: STATE_WORDS[r.status],
    started: isoDate(r.createdAt),
    expectedBy: isoDate(r.expectedAt),
    ...(overdue
      ? { note: 'This is later than expected: banks can take up to 3 more business days; otherwise offer a colleague to check.' }
      : {}),
  };
}

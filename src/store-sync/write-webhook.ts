// What only a store webhook says, as SQL statements: a refund the store issued, a new order counted as a chat's
// purchase, a product the store deleted (remembered, so no older update brings it back). Record upserts are write.ts's.
import type { Statement } from '../db/index.js';
import type { OrderRecord } from './records.js';
import { storeId } from './vocab.js';
import { st } from './write.js';

/** A refund the store issued (a Shopify refunds/create webhook): recorded once per refund id against the order. */
export function refundStatement(r: { orderExternalId: string; refundId: string; amountCents: number; createdAt: number }): Statement {
  return st(
    `INSERT INTO refunds (id, order_id, customer_id, kind, source_id, amount_cents, status, expected_at, created_at)
     SELECT ?, o.id, o.customer_id, CASE WHEN o.status IN ('processing', 'cancelled') THEN 'cancellation' ELSE 'return' END, ?, ?, 'issued', ?, ?
     FROM orders o WHERE o.external_id = ? LIMIT 1
     ON CONFLICT DO NOTHING`,
    storeId('rf', r.refundId),
    `store-refund:${r.refundId}`,
    r.amountCents,
    r.createdAt,
    r.createdAt,
    r.orderExternalId,
  );
}

/** How long after a conversation a new order still counts as that conversation's purchase. */
export const PURCHASE_ATTRIBUTION_DAYS = 7;

/**
 * A new order (orders/create) from a customer who chatted with Tailor in the days before it: a
 * `purchase` event on their latest such conversation, once per order (the event id is the
 * order's). What A/B conversion then counts; an anonymous shopper's session cannot be matched.
 */
export function purchaseStatement(o: OrderRecord): Statement {
  const from = o.createdAt - PURCHASE_ATTRIBUTION_DAYS * 86_400_000;
  return st(
    `INSERT INTO events (id, conversation_id, customer_id, type, data, created_at)
     SELECT ?, c.id, c.customer_id, 'purchase', ?, ?
     FROM conversations c JOIN customers cu ON cu.id = c.customer_id
     WHERE cu.email = ? AND c.turn_count > 0 AND c.updated_at <= ? AND c.updated_at >= ?
     ORDER BY c.updated_at DESC LIMIT 1
     ON CONFLICT DO NOTHING`,
    storeId('ev_purchase', o.number),
    JSON.stringify({ orderNumber: o.number, total: o.total / 100 }),
    o.createdAt,
    o.email,
    o.createdAt,
    from,
  );
}

/**
 * A product the store deleted at `deletedAt` (the delivery's trigger time): archived (kept for order history), no longer
 * searched, and remembered, so an update older than the delete arriving after it cannot revive it (`notDeleted`). Its
 * stored time moves up to the delete, so its sizes refuse such an update too. A delete older than the stored row (a late
 * one, after the store made it again) archives nothing.
 */
export const deleteProductStatements = (externalId: string, deletedAt: number): Statement[] => [
  st(
    `INSERT INTO store_tombstones (kind, external_id, deleted_at) VALUES ('product', ?, ?)
     ON CONFLICT(kind, external_id) DO UPDATE SET deleted_at = max(store_tombstones.deleted_at, excluded.deleted_at)`,
    externalId,
    deletedAt,
  ),
  st(
    `UPDATE products SET status = 'archived', external_updated_at = ? WHERE external_id = ? AND coalesce(external_updated_at < ?, 1)`,
    deletedAt,
    externalId,
    deletedAt,
  ),
];

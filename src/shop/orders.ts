// Orders as the shopper may see them: always looked up together with the owning customer,
// so an order that belongs to someone else is indistinguishable from one that does not exist.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { orderItems, orders, prepared, returnLabels, type Db } from '../db/index.js';
import { dollars, isoDate, ONE_SIZE } from './format.js';
import { RETURN_WINDOW_DAYS, RETURN_WINDOW_MS, STANDARD_DELIVERY_DAYS } from './policy.js';
import { addBusinessDays } from '../core/index.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type ReturnLabelRow = typeof returnLabels.$inferSelect;

export interface OwnedOrder {
  order: OrderRow;
  items: OrderItemRow[];
  /** Return labels made for this order, oldest first (each covers some of its items). */
  labels: ReturnLabelRow[];
}

/** The order with this number if it belongs to this customer; undefined otherwise (whatever the reason). */
// Every order tool starts here: the three reads are built and compiled once per db (drizzle
// otherwise rebuilds each SQL string and SQLite recompiles it on every call).
export async function findOwnedOrder(db: Db, customerId: string, orderNumber: string): Promise<OwnedOrder | undefined> {
  const ph = sql.placeholder;
  const orderQ = prepared(db, 'shop.ownedOrder', (d) =>
    d
      .select()
      .from(orders)
      .where(and(eq(orders.number, ph('number')), eq(orders.customerId, ph('customerId'))))
      .limit(1)
      .prepare(),
  );
  const [order] = await orderQ.all({ number: orderNumber, customerId });
  if (!order) return undefined;
  const itemsQ = prepared(db, 'shop.orderItems', (d) =>
    d
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, ph('id')))
      .orderBy(orderItems.id)
      .prepare(),
  );
  const labelsQ = prepared(db, 'shop.orderLabels', (d) =>
    d
      .select()
      .from(returnLabels)
      .where(eq(returnLabels.orderId, ph('id')))
      .orderBy(returnLabels.createdAt, returnLabels.id)
      .prepare(),
  );
  const [items, labels] = await Promise.all([itemsQ.all({ id: order.id }), labelsQ.all({ id: order.id })]);
  return { order, items, labels };
}

/** The customer's latest orders, newest first; with `only`, just those of these ids (the orders a chat proved). */
export async function recentOrders(db: Db, customerId: string, limit: number, only?: readonly string[]): Promise<OwnedOrder[]> {
  if (only?.length === 0) return [];
  const mine = eq(orders.customerId, customerId);
  const where = only ? and(mine, inArray(orders.id, [...only])) : mine;
  const list = await db.select().from(orders).where(where).orderBy(desc(orders.createdAt)).limit(limit);
  if (list.length === 0) return [];
  const ids = list.map((o) => o.id);
  const [items, labels] = await Promise.all([
    db.select().from(orderItems).where(inArray(orderItems.orderId, ids)).orderBy(orderItems.id),
    db.select().from(returnLabels).where(inArray(returnLabels.orderId, ids)).orderBy(returnLabels.createdAt, returnLabels.id),
  ]);
  return list.map((order) => ({
    order,
    items: items.filter((i) => i.orderId === order.id),
    labels: labels.filter((l) => l.orderId === order.id),
  }));
}

export type ReturnCheck =
  { eligible: true; until: number; returnable: OrderItemRow[] } | { eligible: false; reason: string; until?: number };

/** Whether a return label may be created now, and if not, the reason in words the shopper understands. */
export function returnEligibility({ order, items, labels }: OwnedOrder, now: number): ReturnCheck {
  if (order.status === 'returned') return { eligible: false, reason: 'this order has already been returned' };
  if (order.status === 'cancelled') return { eligible: false, reason: 'this order was cancelled, so there is nothing to return' };
  if (order.status !== 'delivered' || order.deliveredAt == null) {
    return { eligible: false, reason: `this order has not been delivered yet (status: ${order.status}); returns open once it arrives` };
  }
  const until = order.deliveredAt + RETURN_WINDOW_MS;
  const returnable = items.filter((i) => i.status === 'delivered');
  const last = labels.at(-1);
  if (returnable.length === 0) {
    const reason = last
      ? `a return label was already created for every item of this order (the last on ${isoDate(last.createdAt)})`
      : 'every item of this order has already been returned';
    return { eligible: false, until, reason };
  }
  if (now > until) return { eligible: false, until, reason: `the ${RETURN_WINDOW_DAYS}-day return window ended on ${isoDate(until)}` };
  return { eligible: true, until, returnable };
}

/** "Navy Cotton Tee (M) ×2": how an item is named in summaries, proposals and labels. */
/** "Navy Merino Crew-Neck Jumper (L)", "Blue Silk Square Scarf" (a one-size item has no size to name), "… ×2". */
export const itemLabel = (i: Pick<OrderItemRow, 'name' | 'size' | 'quantity'>) =>
  `${i.name}${i.size === ONE_SIZE ? '' : ` (${i.size})`}${i.quantity > 1 ? ` ×${i.quantity}` : ''}`;

export function itemView(i: OrderItemRow) {
  return {
    id: i.id,
    name: i.name,
    size: i.size,
    colour: i.colour,
    quantity: i.quantity,
    price: dollars(i.unitPriceCents),
    status: i.status,
  };
}

/** The items a return label covers, named as in summaries. */
export const labelItems = (owned: OwnedOrder, label: ReturnLabelRow): string[] =>
  owned.items.filter((i) => label.items.includes(i.id)).map(itemLabel);

const orderHead = (order: OwnedOrder['order']) => ({
  orderNumber: order.number,
  status: order.status,
  placed: isoDate(order.createdAt),
  total: dollars(order.totalCents),
});

/** What a reply about one order needs: status, dates, tracking, items and whether it can be returned. */
export function orderView(owned: OwnedOrder, now: number) {
  const { order, items, labels } = owned;
  const check = returnEligibility(owned, now);
  return {
    ...orderHead(order),
    items: items.map(itemView),
    ...(order.shippedAt != null ? { shipped: isoDate(order.shippedAt) } : {}),
    ...(order.deliveredAt != null ? { delivered: isoDate(order.deliveredAt) } : {}),
    // On its way: the latest day standard delivery takes (express arrives sooner).
    ...(order.status === 'shipped' && order.shippedAt != null
      ? { expectedBy: isoDate(addBusinessDays(order.shippedAt, STANDARD_DELIVERY_DAYS.max)) }
      : {}),
    ...(order.carrier ? { carrier: order.carrier } : {}),
    ...(order.trackingCode ? { tracking: order.trackingCode } : {}),
    return: check.eligible ? { possible: true as const, until: isoDate(check.until) } : { possible: false as const, reason: check.reason },
    ...(labels.length
      ? {
          returnLabels: labels.map((l) => ({
            items: labelItems(owned, l),
            trackingCode: l.trackingCode,
            emailedTo: l.emailedTo,
            created: isoDate(l.createdAt),
          })),
        }
      : {}),
  };
}

/** The short form used in a list of recent orders. */
export function orderSummary(owned: OwnedOrder, now: number) {
  const { order, items } = owned;
  const check = returnEligibility(owned, now);
  return {
    ...orderHead(order),
    items: items.map(itemLabel),
    ...(order.deliveredAt != null ? { delivered: isoDate(order.deliveredAt) } : {}),
    ...(order.trackingCode && order.status === 'shipped' ? { tracking: order.trackingCode } : {}),
    ...(check.eligible ? { returnableUntil: isoDate(check.until) } : {}),
  };
}

/** Whose order a number is, and its id (verification compares the owner with the email's customer); undefined when none. */
export async function orderOwner(db: Db, orderNumber: string): Promise<{ customerId: string; orderId: string } | undefined> {
  const [row] = await db
    .select({ customerId: orders.customerId, orderId: orders.id })
    .from(orders)
    .where(eq(orders.number, orderNumber))
    .limit(1);
  return row?.customerId ? { customerId: row.customerId, orderId: row.orderId } : undefined;
}

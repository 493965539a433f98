// Changes to an order that has not shipped: cancelling it (with its refund, and its stock back
// on the shelf) and sending it elsewhere. Each write holds only while the order is still
// processing in the same statement, so a parcel that ships meanwhile is never changed.
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  orderItems,
  orders,
  refunds,
  variants,
  type Atomic,
  type Db,
  type IdGen,
  type ShippingAddress,
  type WriteQuery,
} from '../db/index.js';
import type { OwnedOrder } from './orders.js';
import { ORDER_CHANGES } from './policy.js';
import { insertRefundIf } from './refunds.js';
import { insertEventIf, type EventRow } from './returns.js';

/** Why this order cannot be cancelled or redirected now, or null when it can. */
export function changeRefusal(owned: OwnedOrder, change: 'cancel' | 'address'): string | null {
  const allowed: readonly string[] = change === 'cancel' ? ORDER_CHANGES.cancelWhile : ORDER_CHANGES.changeAddressWhile;
  const { status, number } = owned.order;
  if (allowed.includes(status)) return null;
  if (status === 'cancelled') return `order #${number} is already cancelled`;
  if (status === 'shipped')
    return `order #${number} has already shipped, so it can no longer be ${change === 'cancel' ? 'cancelled; it can be returned once it arrives' : 'redirected; the carrier’s tracking link may offer delivery options'}`;
  return `order #${number} is ${status}, and only orders still processing can be ${change === 'cancel' ? 'cancelled' : 'redirected'}`;
}

export interface CancelInput {
  owned: OwnedOrder;
  reason: string;
  refundId: string;
  conversationId: string;
  now: number;
  alongWith?: WriteQuery[];
  record?: (refundId: string) => EventRow[];
}

/** Cancels a processing order: status, items, refund, restock and events in one batch; false if it was not this call that cancelled it. */
export async function cancelOrder(db: Db, atomic: Atomic, input: CancelInput): Promise<boolean> {
  const { order, items } = input.owned;
  const mine = sql`exists (select 1 from ${refunds} where ${refunds.id} = ${input.refundId})`;
  await atomic([
    db
      .update(orders)
      .set({ status: 'cancelled', cancelledAt: input.now, cancelReason: input.reason })
      .where(and(eq(orders.id, order.id), inArray(orders.status, [...ORDER_CHANGES.cancelWhile]))),
    insertRefundIf(
      db,
      {
        id: input.refundId,
        orderId: order.id,
        customerId: order.customerId,
        kind: 'cancellation',
        sourceId: order.id,
        amountCents: order.totalCents,
        conversationId: input.conversationId,
        now: input.now,
      },
      sql`exists (select 1 from ${orders} where ${orders.id} = ${order.id} and ${orders.status} = 'cancelled' and ${orders.cancelledAt} = ${input.now})`,
    ),
    db
      .update(orderItems)
      .set({ status: 'cancelled' })
      .where(and(eq(orderItems.orderId, order.id), mine)),
    ...items.map((i) =>
      db
        .update(variants)
        .set({ stock: sql`${variants.stock} + ${i.quantity}` })
        .where(and(eq(variants.id, i.variantId), mine)),
    ),
    ...(input.alongWith ?? []),
    ...(input.record?.(input.refundId) ?? []).map((e) =>
      insertEventIf(db, e, sql`select 1 from ${refunds} where ${refunds.id} = ${input.refundId}`),
    ),
  ]);
  const [row] = await db.select({ id: refunds.id }).from(refunds).where(eq(refunds.id, input.refundId)).limit(1);
  return !!row;
}

/** The address as one line, as replies and proposals show it. */
export const addressLine = (a: ShippingAddress | null | undefined): string =>
  a ? [a.name, a.line1, a.line2, `${a.city}, ${a.state} ${a.zip}`].filter(Boolean).join(', ') : 'the address on file';

export const sameAddress = (a: ShippingAddress | null | undefined, b: ShippingAddress) =>
  !!a && addressLine(a).toLowerCase() === addressLine(b).toLowerCase();

export interface AddressInput {
  owned: OwnedOrder;
  address: ShippingAddress;
  now: number;
  ids: IdGen;
  alongWith?: WriteQuery[];
  record?: EventRow[];
}

/** Sends a processing order to a new address; false when it had shipped (or was cancelled) meanwhile. */
export async function changeShippingAddress(db: Db, atomic: Atomic, input: AddressInput): Promise<boolean> {
  const { order } = input.owned;
  const updated = sql`exists (select 1 from ${orders} where ${orders.id} = ${order.id} and ${orders.shipTo} = ${JSON.stringify(input.address)})`;
  await atomic([
    db
      .update(orders)
      .set({ shipTo: input.address })
      .where(and(eq(orders.id, order.id), inArray(orders.status, [...ORDER_CHANGES.changeAddressWhile]))),
    ...(input.alongWith ?? []),
    ...(input.record ?? []).map((e) => insertEventIf(db, e, sql`select 1 where ${updated}`)),
  ]);
  const [row] = await db.select({ shipTo: orders.shipTo }).from(orders).where(eq(orders.id, order.id)).limit(1);
  return sameAddress(row?.shipTo, input.address);
}

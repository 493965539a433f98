// Return labels: one per order (unique key), created idempotently with the item updates in one
// atomic write, so a repeated or concurrent confirmation yields the same single label.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { orderItems, returnLabels, type Atomic, type Db, type IdGen, type WriteQuery } from '../db/index.js';
import type { OwnedOrder, ReturnLabelRow } from './orders.js';

export interface CreateLabelInput {
  owned: OwnedOrder;
  itemIds: readonly string[];
  reason: string | undefined;
  emailedTo: string;
  conversationId: string;
  now: number;
  /** Further writes that must commit with the label (e.g. clearing the pending proposal). */
  alongWith?: WriteQuery[];
}

const trackingCodeFor = (labelId: string) => `RET${labelId.replace(/[^a-z0-9]/gi, '').slice(-10).toUpperCase()}`;

export async function createReturnLabel(db: Db, atomic: Atomic, ids: IdGen, input: CreateLabelInput): Promise<{ label: ReturnLabelRow; created: boolean }> {
  const { order } = input.owned;
  const id = ids('rl');
  await atomic([
    db
      .insert(returnLabels)
      .values({
        id, orderId: order.id, customerId: order.customerId, items: [...input.itemIds], reason: input.reason ?? null,
        trackingCode: trackingCodeFor(id), emailedTo: input.emailedTo, conversationId: input.conversationId, createdAt: input.now,
      })
      .onConflictDoNothing({ target: returnLabels.orderId }),
    // Only the call whose label row won marks the items: a losing duplicate changes nothing.
    db
      .update(orderItems)
      .set({ status: 'returned' })
      .where(and(eq(orderItems.orderId, order.id), inArray(orderItems.id, [...input.itemIds]), sql`exists (select 1 from ${returnLabels} where ${returnLabels.id} = ${id})`)),
    ...(input.alongWith ?? []),
  ]);
  const [label] = await db.select().from(returnLabels).where(eq(returnLabels.orderId, order.id)).limit(1);
  if (!label) throw new Error('return label missing after insert');
  return { label, created: label.id === id };
}

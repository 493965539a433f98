// Return labels: one per return, each item of an order in at most one, created with the item
// updates in one atomic write, so a repeated or concurrent confirmation yields a single label.
import { and, eq, inArray, ne, notExists, sql, type SQL } from 'drizzle-orm';
import { events, orderItems, returnLabels, type Atomic, type Db, type IdGen, type WriteQuery } from '../db/index.js';
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
  /** The business events that tell of the label: stored in the same commit, only if this call's label is. */
  record?: (labelId: string, trackingCode: string) => EventRow[];
  /** A further condition for writing the label at all (e.g. the exchange's new size still in stock). */
  requires?: SQL;
  /** Writes that belong to the label (a refund, a replacement): each must hold `labelExists` in its own condition. */
  withLabel?: (labelId: string, labelExists: SQL) => WriteQuery[];
}

export type EventRow = typeof events.$inferInsert;

/** Inserts an event only when the row `id` of `table` exists by the time the statement runs (same transaction). */
export function insertEventIf(db: Db, row: EventRow, existsSql: ReturnType<typeof sql>) {
  const v = (x: unknown, as: string) => sql`${x}`.as(as);
  return db.insert(events).select(
    db
      .select({
        id: v(row.id, 'id'),
        conversationId: v(row.conversationId ?? null, 'conversation_id'),
        customerId: v(row.customerId ?? null, 'customer_id'),
        sessionId: v(row.sessionId ?? null, 'session_id'),
        type: v(row.type, 'type'),
        data: v(JSON.stringify(row.data ?? {}), 'data'),
        createdAt: v(row.createdAt, 'created_at'),
      })
      .from(sql`(select 1)`)
      .where(sql`exists (${existsSql})`),
  );
}

const trackingCodeFor = (labelId: string) =>
  `RET${labelId
    .replace(/[^a-z0-9]/gi, '')
    .slice(-10)
    .toUpperCase()}`;

export async function createReturnLabel(
  db: Db,
  atomic: Atomic,
  ids: IdGen,
  input: CreateLabelInput,
): Promise<{ label: ReturnLabelRow; created: boolean }> {
  const r = await writeReturnLabel(db, atomic, ids, input);
  if (!r.label) throw new Error('return label missing after insert');
  return { label: r.label, created: r.created };
}

/** As createReturnLabel, but null when `requires` kept the label from being written and no other label took its items. */
export async function writeReturnLabel(
  db: Db,
  atomic: Atomic,
  ids: IdGen,
  input: CreateLabelInput,
): Promise<{ label: ReturnLabelRow | null; created: boolean }> {
  const { order } = input.owned;
  const itemIds = [...input.itemIds];
  const id = ids('rl');
  const v = (x: unknown, as: string) => sql`${x}`.as(as);
  // The label is written only while every one of its items is still out with the shopper, and
  // only the write whose label row exists marks them: of two racing confirmations one wins, the
  // other changes nothing (its items are no longer 'delivered').
  const stillOut = notExists(
    db
      .select({ one: sql`1` })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, order.id), inArray(orderItems.id, itemIds), ne(orderItems.status, 'delivered'))),
  );
  await atomic([
    db.insert(returnLabels).select(
      db
        .select({
          id: v(id, 'id'),
          orderId: v(order.id, 'order_id'),
          customerId: v(order.customerId, 'customer_id'),
          items: v(JSON.stringify(itemIds), 'items'),
          reason: v(input.reason ?? null, 'reason'),
          trackingCode: v(trackingCodeFor(id), 'tracking_code'),
          emailedTo: v(input.emailedTo, 'emailed_to'),
          conversationId: v(input.conversationId, 'conversation_id'),
          createdAt: v(input.now, 'created_at'),
        })
        .from(sql`(select 1)`)
        .where(input.requires ? and(stillOut, input.requires) : stillOut),
    ),
    db
      .update(orderItems)
      .set({ status: 'returned' })
      .where(
        and(
          eq(orderItems.orderId, order.id),
          inArray(orderItems.id, itemIds),
          sql`exists (select 1 from ${returnLabels} where ${returnLabels.id} = ${id})`,
        ),
      ),
    ...(input.withLabel?.(id, sql`exists (select 1 from ${returnLabels} where ${returnLabels.id} = ${id})`) ?? []),
    ...(input.alongWith ?? []),
    ...(input.record?.(id, trackingCodeFor(id)) ?? []).map((e) =>
      insertEventIf(db, e, sql`select 1 from ${returnLabels} where ${returnLabels.id} = ${id}`),
    ),
  ]);
  const [mine] = await db.select().from(returnLabels).where(eq(returnLabels.id, id)).limit(1);
  if (mine) return { label: mine, created: true };
  // Lost the race: the label that took these items is the answer.
  const labels = await db.select().from(returnLabels).where(eq(returnLabels.orderId, order.id));
  const winner = labels.find((l) => itemIds.some((i) => l.items.includes(i)));
  return { label: winner ?? null, created: false };
}

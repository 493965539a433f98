// Claims for damaged, missing or wrong items. What a claim gets is the policy's (CLAIM_POLICY,
// CUSTOMER_CAPS): a replacement when that size is in stock (or a refund when preferred or sold
// out), and a person when it is worth too much or the customer is over a cap across
// conversations. The caps are checked again inside the insert itself, so two conversations
// racing cannot both slip under them.
import { and, count, eq, gte, sql, sum, type SQL } from 'drizzle-orm';
import {
  claims,
  replacements,
  variants,
  type Atomic,
  type ClaimKind,
  type Db,
  type ReplacementItem,
  type WriteQuery,
} from '../db/index.js';
import { DAY_MS } from '../db/index.js';
import type { OrderItemRow, OwnedOrder } from './orders.js';
import { CLAIM_POLICY, CUSTOMER_CAPS } from './policy.js';
import { insertRefundIf } from './refunds.js';
import { insertEventIf, type EventRow } from './returns.js';

export type ClaimRow = typeof claims.$inferSelect;
export type ClaimResolution = ClaimRow['resolution'];

export interface Standing {
  grants30: { count: number; amountCents: number };
  claims90: number;
}

/** What this customer was granted for claims lately: the figures the caps apply to. */
export async function claimStanding(db: Db, customerId: string, now: number): Promise<Standing> {
  const [granted] = await db
    .select({ n: count(), cents: sum(claims.amountCents) })
    .from(claims)
    .where(and(eq(claims.customerId, customerId), eq(claims.status, 'approved'), gte(claims.createdAt, now - 30 * DAY_MS)));
  const [all] = await db
    .select({ n: count() })
    .from(claims)
    .where(and(eq(claims.customerId, customerId), gte(claims.createdAt, now - 90 * DAY_MS)));
  return { grants30: { count: granted?.n ?? 0, amountCents: Number(granted?.cents ?? 0) }, claims90: all?.n ?? 0 };
}

/** Why this claim needs a person (in words the shopper is told), or null when the chat may grant it. */
export function reviewReason(amountCents: number, s: Standing): string | null {
  const caps = CUSTOMER_CAPS;
  if (amountCents > CLAIM_POLICY.reviewAboveCents) return `claims over $${CLAIM_POLICY.reviewAboveCents / 100} are checked by a colleague`;
  if (s.claims90 >= caps.claimsPer90Days)
    return `this would be more than ${caps.claimsPer90Days} problem reports in 90 days, which a colleague reviews`;
  if (s.grants30.count >= caps.grantsPer30Days.count || s.grants30.amountCents + amountCents > caps.grantsPer30Days.amountCents) {
    return `this is over the limit of ${caps.grantsPer30Days.count} refunds or replacements ($${caps.grantsPer30Days.amountCents / 100}) per 30 days this chat can grant`;
  }
  return null;
}

/** The SQL twin of reviewReason's caps, evaluated inside the insert. */
function underCaps(customerId: string, amountCents: number, now: number): SQL {
  const caps = CUSTOMER_CAPS;
  return sql`(select count(*) from ${claims} where ${claims.customerId} = ${customerId} and ${claims.createdAt} >= ${now - 90 * DAY_MS}) < ${caps.claimsPer90Days}
    and (select count(*) from ${claims} where ${claims.customerId} = ${customerId} and ${claims.status} = 'approved' and ${claims.createdAt} >= ${now - 30 * DAY_MS}) < ${caps.grantsPer30Days.count}
    and (select coalesce(sum(${claims.amountCents}), 0) from ${claims} where ${claims.customerId} = ${customerId} and ${claims.status} = 'approved' and ${claims.createdAt} >= ${now - 30 * DAY_MS}) + ${amountCents} <= ${caps.grantsPer30Days.amountCents}`;
}

/** Claims already made for any of these items of the order. */
export async function claimsCovering(db: Db, orderId: string, itemIds: readonly string[]): Promise<ClaimRow[]> {
  const rows = await db.select().from(claims).where(eq(claims.orderId, orderId));
  return rows.filter((c) => c.items.some((i) => itemIds.includes(i)));
}

export const claimValue = (items: readonly OrderItemRow[]) => items.reduce((n, i) => n + i.unitPriceCents * i.quantity, 0);

export interface ClaimInput {
  id: string;
  owned: OwnedOrder;
  kind: ClaimKind;
  items: readonly OrderItemRow[];
  note: string;
  resolution: ClaimResolution;
  /** For a replacement: what goes out. */
  lines?: readonly ReplacementItem[];
  refundId: string;
  replacementId: string;
  conversationId: string;
  now: number;
  /** For a review: the ticket that hands it to a person. */
  ticket?: WriteQuery;
  alongWith?: WriteQuery[];
  record?: (claimId: string) => EventRow[];
}

/** Writes the claim and what it grants in one batch. Returns the claim (this call's or an earlier one for these items), or null when a cap or the stock changed meanwhile. */
export async function createClaim(db: Db, atomic: Atomic, input: ClaimInput): Promise<{ claim: ClaimRow; created: boolean } | null> {
  const { order } = input.owned;
  const itemIds = input.items.map((i) => i.id).sort();
  const amountCents = claimValue(input.items);
  const mine = sql`exists (select 1 from ${claims} where ${claims.id} = ${input.id})`;
  await atomic([
    db.insert(claims).select(
      db
        .select(claimRow(input, order, itemIds, amountCents))
        .from(sql`(select 1)`)
        .where(and(...claimConditions(input, order, itemIds, amountCents))),
    ),
    ...claimGrants(db, input, order, amountCents, mine),
    ...(input.ticket ? [input.ticket] : []),
    ...(input.alongWith ?? []),
    ...(input.record?.(input.id) ?? []).map((e) => insertEventIf(db, e, sql`select 1 from ${claims} where ${claims.id} = ${input.id}`)),
  ]);
  const [mineRow] = await db.select().from(claims).where(eq(claims.id, input.id)).limit(1);
  if (mineRow) return { claim: mineRow, created: true };
  const earlier = await claimsCovering(db, order.id, itemIds);
  return earlier[0] ? { claim: earlier[0], created: false } : null;
}

type Order = OwnedOrder['order'];

/** A value as a named column of an `insert … select`. */
const v = (x: unknown, as: string) => sql`${x}`.as(as);

/** The claim row, as the select its guarded insert reads from. */
function claimRow(input: ClaimInput, order: Order, itemIds: readonly string[], amountCents: number) {
  return {
    id: v(input.id, 'id'),
    orderId: v(order.id, 'order_id'),
    customerId: v(order.customerId, 'customer_id'),
    kind: v(input.kind, 'kind'),
    items: v(JSON.stringify(itemIds), 'items'),
    note: v(input.note, 'note'),
    resolution: v(input.resolution, 'resolution'),
    status: v(input.resolution === 'review' ? 'review' : 'approved', 'status'),
    amountCents: v(amountCents, 'amount_cents'),
    conversationId: v(input.conversationId, 'conversation_id'),
    createdAt: v(input.now, 'created_at'),
  };
}

/** What must still hold when the claim is inserted: no claim yet for these items, the caps (unless a person reviews it), the replacement's stock. */
function claimConditions(input: ClaimInput, order: Order, itemIds: readonly string[], amountCents: number): SQL[] {
  const idList = sql.join(
    itemIds.map((i) => sql`${i}`),
    sql`, `,
  );
  const conditions: SQL[] = [
    sql`not exists (select 1 from ${claims} c, json_each(c.items) j where c.order_id = ${order.id} and j.value in (${idList}))`,
  ];
  if (input.resolution !== 'review') conditions.push(underCaps(order.customerId, amountCents, input.now));
  for (const l of input.lines ?? [])
    conditions.push(sql`exists (select 1 from ${variants} where ${variants.id} = ${l.variantId} and ${variants.stock} >= ${l.quantity})`);
  return conditions;
}

/** The refund or the replacement (and its stock) the claim grants, each written only if the claim was (`mine`). */
function claimGrants(db: Db, input: ClaimInput, order: Order, amountCents: number, mine: SQL): WriteQuery[] {
  const grants: WriteQuery[] = [];
  if (input.resolution === 'refund') {
    grants.push(
      insertRefundIf(
        db,
        {
          id: input.refundId,
          orderId: order.id,
          customerId: order.customerId,
          kind: 'claim',
          sourceId: input.id,
          amountCents,
          conversationId: input.conversationId,
          now: input.now,
        },
        mine,
      ),
    );
  } else if (input.resolution === 'replacement') {
    const rp = {
      id: v(input.replacementId, 'id'),
      orderId: v(order.id, 'order_id'),
      customerId: v(order.customerId, 'customer_id'),
      source: v('claim', 'source'),
      sourceId: v(input.id, 'source_id'),
      items: v(JSON.stringify(input.lines ?? []), 'items'),
      status: v('processing', 'status'),
      createdAt: v(input.now, 'created_at'),
    };
    grants.push(
      db.insert(replacements).select(
        db
          .select(rp)
          .from(sql`(select 1)`)
          .where(mine),
      ),
    );
    for (const l of input.lines ?? [])
      grants.push(
        db
          .update(variants)
          .set({ stock: sql`${variants.stock} - ${l.quantity}` })
          .where(and(eq(variants.id, l.variantId), mine)),
      );
  }
  return grants;
}

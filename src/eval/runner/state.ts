// Reads the store's rows a `state:` expectation can name, after the conversation: orders by
// number with what hangs off them, the shopper's cart and the tickets opened.
import { count, eq, inArray } from 'drizzle-orm';
import { cartItems, carts, claims, orders, products, refunds, replacements, returnLabels, tickets, type Db } from '../../db/index.js';
import type { StateExpect } from '../case-schema.js';
import type { StoreState } from '../graders/state.js';

/** Only the orders the expectation names are read (and the shopper's cart). */
export async function readStoreState(
  db: Db,
  expect: StateExpect,
  who: { customerId: string | null; sessionId: string },
): Promise<StoreState> {
  const numbers = [
    ...new Set(
      [expect.orders, expect.returnLabels, expect.refunds, expect.claims, expect.replacements].flatMap((m) => Object.keys(m ?? {})),
    ),
  ];
  const rows = numbers.length ? await db.select().from(orders).where(inArray(orders.number, numbers)) : [];
  const ids = rows.map((o) => o.id);
  const numberOf = new Map(rows.map((o) => [o.id, o.number]));
  const byOrder = <T extends { orderId: string }>(list: T[], view: (r: T) => Record<string, unknown>) => {
    const out: Record<string, Array<Record<string, unknown>>> = Object.fromEntries(rows.map((o) => [o.number, []]));
    for (const r of list) out[numberOf.get(r.orderId)!]!.push(view(r));
    return out;
  };
  const some = ids.length > 0;
  const [labels, refundRows, claimRows, replacementRows] = await Promise.all([
    some ? db.select().from(returnLabels).where(inArray(returnLabels.orderId, ids)) : [],
    some ? db.select().from(refunds).where(inArray(refunds.orderId, ids)) : [],
    some ? db.select().from(claims).where(inArray(claims.orderId, ids)) : [],
    some ? db.select().from(replacements).where(inArray(replacements.orderId, ids)) : [],
  ]);
  const ownerKey = who.customerId ? `c:${who.customerId}` : `s:${who.sessionId}`;
  const cart = await db
    .select({ productId: cartItems.productId, name: products.name, variantId: cartItems.variantId, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(carts.ownerKey, ownerKey));
  const [opened] = await db.select({ n: count() }).from(tickets);
  return {
    orders: Object.fromEntries(rows.map((o) => [o.number, { status: o.status, shipTo: (o.shipTo ?? {}) as Record<string, unknown> }])),
    returnLabels: byOrder(labels, (l) => ({ items: l.items.length, reason: l.reason })),
    refunds: byOrder(refundRows, (r) => ({ kind: r.kind, amount: r.amountCents / 100, status: r.status })),
    claims: byOrder(claimRows, (c) => ({
      kind: c.kind,
      resolution: c.resolution,
      status: c.status,
      items: c.items.length,
      amount: c.amountCents / 100,
    })),
    replacements: byOrder(replacementRows, (r) => ({
      source: r.source,
      items: r.items.length,
      size: r.items[0]?.size,
      colour: r.items[0]?.colour,
      name: r.items[0]?.name,
    })),
    cart: cart.map((l) => ({
      productId: l.productId,
      name: l.name,
      size: l.variantId.slice(l.productId.length + 1),
      quantity: l.quantity,
    })),
    tickets: opened?.n ?? 0,
  };
}

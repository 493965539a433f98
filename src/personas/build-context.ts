// The shopper's persona context, from a handful of cheap indexed queries (the customer row,
// the last three orders and their items, the cart). The registry later strips every field a
// persona does not declare, so this builds the full set once per turn.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { cartItems, carts, customers, orderItems, orders, prepared, products, variants, type Db } from '../db/index.js';
import { fenceText, type Shopper } from '../core/index.js';
import { asTier, cartOwnerKey, FREE_EXPRESS_TIERS, perksFor } from '../shop/index.js';
import { PersonaContextInputSchema, type PersonaContextInput } from './context.js';

/** What buildPersonaContext needs from the segment profile (the segments module's Profile fits). */
export interface ProfileLike {
  loyaltyTier?: string | null;
}

export interface BuildContextInput {
  shopper: Shopper;
  profile?: ProfileLike | null;
  page?: { url?: string | null; referrer?: string | null } | null;
  now: number;
  /** Usually filled in by the registry from the segment result. */
  segment?: string;
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// Names, product names and addresses come from the store's data, not from us: fenced before they
// reach the system prompt (a first name of "SYSTEM: …" must not read as the system speaking).
const clip = (s: string | null | undefined, max: number) => (s ? fenceText(s.replace(/\s+/g, ' '), max) : null);
const listed = (parts: string[], max: number) => {
  const joined = fenceText(parts.join(', '), max + 1);
  return joined.length <= max ? joined : `${joined.slice(0, max - 1)}…`;
};

export async function buildPersonaContext(db: Db, input: BuildContextInput): Promise<PersonaContextInput> {
  const { shopper } = input;
  // Only a verified identity unlocks personal data; an unverified id is treated as anonymous.
  const customerId = shopper.verified ? shopper.customerId : null;
  const [customer, recent, cart] = await Promise.all([
    customerId ? customerRow(db, customerId) : undefined,
    customerId ? recentOrders(db, customerId) : [],
    cartSummary(db, cartOwnerKey({ customerId, sessionId: shopper.sessionId })),
  ]);
  const tier = asTier(input.profile?.loyaltyTier ?? customer?.tier ?? 'none');
  return PersonaContextInputSchema.parse({
    firstName: clip(customer?.firstName, 40),
    loyaltyTier: tier,
    loyaltyPoints: Math.max(0, customer?.points ?? 0),
    recentOrders: recent,
    cart,
    perks: [...perksFor(tier)],
    freeExpress: FREE_EXPRESS_TIERS.includes(tier),
    page: { url: clip(input.page?.url, 300), referrer: clip(input.page?.referrer, 300) },
    today: isoDate(input.now),
    segment: input.segment ?? '',
  });
}

// Prepared once per db: this runs on every chat turn.
const ph = sql.placeholder;

async function customerRow(db: Db, id: string) {
  const q = prepared(db, 'personas.customer', (d) =>
    d.select({ firstName: customers.firstName, tier: customers.loyaltyTier, points: customers.loyaltyPoints }).from(customers).where(eq(customers.id, ph('id'))).limit(1).prepare(),
  );
  const [row] = await q.all({ id });
  return row;
}

async function recentOrders(db: Db, customerId: string): Promise<PersonaContextInput['recentOrders']> {
  const ordersQ = prepared(db, 'personas.recentOrders', (d) =>
    d
      .select({ id: orders.id, number: orders.number, status: orders.status, createdAt: orders.createdAt, deliveredAt: orders.deliveredAt, totalCents: orders.totalCents })
      .from(orders)
      .where(eq(orders.customerId, ph('id')))
      .orderBy(desc(orders.createdAt))
      .limit(3)
      .prepare(),
  );
  const rows = await ordersQ.all({ id: customerId });
  if (rows.length === 0) return [];
  const itemsQ = prepared(db, 'personas.recentItems', (d) =>
    d
      .select({ orderId: orderItems.orderId, name: orderItems.name, size: orderItems.size, quantity: orderItems.quantity })
      .from(orderItems)
      .where(inArray(orderItems.orderId, [ph('a'), ph('b'), ph('c')]))
      .prepare(),
  );
  const items = await itemsQ.all({ a: rows[0]?.id ?? '', b: rows[1]?.id ?? '', c: rows[2]?.id ?? '' });
  return rows.map((o) => ({
    number: o.number,
    status: o.status,
    placed: isoDate(o.createdAt),
    delivered: o.deliveredAt ? isoDate(o.deliveredAt) : null,
    total: dollars(o.totalCents),
    items: listed(
      items.filter((i) => i.orderId === o.id).map((i) => `${i.name} (${i.size})${i.quantity > 1 ? ` ×${i.quantity}` : ''}`),
      300,
    ),
  }));
}

async function cartSummary(db: Db, ownerKey: string): Promise<PersonaContextInput['cart']> {
  const q = prepared(db, 'personas.cart', (d) =>
    d
      .select({ name: products.name, priceCents: products.priceCents, quantity: cartItems.quantity, size: variants.size })
      .from(carts)
      .innerJoin(cartItems, eq(cartItems.cartId, carts.id))
      .innerJoin(products, eq(products.id, cartItems.productId))
      .innerJoin(variants, eq(variants.id, cartItems.variantId))
      .where(eq(carts.ownerKey, ph('ownerKey')))
      .orderBy(cartItems.addedAt)
      .prepare(),
  );
  const rows = await q.all({ ownerKey });
  if (rows.length === 0) return null;
  const count = rows.reduce((n, r) => n + r.quantity, 0);
  const subtotal = rows.reduce((n, r) => n + r.priceCents * r.quantity, 0);
  return { itemCount: count, subtotal: dollars(subtotal), items: listed(rows.map((r) => `${r.name} (${r.size}) ×${r.quantity}`), 300) };
}

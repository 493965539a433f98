// What a persona prompt may know about the shopper, read with a handful of cheap indexed queries
// (the customer row, the last three orders and their items, the cart). Prepared once per db: this
// runs on every chat turn. The personas module formats and fences it.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { cartItems, carts, customers, orderItems, orders, prepared, products, variants, type Db, type OrderStatus } from '../db/index.js';

const ph = sql.placeholder;

/** Every table the reads below touch: a kept persona context is stale once one of them is written. */
export const PERSONA_CONTEXT_TABLES = [customers, orders, orderItems, carts, cartItems, products, variants] as const;

export interface ContextCustomer {
  firstName: string | null;
  tier: string;
  points: number;
}

export interface ContextOrder {
  number: string;
  status: OrderStatus;
  createdAt: number;
  deliveredAt: number | null;
  totalCents: number;
  items: Array<{ name: string; size: string; quantity: number }>;
}

export interface ContextCartLine {
  name: string;
  size: string;
  priceCents: number;
  quantity: number;
}

export async function contextCustomer(db: Db, id: string): Promise<ContextCustomer | undefined> {
  const q = prepared(db, 'personas.customer', (d) =>
    d
      .select({ firstName: customers.firstName, tier: customers.loyaltyTier, points: customers.loyaltyPoints })
      .from(customers)
      .where(eq(customers.id, ph('id')))
      .limit(1)
      .prepare(),
  );
  const [row] = await q.all({ id });
  return row;
}

/** The last three orders, newest first, each with its lines. */
export async function contextOrders(db: Db, customerId: string): Promise<ContextOrder[]> {
  const ordersQ = prepared(db, 'personas.recentOrders', (d) =>
    d
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        createdAt: orders.createdAt,
        deliveredAt: orders.deliveredAt,
        totalCents: orders.totalCents,
      })
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
  return rows.map(({ id, ...o }) => ({ ...o, items: items.filter((i) => i.orderId === id) }));
}

/** The cart's lines in the order they were added. */
export async function contextCart(db: Db, ownerKey: string): Promise<ContextCartLine[]> {
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
  return q.all({ ownerKey });
}

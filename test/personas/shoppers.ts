// Three shoppers shaped like the demo store's (a new visitor, a repeat buyer with a returnable
// order, a gold-tier VIP), written into a real SQLite file.
import { DAY_MS, cartItems, carts, customers, orderItems, orders, products, variants, type Db } from '../../src/db/index.js';
import type { Shopper } from '../../src/core/index.js';

export const NOW = Date.UTC(2025, 5, 1, 12);

export const lena: Shopper = { sessionId: 's_lena', customerId: 'c_lena', verified: true, via: 'token' };
export const marcus: Shopper = { sessionId: 's_marcus', customerId: 'c_marcus', verified: true, via: 'token' };
export const sarah: Shopper = { sessionId: 's_sarah', customerId: 'c_sarah', verified: true, via: 'token' };
export const anonymous: Shopper = { sessionId: 's_anon', customerId: null, verified: false, via: 'anonymous' };

export async function writeShoppers(db: Db): Promise<void> {
  await db.insert(customers).values([
    { id: 'c_lena', email: 'lena@example.com', firstName: 'Lena', lastName: 'Park', createdAt: NOW - 2 * DAY_MS },
    {
      id: 'c_marcus',
      email: 'marcus@example.com',
      firstName: 'Marcus',
      lastName: 'Reed',
      loyaltyTier: 'silver',
      loyaltyPoints: 640,
      createdAt: NOW - 200 * DAY_MS,
    },
    {
      id: 'c_sarah',
      email: 'sarah@example.com',
      firstName: 'Sarah',
      lastName: 'Okafor',
      loyaltyTier: 'gold',
      loyaltyPoints: 4820,
      createdAt: NOW - 500 * DAY_MS,
    },
  ]);
  await db.insert(products).values([
    {
      id: 'p_dress',
      slug: 'red-wrap-dress',
      name: 'Red wrap dress',
      category: 'dresses',
      colour: 'red',
      description: 'A wrap dress.',
      priceCents: 12900,
      createdAt: NOW - 90 * DAY_MS,
    },
    {
      id: 'p_boots',
      slug: 'ankle-boots',
      name: 'Leather ankle boots',
      category: 'shoes',
      colour: 'black',
      description: 'Boots.',
      priceCents: 15900,
      createdAt: NOW - 90 * DAY_MS,
    },
  ]);
  await db.insert(variants).values([
    { id: 'v_dress_m', productId: 'p_dress', size: 'M', sku: 'DR-M', stock: 4 },
    { id: 'v_boots_38', productId: 'p_boots', size: '38', sku: 'BT-38', stock: 2 },
  ]);
  const order = (id: string, number: string, customerId: string, daysAgo: number, status: 'delivered' | 'shipped', totalCents: number) => ({
    id,
    number,
    customerId,
    status,
    totalCents,
    createdAt: NOW - daysAgo * DAY_MS,
    shippedAt: NOW - (daysAgo - 1) * DAY_MS,
    deliveredAt: status === 'delivered' ? NOW - (daysAgo - 3) * DAY_MS : null,
  });
  const sarahOrders = Array.from({ length: 7 }, (_, i) => order(`o_s${i}`, String(31000 + i), 'c_sarah', 20 + i * 40, 'delivered', 15900));
  await db
    .insert(orders)
    .values([
      order('o_m1', '28473', 'c_marcus', 8, 'delivered', 12900),
      order('o_m2', '28990', 'c_marcus', 2, 'shipped', 15900),
      ...sarahOrders,
    ]);
  await db.insert(orderItems).values([
    {
      id: 'oi_m1',
      orderId: 'o_m1',
      productId: 'p_dress',
      variantId: 'v_dress_m',
      name: 'Red wrap dress',
      size: 'M',
      colour: 'red',
      quantity: 1,
      unitPriceCents: 12900,
      status: 'delivered',
    },
    {
      id: 'oi_m2',
      orderId: 'o_m2',
      productId: 'p_boots',
      variantId: 'v_boots_38',
      name: 'Leather ankle boots',
      size: '38',
      colour: 'black',
      quantity: 1,
      unitPriceCents: 15900,
      status: 'shipped',
    },
    ...sarahOrders.map((o, i) => ({
      id: `oi_s${i}`,
      orderId: o.id,
      productId: 'p_boots',
      variantId: 'v_boots_38',
      name: 'Leather ankle boots',
      size: '38',
      colour: 'black',
      quantity: 1,
      unitPriceCents: 15900,
      status: 'delivered' as const,
    })),
  ]);
  await db.insert(carts).values([
    { id: 'cart_lena', ownerKey: 'c:c_lena', customerId: 'c_lena', updatedAt: NOW },
    { id: 'cart_anon', ownerKey: 's:s_anon', sessionId: 's_anon', updatedAt: NOW },
  ]);
  await db.insert(cartItems).values([
    { id: 'ci_1', cartId: 'cart_lena', productId: 'p_dress', variantId: 'v_dress_m', quantity: 1, addedAt: NOW },
    { id: 'ci_2', cartId: 'cart_anon', productId: 'p_boots', variantId: 'v_boots_38', quantity: 2, addedAt: NOW },
  ]);
}

// Complementary picks from a customer's purchase history: categories that go with what they
// bought, in stock, never something they already own.
import { and, count, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { orderItems, orders, products, variants, type Db } from '../db/index.js';
import { toCard, variantsOf, type ProductCard } from './catalog.js';
import { COMPLEMENTS } from './policy.js';

export interface Recommendation extends ProductCard {
  /** Why it was picked, in words a stylist would use. */
  because: string;
}

const inStock = sql`exists (select 1 from ${variants} where ${variants.productId} = ${products.id} and ${variants.stock} > 0) and ${products.status} = 'active'`;

export async function recommendFor(
  db: Db,
  customerId: string,
  limit: number,
): Promise<{ basis: 'purchase_history' | 'popular'; picks: Recommendation[] }> {
  const bought = await db
    .selectDistinct({
      productId: orderItems.productId,
      name: orderItems.name,
      size: orderItems.size,
      category: products.category,
      createdAt: orders.createdAt,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(eq(orders.customerId, customerId), notInArray(orders.status, ['cancelled'])))
    .orderBy(desc(orders.createdAt));
  // A subquery, not a list of ids: a long purchase history would overflow D1's 100 bound parameters.
  const ownedIds = db
    .select({ id: orderItems.productId })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(eq(orders.customerId, customerId));
  const notOwned = bought.length ? [notInArray(products.id, ownedIds)] : [];

  const { weight, anchor } = complementsOf(bought);
  if (weight.size === 0) return { basis: 'popular', picks: await popularPicks(db, notOwned, limit) };

  const sizes = new Set(bought.map((b) => b.size));
  const candidates = await db
    .select({
      id: products.id,
      name: products.name,
      category: products.category,
      colour: products.colour,
      priceCents: products.priceCents,
      description: products.description,
      imageUrl: products.imageUrl,
      url: products.url,
      createdAt: products.createdAt,
    })
    .from(products)
    .where(and(inArray(products.category, [...weight.keys()]), inStock, ...notOwned))
    .orderBy(desc(products.createdAt), products.id)
    .limit(200);
  const vs = await variantsOf(
    db,
    candidates.map((p) => p.id),
  );
  const fitsSize = (id: string) => (vs.get(id) ?? []).some((v) => v.stock > 0 && sizes.has(v.size));
  const ranked = candidates
    .map((p, i) => ({ p, score: (weight.get(p.category) ?? 0) * 10 + (fitsSize(p.id) ? 5 : 0) - i / 1000 }))
    .sort((a, b) => b.score - a.score);
  return {
    basis: 'purchase_history',
    picks: spread(ranked, limit).map(({ p }) => ({
      ...toCard(p, vs.get(p.id) ?? [], 120),
      because: `goes with your ${anchor.get(p.category) ?? 'recent order'}`,
    })),
  };
}

/** Categories that go with what was bought, weighted, each with the purchase it goes with (the latest). */
function complementsOf(bought: ReadonlyArray<{ category: string; name: string }>): {
  weight: Map<string, number>;
  anchor: Map<string, string>;
} {
  const weight = new Map<string, number>();
  const anchor = new Map<string, string>();
  for (const b of bought) {
    (COMPLEMENTS[b.category] ?? []).forEach((c, i) => {
      weight.set(c, (weight.get(c) ?? 0) + (3 - i));
      if (!anchor.has(c)) anchor.set(c, b.name);
    });
  }
  return { weight, anchor };
}

/** No history to go on: the best sellers in stock. */
async function popularPicks(db: Db, notOwned: SQL[], limit: number): Promise<Recommendation[]> {
  const popular = await db
    .select({
      id: products.id,
      name: products.name,
      category: products.category,
      colour: products.colour,
      priceCents: products.priceCents,
      description: products.description,
      imageUrl: products.imageUrl,
      url: products.url,
      sold: count(orderItems.id),
    })
    .from(products)
    .leftJoin(orderItems, eq(orderItems.productId, products.id))
    .where(and(inStock, ...notOwned))
    .groupBy(products.id)
    .orderBy(desc(count(orderItems.id)), products.id)
    .limit(limit);
  const vs = await variantsOf(
    db,
    popular.map((p) => p.id),
  );
  return popular.map((p) => ({ ...toCard(p, vs.get(p.id) ?? [], 120), because: 'a customer favourite' }));
}

/** One pick per category before a second from any: a stylist offers a look, not five belts. */
function spread<T extends { p: { category: string } }>(ranked: readonly T[], limit: number): T[] {
  const picks: T[] = [];
  const perCategory = new Map<string, number>();
  for (let round = 1; picks.length < limit && round <= limit; round++) {
    for (const r of ranked) {
      if (picks.length >= limit) break;
      if (picks.includes(r) || (perCategory.get(r.p.category) ?? 0) >= round) continue;
      picks.push(r);
      perCategory.set(r.p.category, (perCategory.get(r.p.category) ?? 0) + 1);
    }
  }
  return picks;
}

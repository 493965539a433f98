// Customers and their loyalty standing.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { customers, prepared, readCacheOf, type Db } from '../db/index.js';
import { LOYALTY_TIERS, POINTS_VALUE, TIER_PERKS, TIER_THRESHOLDS, type LoyaltyTier } from './policy.js';

export type CustomerRow = typeof customers.$inferSelect;

export async function findCustomer(db: Db, id: string): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row;
}

/**
 * A customer who may act: in the store and not blocked. Asked on every request that carries an
 * identity token, so compiled once per db, and kept on the server until the customers table is
 * written (a block or an erasure is seen by the next request).
 */
export async function customerExists(db: Db, id: string): Promise<boolean> {
  // Nothing here moves with the clock: no time-to-live.
  const kept = readCacheOf<boolean>(db, 'shop.customerExists', { tables: [customers], ttlMs: Infinity, max: 10_000 });
  return kept.read(id, 0, () => customerExistsNow(db, id));
}

async function customerExistsNow(db: Db, id: string): Promise<boolean> {
  const q = prepared(db, 'shop.customerExists', (d) =>
    d
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, sql.placeholder('id')), isNull(customers.blockedAt)))
      .limit(1)
      .prepare(),
  );
  const [row] = await q.all({ id });
  return row !== undefined;
}

/** Emails compare case-insensitively: shoppers type them however they like. */
export async function findCustomerByEmail(db: Db, email: string): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(eq(sql`lower(${customers.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row;
}

export const asTier = (t: string): LoyaltyTier => ((LOYALTY_TIERS as readonly string[]).includes(t) ? (t as LoyaltyTier) : 'none');

export const perksFor = (tier: string): readonly string[] => TIER_PERKS[asTier(tier)];

export function loyaltyView(c: Pick<CustomerRow, 'loyaltyTier' | 'loyaltyPoints'>) {
  const tier = asTier(c.loyaltyTier);
  const next = LOYALTY_TIERS[LOYALTY_TIERS.indexOf(tier) + 1];
  return {
    tier,
    points: c.loyaltyPoints,
    pointsValue: POINTS_VALUE,
    perks: [...TIER_PERKS[tier]],
    ...(next ? { nextTier: { tier: next, pointsNeeded: Math.max(0, TIER_THRESHOLDS[next] - c.loyaltyPoints) } } : {}),
  };
}

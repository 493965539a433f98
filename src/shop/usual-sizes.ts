// The sizes a customer usually buys, read from their orders (or, before any, the sizes they gave
// when registering): what "in my size" means. Clothes
// (XS–XXL) and shoes (EU numbers) are kept apart; the size bought most often wins, the more
// recent one on a tie. One-size items, and anything returned or cancelled, say nothing about a size.
import { and, count, eq, max, notInArray, sql } from 'drizzle-orm';
import { customers, orderItems, orders, prepared, products, type Db } from '../db/index.js';
import { LETTER_SIZES } from './catalog.js';

export interface UsualSize {
  size: string;
  /** Bought most in their orders, or given when they registered. */
  from: 'orders' | 'registration';
}

export interface UsualSizes {
  clothing: UsualSize | null;
  shoes: UsualSize | null;
}

const SHOE = /^(3[4-9]|4[0-9])$/;

export async function usualSizes(db: Db, customerId: string): Promise<UsualSizes> {
  const q = prepared(db, 'shop.usualSizes', (d) =>
    d
      .select({ size: orderItems.size, category: products.category, n: count(), last: max(orders.createdAt) })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .innerJoin(products, eq(products.id, orderItems.productId))
      // Sent back or never sent: says nothing about what fits.
      .where(
        and(
          eq(orders.customerId, sql.placeholder('id')),
          notInArray(orders.status, ['cancelled', 'returned']),
          notInArray(orderItems.status, ['cancelled', 'returned']),
        ),
      )
      .groupBy(orderItems.size, products.category)
      .prepare(),
  );
  const rows = await q.all({ id: customerId });
  const tally = (fits: (r: (typeof rows)[number]) => boolean) => {
    const bySize = new Map<string, { n: number; last: number }>();
    for (const r of rows.filter(fits)) {
      const size = r.size.toUpperCase();
      const t = bySize.get(size) ?? { n: 0, last: 0 };
      bySize.set(size, { n: t.n + r.n, last: Math.max(t.last, r.last ?? 0) });
    }
    const best = [...bySize].sort((a, b) => b[1].n - a[1].n || b[1].last - a[1].last)[0];
    return best ? { size: best[0], from: 'orders' as const } : null;
  };
  const letter = (s: string) => LETTER_SIZES.includes(s.toUpperCase());
  const bought = {
    clothing: tally((r) => r.category !== 'shoes' && letter(r.size)),
    shoes: tally((r) => r.category === 'shoes' && SHOE.test(r.size)),
  };
  if (bought.clothing && bought.shoes) return bought;
  // What their orders don't show: the sizes they gave when registering ("size", "shoeSize").
  const answersQ = prepared(db, 'shop.sizeAnswers', (d) =>
    d
      .select({ answers: customers.answers })
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .limit(1)
      .prepare(),
  );
  const [customer] = await answersQ.all({ id: customerId });
  const said = (key: string, valid: (s: string) => boolean) => {
    const raw: unknown = customer?.answers?.[key];
    const v = typeof raw === 'string' ? raw.trim().toUpperCase() : null;
    return v && valid(v) ? { size: v, from: 'registration' as const } : null;
  };
  return { clothing: bought.clothing ?? said('size', letter), shoes: bought.shoes ?? said('shoeSize', (s) => SHOE.test(s)) };
}

// The sizes a customer usually buys, read from their orders: what "in my size" means. Clothes
// (XS–XXL) and shoes (EU numbers) are kept apart; the size bought most often wins, the more
// recent one on a tie. One-size items, and anything returned or cancelled, say nothing about a size.
import { and, count, eq, max, notInArray, sql } from 'drizzle-orm';
import { orderItems, orders, prepared, products, type Db } from '../db/index.js';

export interface UsualSizes {
  clothing: string | null;
  shoes: string | null;
}

const LETTER = /^(XXS|XS|S|M|L|XL|XXL)$/;
const SHOE = /^(3[4-9]|4[0-9])$/;

export async function usualSizes(db: Db, customerId: string): Promise<UsualSizes> {
  const q = prepared(db, 'shop.usualSizes', (d) =>
    d
      .select({ size: orderItems.size, category: products.category, n: count(), last: max(orders.createdAt) })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .innerJoin(products, eq(products.id, orderItems.productId))
      // Sent back or never sent: says nothing about what fits.
      .where(and(eq(orders.customerId, sql.placeholder('id')), notInArray(orders.status, ['cancelled', 'returned']), notInArray(orderItems.status, ['cancelled', 'returned'])))
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
    return best?.[0] ?? null;
  };
  return {
    clothing: tally((r) => r.category !== 'shoes' && LETTER.test(r.size.toUpperCase())),
    shoes: tally((r) => r.category === 'shoes' && SHOE.test(r.size)),
  };
}

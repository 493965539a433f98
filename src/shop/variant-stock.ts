// One size of one product, as the store holds it now: what reorders and replacements check stock against.
import { and, eq } from 'drizzle-orm';
import { variants, type Db } from '../db/index.js';
import type { VariantRow } from './catalog.js';

/** The variant, only when it belongs to that product (an order line's ids are checked as a pair). */
export async function variantOf(db: Db, productId: string, variantId: string): Promise<VariantRow | undefined> {
  const [row] = await db
    .select()
    .from(variants)
    .where(and(eq(variants.id, variantId), eq(variants.productId, productId)))
    .limit(1);
  return row;
}

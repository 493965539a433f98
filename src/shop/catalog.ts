// Catalog reads: products with per-size stock, as cards. Search is in search.ts. Product text is
// returned as data, never interpreted.
import { eq, inArray, or, sql } from 'drizzle-orm';
import { prepared, products, variants, type Db } from '../db/index.js';
import { dollars } from './format.js';

export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;

export interface ProductCard {
  id: string;
  name: string;
  category: string;
  colour: string;
  price: number;
  description: string;
  /** Units in stock per size, in size order. */
  stock: Record<string, number>;
  /** The product's picture on the store; null when it has none (the demo catalog). */
  imageUrl: string | null;
  /** The product's page on the store; null when it has none. */
  url: string | null;
}

/** Clothing sizes, smallest first. */
export const LETTER_SIZES: readonly string[] = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL'];
const CLOTHING_SIZES = [...LETTER_SIZES, 'ONE', 'ONE SIZE'];
export function sizeRank(size: string): number {
  const i = CLOTHING_SIZES.indexOf(size.toUpperCase());
  if (i >= 0) return i;
  const n = Number(size);
  return Number.isFinite(n) ? 100 + n : 1000;
}

export function stockRecord(rows: ReadonlyArray<Pick<VariantRow, 'size' | 'stock'>>): Record<string, number> {
  const sorted = [...rows].sort((a, b) => sizeRank(a.size) - sizeRank(b.size));
  return Object.fromEntries(sorted.map((v) => [v.size, v.stock]));
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export function toCard(
  p: Pick<ProductRow, 'id' | 'name' | 'category' | 'colour' | 'priceCents' | 'description'> & Partial<Pick<ProductRow, 'imageUrl' | 'url'>>,
  vs: ReadonlyArray<Pick<VariantRow, 'size' | 'stock'>>,
  descriptionMax = 160,
): ProductCard {
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    colour: p.colour,
    price: dollars(p.priceCents),
    description: clip(p.description, descriptionMax),
    stock: stockRecord(vs),
    imageUrl: p.imageUrl ?? null,
    url: p.url ?? null,
  };
}

// Lists of alternatives (colour family, words) take a power-of-two number of slots, the last value
// repeated into the spare ones (an OR of the same test twice is the same test), so a handful of
// statements covers every query. Words past the last slot still rank; they only do not filter.
const SLOTS = [1, 2, 4, 8, 16, 32];
export const slotsFor = (n: number) => (n === 0 ? 0 : (SLOTS.find((s) => s >= n) ?? SLOTS.at(-1)!));
export function fill(prefix: string, values: readonly string[], slots: number, params: Record<string, unknown>): void {
  for (let i = 0; i < slots; i++) params[`${prefix}${i}`] = values[Math.min(i, values.length - 1)];
}

export const ph = (name: string) => sql.placeholder(name);

export async function variantsOf(db: Db, productIds: readonly string[]): Promise<Map<string, VariantRow[]>> {
  const out = new Map<string, VariantRow[]>();
  // In slices of at most 32 ids (D1 binds at most 100 parameters per statement).
  const max = SLOTS.at(-1)!;
  for (let i = 0; i < productIds.length; i += max) {
    const ids = productIds.slice(i, i + max);
    const slots = slotsFor(ids.length);
    const q = prepared(db, `shop.variantsOf:${slots}`, (d) =>
      d
        .select()
        .from(variants)
        .where(
          inArray(
            variants.productId,
            Array.from({ length: slots }, (_, k) => ph(`id${k}`)),
          ),
        )
        .prepare(),
    );
    const params: Record<string, unknown> = {};
    fill('id', ids, slots, params);
    for (const r of await q.all(params)) {
      const list = out.get(r.productId);
      if (list) list.push(r);
      else out.set(r.productId, [r]);
    }
  }
  return out;
}

/** A product by id (or slug) with its variants; undefined when there is none. */
export async function findProduct(db: Db, idOrSlug: string): Promise<{ product: ProductRow; variants: VariantRow[] } | undefined> {
  const productQ = prepared(db, 'shop.findProduct', (d) =>
    d
      .select()
      .from(products)
      .where(or(eq(products.id, ph('key')), eq(products.slug, ph('key'))))
      .limit(1)
      .prepare(),
  );
  const variantsQ = prepared(db, 'shop.variantsOfOne', (d) =>
    d
      .select()
      .from(variants)
      .where(eq(variants.productId, ph('id')))
      .prepare(),
  );
  const [product] = await productQ.all({ key: idOrSlug });
  if (!product) return undefined;
  const vs = await variantsQ.all({ id: product.id });
  return { product, variants: vs.sort((a, b) => sizeRank(a.size) - sizeRank(b.size)) };
}

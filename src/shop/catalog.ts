// Catalog reads: products with per-size stock, and search ranked by text match over name,
// tags, colour, category and description. Product text is returned as data, never interpreted.
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { products, variants, type Db } from '../db/index.js';
import { dollars } from './format.js';
import { colourMatches, parseQuery, stem, tokenize } from './search-query.js';

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
}

const CLOTHING_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'ONE', 'ONE SIZE'];
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

export function toCard(p: Pick<ProductRow, 'id' | 'name' | 'category' | 'colour' | 'priceCents' | 'description'>, vs: ReadonlyArray<Pick<VariantRow, 'size' | 'stock'>>, descriptionMax = 160): ProductCard {
  return { id: p.id, name: p.name, category: p.category, colour: p.colour, price: dollars(p.priceCents), description: clip(p.description, descriptionMax), stock: stockRecord(vs) };
}

const D1_MAX_IDS = 90;

export async function variantsOf(db: Db, productIds: readonly string[]): Promise<Map<string, VariantRow[]>> {
  const out = new Map<string, VariantRow[]>();
  if (productIds.length === 0) return out;
  // D1 binds at most 100 parameters per statement, so long id lists go in slices.
  for (let i = 0; i < productIds.length; i += D1_MAX_IDS) {
    const rows = await db.select().from(variants).where(inArray(variants.productId, productIds.slice(i, i + D1_MAX_IDS)));
    for (const r of rows) out.set(r.productId, [...(out.get(r.productId) ?? []), r]);
  }
  return out;
}

/** A product by id (or slug) with its variants; undefined when there is none. */
export async function findProduct(db: Db, idOrSlug: string): Promise<{ product: ProductRow; variants: VariantRow[] } | undefined> {
  const [product] = await db.select().from(products).where(or(eq(products.id, idOrSlug), eq(products.slug, idOrSlug))).limit(1);
  if (!product) return undefined;
  const vs = await db.select().from(variants).where(eq(variants.productId, product.id));
  return { product, variants: vs.sort((a, b) => sizeRank(a.size) - sizeRank(b.size)) };
}

export interface SearchInput {
  query: string;
  category?: string | undefined;
  colour?: string | undefined;
  size?: string | undefined;
  maxPriceCents?: number | undefined;
  limit: number;
}

export interface SearchResult {
  /** The filters actually applied, from the fields and from the query text. */
  understood: { category?: string; colour?: string; size?: string; maxPrice?: number; minPrice?: number; words: string[] };
  matches: ProductCard[];
  /** True when no product matched the words and the results match the filters only. */
  approximate?: true;
}

const CANDIDATES = 300;

// Spelled out rather than built from column objects: in a select list drizzle writes columns
// without their table, and inside this subquery a bare "id" would be the variant's own id.
const inStock = sql<number>`exists (select 1 from ${variants} as v where v.product_id = ${products}.id and v.stock > 0)`.mapWith(Number);

export async function searchProducts(db: Db, input: SearchInput): Promise<SearchResult> {
  const parsed = parseQuery(input.query);
  const category = input.category ?? parsed.category;
  const colour = input.colour?.toLowerCase().replace(/[^a-z -]/g, '').trim() || parsed.colour;
  const size = input.size ?? parsed.size;
  const maxPriceCents = input.maxPriceCents ?? parsed.maxPriceCents;
  const minPriceCents = parsed.minPriceCents;
  const terms = parsed.terms;
  const rankTerms = [...terms, ...parsed.rankTerms];

  const filters: SQL[] = [];
  if (category) filters.push(eq(products.category, category));
  if (colour) filters.push(or(...colourMatches(colour).map((c) => sql`lower(${products.colour}) like ${`%${c}%`}`))!);
  if (maxPriceCents !== undefined) filters.push(lte(products.priceCents, maxPriceCents));
  if (minPriceCents !== undefined) filters.push(gte(products.priceCents, minPriceCents));
  if (size) filters.push(sql`exists (select 1 from ${variants} where ${variants.productId} = ${products.id} and ${variants.size} = ${size} and ${variants.stock} > 0)`);

  const textFilter = terms.length
    ? or(...terms.map((t) => sql`(${products.name} || ' ' || ${products.tags} || ' ' || ${products.category} || ' ' || ${products.colour} || ' ' || ${products.description}) like ${`%${t}%`}`))
    : undefined;

  const select = (withText: boolean) =>
    db
      .select({
        id: products.id, name: products.name, category: products.category, colour: products.colour,
        priceCents: products.priceCents, description: products.description, tags: products.tags,
        inStock,
      })
      .from(products)
      .where(and(...filters, ...(withText && textFilter ? [textFilter] : [])))
      .orderBy(asc(products.priceCents), asc(products.id))
      .limit(CANDIDATES);

  // Within a colour family ("blue" also finds navy) the exact colour comes first.
  const score = (r: { colour: string } & Parameters<typeof scoreText>[0]) => scoreText(r, rankTerms) + (colour && r.colour.toLowerCase() === colour ? 0.5 : 0);
  let rows = await select(true);
  let scored = rows.map((r) => ({ r, score: score(r) })).filter((x) => terms.length === 0 || scoreText(x.r, terms) > 0);
  let approximate = false;
  // Words that match nothing ("something for a wedding") should not hide what the filters found.
  if (scored.length === 0 && terms.length > 0 && filters.length > 0) {
    rows = await select(false);
    scored = rows.map((r) => ({ r, score: score(r) }));
    approximate = scored.length > 0;
  }
  scored.sort((a, b) => b.score - a.score || Number(b.r.inStock > 0) - Number(a.r.inStock > 0) || a.r.priceCents - b.r.priceCents || a.r.id.localeCompare(b.r.id));
  const top = scored.slice(0, input.limit).map((x) => x.r);
  const vs = await variantsOf(db, top.map((p) => p.id));

  const understood: SearchResult['understood'] = { words: terms };
  if (category) understood.category = category;
  if (colour) understood.colour = colour;
  if (size) understood.size = size;
  if (maxPriceCents !== undefined) understood.maxPrice = dollars(maxPriceCents);
  if (minPriceCents !== undefined) understood.minPrice = dollars(minPriceCents);
  const result: SearchResult = { understood, matches: top.map((p) => toCard(p, vs.get(p.id) ?? [])) };
  if (approximate) result.approximate = true;
  return result;
}

function scoreText(p: { name: string; tags: string; category: string; colour: string; description: string }, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  const fields: Array<[Set<string>, number]> = [
    [new Set(tokenize(p.name).map(stem)), 3],
    [new Set(tokenize(p.tags).map(stem)), 2],
    [new Set([...tokenize(p.category), ...tokenize(p.colour)].map(stem)), 2],
    [new Set(tokenize(p.description).map(stem)), 1],
  ];
  let score = 0;
  for (const term of terms) {
    for (const [tokens, weight] of fields) {
      if (tokens.has(term) || (term.length >= 4 && [...tokens].some((t) => t.startsWith(term)))) score += weight;
    }
  }
  return score;
}

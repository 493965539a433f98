// Catalog reads: products with per-size stock, and search ranked by text match over name,
// tags, colour, category and description. Product text is returned as data, never interpreted.
import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { prepared, products, variants, type Db } from '../db/index.js';
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
    id: p.id, name: p.name, category: p.category, colour: p.colour, price: dollars(p.priceCents), description: clip(p.description, descriptionMax), stock: stockRecord(vs),
    imageUrl: p.imageUrl ?? null, url: p.url ?? null,
  };
}

// Lists of alternatives (colour family, words) take a power-of-two number of slots, the last value
// repeated into the spare ones (an OR of the same test twice is the same test), so a handful of
// statements covers every query. Words past the last slot still rank; they only do not filter.
const SLOTS = [1, 2, 4, 8, 16, 32];
const slotsFor = (n: number) => (n === 0 ? 0 : (SLOTS.find((s) => s >= n) ?? SLOTS.at(-1)!));
function fill(prefix: string, values: readonly string[], slots: number, params: Record<string, unknown>): void {
  for (let i = 0; i < slots; i++) params[`${prefix}${i}`] = values[Math.min(i, values.length - 1)];
}

const ph = (name: string) => sql.placeholder(name);

export async function variantsOf(db: Db, productIds: readonly string[]): Promise<Map<string, VariantRow[]>> {
  const out = new Map<string, VariantRow[]>();
  // In slices of at most 32 ids (D1 binds at most 100 parameters per statement).
  const max = SLOTS.at(-1)!;
  for (let i = 0; i < productIds.length; i += max) {
    const ids = productIds.slice(i, i + max);
    const slots = slotsFor(ids.length);
    const q = prepared(db, `shop.variantsOf:${slots}`, (d) =>
      d.select().from(variants).where(inArray(variants.productId, Array.from({ length: slots }, (_, k) => ph(`id${k}`)))).prepare(),
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
  const productQ = prepared(db, 'shop.findProduct', (d) => d.select().from(products).where(or(eq(products.id, ph('key')), eq(products.slug, ph('key')))).limit(1).prepare());
  const variantsQ = prepared(db, 'shop.variantsOfOne', (d) => d.select().from(variants).where(eq(variants.productId, ph('id'))).prepare());
  const [product] = await productQ.all({ key: idOrSlug });
  if (!product) return undefined;
  const vs = await variantsQ.all({ id: product.id });
  return { product, variants: vs.sort((a, b) => sizeRank(a.size) - sizeRank(b.size)) };
}

export interface SearchInput {
  query: string;
  category?: string | undefined;
  colour?: string | undefined;
  size?: string | undefined;
  maxPriceCents?: number | undefined;
  /** What the shopper does not want: colours (with their family: "black" also drops charcoal), materials, named words ("canvas"). */
  exclude?: readonly string[] | undefined;
  limit: number;
  /** Ranked results to skip (those already shown). */
  offset?: number | undefined;
}

export interface SearchResult {
  /** The filters actually applied, from the fields and from the query text. */
  understood: { category?: string; colour?: string; size?: string; maxPrice?: number; minPrice?: number; newest?: true; excluded?: string[]; words: string[] };
  matches: ProductCard[];
  /** How many products match in all, up to the 300 candidates ranked (the matches are a page of them). */
  total: number;
  /** True when no product matched the words and the results match the filters only. */
  approximate?: true;
  /** True when what the words name is not in stock in the size asked: these are it, in other sizes. */
  sizeUnavailable?: true;
}

const CANDIDATES = 300;

// Spelled out rather than built from column objects: in a select list drizzle writes columns
// without their table, and inside this subquery a bare "id" would be the variant's own id.
const inStock = sql<number>`exists (select 1 from ${variants} as v where v.product_id = ${products}.id and v.stock > 0)`.mapWith(Number);

/** Which filters a search applies: the statement for each shape is built and prepared once. */
interface Shape {
  category: boolean;
  colours: number;
  max: boolean;
  min: boolean;
  size: boolean;
  terms: number;
  /** Which 300 candidates a large catalog yields: the newest, or the cheapest. */
  newest: boolean;
}

const haystack = sql`(${products.name} || ' ' || ${products.tags} || ' ' || ${products.category} || ' ' || ${products.colour} || ' ' || ${products.description})`;

function candidates(db: Db, shape: Shape) {
  return prepared(db, `shop.search:${JSON.stringify(shape)}`, (d) => {
    // Draft and archived products (kept for order history) are not for sale.
    const filters: SQL[] = [eq(products.status, 'active')];
    const any = (prefix: string, n: number, test: (ph: SQL) => SQL) => or(...Array.from({ length: n }, (_, i) => test(sql`${ph(`${prefix}${i}`)}`)))!;
    if (shape.category) filters.push(eq(products.category, ph('category')));
    if (shape.colours) filters.push(any('c', shape.colours, (c) => sql`lower(${products.colour}) like ${c}`));
    if (shape.max) filters.push(lte(products.priceCents, ph('max')));
    if (shape.min) filters.push(gte(products.priceCents, ph('min')));
    if (shape.size) filters.push(sql`exists (select 1 from ${variants} where ${variants.productId} = ${products.id} and ${variants.size} = ${ph('size')} and ${variants.stock} > 0)`);
    if (shape.terms) filters.push(any('t', shape.terms, (t) => sql`${haystack} like ${t}`));
    return d
      .select({
        id: products.id, name: products.name, category: products.category, colour: products.colour,
        priceCents: products.priceCents, description: products.description, tags: products.tags,
        createdAt: products.createdAt, imageUrl: products.imageUrl, url: products.url, inStock,
      })
      .from(products)
      .where(and(...filters))
      .orderBy(...(shape.newest ? [desc(products.createdAt), asc(products.id)] : [asc(products.priceCents), asc(products.id)]))
      .limit(CANDIDATES)
      .prepare();
  });
}

export async function searchProducts(db: Db, input: SearchInput): Promise<SearchResult> {
  const parsed = parseQuery(input.query);
  const category = input.category ?? parsed.category;
  const colour = input.colour?.toLowerCase().replace(/[^a-z -]/g, '').trim() || parsed.colour;
  const size = input.size ?? parsed.size;
  const maxPriceCents = input.maxPriceCents ?? parsed.maxPriceCents;
  const minPriceCents = parsed.minPriceCents;
  const terms = parsed.terms;
  const rankTerms = [...terms, ...parsed.rankTerms];

  const params: Record<string, unknown> = {};
  const colours = colour ? colourMatches(colour).map((c) => `%${c}%`) : [];
  const shape: Shape = {
    category: category !== undefined,
    colours: slotsFor(colours.length),
    max: maxPriceCents !== undefined,
    min: minPriceCents !== undefined,
    size: size !== undefined,
    terms: 0,
    newest: parsed.newest === true,
  };
  if (category !== undefined) params.category = category;
  fill('c', colours, shape.colours, params);
  if (maxPriceCents !== undefined) params.max = maxPriceCents;
  if (minPriceCents !== undefined) params.min = minPriceCents;
  if (size !== undefined) params.size = size;
  const filtered = shape.category || shape.colours > 0 || shape.max || shape.min || shape.size;
  const select = (withText: boolean, bySize = true) => {
    const base = bySize ? shape : { ...shape, size: false };
    if (!withText || terms.length === 0) return candidates(db, base).all(params);
    const words = { ...base, terms: slotsFor(terms.length) };
    const withWords = { ...params };
    fill('t', terms.map((t) => `%${t}%`), words.terms, withWords);
    return candidates(db, words).all(withWords);
  };

  // Within a colour family ("blue" also finds navy) the exact colour comes first.
  const score = (r: { colour: string } & Parameters<typeof scoreText>[0]) => scoreText(r, rankTerms) + (colour && r.colour.toLowerCase() === colour ? 0.5 : 0);
  let rows = await select(true);
  let scored = rows.map((r) => ({ r, score: score(r) })).filter((x) => terms.length === 0 || scoreText(x.r, terms) > 0);
  let approximate = false;
  let sizeUnavailable = false;
  // "the linen wrap dress in XXL" when it has no XXL: that dress, whose stock says so, rather than other dresses.
  if (scored.length === 0 && terms.length > 0 && shape.size) {
    const anySize = (await select(true, false)).map((r) => ({ r, score: score(r) })).filter((x) => scoreText(x.r, terms) > 0);
    if (anySize.length) {
      scored = anySize;
      sizeUnavailable = true;
    }
  }
  // Words that match nothing ("something for a wedding") should not hide what the filters found.
  if (scored.length === 0 && terms.length > 0 && filtered) {
    rows = await select(false);
    scored = rows.map((r) => ({ r, score: score(r) }));
    approximate = scored.length > 0;
  }
  // "a belt", "boots": when the catalog has that garment, the rest of its category is not what was asked for.
  // None of them within the other filters ("boots under $150"): the rest of the category, said to be approximate.
  let missing: string[] = [];
  if (!approximate && parsed.garments) {
    const garments = parsed.garments;
    const exact = scored.filter((x) => scoreText(x.r, garments) > 0);
    if (exact.length) scored = exact;
    else if (scored.length) {
      approximate = true;
      missing = parsed.rankTerms;
    }
  }
  const exclude = (input.exclude ?? []).map((x) => x.toLowerCase().trim()).filter(Boolean);
  if (exclude.length) scored = scored.filter((x) => !excluded(x.r, exclude));
  // "New arrivals": among equally good matches, what came in last comes first.
  const newest = shape.newest;
  scored.sort((a, b) => b.score - a.score || (newest ? b.r.createdAt - a.r.createdAt : 0) || Number(b.r.inStock > 0) - Number(a.r.inStock > 0) || a.r.priceCents - b.r.priceCents || a.r.id.localeCompare(b.r.id));
  const from = input.offset ?? 0;
  const top = scored.slice(from, from + input.limit).map((x) => x.r);
  const vs = await variantsOf(db, top.map((p) => p.id));

  const understood: SearchResult['understood'] = { words: [...parsed.said, ...missing] };
  if (category) understood.category = category;
  if (colour) understood.colour = colour;
  if (size) understood.size = size;
  if (maxPriceCents !== undefined) understood.maxPrice = dollars(maxPriceCents);
  if (minPriceCents !== undefined) understood.minPrice = dollars(minPriceCents);
  if (newest) understood.newest = true;
  if (exclude.length) understood.excluded = exclude;
  const result: SearchResult = { understood, matches: top.map((p) => toCard(p, vs.get(p.id) ?? [])), total: scored.length };
  if (approximate) result.approximate = true;
  if (sizeUnavailable) result.sizeUnavailable = true;
  return result;
}

/** "not black", "no polyester", "not the canvas ones": a colour excludes its family, any other word the pieces that name it. */
function excluded(p: { name: string; tags: string; colour: string; description: string }, exclude: readonly string[]): boolean {
  const colour = p.colour.toLowerCase();
  const words = new Set(tokenize(`${p.name} ${p.tags} ${p.description}`).map(stem));
  return exclude.some((x) => colourMatches(x).some((c) => colour.includes(c)) || tokenize(x).map(stem).every((w) => words.has(w)));
}

type Scorable = { id: string; name: string; tags: string; category: string; colour: string; description: string };
type Fields = Array<[tokens: Set<string>, weight: number]>;

// A product's text changes far less often than it is searched, so its stemmed words are kept
// (per product, checked against the text it was made from; at most 10,000 products).
const fieldCache = new Map<string, { text: string; fields: Fields }>();
function fieldsOf(p: Scorable): Fields {
  const text = `${p.name}\u0000${p.tags}\u0000${p.category}\u0000${p.colour}\u0000${p.description}`;
  const hit = fieldCache.get(p.id);
  if (hit && hit.text === text) return hit.fields;
  const fields: Fields = [
    [new Set(tokenize(p.name).map(stem)), 3],
    [new Set(tokenize(p.tags).map(stem)), 2],
    [new Set([...tokenize(p.category), ...tokenize(p.colour)].map(stem)), 2],
    [new Set(tokenize(p.description).map(stem)), 1],
  ];
  if (fieldCache.size >= 10_000) fieldCache.clear();
  fieldCache.set(p.id, { text, fields });
  return fields;
}

function scoreText(p: Scorable, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  const fields = fieldsOf(p);
  let score = 0;
  for (const term of terms) {
    for (const [tokens, weight] of fields) {
      if (tokens.has(term)) score += weight;
      else if (term.length >= 4) {
        for (const t of tokens) {
          if (t.startsWith(term)) {
            score += weight;
            break;
          }
        }
      }
    }
  }
  return score;
}

// Catalog search: filters from the fields and the query's words, candidates from one prepared
// statement per filter shape, ranked by text match over name, tags, colour, category and
// description. Product text is returned as data, never interpreted.
import { and, asc, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import { prepared, products, variants, type Db } from '../db/index.js';
import { fill, ph, slotsFor, toCard, variantsOf, type ProductCard } from './catalog.js';
import { dollars } from './format.js';
import { colourMatches, parseQuery, stem, tokenize } from './search-query.js';

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
  understood: {
    category?: string;
    colour?: string;
    size?: string;
    maxPrice?: number;
    minPrice?: number;
    newest?: true;
    excluded?: string[];
    words: string[];
  };
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
    const any = (prefix: string, n: number, test: (ph: SQL) => SQL) =>
      or(...Array.from({ length: n }, (_, i) => test(sql`${ph(`${prefix}${i}`)}`)))!;
    if (shape.category) filters.push(eq(products.category, ph('category')));
    if (shape.colours) filters.push(any('c', shape.colours, (c) => sql`lower(${products.colour}) like ${c}`));
    if (shape.max) filters.push(lte(products.priceCents, ph('max')));
    if (shape.min) filters.push(gte(products.priceCents, ph('min')));
    if (shape.size)
      filters.push(
        sql`exists (select 1 from ${variants} where ${variants.productId} = ${products.id} and ${variants.size} = ${ph('size')} and ${variants.stock} > 0)`,
      );
    if (shape.terms) filters.push(any('t', shape.terms, (t) => sql`${haystack} like ${t}`));
    return d
      .select({
        id: products.id,
        name: products.name,
        category: products.category,
        colour: products.colour,
        priceCents: products.priceCents,
        description: products.description,
        tags: products.tags,
        createdAt: products.createdAt,
        imageUrl: products.imageUrl,
        url: products.url,
        inStock,
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
  const f = filtersOf(input, parsed);
  const terms = parsed.terms;
  const rankTerms = [...terms, ...parsed.rankTerms];
  const select = (withText: boolean, bySize = true) => {
    const base = bySize ? f.shape : { ...f.shape, size: false };
    if (!withText || terms.length === 0) return candidates(db, base).all(f.params);
    const words = { ...base, terms: slotsFor(terms.length) };
    const withWords = { ...f.params };
    fill(
      't',
      terms.map((t) => `%${t}%`),
      words.terms,
      withWords,
    );
    return candidates(db, words).all(withWords);
  };
  // Within a colour family ("blue" also finds navy) the exact colour comes first.
  const score = (r: Candidate) => scoreText(r, rankTerms) + (f.colour && r.colour.toLowerCase() === f.colour ? 0.5 : 0);
  const found = await rank(select, score, parsed, f);
  let scored = found.scored;
  const exclude = (input.exclude ?? []).map((x) => x.toLowerCase().trim()).filter(Boolean);
  if (exclude.length) scored = scored.filter((x) => !excluded(x.r, exclude));
  // "New arrivals": among equally good matches, what came in last comes first.
  const newest = f.shape.newest;
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (newest ? b.r.createdAt - a.r.createdAt : 0) ||
      Number(b.r.inStock > 0) - Number(a.r.inStock > 0) ||
      a.r.priceCents - b.r.priceCents ||
      a.r.id.localeCompare(b.r.id),
  );
  const from = input.offset ?? 0;
  const top = scored.slice(from, from + input.limit).map((x) => x.r);
  const vs = await variantsOf(
    db,
    top.map((p) => p.id),
  );
  const result: SearchResult = {
    understood: understood(f, parsed, found.missing, exclude),
    matches: top.map((p) => toCard(p, vs.get(p.id) ?? [])),
    total: scored.length,
  };
  if (found.approximate) result.approximate = true;
  if (found.sizeUnavailable) result.sizeUnavailable = true;
  return result;
}

type Parsed = ReturnType<typeof parseQuery>;
type Candidate = Awaited<ReturnType<ReturnType<typeof candidates>['all']>>[number];
type Scored = { r: Candidate; score: number };

/** The filters of a search, from its fields first and its words second, as a statement shape and its parameters. */
interface Filters {
  category: string | undefined;
  colour: string | undefined;
  size: string | undefined;
  maxPriceCents: number | undefined;
  minPriceCents: number | undefined;
  shape: Shape;
  params: Record<string, unknown>;
  /** Whether anything but words narrows the search. */
  filtered: boolean;
}

function filtersOf(input: SearchInput, parsed: Parsed): Filters {
  const category = input.category ?? parsed.category;
  const colour =
    input.colour
      ?.toLowerCase()
      .replace(/[^a-z -]/g, '')
      .trim() || parsed.colour;
  const size = input.size ?? parsed.size;
  const maxPriceCents = input.maxPriceCents ?? parsed.maxPriceCents;
  const minPriceCents = parsed.minPriceCents;
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
  return { category, colour, size, maxPriceCents, minPriceCents, shape, params, filtered };
}

/** The candidates that match, scored, with the fallbacks when the words match nothing as asked. */
async function rank(
  select: (withText: boolean, bySize?: boolean) => Candidate[] | Promise<Candidate[]>,
  score: (r: Candidate) => number,
  parsed: Parsed,
  f: Filters,
): Promise<{ scored: Scored[]; approximate: boolean; sizeUnavailable: boolean; missing: string[] }> {
  const terms = parsed.terms;
  let scored = (await select(true)).map((r) => ({ r, score: score(r) })).filter((x) => terms.length === 0 || scoreText(x.r, terms) > 0);
  let approximate = false;
  let sizeUnavailable = false;
  // "the linen wrap dress in XXL" when it has no XXL: that dress, whose stock says so, rather than other dresses.
  if (scored.length === 0 && terms.length > 0 && f.shape.size) {
    const anySize = (await select(true, false)).map((r) => ({ r, score: score(r) })).filter((x) => scoreText(x.r, terms) > 0);
    if (anySize.length) {
      scored = anySize;
      sizeUnavailable = true;
    }
  }
  // Words that match nothing ("something for a wedding") should not hide what the filters found.
  if (scored.length === 0 && terms.length > 0 && f.filtered) {
    scored = (await select(false)).map((r) => ({ r, score: score(r) }));
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
  return { scored, approximate, sizeUnavailable, missing };
}

function understood(f: Filters, parsed: Parsed, missing: readonly string[], exclude: string[]): SearchResult['understood'] {
  const u: SearchResult['understood'] = { words: [...parsed.said, ...missing] };
  if (f.category) u.category = f.category;
  if (f.colour) u.colour = f.colour;
  if (f.size) u.size = f.size;
  if (f.maxPriceCents !== undefined) u.maxPrice = dollars(f.maxPriceCents);
  if (f.minPriceCents !== undefined) u.minPrice = dollars(f.minPriceCents);
  if (f.shape.newest) u.newest = true;
  if (exclude.length) u.excluded = exclude;
  return u;
}

/** "not black", "no polyester", "not the canvas ones": a colour excludes its family, any other word the pieces that name it. */
function excluded(p: { name: string; tags: string; colour: string; description: string }, exclude: readonly string[]): boolean {
  const colour = p.colour.toLowerCase();
  const words = new Set(tokenize(`${p.name} ${p.tags} ${p.description}`).map(stem));
  return exclude.some(
    (x) =>
      colourMatches(x).some((c) => colour.includes(c)) ||
      tokenize(x)
        .map(stem)
        .every((w) => words.has(w)),
  );
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

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { products } from '../../src/db/index.js';
import { parseQuery, searchProducts } from '../../src/shop/index.js';
import { store, type Store } from '../tools/scenario.js';

describe('reading a shopper’s search words', () => {
  it.each([
    ['red dress under $150', { category: 'dresses', colour: 'red', maxPriceCents: 15_000 }],
    ['do you have red dresses under 150 dollars?', { category: 'dresses', colour: 'red', maxPriceCents: 15_000 }],
    ['navy tee in M', { category: 'tops', colour: 'navy', size: 'M' }],
    ['boots size 39 less than $200', { category: 'shoes', size: '39', maxPriceCents: 20_000 }],
    ['grey coat between $50 and $120', { category: 'outerwear', colour: 'grey', minPriceCents: 5_000, maxPriceCents: 12_000 }],
    ['a dress and shoes for a wedding', {}],
  ])('%s', (text, expected) => {
    const parsed = parseQuery(text);
    for (const [k, v] of Object.entries(expected)) expect(parsed[k as keyof typeof parsed]).toEqual(v);
  });

  it('keeps words that are materials, not colours, as search words', () => {
    const parsed = parseQuery('denim jacket');
    expect(parsed.colour).toBeUndefined();
    expect(parsed.terms).toContain('denim');
    expect(parsed.category).toBe('outerwear');
  });

  it('lets an occasion word also match how such products are described, but reports only the words said', () => {
    const parsed = parseQuery('an elegant dress for a gala');
    expect(parsed.category).toBe('dresses');
    expect(parsed.said).toEqual(['elegant', 'gala']);
    expect(parsed.terms).toEqual(expect.arrayContaining(['elegant', 'gala', 'evening', 'party']));
  });

  it('searches for both garments when two categories are named', () => {
    const parsed = parseQuery('a dress and shoes for a wedding');
    expect(parsed.category).toBeUndefined();
    expect(parsed.terms).toEqual(expect.arrayContaining(['dress', 'shoe', 'wedding']));
  });
});

describe('searchProducts on a real catalog', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  it('pages with offset: the pages follow the ranking without repeats, and total counts every match', async () => {
    const q = { query: '', category: 'dresses' };
    const all = await searchProducts(s.db, { ...q, limit: 10 });
    expect(all.total).toBeGreaterThan(2);
    expect(all.total).toBeLessThanOrEqual(10);
    const paged = [];
    for (let offset = 0; offset < all.total; offset += 2) paged.push(...(await searchProducts(s.db, { ...q, limit: 2, offset })).matches);
    expect(paged.map((p) => p.id)).toEqual(all.matches.map((p) => p.id));
    expect((await searchProducts(s.db, { ...q, limit: 2, offset: all.total })).matches).toEqual([]);
  });

  it('finds red dresses under $150 from the query text alone, with stock per size', async () => {
    const r = await searchProducts(s.db, { query: 'red dress under $150', limit: 5 });
    expect(r.understood).toMatchObject({ category: 'dresses', colour: 'red', maxPrice: 150 });
    expect(r.matches.map((m) => m.name).sort()).toEqual(['Burgundy Slip Dress', 'Red Wrap Dress']);
    const wrap = r.matches.find((m) => m.id === 'p_wrap')!;
    expect(wrap.price).toBe(129);
    expect(wrap.stock).toEqual({ XS: 0, S: 3, M: 0, L: 2 });
    expect(Object.keys(wrap.stock)).toEqual(['XS', 'S', 'M', 'L']);
  });

  it('applies a size filter only to sizes in stock', async () => {
    const r = await searchProducts(s.db, { query: 'dress', size: 'M', limit: 10 });
    const names = r.matches.map((m) => m.name);
    expect(names).not.toContain('Red Wrap Dress'); // M sold out
    expect(names).toEqual(expect.arrayContaining(['Burgundy Slip Dress', 'Red Evening Gown', 'Blue Linen Dress', 'Black Party Dress']));
  });

  it('ranks name matches first and falls back to filters when words match nothing', async () => {
    const boots = await searchProducts(s.db, { query: 'leather boots', limit: 3 });
    expect(boots.matches[0]?.name).toBe('Leather Ankle Boots');
    const vague = await searchProducts(s.db, { query: 'something blue for a garden wedding', limit: 5 });
    expect(vague.approximate).toBe(true);
    expect(vague.matches.map((m) => m.name)).toEqual(['Blue Linen Dress', 'Navy Cotton Tee']);
  });

  it('puts what can be bought before a sold-out product that matches as well, whatever the price', async () => {
    // The sold-out Green Trench Coat ($210) is cheaper, so price order alone would put it first.
    await s.f.product({ id: 'p_wool', name: 'Grey Wool Coat', category: 'outerwear', colour: 'grey', price: 250, sizes: { M: 0, L: 1 } });
    const r = await searchProducts(s.db, { query: 'coat', limit: 5 });
    expect(r.matches.map((m) => m.name)).toEqual(['Grey Wool Coat', 'Green Trench Coat']);
  });

  it('finds a product for each of several words, whatever their number', async () => {
    const three = await searchProducts(s.db, { query: 'linen tee boots', limit: 10 });
    expect(three.matches.map((m) => m.name).sort()).toEqual(['Blue Linen Dress', 'Leather Ankle Boots', 'Navy Cotton Tee']);
    const five = await searchProducts(s.db, { query: 'linen tee boots belt gown', limit: 10 });
    expect(five.matches.map((m) => m.name).sort()).toEqual([
      'Blue Linen Dress',
      'Leather Ankle Boots',
      'Navy Cotton Tee',
      'Red Evening Gown',
      'Tan Leather Belt',
    ]);
  });

  it('finds a scarf for "scarves" (a plural in -ves), not another accessory', async () => {
    await s.f.product({ id: 'p_scarf', name: 'Blue Silk Scarf', category: 'accessories', colour: 'blue', price: 59, sizes: { ONE: 4 } });
    const r = await searchProducts(s.db, { query: 'scarves', limit: 5 });
    expect(r.approximate).toBeUndefined();
    expect(r.matches[0]?.name).toBe('Blue Silk Scarf');
  });

  it('returns nothing, not everything, for words that match no product and no filter', async () => {
    const r = await searchProducts(s.db, { query: 'kayak paddle', limit: 5 });
    expect(r.matches).toEqual([]);
  });

  it('lists new arrivals newest first, within what the other words and filters match', async () => {
    const arrived = { p_slip: 5, p_tee: 4, p_wrap: 3, p_blue: 2, p_gown: 1 } as Record<string, number>;
    for (const [id, daysAgo] of Object.entries(arrived))
      await s.db
        .update(products)
        .set({ createdAt: Date.now() - daysAgo * 86_400_000 })
        .where(eq(products.id, id));
    await s.db.update(products).set({ createdAt: Date.now() }).where(eq(products.id, 'p_belt'));
    const dresses = await searchProducts(s.db, { query: 'new arrivals', category: 'dresses', limit: 4 });
    expect(dresses.understood.newest).toBe(true);
    expect(dresses.understood.words).toEqual([]);
    expect(dresses.matches.map((m) => m.id)).toEqual(['p_gown', 'p_blue', 'p_wrap', 'p_slip']);
    expect((await searchProducts(s.db, { query: "what's new?", limit: 1 })).matches.map((m) => m.id)).toEqual(['p_belt']);
    // Without the cue the order is the usual one (cheapest first among equal matches).
    expect((await searchProducts(s.db, { query: '', category: 'dresses', limit: 1 })).matches.map((m) => m.id)).toEqual(['p_blue']);
  });

  it('shows only the garment asked for when the catalog has it, and says so when none fits the other filters', async () => {
    const belts = await searchProducts(s.db, { query: 'belts', limit: 5 });
    expect(belts.matches.map((m) => m.id)).toEqual(['p_belt']);
    expect(belts.total).toBe(1);
    const sneakers = await searchProducts(s.db, { query: 'sneakers under $200', limit: 5 });
    expect(sneakers.approximate).toBe(true);
    expect(sneakers.understood.words).toEqual(['sneaker']);
    expect(sneakers.matches.map((m) => m.id)).toEqual(['p_boots']);
    // A garment no product is called stays a ranking hint over the category ("sweaters" in a store of jumpers).
    const sweaters = await searchProducts(s.db, { query: 'sweaters', limit: 5 });
    expect(sweaters.matches.map((m) => m.id)).toEqual(['p_tee']);
    expect(sweaters.approximate).toBe(true);
  });

  it('a named piece without the size asked is still found, flagged, with the sizes it has; a plain filter search keeps filtering', async () => {
    const wrap = await searchProducts(s.db, { query: 'red wrap dress in XS', limit: 5 });
    expect(wrap.sizeUnavailable).toBe(true);
    expect(wrap.matches.map((m) => m.id)).toEqual(['p_wrap']);
    expect(wrap.matches[0]!.stock).toMatchObject({ XS: 0, S: 3 });
    const dresses = await searchProducts(s.db, { query: 'dresses in L', limit: 5 });
    expect(dresses.sizeUnavailable).toBeUndefined();
    expect(dresses.matches.map((m) => m.id)).toEqual(['p_wrap']);
  });
});

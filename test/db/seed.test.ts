import { describe, expect, it } from 'vitest';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { conversations, customers, DAY_MS } from '../../src/db/index.js';
import {
  DEMO_SHOPPERS,
  MARCUS_SHIPPED_ORDER,
  PROCESSING_ORDERS,
  generateDemoStore,
  seedDemoStore,
  seedSql,
} from '../../src/db/seed/index.js';
import { SEED_TABLES, rowsPerStatement } from '../../src/db/seed/tables.js';
import { tempDbsPerTest, type TempDb } from '../support/db.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const open = tempDbsPerTest();

/** Every seeded table's rows, in a stable order: two stores are the same iff their dumps are. */
const dump = (h: TempDb) =>
  Object.fromEntries(
    SEED_TABLES.map(([, t]) => [getTableName(t), h.sqlite.prepare(`SELECT * FROM "${getTableName(t)}" ORDER BY 1, 2`).all()]),
  );

describe('demo store seeding', () => {
  it('is deterministic, and every date moves with "now"', () => {
    expect(generateDemoStore({ now: NOW })).toEqual(generateDemoStore({ now: NOW }));
    const later = generateDemoStore({ now: NOW + 10 * DAY_MS });
    const base = generateDemoStore({ now: NOW });
    expect(later.orders.map((o) => o.number)).toEqual(base.orders.map((o) => o.number));
    expect(later.orders.map((o) => o.deliveredAt && o.deliveredAt - 10 * DAY_MS)).toEqual(base.orders.map((o) => o.deliveredAt));
  });

  it('seeds once, then leaves an existing store alone; reset rebuilds it exactly', async () => {
    const h = open();
    const first = await seedDemoStore(h.db, { now: NOW });
    expect(first).toMatchObject({ seeded: true, customers: 303, products: 156 });
    const snapshot = dump(h);
    const again = await seedDemoStore(h.db, { now: NOW + DAY_MS });
    expect(again).toEqual({ ...first, seeded: false });
    expect(dump(h)).toEqual(snapshot);

    // Chat history and edits disappear on reset; the store comes back as seeded.
    h.sqlite.prepare('UPDATE variants SET stock = 999').run();
    h.sqlite.prepare("DELETE FROM order_items WHERE order_id = 'o_28473'").run();
    await h.db.insert(conversations).values({
      id: 'conv1',
      sessionId: 's',
      segmentId: 'vip',
      ruleId: 'r',
      personaId: 'vip',
      personaVersion: 'v',
      model: 'offline',
      createdAt: NOW,
      updatedAt: NOW,
    });
    const reset = await seedDemoStore(h.db, { now: NOW, reset: true, atomic: h.atomic });
    expect(reset).toEqual(first);
    expect(dump(h)).toEqual(snapshot);
    expect(h.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
  });

  it('never seeds over a store that already has customers', async () => {
    const h = open();
    await h.db.insert(customers).values({ id: 'mine', email: 'owner@shop.test', firstName: 'O', lastName: 'W', createdAt: NOW });
    expect((await seedDemoStore(h.db, { now: NOW })).seeded).toBe(false);
    expect(h.sqlite.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
  });

  it('the same store comes out of seedSql (for D1), with every statement within D1 limits', async () => {
    const a = open();
    const b = open();
    await seedDemoStore(a.db, { now: NOW, atomic: a.atomic });
    b.sqlite.exec(seedSql({ now: NOW, reset: true }));
    expect(dump(b)).toEqual(dump(a));
    for (const [, table] of SEED_TABLES) expect(rowsPerStatement(table) * Object.keys(getTableColumns(table)).length).toBeLessThan(100);
    expect(seedSql({ now: NOW })).not.toMatch(/BEGIN|COMMIT/);
  });
});

describe('the demo store is a believable fashion shop', () => {
  const store = generateDemoStore({ now: NOW });

  it('has 150+ products in every category, sized per category, some sold out', () => {
    expect(store.products.length).toBeGreaterThanOrEqual(150);
    expect([...new Set(store.products.map((p) => p.category))].sort()).toEqual([
      'accessories',
      'dresses',
      'outerwear',
      'shoes',
      'tops',
      'trousers',
    ]);
    const categoryOf = new Map(store.products.map((p) => [p.id, p.category]));
    const sizes = (category: string) => new Set(store.variants.filter((v) => categoryOf.get(v.productId) === category).map((v) => v.size));
    expect([...sizes('dresses')]).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL']);
    expect([...sizes('shoes')]).toEqual(['36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46']);
    expect([...sizes('accessories')]).toEqual(['ONE']);
    expect(store.variants.filter((v) => v.stock === 0).length).toBeGreaterThan(20);
    expect(new Set(store.products.map((p) => p.slug)).size).toBe(store.products.length);
    for (const p of store.products) expect(p.description.length).toBeGreaterThan(40);
  });

  it('has red dresses under $150 in stock and blue items', () => {
    const redDresses = store.products.filter((p) => p.category === 'dresses' && p.colour === 'red' && p.priceCents < 150_00);
    expect(redDresses.length).toBeGreaterThanOrEqual(3);
    for (const d of redDresses) expect(store.variants.find((v) => v.productId === d.id && v.size === 'M')!.stock).toBeGreaterThan(0);
    expect(store.products.filter((p) => p.colour === 'blue').length).toBeGreaterThanOrEqual(10);
    expect(store.products.find((p) => p.name === 'Red Satin Slip Midi Dress')!.tags).toMatch(/\bdress\b.*\bred\b/);
  });

  it('has 300+ customers: about half never ordered, a third 1–4 orders, the rest 5+', () => {
    expect(store.customers.length).toBeGreaterThanOrEqual(300);
    const orders = new Map<string, number>();
    for (const o of store.orders) orders.set(o.customerId, (orders.get(o.customerId) ?? 0) + 1);
    const bucket = (min: number, max: number) =>
      store.customers.filter((c) => (orders.get(c.id) ?? 0) >= min && (orders.get(c.id) ?? 0) <= max).length / store.customers.length;
    expect(bucket(0, 0)).toBeCloseTo(0.5, 1);
    expect(bucket(1, 4)).toBeCloseTo(0.33, 1);
    expect(bucket(5, Infinity)).toBeGreaterThan(0.1);
    expect(new Set(store.customers.map((c) => c.email.toLowerCase())).size).toBe(store.customers.length);
    expect(store.segmentMemberships.length).toBeGreaterThan(0);
  });

  it('has 18 months of consistent orders: unique 5-digit numbers, totals, statuses and parcels', () => {
    const numbers = store.orders.map((o) => o.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(/^\d{5}$/);
    const ages = store.orders.map((o) => (NOW - o.createdAt) / DAY_MS);
    expect(Math.max(...ages)).toBeGreaterThan(480);
    expect(Math.max(...ages)).toBeLessThanOrEqual(549);
    for (const o of store.orders) {
      const items = store.orderItems.filter((i) => i.orderId === o.id);
      expect(items.length).toBeGreaterThan(0);
      expect(items.reduce((s, i) => s + i.quantity * i.unitPriceCents, 0)).toBe(o.totalCents);
      if (o.status === 'delivered' || o.status === 'returned') expect(o.deliveredAt).toBeGreaterThan(o.createdAt);
      if (o.status === 'shipped') expect([o.deliveredAt, typeof o.trackingCode]).toEqual([null, 'string']);
      if (o.status !== 'processing' && o.status !== 'cancelled') expect(o.carrier).toMatch(/^(UPS|USPS|FedEx|DHL)$/);
    }
    expect(new Set(store.orders.map((o) => o.status))).toEqual(new Set(['processing', 'shipped', 'delivered', 'returned', 'cancelled']));
  });

  it('has the three fixed demo shoppers', () => {
    const of = (id: string) => ({
      customer: store.customers.find((c) => c.id === id)!,
      orders: store.orders.filter((o) => o.customerId === id),
      sessions: store.sessions.filter((s) => s.customerId === id),
    });
    const lena = of(DEMO_SHOPPERS.lena.id);
    expect(lena.customer.email).toBe('lena@example.com');
    expect([lena.orders.length, lena.sessions.length]).toEqual([0, 0]);

    const marcus = of(DEMO_SHOPPERS.marcus.id);
    expect(marcus.customer.email).toBe('marcus@example.com');
    expect(marcus.orders).toHaveLength(3);
    const returnable = marcus.orders.find((o) => o.number === '28473')!;
    expect(returnable).toMatchObject({ status: 'delivered', deliveredAt: NOW - 5 * DAY_MS });
    const inTransit = marcus.orders.find((o) => o.number === MARCUS_SHIPPED_ORDER)!;
    expect(inTransit).toMatchObject({ status: 'shipped', deliveredAt: null });
    expect(inTransit.trackingCode).toBeTruthy();
    expect(marcus.sessions.length).toBeGreaterThan(0);
    // Orders placed hours ago that can still be cancelled or sent elsewhere, with an address to change.
    for (const [who, number] of [
      [marcus, PROCESSING_ORDERS.marcus],
      [of(DEMO_SHOPPERS.sarah.id), PROCESSING_ORDERS.sarah],
    ] as const) {
      const o = who.orders.find((x) => x.number === number)!;
      expect(o).toMatchObject({ status: 'processing', shippedAt: null, trackingCode: null, shipTo: { country: 'US' } });
      expect(NOW - o.createdAt).toBeLessThan(DAY_MS);
    }

    const sarah = of(DEMO_SHOPPERS.sarah.id);
    expect(sarah.customer).toMatchObject({ email: 'sarah@example.com', loyaltyTier: 'gold' });
    expect(sarah.customer.loyaltyPoints).toBeGreaterThan(0);
    expect(sarah.orders).toHaveLength(8);
    expect(sarah.orders.filter((o) => o.status === 'delivered')).toHaveLength(7);
    expect(sarah.sessions.length).toBeGreaterThan(3);
  });
});

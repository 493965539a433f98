// The case's store: who the shopper is (a demo customer, anonymous, or an inline profile
// materialized as a fresh customer), extra fixture products, and the facts graders need to
// tell the shopper's data from everyone else's.
import { asc, eq, sql } from 'drizzle-orm';
import { customers, orderItems, orders, products, segmentMemberships, sessions, variants, DAY_MS, type Db } from '../../db/index.js';
import type { FixtureProduct, InlineProfile, ShopperSpec } from '../case-schema.js';
import type { z } from 'zod';
import type { InlineOrderSchema } from '../case-schema.js';
import type { ShopperFacts, StoreFacts } from '../types.js';

interface FactRows {
  people: Array<{ id: string; email: string; first: string; last: string }>;
  numbers: Array<{ number: string; customerId: string }>;
  names: Array<{ name: string }>;
}

async function factRows(db: Db, onlyEvalRows: boolean): Promise<FactRows> {
  // The demo store is the same for every case; only rows a case added need reading again.
  const like = (col: Parameters<typeof sql>[1], prefix: string) => (onlyEvalRows ? sql`${col} like ${`${prefix}%`}` : sql`1 = 1`);
  return {
    people: await db
      .select({ id: customers.id, email: customers.email, first: customers.firstName, last: customers.lastName })
      .from(customers)
      .where(like(customers.id, 'c_eval_')),
    numbers: await db.select({ number: orders.number, customerId: orders.customerId }).from(orders).where(like(orders.id, 'o_eval_')),
    names: await db.select({ name: products.name }).from(products).where(like(products.id, 'p_fx_')),
  };
}

function factsFrom(rows: FactRows): StoreFacts {
  const orderOwner = new Map(rows.numbers.map((o) => [o.number, o.customerId]));
  const emailOwner = new Map(rows.people.map((p) => [p.email.toLowerCase(), p.id]));
  const fullNames = rows.people.map((p) => ({ name: `${p.first} ${p.last}`, customerId: p.id }));
  const productNames = rows.names.map((n) => n.name);
  return {
    orderOwner: (n) => orderOwner.get(n.replace(/^#/, '')) ?? null,
    emailOwner: (e) => emailOwner.get(e.toLowerCase()) ?? null,
    names: () => fullNames,
    productNames: () => productNames,
  };
}

/** Store facts of a whole store, or of `base` plus the rows a case added (ids c_eval_*, o_eval_*, p_fx_*). */
export async function loadStoreFacts(db: Db, base?: FactRows): Promise<StoreFacts & { rows: FactRows }> {
  const own = await factRows(db, !!base);
  const rows = base
    ? { people: [...base.people, ...own.people], numbers: [...base.numbers, ...own.numbers], names: [...base.names, ...own.names] }
    : own;
  return { ...factsFrom(rows), rows };
}

export type { FactRows };

export interface MaterializedShopper {
  facts: ShopperFacts;
  /** Customer id to sign an identity token for; null chats anonymously. */
  tokenFor: string | null;
}

export async function materializeShopper(db: Db, spec: ShopperSpec, ctx: { now: number; key: string }): Promise<MaterializedShopper> {
  const none: ShopperFacts = { kind: 'anonymous', customerId: null, firstName: null, lastName: null, email: null };
  if (spec === 'anonymous') return { facts: none, tokenFor: null };
  if (typeof spec === 'string') {
    const [row] = await db.select().from(customers).where(eq(customers.email, spec.toLowerCase())).limit(1);
    if (!row) throw new Error(`shopper ${spec} is not a customer of the demo store`);
    return {
      facts: { kind: 'customer', customerId: row.id, firstName: row.firstName, lastName: row.lastName, email: row.email },
      tokenFor: row.id,
    };
  }
  const facts = await createInlineCustomer(db, spec.profile, ctx);
  return spec.profile.signedIn ? { facts, tokenFor: facts.customerId } : { facts: { ...none }, tokenFor: null };
}

async function createInlineCustomer(db: Db, p: InlineProfile, ctx: { now: number; key: string }): Promise<ShopperFacts> {
  const id = `c_eval_${ctx.key}`;
  const email = (p.email ?? `${p.firstName}.${ctx.key}@eval.example`).toLowerCase();
  const createdAt = ctx.now - 400 * DAY_MS;
  await db.insert(customers).values({
    id,
    email,
    firstName: p.firstName,
    lastName: p.lastName,
    loyaltyTier: p.tier,
    loyaltyPoints: p.points,
    answers: p.answers,
    createdAt,
  });
  for (let i = 0; i < p.sessions; i++) {
    await db
      .insert(sessions)
      .values({ id: `s_eval_${ctx.key}_${i}`, customerId: id, startedAt: ctx.now - (i + 1) * 7 * DAY_MS, pagesSeen: 3 });
  }
  for (const segment of p.memberships) await db.insert(segmentMemberships).values({ customerId: id, segment, createdAt });
  const specs: Array<z.infer<typeof InlineOrderSchema>> =
    typeof p.orders === 'number'
      ? Array.from({ length: p.orders }, (_, i) => ({ status: 'delivered' as const, daysAgo: 20 + i * 25, items: 1 }))
      : p.orders;
  const stock = await stockedVariants(db);
  if (!stock.length && specs.length) throw new Error('inline profile orders need products with stock in the eval store');
  let pick = 0;
  for (let i = 0; i < specs.length; i++) {
    const o = specs[i]!;
    const lines = Array.from({ length: o.items }, () => stock[pick++ % stock.length]!);
    await insertInlineOrder(db, { o, i, customerId: id, lines }, ctx);
  }
  return { kind: 'customer', customerId: id, firstName: p.firstName, lastName: p.lastName, email };
}

type StockLine = Awaited<ReturnType<typeof stockedVariants>>[number];

/** Variants in stock, in a stable order: what inline orders are made of. */
function stockedVariants(db: Db) {
  return db
    .select({
      productId: variants.productId,
      variantId: variants.id,
      size: variants.size,
      name: products.name,
      colour: products.colour,
      price: products.priceCents,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(sql`${variants.stock} > 0`)
    .orderBy(asc(variants.id))
    .limit(50);
}

async function insertInlineOrder(
  db: Db,
  { o, i, customerId, lines }: { o: z.infer<typeof InlineOrderSchema>; i: number; customerId: string; lines: StockLine[] },
  ctx: { now: number; key: string },
): Promise<void> {
  const number = o.number ?? (await freeOrderNumber(db, 70000 + i));
  const createdAtO = ctx.now - o.daysAgo * DAY_MS;
  const delivered = o.status === 'delivered' || o.status === 'returned';
  const deliveredAt = delivered ? ctx.now - (o.deliveredDaysAgo ?? Math.max(0, o.daysAgo - 3)) * DAY_MS : null;
  const shippedAt = o.status === 'processing' || o.status === 'cancelled' ? null : createdAtO + DAY_MS;
  const orderId = `o_eval_${ctx.key}_${i}`;
  await db.insert(orders).values({
    id: orderId,
    number,
    customerId,
    status: o.status,
    totalCents: lines.reduce((n, l) => n + l.price, 0),
    createdAt: createdAtO,
    shippedAt,
    deliveredAt,
    carrier: shippedAt ? 'DHL' : null,
    trackingCode: shippedAt ? `EV${number}TRK` : null,
  });
  for (const [j, l] of lines.entries()) {
    await db.insert(orderItems).values({
      id: `${orderId}_${j}`,
      orderId,
      productId: l.productId,
      variantId: l.variantId,
      name: l.name,
      size: l.size,
      colour: l.colour,
      quantity: 1,
      unitPriceCents: l.price,
      status: o.status,
    });
  }
}

async function freeOrderNumber(db: Db, start: number): Promise<string> {
  for (let n = start; ; n += 97) {
    const [hit] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.number, String(n)))
      .limit(1);
    if (!hit) return String(n);
  }
}

/** Inserts a case's fixture products (e.g. one whose description carries a prompt injection). */
export async function insertFixtures(db: Db, list: readonly FixtureProduct[], ctx: { now: number; key: string }): Promise<void> {
  for (const [i, p] of list.entries()) {
    const id = p.id ?? `p_fx_${ctx.key}_${i}`;
    const slug = `${p.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-${id}`;
    await db.insert(products).values({
      id,
      slug,
      name: p.name,
      category: p.category,
      colour: p.colour,
      description: p.description,
      priceCents: Math.round(p.price * 100),
      tags: p.tags,
      createdAt: ctx.now - DAY_MS,
    });
    for (const [size, stock] of Object.entries(p.sizes)) {
      await db.insert(variants).values({ id: `${id}_${size}`, productId: id, size, sku: `${id}-${size}`.toUpperCase(), stock });
    }
  }
}

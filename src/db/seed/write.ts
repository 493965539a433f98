// Writes the demo store through drizzle so it works on better-sqlite3 and D1 alike.
import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Atomic, Db, WriteQuery } from '../index.js';
import { customers, orderItems, orders, products, segmentMemberships, sessions, variants } from '../schema.js';
import { generateDemoStore } from './generate.js';
import { RESET_ORDER, SEED_TABLES, chunk, rowsPerStatement } from './tables.js';

export interface SeedOptions {
  /** Epoch ms every date is relative to ("delivered 5 days ago"). */
  now: number;
  /** Delete every row of every table first, then seed. */
  reset?: boolean;
  /** All-or-nothing when given (a transaction on Node, db.batch on D1); otherwise statement by statement. */
  atomic?: Atomic;
}

export interface SeedSummary {
  /** False when the store already had data and `reset` was not asked for. */
  seeded: boolean;
  customers: number;
  products: number;
  variants: number;
  orders: number;
  orderItems: number;
  sessions: number;
  segmentMemberships: number;
}

type Query = WriteQuery & PromiseLike<unknown>;

export async function seedDemoStore(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  if (!opts.reset && (await isSeeded(db))) return { seeded: false, ...(await countRows(db)) };
  const store = generateDemoStore({ now: opts.now });
  const queries: Query[] = [];
  if (opts.reset) for (const table of RESET_ORDER) queries.push(db.delete(table) as unknown as Query);
  for (const [key, table] of SEED_TABLES) {
    for (const rows of chunk(store[key] as readonly object[], rowsPerStatement(table)))
      queries.push(db.insert(table).values(rows as never) as unknown as Query);
  }
  if (opts.atomic) await opts.atomic(queries);
  else for (const q of queries) await q;
  return {
    seeded: true,
    customers: store.customers.length,
    products: store.products.length,
    variants: store.variants.length,
    orders: store.orders.length,
    orderItems: store.orderItems.length,
    sessions: store.sessions.length,
    segmentMemberships: store.segmentMemberships.length,
  };
}

/** Any customer or product means someone's store is here: never seed over it unasked. */
async function isSeeded(db: Db): Promise<boolean> {
  const [c] = await db.select({ n: count() }).from(customers);
  const [p] = await db.select({ n: count() }).from(products);
  return (c?.n ?? 0) > 0 || (p?.n ?? 0) > 0;
}

async function countRows(db: Db): Promise<Omit<SeedSummary, 'seeded'>> {
  const n = async (table: SQLiteTable) => {
    const [row] = await db.select({ n: count() }).from(table);
    return row?.n ?? 0;
  };
  return {
    customers: await n(customers),
    products: await n(products),
    variants: await n(variants),
    orders: await n(orders),
    orderItems: await n(orderItems),
    sessions: await n(sessions),
    segmentMemberships: await n(segmentMemberships),
  };
}

// Which tables the seed fills (parents first) and which it clears on reset (children first).
import { getTableColumns, type Table } from 'drizzle-orm';
import * as t from '../schema.js';
import type { DemoStore } from './generate.js';

/** Insert order respects foreign keys. */
export const SEED_TABLES: Array<[keyof DemoStore, Table]> = [
  ['customers', t.customers],
  ['products', t.products],
  ['variants', t.variants],
  ['sessions', t.sessions],
  ['orders', t.orders],
  ['orderItems', t.orderItems],
  ['segmentMemberships', t.segmentMemberships],
];

/** Every table of the schema, children before the parents they reference. */
export const RESET_ORDER: Table[] = [
  t.feedback,
  t.messages,
  t.turns,
  t.verifiedOrders,
  t.conversations,
  t.tickets,
  t.events,
  t.replacements,
  t.claims,
  t.refunds,
  t.returnLabels,
  t.cartItems,
  t.carts,
  t.orderItems,
  t.orders,
  t.segmentMemberships,
  t.sessions,
  t.variants,
  t.products,
  t.customers,
];

/** D1 allows 100 bound parameters per statement; stay under it so one writer fits both drivers. */
export function rowsPerStatement(table: Table): number {
  return Math.max(1, Math.floor(99 / Object.keys(getTableColumns(table)).length));
}

export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

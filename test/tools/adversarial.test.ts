// The adversarial table of issue 4: whatever the model sends, tools act only within what the
// verified shopper may do, and bad input leaves the database exactly as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolName } from '../../src/tools/index.js';
import { ALL, error, store, type Store } from './scenario.js';

/** A fingerprint of every table a tool could write. */
async function snapshot(s: Store): Promise<string> {
  const tables = ['carts', 'cart_items', 'return_labels', 'tickets', 'conversations', 'order_items', 'orders', 'variants', 'events'];
  return JSON.stringify(tables.map((t) => s.h.sqlite.prepare(`select * from ${t} order by rowid`).all()));
}

const HUGE = 'x'.repeat(10 * 1024);
const SQL = "p_tee'; DROP TABLE orders; --";

describe('adversarial tool calls', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  it('another customer’s order number is not found, with the same text as a made-up number', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const theirs = error(await s.registry.execute('lookup_order', { orderNumber: '30001' }, ALL, ctx));
    const madeUp = error(await s.registry.execute('lookup_order', { orderNumber: '30002' }, ALL, ctx));
    expect(theirs.message.replace('30001', '#')).toBe(madeUp.message.replace('30002', '#'));
    expect(JSON.stringify(theirs)).not.toMatch(/Sarah|Slip|sarah/);
  });

  it('anonymous lookup_order → must verify', async () => {
    expect(error(await s.registry.execute('lookup_order', { orderNumber: '28473' }, ALL, await s.chat())).code).toBe('must_verify');
  });

  const badCalls: Array<[string, ToolName, unknown, RegExp | string]> = [
    ['quantity 0', 'add_to_cart', { productId: 'p_tee', size: 'M', quantity: 0 }, 'quantity'],
    ['quantity -1', 'add_to_cart', { productId: 'p_tee', size: 'M', quantity: -1 }, 'quantity'],
    ['quantity 11', 'add_to_cart', { productId: 'p_tee', size: 'M', quantity: 11 }, 'quantity'],
    ['quantity 1e9', 'add_to_cart', { productId: 'p_tee', size: 'M', quantity: 1e9 }, 'quantity'],
    ['quantity 1.5', 'add_to_cart', { productId: 'p_tee', size: 'M', quantity: 1.5 }, 'quantity'],
    ['quantity "two"', 'add_to_cart', { productId: 'p_tee', size: 'M', quantity: 'two' }, 'quantity'],
    ['10 KB product id', 'add_to_cart', { productId: HUGE, size: 'M' }, 'productId'],
    ['10 KB size', 'add_to_cart', { productId: 'p_tee', size: HUGE }, 'size'],
    ['10 KB query', 'search_products', { query: HUGE }, 'query'],
    ['10 KB reason', 'escalate_to_human', { reason: HUGE }, 'reason'],
    ['10 KB email', 'verify_customer', { email: `${HUGE}@example.com`, orderNumber: '28473' }, 'email'],
    ['SQL in order number', 'lookup_order', { orderNumber: "28473' OR '1'='1" }, 'orderNumber'],
    ['SQL in return order number', 'create_return_label', { orderNumber: '1; DELETE FROM return_labels', confirm: true }, 'orderNumber'],
    ['SQL in email', 'verify_customer', { email: "' OR 1=1 --", orderNumber: '28473' }, 'email'],
    ['negative price', 'search_products', { query: 'dress', maxPrice: -5 }, 'maxPrice'],
    ['unknown category', 'search_products', { query: 'dress', category: 'weapons' }, 'category'],
    ['items not an array', 'create_return_label', { orderNumber: '28473', items: 'all' }, 'items'],
    ['confirm as a string', 'create_return_label', { orderNumber: '28473', confirm: 'yes' }, 'confirm'],
  ];

  it.each(badCalls)('%s → validation error on the field, database unchanged', async (_label, tool, args, field) => {
    const ctx = await s.chat({ customerId: 'c_marcus', turn: 3 });
    const before = await snapshot(s);
    const e = error(await s.registry.execute(tool, args, ALL, ctx));
    expect(e.code).toBe('invalid_arguments');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(new RegExp(`^Invalid arguments for ${tool}: ${field}: `));
    expect(e.message.length).toBeLessThan(400); // a 10 KB input is never echoed back
    expect(await snapshot(s)).toBe(before);
    expect(ctx.events).toEqual([]);
  });

  it.each([
    ['unknown product', { productId: 'p_nope', size: 'M' }, 'not_found'],
    ['SQL-looking product id', { productId: SQL, size: 'M' }, 'not_found'],
    ['sold-out size', { productId: 'p_wrap', size: 'M' }, 'unavailable'],
  ])('%s → clear error, database unchanged', async (_label, args, code) => {
    const ctx = await s.chat();
    const before = await snapshot(s);
    const e = error(await s.registry.execute('add_to_cart', args, ALL, ctx));
    expect(e.code).toBe(code);
    expect(await snapshot(s)).toBe(before);
  });

  it('SQL-looking search text is just words', async () => {
    const ctx = await s.chat();
    const r = await s.registry.execute('search_products', { query: "red' OR 1=1; DROP TABLE products; --", colour: "red%' --" }, ALL, ctx);
    expect(r.ok).toBe(true);
    expect(s.h.sqlite.prepare('select count(*) as n from products').get()).toEqual({ n: 9 });
  });

  it('a tool outside the persona’s list is refused even when the model names it', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus', turn: 2 });
    const newVisitorTools: ToolName[] = [
      'search_products',
      'get_product',
      'add_to_cart',
      'view_cart',
      'store_policy',
      'verify_customer',
      'escalate_to_human',
    ];
    const before = await snapshot(s);
    for (const tool of ['create_return_label', 'lookup_order', 'reorder', 'recommend_products'] as const) {
      expect(error(await s.registry.execute(tool, { orderNumber: '28473', confirm: true }, newVisitorTools, ctx))).toEqual({
        code: 'not_allowed',
        message: `tool ${tool} is not available`,
      });
    }
    expect(await snapshot(s)).toBe(before);
  });

  it('the model cannot claim an identity: customer ids in arguments are ignored', async () => {
    const ctx = await s.chat();
    const r = error(
      await s.registry.execute('lookup_order', { orderNumber: '28473', customerId: 'c_marcus', email: 'marcus@example.com' }, ALL, ctx),
    );
    expect(r.code).toBe('must_verify');
  });
});
